"""Dataclasses describing one synthetic document (a proposal or an overview) independently of its rendering."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["business_case", "investeringsforslag", "innovationsforslag", "overview"]
TickStyle = Literal["glyph", "x", "lost"]
TableRole = Literal["tabel1", "repeat", "admin", "budget", "overview"]
PaybackStyle = Literal["colon", "plain", "wrapped"]


@dataclass
class Row:
    """One table row; values map a year (as str) or "total" to an integer in the table's unit."""

    label: str
    values: dict[str, int]
    group: str | None = None
    area: str | None = None
    is_total: bool = False


@dataclass
class Table:
    """A financial table as a careful reader would record it, plus the few facts needed to print it."""

    number: int | None
    caption: str | None
    price_level: int | None
    years: list[int]
    rows: list[Row]
    role: TableRole = "repeat"
    area_column: bool = False
    unit_label: str = "1.000 kr."
    caption_printed: bool = True
    zero_dash: bool = False
    thousands_sep: bool = True
    extra_column: str | None = None  # header of a non-year column whose values go under "total"
    label_header: str | None = None  # header text of the label column (overview blocks, budget tables)

    @property
    def value_keys(self) -> list[str]:
        keys = [str(y) for y in self.years]
        return keys + ["total"] if self.extra_column else keys


@dataclass
class Payback:
    service: int | None
    total: int | None
    style: PaybackStyle = "colon"


@dataclass
class Para:
    text: str


@dataclass
class Bullets:
    items: list[str]


@dataclass
class Note:
    """A footnote or small print line under a table."""

    text: str


@dataclass
class Grid:
    """A non-financial table (Opfølgning, Hvem er hørt?): not part of the truth."""

    rows: list[list[str]]


Item = Para | Bullets | Note | Grid | Table | Payback


@dataclass
class Section:
    """A numbered section; heading None is the unnumbered block before section 1 (Tabel 1 in newer templates)."""

    heading: str | None
    items: list[Item] = field(default_factory=list)


@dataclass
class Proposal:
    kind: Kind
    title: str
    code: str | None = None
    code_separator: str = " "
    presenting_department: str | None = None
    affected_departments: list[str] = field(default_factory=list)
    tick_style: TickStyle = "glyph"
    summary: str | None = None
    summary_label: str = "Resumé:"
    affected_label: str = "Berørte forvaltninger:"
    budget_round: str | None = None
    header_subline: str | None = None  # pool name or budget round as printed under the header word
    appendix_line: str | None = None  # e.g. "BILAG 3" above the header word
    price_level: int | None = None
    unit: str | None = None
    sections: list[Section] = field(default_factory=list)
    risk_rating: str | None = None
    payback: Payback | None = None
    shuffled: bool = False
    stub_line: str | None = None  # title-only drafts: "[Forslaget er fortsat under udarbejdelse]"
    pl_field: bool = False  # print an empty "Angiv p/l:" field
    notes: list[str] = field(default_factory=list)
    overview_footnote: str | None = None

    @property
    def tables(self) -> list[Table]:
        return [item for section in self.sections for item in section.items if isinstance(item, Table)]

    @property
    def section_headings(self) -> list[str]:
        return [s.heading for s in self.sections if s.heading is not None]

    @property
    def affected_marked(self) -> list[str] | None:
        return None if self.tick_style == "lost" else list(self.affected_departments)

    @property
    def display_title(self) -> str:
        return f"{self.code}{self.code_separator}{self.title}" if self.code else self.title
