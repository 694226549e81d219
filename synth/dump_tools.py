"""Text dumps of a generated PDF made by real PDF-to-text tools, each exactly as the corpus's `text-flat/` dumps
were made (the same calls reproduce those files byte for byte from `pdf/` and `pdf-office/`).

An archive's text dumps come from whichever tool someone had at hand, and each tool flattens a table its own way:

- `pdftotext-raw`: poppler's `pdftotext -raw` — content-stream order, a table row per line;
- `pdftotext`: poppler's default reading order — a table cell per line, columns one after the other;
- `pdfminer`: pdfminer.six's `extract_text` — a table's columns as blocks one after the other;
- `pdfium`: pdfium's text page through pypdfium2 — a table row per line, pages glued by a form feed;
- `pdftotext-layout`, `pdfplumber` (OTHER_TOOLS, not in the default mix): the page's columns as runs of spaces,
  a row per line with one space between cells; a wrapped label's lines under its figures in both.

`imitation` is the generator's own hand-written dump (synth.render_text), kept for what needs a text dump without a
PDF: property tests and scale benchmarks that render thousands of documents in seconds, and the style of the
corpus's `text/` (an unknown tool: cells run together, words break across lines), which no tool here reproduces.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path

PDFTOTEXT_TIMEOUT_S = 120


class ToolMissing(RuntimeError):
    """A dump tool that is not installed; the message is one line naming the tool and how to get it."""


def _pdftotext(pdf: Path, *options: str) -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        raise ToolMissing("pdftotext is not installed (Debian package poppler-utils: `bash .ci/run system-deps`)")
    done = subprocess.run([exe, *options, str(pdf), "-"], capture_output=True, timeout=PDFTOTEXT_TIMEOUT_S,
                          check=False)
    if done.returncode != 0:
        raise RuntimeError(f"pdftotext {' '.join(options)} failed on {pdf.name}: "
                           f"{done.stderr.decode('utf-8', 'replace').strip()[:200]}")
    return done.stdout.decode("utf-8")


def pdftotext_raw(pdf: Path) -> str:
    """poppler's `pdftotext -raw`: text in content-stream order, pages ended by a form feed."""
    return _pdftotext(pdf, "-raw")


def pdftotext(pdf: Path) -> str:
    """poppler's `pdftotext` in its default reading order (columns of a table read one after the other)."""
    return _pdftotext(pdf)


def pdfminer(pdf: Path) -> str:
    """pdfminer.six's `extract_text` with its default layout parameters."""
    from pdfminer.high_level import extract_text

    return extract_text(str(pdf))


def pdfium(pdf: Path) -> str:
    """pdfium's text page of every page (CRLF line ends made LF), pages joined by a form feed."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range().replace("\r\n", "\n"))
            textpage.close()
            page.close()
        return "\f".join(pages)
    finally:
        document.close()


def pdftotext_layout(pdf: Path) -> str:
    """poppler's `pdftotext -layout`: the page's columns kept as runs of spaces, a row's cells top-aligned."""
    return _pdftotext(pdf, "-layout")


def pdfplumber_text(pdf: Path) -> str:
    """pdfplumber's `extract_text` of every page (a row per line, one space between cells), pages joined by a form
    feed."""
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        return "\f".join(page.extract_text() or "" for page in document.pages)


DUMPERS: dict[str, Callable[[Path], str]] = {
    "pdftotext-raw": pdftotext_raw,
    "pdftotext": pdftotext,
    "pdfminer": pdfminer,
    "pdfium": pdfium,
    # tools that made none of the corpus's dumps, kept out of the generator's default mix (its seeds' archives and
    # the ratchets measured on them stay as they were): the corpus PDFs through them are a test of tools nobody
    # tuned to (tests/test_corpus_other_tools.py), and `--text-tools` generates archives through them
    "pdftotext-layout": pdftotext_layout,
    "pdfplumber": pdfplumber_text,
}
REAL_TOOLS: tuple[str, ...] = ("pdftotext-raw", "pdftotext", "pdfminer", "pdfium")
OTHER_TOOLS: tuple[str, ...] = tuple(t for t in DUMPERS if t not in REAL_TOOLS)
IMITATION = "imitation"
TOOLS: tuple[str, ...] = (*REAL_TOOLS, *OTHER_TOOLS, IMITATION)


def check_tools(tools: Iterable[str], *, installed: bool = True) -> None:
    """Raise ValueError for an unknown tool name and (with `installed`) ToolMissing for one that is not installed,
    before any file is written."""
    tools = list(tools)
    unknown = [t for t in tools if t not in TOOLS]
    if unknown:
        raise ValueError(f"unknown text dump tool {', '.join(unknown)} (known: {', '.join(TOOLS)})")
    if not tools:
        raise ValueError("no text dump tool given")
    if installed and any(t.startswith("pdftotext") for t in tools) and shutil.which("pdftotext") is None:
        raise ToolMissing("pdftotext is not installed (Debian package poppler-utils: `bash .ci/run system-deps`)")


def dump(pdf: Path, tool: str) -> str:
    """The text dump of `pdf` as `tool` makes it."""
    if tool not in DUMPERS:
        raise ValueError(f"not a PDF-to-text tool: {tool} (known: {', '.join(DUMPERS)})")
    return DUMPERS[tool](pdf)
