"""Render proposals as a flattened text dump, the way a PDF-to-text tool would have flattened them.

Layout facts (see README.md): one table row per line (a long label may run over 2-3 lines, its amounts then stand on
the last label line or on a line of their own); every row prints one value per year column; pages are separated by
form feeds; every document of a bundle starts on a new page.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from synth import vocab
from synth.model import Bullets, Grid, Item, Note, Para, Payback, Proposal, Row, Section, Table
from synth.textutil import format_dk, format_kr, split_label, wrap

PageNumbers = Literal["none", "plain", "side"]


@dataclass
class TextStyle:
    """File-level layout choices."""

    width: int = 95
    line_gap: bool = False
    trailing_space: bool = True
    lines_per_page: int = 50
    page_header: str | None = None
    page_numbers: PageNumbers = "plain"
    hyphenate: float = 0.3


@dataclass
class Block:
    lines: list[str]
    atomic: bool = False
    break_before: bool = False


@dataclass
class _Ctx:
    rng: random.Random
    style: TextStyle
    blocks: list[Block] = field(default_factory=list)

    def add(self, lines: Iterable[str], *, atomic: bool = False, break_before: bool = False) -> None:
        lines = list(lines)
        if self.style.line_gap:
            lines = [x for line in lines for x in (line, "")]
        self.blocks.append(Block(lines, atomic, break_before))

    def wrap(self, text: str, *, first_width: int | None = None) -> list[str]:
        return wrap(text, self.style.width, self.rng, hyphenate=self.style.hyphenate, first_width=first_width)


def random_style(rng: random.Random, proposal: Proposal) -> TextStyle:
    dept = proposal.presenting_department or vocab.DEPARTMENTS[0]
    header = rng.choice(vocab.PAGE_HEADERS).format(dept=dept, short=vocab.DEPARTMENT_SHORT[dept])
    return TextStyle(
        width=rng.randint(85, 105),
        line_gap=rng.random() < 0.25,
        trailing_space=rng.random() < 0.6,
        lines_per_page=rng.randint(42, 60),
        page_header=header if rng.random() < 0.35 else None,
        page_numbers=rng.choice(("none", "plain", "plain", "side")),
        hyphenate=rng.choice((0.0, 0.3, 0.6)),
    )


# ---------------------------------------------------------------------------------------------------------------------
# Header and fields
# ---------------------------------------------------------------------------------------------------------------------


def _header(c: _Ctx, p: Proposal) -> list[str]:
    lines = [p.appendix_line] if p.appendix_line else []
    lines.append(c.rng.choice(("", " ")) + vocab.KIND_HEADER[p.kind])
    if p.header_subline:
        lines.append(p.header_subline)
    return lines + [" "]


def _title_lines(c: _Ctx, p: Proposal) -> list[str]:
    label = "Forslagets titel:"
    if c.rng.random() < 0.25:
        return ["Forslagets", "titel:"] + c.wrap(p.display_title)
    body = c.wrap(p.display_title, first_width=c.style.width - len(label) - 1)
    return [f"{label} {body[0]}"] + body[1:]


def _department_grid(c: _Ctx, p: Proposal) -> list[str]:
    ticked = set(p.affected_departments)

    def mark(dept: str) -> str:
        if p.tick_style == "glyph":
            return ("☒ " if dept in ticked else "☐ ") + dept
        if p.tick_style == "x":
            return ("X " if dept in ticked else "") + dept
        return dept

    d = [mark(x) for x in vocab.DEPARTMENTS]
    sep = " " if p.tick_style == "glyph" else "  "
    lead = "" if p.tick_style == "glyph" else " "
    if c.rng.random() < 0.25:
        return [lead + x for x in d]
    split = d[5].rsplit(" ", 1)
    return [lead + d[0] + sep + d[1], lead + d[2] + sep + d[3], lead + d[4] + sep + split[0],
            split[1] + sep + d[6] + " "]


def _fields(c: _Ctx, p: Proposal, header: list[str]) -> None:
    """Header (if given), title, resumé and department fields: one block that is never split over pages."""
    lines = header + _title_lines(c, p) + [""]
    if p.summary:
        summary = c.wrap(p.summary, first_width=c.style.width - len(p.summary_label) - 1)
        lines += [f"{p.summary_label} {summary[0]}"] + summary[1:] + [""]
    if p.presenting_department:
        if c.rng.random() < 0.5:
            lines += ["Fremstillende", "forvaltning:", p.presenting_department, ""]
        else:
            lines += [f"Fremstillende forvaltning: {p.presenting_department}", ""]
        lines += _affected_label(c, p.affected_label) + _department_grid(c, p)
    if p.pl_field:
        lines += ["", "Angiv p/l:    "]
    c.add(lines + [" "], atomic=True)


def _affected_label(c: _Ctx, label: str) -> list[str]:
    head, tail = label.rsplit(" ", 1)
    choice = c.rng.random()
    if choice < 0.3:
        return [label]
    if choice < 0.6 and tail.startswith("forvaltninger"):
        return [f"{head} for-", "valtninger:"]
    return [head, tail]


# ---------------------------------------------------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------------------------------------------------


def _cells(table: Table, row: Row) -> list[str]:
    if table.role == "budget":
        return [format_kr(row.values[k]) for k in table.value_keys]
    return [format_dk(row.values[k], thousands_sep=table.thousands_sep, zero_dash=table.zero_dash)
            for k in table.value_keys]


def _years(table: Table) -> str:
    return " ".join(str(y) for y in table.years)


def _table_header(c: _Ctx, t: Table) -> list[str]:
    pl = f"{t.unit_label} {t.price_level} p/l"
    if t.role == "budget":
        return [f"{t.label_header} {_years(t)} {t.extra_column}"]
    if t.area_column:
        return c.rng.choice((
            [f"{pl} Styringsområde {_years(t)}"],
            [f"{pl} Styrings-", "område", _years(t)],
            [f"{pl} Styringsområ", "de", "", _years(t)],
            [f"{pl} Styringsområde", _years(t)],
        ))
    return c.rng.choice(([f"{pl} {_years(t)}"], [f"  {t.unit_label} ({t.price_level} p/l.) ", f" {_years(t)}"],
                         [pl, _years(t)]))


def _row_lines(c: _Ctx, t: Table, row: Row, wrap_at: int) -> list[str]:
    joiner = "  " if c.rng.random() < 0.15 else " "
    numbers = joiner.join(_cells(t, row))
    # An empty Styringsområde cell leaves a double space between label and amounts, as in real dumps.
    tail = (f"{row.area} {numbers}" if row.area else f" {numbers}") if t.area_column else numbers
    if len(row.label) <= wrap_at or c.rng.random() < 0.3:
        return [f"{row.label} {tail}"]
    parts = split_label(row.label, c.rng, max_first=wrap_at, hyphenate=c.style.hyphenate)
    if c.rng.random() < 0.5:
        return parts[:-1] + [f"{parts[-1]} {tail.strip()}"]
    return parts + ["", tail.strip()]


def _table_lines(c: _Ctx, t: Table) -> list[str]:
    lines = []
    if t.role == "budget":
        lines.append(t.caption or "")
    elif t.caption_printed:
        lines.append(f"Tabel {t.number}. {t.caption}")
    lines += _table_header(c, t)
    wrap_at = c.rng.randint(28, 48)
    group: str | None = None
    for row in t.rows:
        if row.group != group and row.group is not None and t.role == "tabel1":
            lines += [" ", row.group + c.rng.choice(("", "       "))]
        elif row.group is None and group is not None:
            lines.append(" ")
        group = row.group
        lines += _row_lines(c, t, row, wrap_at)
    return lines


def _payback_lines(p: Payback) -> list[str]:
    lines = []
    for label, years in ((vocab.PAYBACK_SERVICE, p.service), (vocab.PAYBACK_TOTAL, p.total)):
        amount = "" if years is None else str(years)
        if p.style == "colon":
            lines.append(f"{label}: {amount} år" if amount else f"{label}:")
        elif p.style == "plain":
            lines.append(f"{label} {amount} år" if amount else label)
        else:
            head, word = label.rsplit(" ", 1)
            lines += [f"{head}  ", f"{word} {amount}".rstrip()]
    return lines


# ---------------------------------------------------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------------------------------------------------


def _item(c: _Ctx, item: Item) -> None:
    if isinstance(item, Table):
        c.add(_table_lines(c, item) + [" "], atomic=True)
    elif isinstance(item, Payback):
        c.add(_payback_lines(item), atomic=True)
    elif isinstance(item, Para):
        c.add(c.wrap(item.text) + [" "])
    elif isinstance(item, Note):
        c.add(c.wrap(item.text) + [""])
    elif isinstance(item, Bullets):
        bullet = c.rng.choice(("• ", "- ", " "))
        c.add([f"{bullet}{text}" for text in item.items] + [" "])
    elif isinstance(item, Grid):
        c.add([" ".join(cell for cell in row if cell) for row in item.rows] + [" "], atomic=True)


def _section(c: _Ctx, section: Section, number: int | None) -> None:
    if section.heading is not None:
        c.add([f"{number}. {section.heading}"])
    for item in section.items:
        _item(c, item)


def _sections(c: _Ctx, sections: list[Section]) -> None:
    number = 0
    for section in sections:
        if section.heading is not None:
            number += 1
        _section(c, section, number)


# ---------------------------------------------------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------------------------------------------------


def _proposal_blocks(c: _Ctx, p: Proposal) -> None:
    header = _header(c, p)
    if p.stub_line:
        c.add(header + _title_lines(c, p) + ["", p.stub_line])
        return
    if not p.shuffled:
        _fields(c, p, header)
        _sections(c, p.sections)
        return
    # Shuffled pages: the page holding Tabel 1 (the first section) precedes the title page.
    c.add(header)
    _section(c, p.sections[0], 1)
    start = len(c.blocks)
    _fields(c, p, [])
    c.blocks[start].break_before = True
    rest = len(c.blocks)
    numbered = 1 if p.sections[0].heading is not None else 0
    for section in p.sections[1:]:
        numbered += section.heading is not None
        _section(c, section, numbered)
    if rest < len(c.blocks):
        c.blocks[rest].break_before = True


def _overview_blocks(c: _Ctx, p: Proposal) -> None:
    title = [" " + line for line in wrap(p.title, 45, c.rng)]
    tables = p.tables
    for i, table in enumerate(tables[:-1]):
        lines = (title if i == 0 else []) + wrap(table.caption or "", 50, c.rng)
        lines.append(f" {table.label_header} {_years(table)}")
        for row in table.rows:
            lines += _overview_row(c, table, row)
        c.add(lines + ["       "], atomic=True)
    grand = tables[-1]
    c.add([f" {grand.label_header}   {_years(grand)}"] + [f"{r.label} {' '.join(_cells(grand, r))}" for r in grand.rows]
          + ([p.overview_footnote] if p.overview_footnote else []), atomic=True)


def _overview_row(c: _Ctx, table: Table, row: Row) -> list[str]:
    numbers = " ".join(_cells(table, row))
    if row.group is not None or row.is_total:
        return [f"{row.label} {numbers}"]
    parts = wrap(row.label, c.rng.randint(30, 40), c.rng)
    parts[0] = " " + parts[0]
    if c.rng.random() < 0.7:
        return parts[:-1] + [f"{parts[-1]} {numbers}"]
    return parts + [numbers]


def document_blocks(proposal: Proposal, rng: random.Random, style: TextStyle) -> list[Block]:
    c = _Ctx(rng, style)
    if proposal.kind == "overview":
        _overview_blocks(c, proposal)
    else:
        _proposal_blocks(c, proposal)
    return c.blocks


def paginate(blocks: list[Block], max_lines: int) -> list[list[str]]:
    pages: list[list[str]] = [[]]
    for block in blocks:
        if block.break_before and pages[-1]:
            pages.append([])
        if block.atomic:
            if pages[-1] and len(pages[-1]) + len(block.lines) > max_lines:
                pages.append([])
            pages[-1].extend(block.lines)
            continue
        for line in block.lines:
            if len(pages[-1]) >= max_lines:
                pages.append([])
            pages[-1].append(line)
    return [page for page in pages if page]


def _decorate(pages: list[list[str]], style: TextStyle) -> list[str]:
    out = []
    for number, page in enumerate(pages, start=1):
        lines = list(page)
        if style.page_header and number > 1:
            lines = [style.page_header, ""] + lines
        if style.page_numbers == "plain":
            lines += ["", str(number)]
        elif style.page_numbers == "side":
            lines += ["", f"Side {number} af {len(pages)}"]
        if style.trailing_space:
            lines = [line + " " if line.strip() and not line.endswith(" ") else line for line in lines]
        out.append("\n".join(lines) + "\n")
    return out


def render_text(proposals: list[Proposal], rng: random.Random, style: TextStyle | None = None) -> str:
    """The text dump of one source file holding the given documents in order."""
    style = style or random_style(rng, proposals[0])
    pages: list[str] = []
    for proposal in proposals:
        pages += _decorate(paginate(document_blocks(proposal, rng, style), style.lines_per_page), style)
    return "\f".join(pages)
