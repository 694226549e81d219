"""What the extractors produce for one document: the fields of SCHEMA.md plus where each came from.

These records are the contract between `extract/` and the loader in `pipeline.py`; `to_schema_dict` is the
exact JSON shape of `../shared/corpus/SCHEMA.md`.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from extract.header_years import HeaderYear
from parsers.records import Line, Word, least_confidence


@dataclass(slots=True)
class Provenance:
    page: int | None
    line_start: int
    line_end: int
    text: str  # the source text as written, e.g. "-1.022"
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom in PDF points
    inferred_by: str | None = None  # the rule that placed a value when the source lost its column
    ocr: bool = False  # read by OCR from a scanned page
    # OCR only: Tesseract's confidence (0-100) in the least sure word the value was read from
    confidence: float | None = None

    @classmethod
    def of_lines(cls, lines: Sequence[Line], text: str, bbox: tuple[float, float, float, float] | None = None,
                 inferred_by: str | None = None, words: Sequence[Word] | None = None) -> Provenance:
        """Where `text` was read: the span of `lines`; OCR if any of them was read by OCR, with the confidence of
        the least sure of `words` (the words the value was read from; default: every word of the lines)."""
        if words is None:
            words = [w for ln in lines for w in ln.words or ()]
        return cls(lines[0].page, lines[0].lineno, lines[-1].lineno, text, bbox, inferred_by,
                   any(ln.ocr for ln in lines), least_confidence(words))


@dataclass(slots=True)
class Cell:
    key: str  # "2022" or "total"
    value: int | float
    prov: Provenance | None = None
    # the evidence did not decide which column this figure stands under: it is stored where the best guess put it,
    # flagged, with the other keys it could stand under (exported as the row's "uncertain" list, SCHEMA.md)
    uncertain: bool = False
    candidates: list[str] = field(default_factory=list)
    # why an OCR figure is flagged uncertain although its column is sure (extract/ocr_doubts.py): None, or the
    # reason ("low-confidence", "totals-contradict"); such a cell's finding is ocr-uncertain, not placement
    doubt: str | None = None


@dataclass(slots=True)
class TableRow:
    label: str
    group: str | None = None
    area: str | None = None
    is_total: bool = False
    cells: list[Cell] = field(default_factory=list)
    prov: Provenance | None = None

    def values(self) -> dict[str, int | float]:
        return {c.key: c.value for c in self.cells}

    def uncertain_keys(self) -> list[str]:
        return [c.key for c in self.cells if c.uncertain]


@dataclass(slots=True)
class Table:
    number: int | None
    caption: str | None
    price_level: int | None
    unit: str | None
    years: list[int]
    rows: list[TableRow] = field(default_factory=list)
    prov: Provenance | None = None
    # year columns whose header is not a plain year as written ('2O23', '20244', '2999'): checks.header-year
    odd_year_headers: list[HeaderYear] = field(default_factory=list)


@dataclass(slots=True)
class Section:
    number: int
    heading: str
    text: str
    prov: Provenance | None = None


@dataclass(slots=True)
class ExtractedDocument:
    source: str
    ordinal: int
    kind: str
    code: str | None = None
    title: str | None = None
    presenting_department: str | None = None
    affected_departments_marked: list[str] | None = None
    summary: str | None = None
    budget_round: str | None = None
    price_level: int | None = None
    unit: str | None = None
    tables: list[Table] = field(default_factory=list)
    payback_service: float | None = None
    payback_total: float | None = None
    sections: list[Section] = field(default_factory=list)
    risk_rating: str | None = None
    field_prov: dict[str, Provenance] = field(default_factory=dict)  # header field name -> where it was read

    def to_schema_dict(self) -> dict:
        payback = None
        if self.payback_service is not None or self.payback_total is not None:
            payback = {"service": _num(self.payback_service), "total": _num(self.payback_total)}
        return {
            "source": self.source,
            "ordinal": self.ordinal,
            "kind": self.kind,
            "code": self.code,
            "title": self.title,
            "presenting_department": self.presenting_department,
            "affected_departments_marked": self.affected_departments_marked,
            "summary": self.summary,
            "budget_round": self.budget_round,
            "price_level": self.price_level,
            "unit": self.unit,
            "tables": [
                {
                    "number": t.number,
                    "caption": t.caption,
                    "price_level": t.price_level,
                    "years": t.years,
                    "rows": [
                        row_dict(r.group, r.label, r.area, {k: _num(v) for k, v in r.values().items()}, r.is_total,
                                 r.uncertain_keys())
                        for r in t.rows
                    ],
                }
                for t in self.tables
            ],
            "payback_years": payback,
            "section_headings": [s.heading for s in self.sections],
            "risk_rating": self.risk_rating,
            "notes": "",
        }


def row_dict(group: str | None, label: str, area: str | None, values: dict, is_total: bool,
             uncertain: list[str]) -> dict:
    """A table row in the SCHEMA.md shape; "uncertain" (the keys placed by a flagged guess) only when there are any."""
    out = {"group": group, "label": label, "area": area, "values": values, "is_total": is_total}
    if uncertain:
        out["uncertain"] = uncertain
    return out


def _num(v: int | float | None) -> int | float | None:
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v
