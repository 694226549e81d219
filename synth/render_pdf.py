"""Render proposals as an A4 PDF with reportlab platypus (ruled or borderless tables, sans or serif font).

DejaVu TTF fonts are used when installed (they carry æøå); the ☐/☒ ballot boxes come from DejaVu Sans, as a word
processor takes them from a symbol font, because DejaVu Serif has no such glyphs (it would print both as the same
empty .notdef box and lose the tick). Without DejaVu the built-in Helvetica/Times fonts are used and ticked boxes are
printed as an "X" before the department name.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as RLTable

from synth import vocab
from synth.model import Bullets, Grid, Item, Note, Para, Payback, Proposal, Row, Section, Table
from synth.textutil import format_dk, format_kr

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"), Path("/usr/share/fonts/TTF"))
MARGIN = 1.8 * cm
AVAILABLE_WIDTH = A4[0] - 2 * MARGIN


BALLOT_BOXES = (0x2610, 0x2612)  # ☐ ☒


@dataclass(frozen=True)
class FontSet:
    regular: str
    bold: str
    ballot_boxes: str | None  # the font that prints ☐/☒, if any


def _find_font(file_name: str) -> Path | None:
    return next((d / file_name for d in FONT_DIRS if (d / file_name).is_file()), None)


@cache
def _registered(name: str) -> TTFont | None:
    """The DejaVu font `name` (e.g. 'DejaVuSerif-Bold'), registered with reportlab; None if not installed."""
    path = _find_font(f"{name}.ttf")
    if path is None:
        return None
    font = TTFont(name, str(path))
    pdfmetrics.registerFont(font)
    return font


def _has_glyphs(font: TTFont, codepoints: tuple[int, ...]) -> bool:
    return all(cp in font.face.charToGlyph for cp in codepoints)


@cache
def fonts(serif: bool) -> FontSet:
    family = "DejaVuSerif" if serif else "DejaVuSans"
    regular, bold = _registered(family), _registered(f"{family}-Bold")
    if regular is None or bold is None:
        return FontSet("Times-Roman", "Times-Bold", None) if serif else FontSet("Helvetica", "Helvetica-Bold", None)
    boxes = next((f.fontName for f in (regular, _registered("DejaVuSans")) if f and _has_glyphs(f, BALLOT_BOXES)),
                 None)
    return FontSet(family, f"{family}-Bold", boxes)


TEMPLATES = ("word", "plain", "office")


@dataclass
class PdfStyle:
    """How a PDF looks. Templates: "word" (ruled tables) and "plain" (borderless) as a word processor prints them;
    "office" as an office suite exports a municipal form: a running header naming the proposal on every page and a
    footer 'Side X af Y', shaded table header rows (repeated when a table breaks across a page) and group rows,
    narrow label cells that wrap."""

    ruled: bool = True
    serif: bool = False
    font_size: float = 10.0
    page_header: str | None = None
    page_numbers: bool = True
    template: str = "word"


def random_pdf_style(rng: random.Random) -> PdfStyle:
    style = PdfStyle(ruled=rng.random() < 0.6, serif=rng.random() < 0.4, font_size=rng.choice((9.5, 10.0, 10.5)),
                     page_header="Københavns Kommune" if rng.random() < 0.3 else None,
                     page_numbers=rng.random() < 0.8)
    style.template = TEMPLATES[rng.randrange(len(TEMPLATES))]
    if style.template == "office":
        style.ruled, style.page_header, style.page_numbers = True, None, False  # the office canvas draws its own
    return style


SHADE = colors.HexColor("#D9D9D9")


class _RunningHeader(Flowable):
    """Marks where a proposal starts: the pages from here on carry its name in the running header."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def wrap(self, *_args: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.running_header = self.text


class _OfficeCanvas(Canvas):
    """Draws the office template's page furniture once the page count is known: 'Københavns Kommune' and the
    proposal's name at the top, 'Side X af Y' at the bottom."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.running_header = ""
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self.setFont("Helvetica", 8)
            self.drawString(MARGIN, A4[1] - MARGIN + 14, "Københavns Kommune")
            self.drawRightString(A4[0] - MARGIN, A4[1] - MARGIN + 14, self.running_header)
            self.drawCentredString(A4[0] / 2, MARGIN / 2, f"Side {number} af {total}")
            super().showPage()
        super().save()


class _Builder:
    def __init__(self, rng: random.Random, style: PdfStyle) -> None:
        self.rng = rng
        self.style = style
        self.fonts = fonts(style.serif)
        size = style.font_size
        self.body = ParagraphStyle("body", fontName=self.fonts.regular, fontSize=size, leading=size * 1.3,
                                   spaceAfter=4)
        self.small = ParagraphStyle("small", parent=self.body, fontSize=size - 2, leading=(size - 2) * 1.25)
        self.cell = ParagraphStyle("cell", parent=self.body, fontSize=size - 1, leading=(size - 1) * 1.2,
                                   spaceAfter=0)
        self.bold_cell = ParagraphStyle("bold_cell", parent=self.cell, fontName=self.fonts.bold)
        self.heading = ParagraphStyle("heading", parent=self.body, fontName=self.fonts.bold, fontSize=size + 2,
                                      leading=(size + 2) * 1.3, spaceBefore=8, spaceAfter=4)
        self.title = ParagraphStyle("title", parent=self.heading, fontSize=16, leading=20, spaceBefore=0)

    def p(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(escape(text), style or self.body)

    # -- header and fields ---------------------------------------------------------------------------------------

    def header(self, p: Proposal) -> list[Flowable]:
        out: list[Flowable] = []
        if p.appendix_line:
            out.append(self.p(p.appendix_line, self.small))
        out.append(self.p(vocab.KIND_HEADER[p.kind], self.title))
        if p.header_subline:
            out.append(self.p(p.header_subline, self.heading))
        return out + [Spacer(1, 6)]

    def _tick(self, p: Proposal, dept: str) -> str:
        """A department of the tick grid as paragraph markup."""
        ticked = dept in p.affected_departments
        style = p.tick_style
        if style == "glyph" and self.fonts.ballot_boxes is None:
            style = "x"
        if style == "glyph":
            return f'<font name="{self.fonts.ballot_boxes}">{"☒" if ticked else "☐"}</font> {escape(dept)}'
        if style == "x":
            return ("X " if ticked else "") + escape(dept)
        return escape(dept)

    def fields(self, p: Proposal) -> list[Flowable]:
        rows = [[self.p("Forslagets titel:", self.bold_cell), self.p(p.display_title, self.cell)]]
        if p.summary:
            rows.append([self.p(p.summary_label, self.bold_cell), self.p(p.summary, self.cell)])
        if p.presenting_department:
            grid = "<br/>".join(self._tick(p, d) for d in vocab.DEPARTMENTS)
            rows.append([self.p("Fremstillende forvaltning:", self.bold_cell),
                         self.p(p.presenting_department, self.cell)])
            rows.append([self.p(p.affected_label, self.bold_cell), Paragraph(grid, self.cell)])
        table = RLTable(rows, colWidths=[4.2 * cm, AVAILABLE_WIDTH - 4.2 * cm])
        commands = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]
        if self.style.ruled:
            commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.grey))
        table.setStyle(TableStyle(commands))
        return [table, Spacer(1, 10)]

    # -- tables --------------------------------------------------------------------------------------------------

    def _cells(self, t: Table, row: Row) -> list[str]:
        if t.role == "budget":
            return [format_kr(row.values[k]) for k in t.value_keys]
        return [format_dk(row.values[k], thousands_sep=t.thousands_sep, zero_dash=t.zero_dash) for k in t.value_keys]

    def _table_header(self, t: Table) -> list[object]:
        years = [str(y) for y in t.years] + ([t.extra_column] if t.extra_column else [])
        if t.role in ("budget", "overview"):
            first = t.label_header or ""
        else:
            first = f"{t.unit_label} {t.price_level} p/l"
        area = [self.p("Styringsområde", self.bold_cell)] if t.area_column else []
        return [self.p(first, self.bold_cell), *area, *years]

    def financial_table(self, t: Table) -> list[Flowable]:
        n_values = len(t.value_keys)
        office = self.style.template == "office"
        value_width = (2.5 if t.role == "budget" else 1.65 if office else 1.45) * cm
        area_width = (2.0 if office else 2.6) * cm if t.area_column else 0  # narrow: long areas wrap
        widths = [AVAILABLE_WIDTH - area_width - n_values * value_width]
        widths += [area_width] if t.area_column else []
        widths += [value_width] * n_values
        data = [self._table_header(t)]
        group_rows: list[int] = []
        group: str | None = None
        for row in t.rows:
            if t.role == "tabel1" and row.group is not None and row.group != group:
                group_rows.append(len(data))
                data.append([self.p(row.group, self.bold_cell)] + [""] * (len(widths) - 1))
            group = row.group
            label_style = self.bold_cell if row.is_total else self.cell
            area = [row.area or ""] if t.area_column else []
            data.append([self.p(row.label, label_style), *area, *self._cells(t, row)])
        table = RLTable(data, colWidths=widths, repeatRows=1)
        first_value = 2 if t.area_column else 1
        commands: list[tuple[object, ...]] = [
            ("FONT", (0, 0), (-1, -1), self.fonts.regular, self.style.font_size - 1),
            ("FONT", (0, 0), (-1, 0), self.fonts.bold, self.style.font_size - 1),
            ("ALIGN", (first_value, 0), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        if self.style.ruled:
            commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        else:
            commands.append(("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black))
        commands += [("SPAN", (0, r), (-1, r)) for r in group_rows]
        if office:
            commands += [("BACKGROUND", (0, 0), (-1, 0), SHADE)]
            commands += [("BACKGROUND", (0, r), (-1, r), SHADE) for r in group_rows]
        table.setStyle(TableStyle(commands))
        out: list[Flowable] = []
        if t.role in ("budget", "overview"):
            out.append(self.p(t.caption or "", self.bold_cell))
        elif t.caption_printed:
            out.append(self.p(f"Tabel {t.number}. {t.caption}", self.bold_cell))
        return out + [Spacer(1, 3), table, Spacer(1, 8)]

    def grid(self, g: Grid) -> list[Flowable]:
        width = AVAILABLE_WIDTH / max(len(r) for r in g.rows)
        table = RLTable([[self.p(c, self.cell) for c in row] for row in g.rows], colWidths=[width] * len(g.rows[0]))
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return [table, Spacer(1, 8)]

    def payback(self, pb: Payback) -> list[Flowable]:
        out: list[Flowable] = []
        for label, years in ((vocab.PAYBACK_SERVICE, pb.service), (vocab.PAYBACK_TOTAL, pb.total)):
            text = f"{label}: {years} år" if years is not None else f"{label}:"
            out.append(self.p(text, self.cell))
        return out + [Spacer(1, 6)]

    # -- sections ------------------------------------------------------------------------------------------------

    def item(self, item: Item) -> list[Flowable]:
        if isinstance(item, Table):
            return self.financial_table(item)
        if isinstance(item, Payback):
            return self.payback(item)
        if isinstance(item, Para):
            return [self.p(item.text)]
        if isinstance(item, Note):
            return [self.p(item.text, self.small)]
        if isinstance(item, Bullets):
            return [self.p(f"• {text}") for text in item.items]
        return self.grid(item)

    def section(self, section: Section, number: int) -> list[Flowable]:
        out: list[Flowable] = []
        if section.heading is not None:
            out.append(self.p(f"{number}. {section.heading}", self.heading))
        for item in section.items:
            out += self.item(item)
        return out

    def sections(self, sections: list[Section], first_number: int = 1) -> list[Flowable]:
        out: list[Flowable] = []
        number = first_number - 1
        for section in sections:
            number += section.heading is not None
            out += self.section(section, number)
        return out

    # -- documents -----------------------------------------------------------------------------------------------

    def document(self, p: Proposal) -> list[Flowable]:
        if self.style.template == "office":
            name = vocab.KIND_HEADER[p.kind].capitalize() if p.kind != "overview" else "Oversigt"
            return [_RunningHeader(" ".join(x for x in (name, p.code) if x)), *self._document(p)]
        return self._document(p)

    def _document(self, p: Proposal) -> list[Flowable]:
        if p.kind == "overview":
            out: list[Flowable] = [self.p(p.title, self.title)]
            for table in p.tables:
                out += self.financial_table(table)
            return out + ([self.p(p.overview_footnote, self.small)] if p.overview_footnote else [])
        out = self.header(p)
        if p.stub_line:
            return out + self.fields(p) + [self.p(p.stub_line)]
        if not p.shuffled:
            return out + self.fields(p) + self.sections(p.sections)
        first = p.sections[0]
        out += self.section(first, 1) + [PageBreak()] + self.fields(p) + [PageBreak()]
        return out + self.sections(p.sections[1:], 2 if first.heading is not None else 1)


def _page_decorator(style: PdfStyle, font: str):  # noqa: ANN202 - reportlab callback signature
    def decorate(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        if style.page_header and doc.page > 1:
            canvas.drawString(MARGIN, A4[1] - MARGIN + 14, style.page_header)
        if style.page_numbers:
            canvas.drawCentredString(A4[0] / 2, MARGIN / 2, str(doc.page))
        canvas.restoreState()

    return decorate


def render_pdf(proposals: list[Proposal], path: Path, rng: random.Random, style: PdfStyle | None = None) -> None:
    """Write one PDF holding the given documents, each starting on a new page. Byte-identical for the same input."""
    style = style or random_pdf_style(rng)
    builder = _Builder(rng, style)
    story: list[Flowable] = []
    for i, proposal in enumerate(proposals):
        if i:
            story.append(PageBreak())
        story += builder.document(proposal)
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=MARGIN, invariant=1, title=proposals[0].title, author="Københavns Kommune",
                            creator="synth")
    decorate = _page_decorator(style, builder.fonts.regular)
    canvas = _OfficeCanvas if style.template == "office" else Canvas
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate, canvasmaker=canvas)
