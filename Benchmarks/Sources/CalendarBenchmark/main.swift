print("calendar benchmark: not written yet")
