#!/usr/bin/env python3
"""A QR code drawn as text, made an image that zbarimg reads.

  qr_pbm.py FORMAT SCALE [COLUMNS] < text > image.pbm

FORMAT utf8: the half blocks U+2588, U+2580, U+2584 are dark halves of a cell,
anything else light. FORMAT ascii: "##" is a dark module, anything else
light; a wide (CJK) character is two light columns, as a terminal shows it.
Each module becomes SCALE x SCALE pixels. COLUMNS pads every line to
that many columns, for a screen whose capture drops trailing blanks.
"""
import sys
import unicodedata


def columns_of(line):
    """The line as the terminal shows it: one entry per column."""
    out = []
    for c in line:
        out.append(c)
        if unicodedata.east_asian_width(c) in "WF":
            out.append(" ")
    return out


def modules(text, fmt):
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    rows = []
    for line in lines:
        if fmt == "utf8":
            line = columns_of(line)
            rows.append([c in "\u2588\u2580" for c in line])
            rows.append([c in "\u2588\u2584" for c in line])
        else:
            rows.append([line[i:i + 2] == "##" for i in range(0, len(line), 2)])
    return rows


def main():
    fmt, scale = sys.argv[1], int(sys.argv[2])
    columns = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    rows = modules(sys.stdin.read(), fmt)
    width = max([columns // (2 if fmt == "ascii" else 1)] + [len(r) for r in rows])
    out = ["P1", "%d %d" % (width * scale, len(rows) * scale)]
    for r in rows:
        line = " ".join("1" if i < len(r) and r[i] else "0" for i in range(width) for _ in range(scale))
        out.extend([line] * scale)
    sys.stdout.write("\n".join(out) + "\n")


main()
