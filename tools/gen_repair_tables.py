#!/usr/bin/env python3
"""Generate text/repair_tables.c: the byte tables behind legacy-encoding
repair (facts §4). Run from the repository root:

    python3 tools/gen_repair_tables.py > text/repair_tables.c

Inputs, all versioned with the system: glibc iconv's TCVN5712-1 charmap,
Python's unicodedata (for NFC composition and letter decomposition) and the
VNI-Windows mark bytes written out below.
"""
import subprocess
import sys
import unicodedata

# Windows-1252 0x80-0x9F; the five undefined bytes stay C1 controls, as
# Windows' MultiByteToWideChar leaves them, so mojibake that kept them
# round-trips.
CP1252_HI = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
]
assert all(bytes([0x80 + i]).decode("cp1252", "ignore") in ("", chr(c))
           for i, c in enumerate(CP1252_HI))


def tcvn3_table():
    """Byte 0x80-0xFF -> code point, from glibc's TCVN5712-1 decoder.

    TCVN3 (ABC, the .VnTime fonts) is the VN3 subset of TCVN 5712: it has no
    upper-case toned vowels. glibc puts VN1's upper-case toned vowels at
    0x80-0x9F; in TCVN3 text those bytes are what the Windows keyboard gave
    (smart quotes, dashes), so they keep their Windows-1252 meaning. The other
    slots (A0-FF) are exactly glibc's."""
    out = []
    for b in range(0x80, 0x100):
        if b < 0xA0:
            out.append(CP1252_HI[b - 0x80])
            continue
        r = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-32LE"],
                           input=bytes([b]), capture_output=True, check=True)
        cps = [int.from_bytes(r.stdout[i:i + 4], "little")
               for i in range(0, len(r.stdout), 4)]
        assert len(cps) == 1, (hex(b), cps)
        out.append(cps[0])
    # Spot checks against the facts' sample bytes.
    for b, ch in ((0xB5, "à"), (0xB8, "á"), (0xA8, "ă"), (0xA9, "â"), (0xAA, "ê"),
                  (0xAB, "ô"), (0xAC, "ơ"), (0xAD, "ư"), (0xAE, "đ"), (0xD6, "ệ")):
        assert out[b - 0x80] == ord(ch), hex(b)
    return out


# Vietnamese letter decomposition: base, quality, tone.
QUALITY = {"\u0302": 1, "\u0306": 2, "\u031b": 3}
TONE = {"\u0300": 1, "\u0301": 2, "\u0303": 3, "\u0309": 4, "\u0323": 5}
VOWELS = "aeiouy"


def letter_info():
    rows = []
    for cp in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        if not ch.isalpha():
            continue
        low = ch.lower()
        if low in ("đ", "ð", "ɖ"):
            rows.append((cp, "D", 0, 0))
            continue
        d = unicodedata.normalize("NFD", low)
        base, marks = d[0], d[1:]
        if base not in VOWELS:
            continue
        q = t = 0
        ok = True
        for m in marks:
            if m in QUALITY and q == 0:
                q = QUALITY[m]
            elif m in TONE and t == 0:
                t = TONE[m]
            else:
                ok = False
        if not ok or not marks:
            continue
        # Only the marks Vietnamese writes: â ê ô, ă, ơ ư.
        if q == 1 and base not in "aeo" or q == 2 and base != "a" or q == 3 and base not in "ou":
            continue
        rows.append((cp, base, q, t))
    return rows


def compose_tables():
    lower, upper = [], []
    for base in VOWELS:
        for q in range(4):
            for t in range(6):
                s = base
                if q:
                    s += [None, "\u0302", "\u0306", "\u031b"][q]
                if t:
                    s += [None, "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"][t]
                c = unicodedata.normalize("NFC", s)
                valid = len(c) == 1 and (q == 0 or (q == 1 and base in "aeo") or
                                         (q == 2 and base == "a") or (q == 3 and base in "ou"))
                lower.append(ord(c) if valid else 0)
                upper.append(ord(c.upper()) if valid else 0)
    return lower, upper


# VNI-Windows: a vowel letter is written as the ASCII base followed by one
# mark byte (lower-case marks in 0xE0-0xFF, upper-case ones 0x20 lower).
# (quality, tone): quality 1 circumflex, 2 breve; tone 1 grave, 2 acute,
# 3 tilde, 4 hook, 5 dot below.
VNI_MARKS_LOWER = {
    0xF8: (0, 1), 0xF9: (0, 2), 0xF5: (0, 3), 0xFB: (0, 4), 0xEF: (0, 5),
    0xE2: (1, 0), 0xE0: (1, 1), 0xE1: (1, 2), 0xE3: (1, 3), 0xE5: (1, 4), 0xE4: (1, 5),
    0xEA: (2, 0), 0xE8: (2, 1), 0xE9: (2, 2), 0xFC: (2, 3), 0xFA: (2, 4), 0xEB: (2, 5),
}
# Letters VNI writes with one byte of their own.
VNI_SINGLE_LOWER = {
    0xEC: "ì", 0xED: "í", 0xF3: "ĩ", 0xE6: "ỉ", 0xF2: "ị", 0xEE: "ỵ",
    0xF1: "đ", 0xF4: "ơ", 0xF6: "ư",
}


def vni_tables():
    marks = [0] * 64       # byte 0xC0-0xFF -> (quality << 4 | tone), 0xFF none
    single = [0] * 64      # byte 0xC0-0xFF -> code point or 0
    for i in range(64):
        marks[i] = 0xFF
    for b, (q, t) in VNI_MARKS_LOWER.items():
        marks[b - 0xC0] = q << 4 | t
        marks[b - 0x20 - 0xC0] = q << 4 | t
    for b, ch in VNI_SINGLE_LOWER.items():
        assert marks[b - 0xC0] == 0xFF, hex(b)
        single[b - 0xC0] = ord(ch)
        single[b - 0x20 - 0xC0] = ord(ch.upper())
        assert marks[b - 0x20 - 0xC0] == 0xFF
    return marks, single


def cblock(values, fmt, per_line=8):
    lines = []
    for i in range(0, len(values), per_line):
        lines.append("\t" + " ".join(fmt % v + "," for v in values[i:i + per_line]))
    return "\n".join(lines)


def main():
    tcvn = tcvn3_table()
    info = letter_info()
    lower, upper = compose_tables()
    marks, single = vni_tables()
    w = sys.stdout.write
    w("/* repair_tables.c — GENERATED by tools/gen_repair_tables.py, DO NOT EDIT.\n"
      " * Sources: glibc iconv TCVN5712-1, Python unicodedata %s, VNI-Windows mark\n"
      " * bytes (facts §4). */\n" % unicodedata.unidata_version)
    w('#include "vn_repair.h"\n\n')
    w("/* Windows-1252 bytes 0x80-0x9F (undefined ones kept as C1 controls). */\n")
    w("const uint16_t vn__cp1252_hi[32] = {\n%s\n};\n\n" % cblock(CP1252_HI, "0x%04X"))
    w("/* TCVN3 byte 0x80-0xFF -> code point (0x80-0x9F: Windows-1252 kept). */\n")
    w("const uint16_t vn__tcvn3_hi[128] = {\n%s\n};\n\n" % cblock(tcvn, "0x%04X"))
    w("/* Vietnamese letters beyond ASCII: base ('a'..'y', 'D' for đ), quality\n"
      " * (1 circumflex, 2 breve, 3 horn) and tone (1 grave, 2 acute, 3 tilde,\n"
      " * 4 hook, 5 dot below). Sorted by code point. */\n")
    w("const struct vn__letter vn__letters[%d] = {\n" % len(info))
    for cp, base, q, t in info:
        w("\t{ 0x%04X, '%s', %d, %d }, /* %s */\n" % (cp, base, q, t, chr(cp)))
    w("};\nconst size_t vn__letters_len = %d;\n\n" % len(info))
    w("/* NFC letter for vowel (a e i o u y) x quality (0-3) x tone (0-5); 0 when\n"
      " * Vietnamese has no such letter. */\n")
    w("const uint16_t vn__compose_lower[144] = {\n%s\n};\n" % cblock(lower, "0x%04X", 6))
    w("const uint16_t vn__compose_upper[144] = {\n%s\n};\n\n" % cblock(upper, "0x%04X", 6))
    w("/* VNI-Windows byte 0xC0-0xFF as a mark: quality << 4 | tone, 0xFF if not a mark. */\n")
    w("const uint8_t vn__vni_mark[64] = {\n%s\n};\n" % cblock(marks, "0x%02X"))
    w("/* VNI-Windows byte 0xC0-0xFF that is a letter on its own, else 0. */\n")
    w("const uint16_t vn__vni_single[64] = {\n%s\n};\n" % cblock(single, "0x%04X"))


if __name__ == "__main__":
    main()
