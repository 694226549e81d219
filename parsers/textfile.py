"""Read a text dump into lines. Form feeds separate pages; the runs of spaces are kept as written."""
from __future__ import annotations

from pathlib import Path

from parsers.records import Line

ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")


class NotTextError(ValueError):
    pass


def decode_bytes(data: bytes) -> str:
    """Decode a text dump whatever its encoding: BOMs first, then UTF-8, then the Windows and Latin code pages.

    Decided line by line when the whole is not UTF-8: a dump pasted together from two sources (a UTF-8 file with one
    line from a Windows program) keeps its UTF-8 lines as they are instead of turning every 'ø' into 'Ã¸'."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise NotTextError("binary content, not a text dump")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "".join(_decode_line(line) for line in data.splitlines(keepends=True))


def _decode_line(line: bytes) -> str:
    for enc in ENCODINGS:
        try:
            return line.decode(enc)
        except UnicodeDecodeError:
            continue
    return line.decode("latin-1")  # decodes anything; not reached, as latin-1 is the last of ENCODINGS


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
