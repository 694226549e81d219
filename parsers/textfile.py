"""Read a text dump into lines. Form feeds separate pages; the runs of spaces are kept as written."""
from __future__ import annotations

from pathlib import Path

from parsers.records import Line

ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")


class NotTextError(ValueError):
    pass


def decode_bytes(data: bytes) -> str:
    """Decode a text dump whatever its encoding: BOMs first, then UTF-8, then the Windows and Latin code pages."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise NotTextError("binary content, not a text dump")
    for enc in ENCODINGS:
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise NotTextError("undecodable text")  # latin-1 decodes anything; kept for clarity


def text_to_lines(text: str) -> list[Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines: list[Line] = []
    lineno = 0
    has_pages = "\f" in text
    for page_no, page in enumerate(text.split("\f"), start=1):
        if page_no > 1 and page.startswith("\n"):
            page = page[1:]
        for raw in page.split("\n"):
            lineno += 1
            lines.append(Line(text=raw.rstrip("\n"), page=page_no if has_pages else None, lineno=lineno))
    return lines


def read_text_file(path: Path) -> list[Line]:
    return text_to_lines(decode_bytes(path.read_bytes()))
