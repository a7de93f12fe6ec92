print("mail benchmark: not written yet")
