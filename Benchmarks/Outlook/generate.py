#!/usr/bin/env python3
"""Writes N Outlook .msg files (MS-CFB version 3 holding MS-OXMSG properties) into a folder, for
Benchmarks/Outlook/run. A fixed seed makes the corpus the same on every machine.

The mix is a sales mailbox's: received mail with internet headers, sent items without them, plain-text bodies with
the RTF copy Outlook keeps beside them, some HTML bodies, recipients, small and large attachments, and now and then a
forwarded message embedded as an attachment.

Usage: generate.py FOLDER [COUNT]
"""
import os
import random
import struct
import sys

END, FREE, FATSECT = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
SECTOR = 512


def write_cfb(tree):
    """tree: list of (name, bytes) streams or (name, [children]) storages, under the root."""
    entries = [{"name": "Root Entry", "type": 5, "data": b"", "kids": []}]

    def add(nodes, parent):
        for name, value in nodes:
            index = len(entries)
            entries.append({"name": name, "type": 1 if isinstance(value, list) else 2,
                            "data": b"" if isinstance(value, list) else value, "kids": []})
            entries[parent]["kids"].append(index)
            if isinstance(value, list):
                add(value, index)

    add(tree, 0)
    for e in entries:
        e.update(left=FREE, right=FREE, child=FREE, start=END)
    for e in entries:
        kids = sorted(e["kids"], key=lambda i: (len(entries[i]["name"]), entries[i]["name"].upper()))

        def build(lo, hi):
            if lo >= hi:
                return FREE
            mid = (lo + hi) // 2
            entries[kids[mid]]["left"] = build(lo, mid)
            entries[kids[mid]]["right"] = build(mid + 1, hi)
            return kids[mid]

        e["child"] = build(0, len(kids))

    mini, minifat = bytearray(), []
    for e in entries:
        if e["type"] == 2 and 0 < len(e["data"]) < 4096:
            first, n = len(minifat), (len(e["data"]) + 63) // 64
            e["start"] = first
            minifat += [first + k + 1 for k in range(n - 1)] + [END]
            mini += e["data"] + b"\0" * (n * 64 - len(e["data"]))

    sectors, fat = [], []

    def place(data):
        if not data:
            return END
        first, n = len(sectors), (len(data) + SECTOR - 1) // SECTOR
        for k in range(n):
            sectors.append(data[k * SECTOR:(k + 1) * SECTOR].ljust(SECTOR, b"\0"))
        fat.extend([first + k + 1 for k in range(n - 1)] + [END])
        return first

    entries[0]["start"] = place(bytes(mini))
    entries[0]["data"] = mini
    minifat_start = place(struct.pack("<%dI" % len(minifat), *minifat))
    for e in entries:
        if e["type"] == 2 and len(e["data"]) >= 4096:
            e["start"] = place(e["data"])
    directory = bytearray()
    for e in entries:
        name = e["name"].encode("utf-16-le")[:62]
        directory += struct.pack("<64sHBBIII16sIQQIQ", name, len(name) + 2, e["type"], 1, e["left"], e["right"],
                                 e["child"] if e["type"] != 2 else FREE, b"", 0, 0, 0,
                                 0 if e["type"] == 1 else e["start"], len(e["data"]))
    directory_start = place(bytes(directory))
    nfat = 0
    while (len(sectors) + nfat + 127) // 128 != nfat:
        nfat = (len(sectors) + nfat + 127) // 128
    assert nfat <= 109, "the generator writes no DIFAT"
    fat_ids = list(range(len(sectors), len(sectors) + nfat))
    fat += [FATSECT] * nfat
    fat += [FREE] * (nfat * 128 - len(fat))
    for s in range(nfat):
        sectors.append(struct.pack("<128I", *fat[s * 128:(s + 1) * 128]))
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", bytes.fromhex("D0CF11E0A1B11AE1"), b"", 0x3E, 3, 0xFFFE, 9, 6,
                         b"", 0, nfat, directory_start, 0, 4096, minifat_start,
                         (len(minifat) * 4 + SECTOR - 1) // SECTOR, END, 0)
    assert len(header) == 76
    header += struct.pack("<109I", *(fat_ids + [FREE] * (109 - nfat)))
    return header + b"".join(sectors)


def props(values, header_length):
    """values: {id: ("u", str) | ("b", bytes) | ("i", int) | ("t", filetime)} -> nodes of one object."""
    stream, nodes = bytearray(b"\0" * header_length), []
    for pid in sorted(values):
        kind, v = values[pid]
        if kind == "u":
            data = v.encode("utf-16-le") + b"\0\0"
            nodes.append(("__substg1.0_%04X001F" % pid, data))
            stream += struct.pack("<IIII", pid << 16 | 0x1F, 6, len(data), 0)
        elif kind == "b":
            nodes.append(("__substg1.0_%04X0102" % pid, v))
            stream += struct.pack("<IIII", pid << 16 | 0x102, 6, len(v), 0)
        elif kind == "i":
            stream += struct.pack("<IIiI", pid << 16 | 0x3, 6, v, 0)
        else:
            stream += struct.pack("<IIQ", pid << 16 | 0x40, 6, v)
    return [("__properties_version1.0", bytes(stream))] + nodes


def rtf_literals(rtf):
    """MS-OXRTFCP with literals only, ending with the end-of-stream reference."""
    body, write, i = bytearray(), 207, 0
    while True:
        chunk = rtf[i:i + 8]
        if len(chunk) == 8:
            body += b"\0" + chunk
            write, i = (write + 8) & 0xFFF, i + 8
            continue
        write = (write + len(chunk)) & 0xFFF
        body += bytes([1 << len(chunk)]) + chunk + bytes([write >> 4, (write & 0xF) << 4])
        break
    return struct.pack("<II4sI", len(body) + 12, len(rtf), b"LZFu", 0) + body


WORDS = ("quote pricing renewal licence seats onboarding timeline contract discount invoice demo trial "
         "integration support security review budget approval meeting proposal").split()
NAMES = ["Ann Lee", "Bob Stone", "Carla Díaz", "Dev Patel", "Eva Müller", "Frank O'Neil", "Grace Chen"]
DOMAINS = ["customer.test", "acme.example", "globex.test", "initech.example"]


def person(rng):
    name = rng.choice(NAMES)
    return name, name.split()[0].lower().replace("í", "i").replace("ü", "u") + "@" + rng.choice(DOMAINS)


def message(rng, n, embedded=False):
    subject = "Re: " * rng.randint(0, 2) + " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8))).capitalize()
    sender = person(rng)
    recipients = [person(rng) for _ in range(rng.randint(1, 4))]
    text = "\r\n\r\n".join(" ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 120)))
                           for _ in range(rng.randint(1, 12)))
    filetime = (1767225600 + n * 3600 + 11644473600) * 10_000_000
    values = {0x001A: ("u", "IPM.Note"), 0x0037: ("u", subject), 0x0039: ("t", filetime),
              0x0E06: ("t", filetime + 600_000_000), 0x0C1A: ("u", sender[0]), 0x0C1E: ("u", "SMTP"),
              0x0C1F: ("u", sender[1]), 0x5D01: ("u", sender[1]), 0x1035: ("u", "<gen.%d@bench.test>" % n),
              0x3FFD: ("i", 65001)}
    if rng.random() < 0.6:
        to = ", ".join('"%s" <%s>' % r for r in recipients)
        values[0x007D] = ("u", "Received: from mx.bench.test\r\nFrom: \"%s\" <%s>\r\nTo: %s\r\nSubject: %s\r\n"
                               "Date: Thu, 01 Jan 2026 00:00:00 +0000\r\nMessage-ID: <gen.%d@bench.test>\r\n"
                               "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=x\r\n\r\n"
                          % (sender[0], sender[1], to, subject, n))
    if rng.random() < 0.8:
        values[0x1000] = ("u", text)
    else:
        values[0x1013] = ("b", ("<html><body><p>" + text.replace("\r\n\r\n", "</p><p>") + "</p></body></html>")
                          .encode())
    values[0x1009] = ("b", rtf_literals(("{\\rtf1\\ansi\\ansicpg1252\\fromtext \\deff0{\\fonttbl{\\f0 Arial;}}"
                                         + text.replace("\r\n", "\\par ") + "}").encode("latin-1", "replace")))
    nodes = props(values, 24 if embedded else 32)
    for i, (name, address) in enumerate(recipients):
        nodes.append(("__recip_version1.0_#%08X" % i, props(
            {0x0C15: ("i", 1 if i == 0 else 2), 0x3001: ("u", name), 0x3002: ("u", "SMTP"),
             0x3003: ("u", address), 0x39FE: ("u", address)}, 8)))
    attachments = 0
    if not embedded:
        for i in range(rng.choice([0, 0, 0, 1, 1, 2])):
            size = rng.choice([900, 3000, 20_000, 60_000])
            nodes.append(("__attach_version1.0_#%08X" % i, props(
                {0x3707: ("u", "document-%d.pdf" % i), 0x3704: ("u", "DOCUME~%d.PDF" % i),
                 0x370E: ("u", "application/pdf"), 0x3705: ("i", 1), 0x0E20: ("i", size),
                 0x3701: ("b", rng.randbytes(size))}, 8)))
            attachments += 1
        if rng.random() < 0.1:
            inner = message(rng, n + 100_000, embedded=True)
            nodes.append(("__attach_version1.0_#%08X" % attachments, props(
                {0x3001: ("u", "Forwarded"), 0x3705: ("i", 5), 0x0E20: ("i", 4096)}, 8)
                + [("__substg1.0_3701000D", inner)]))
    return nodes


def main():
    folder = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    os.makedirs(folder, exist_ok=True)
    rng = random.Random(12)
    for n in range(count):
        with open(os.path.join(folder, "msg-%05d.msg" % n), "wb") as f:
            f.write(write_cfb(message(rng, n)))


if __name__ == "__main__":
    main()
