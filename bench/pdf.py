"""A minimal, valid one-page PDF with Chinese text and no dependency (sample and synthetic attachments).

The text uses the Adobe-GB1 standard font STSong-Light with the UniGB-UCS2-H CMap, which every
PDF reader provides without embedding a font, and a ToUnicode map so text can be extracted
(``pdftotext``) and searched. Byte offsets in the cross-reference table are computed, not typed.
"""
from __future__ import annotations

PAGE_W, PAGE_H = 595, 842          # A4 in points
MARGIN_X, TOP = 56, 786
COLUMNS = (0, 300, 400)            # x offsets of tab-separated cells


def _hex(text: str) -> str:
    return "<" + text.encode("utf-16-be").hex().upper() + ">"


def _to_unicode(chars: set[str]) -> bytes:
    """A ToUnicode CMap: the UCS-2 codes of this font map to themselves."""
    codes = sorted(ord(c) for c in chars if ord(c) <= 0xFFFF)
    out = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
           "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
           "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
           "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    for start in range(0, len(codes), 100):   # at most 100 entries per block (PDF spec)
        chunk = codes[start:start + 100]
        out.append(f"{len(chunk)} beginbfchar")
        out += [f"<{c:04X}> <{c:04X}>" for c in chunk]
        out.append("endbfchar")
    out += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(out).encode("ascii")


def _content(title: str, lines: list[str], columns: tuple) -> tuple[bytes, set[str]]:
    ops, chars = ["BT", "/F1 16 Tf", f"1 0 0 1 {MARGIN_X} {TOP} Tm", f"{_hex(title)} Tj"], set(title)
    y = TOP - 34
    for line in lines:
        if y < 50:
            break
        for col, cell in enumerate(line.split("\t")):
            if cell:
                ops += ["/F1 10.5 Tf", f"1 0 0 1 {MARGIN_X + columns[min(col, len(columns) - 1)]} {y} Tm", f"{_hex(cell)} Tj"]
                chars.update(cell)
        y -= 18
    ops.append("ET")
    return "\n".join(ops).encode("ascii"), chars


def minimal_pdf(title: str, lines: list[str], *, columns: tuple = COLUMNS, producer: str = "Gongkai") -> bytes:
    """A one-page A4 PDF showing ``title`` and ``lines`` (tab-separated cells start at ``columns``)."""
    content, chars = _content(title, lines, columns)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] "
         "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>").encode("ascii"),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 8 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> "
        b"/FontDescriptor 7 0 R /DW 1000 /W [1 95 500] >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    cmap = _to_unicode(chars)
    objects.append(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
    info = f"<< /Title <FEFF{_hex(title)[1:]} /Producer ({producer}) >>".encode("ascii")
    objects.append(info)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n" % (len(objects) + 1)
    out += b"0000000000 65535 f \n"
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, len(objects), xref)
    return bytes(out)
