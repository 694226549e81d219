"""Validation rules: where a document's own figures do not add up.

The rules are data (id, description, severity) in RULES; each has one check function. They run on every ingest
over the documents of one file (an overview is checked against the proposals bundled with it).

Tolerance: amounts in the tables are whole numbers (1.000 kr. or kr.), so a total must equal the sum of its
components exactly (|difference| < 0.5, i.e. only float noise is forgiven); a rounding difference of 1 is a real
inconsistency in the source and is reported. Decimal tables (årsværk, e.g. 6,7) allow 0.05, half their last digit.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import regex

from extract.arithmetic import RowKind, total_equations
from extract.records import ExtractedDocument, Provenance, Table, TableRow
from parsers.numbers import storable_number

SIMILAR_LABEL = 0.85
OVERVIEW_ROUNDING = 100
# an overview block's totals: which lines each one adds up
OVERVIEW_TOTALS = {
    "nettoeffektivisering": "proposals",
    "investeringsbehov": "sub-rows",
}  # an overview rounds each proposal's figures to hundreds ("Der er foretaget afrundinger")


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: str  # "error": figures contradict each other; "warning": something to look at
    description: str


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("total-sum", "error", "A total row equals the sum of its component rows, year by year."),
        Rule(
            "grand-total",
            "error",
            "'Samlet økonomisk påvirkning' (a total of totals) equals the permanent changes plus the "
            "implementation costs, year by year.",
        ),
        Rule("row-total", "error", "A row's 'I alt' cell equals the sum of its year cells."),
        Rule("value-out-of-range", "error", "A figure has 15 or more digits before the point: no amount is that "
                                            "large; the figure is not stored (two cells glued by the flattening?)."),
        Rule("repeat-agrees", "error", "A row that Tabel 2-4 repeat from Tabel 1 has the same figures there."),
        Rule("years-contiguous", "error", "A table's year columns are consecutive years."),
        Rule("header-year", "warning", "A year column's header is a plain year between 1950 and 2099. One that is "
                                       "not ('2O23', '20244', '2999') keeps its column: read with a look-alike "
                                       "letter as its digit, kept as written when it is a number, or given the "
                                       "year its neighbours imply (a guess: its figures are flagged uncertain)."),
        Rule("years-agree", "warning", "The years of Tabel 2-N lie within the years of Tabel 1."),
        Rule("price-level-agrees", "warning", "Tables in 1.000 kr. state the same price level as Tabel 1."),
        Rule("price-unit-present", "warning", "Tabel 1 states its price level (NNNN p/l) and its unit."),
        Rule(
            "payback-agrees",
            "warning",
            "The stated payback period (totaløkonomi) agrees with the figures: the number of years until the "
            "cumulative 'Samlet økonomisk påvirkning' reaches zero or below, the last year's figure repeating "
            "beyond the table (the proposals define it so in their Tabel 1 and 'Tilbagebetalingstid' lines); "
            "one year either way is allowed for the rounding of part years.",
        ),
        Rule(
            "placement-ambiguous",
            "warning",
            "A text dump lost a figure's column and the evidence (runs of spaces, the totals' arithmetic, the "
            "repeated tables, the other rows) does not decide it: the figure is stored where the best guess put it, "
            "flagged uncertain; the finding names the columns it could stand under.",
        ),
        Rule(
            "copies-agree",
            "error",
            "Copies of one proposal (the same code, title and budget round in different files: a PDF and its text "
            "dump, two bundles) hold the same figures: a figure read differently in two copies was misread in one "
            "of them, or the copies are different versions.",
        ),
        Rule(
            "ocr-uncertain",
            "warning",
            "A figure read by OCR from a scan is not sure: Tesseract's confidence in it is below the threshold, or "
            "the table's arithmetic (totals, a row's I alt, a row repeated from Tabel 1) does not hold where it "
            "stands; it is stored flagged uncertain, to be compared with the image.",
        ),
        Rule(
            "overview-agrees",
            "warning",
            "An overview's figures for a proposal equal that proposal's Samlet varig ændring and "
            "implementation costs, rounded to hundreds.",
        ),
    )
}


@dataclass(slots=True)
class Finding:
    rule: str
    ordinal: int  # the document inside its file
    message: str
    table: int | None = None  # position of the table in the document (0-based)
    row: str | None = None
    key: str | None = None
    values: dict = field(default_factory=dict)
    prov: Provenance | None = None

    @property
    def severity(self) -> str:
        return RULES[self.rule].severity


def _tol(*values: float | None) -> float:
    return 0.05 if any(isinstance(v, float) and not float(v).is_integer() for v in values) else 0.5


def _kinds(rows: list[TableRow]) -> list[RowKind]:
    """Row kinds for the shared total rule; a change of group marks a new block."""
    kinds: list[RowKind] = []
    prev_group = None
    for r in rows:
        if r.group != prev_group and r.group is not None and not r.is_total:
            kinds.append(RowKind.HEADING)  # virtual heading, removed below
        prev_group = r.group
        kinds.append(RowKind.TOTAL if r.is_total else RowKind.ROW if r.cells else RowKind.SKIP)
    return kinds


def _equations(rows: list[TableRow]):
    kinds = _kinds(rows)
    index = [i for i, k in enumerate(kinds) if k is not RowKind.HEADING]  # position in kinds -> row index
    back = {pos: n for n, pos in enumerate(index)}
    for eq in total_equations(kinds):
        yield back[eq.total], [back[c] for c in eq.components], eq.of_subtotals


def _cell_prov(row: TableRow, key: str) -> Provenance | None:
    return next((c.prov for c in row.cells if c.key == key), row.prov)


def _overview_equations(doc: ExtractedDocument, ti: int, table: Table):
    """An overview block: each total sums one kind of line (proposal lines, or the lines under them); the
    grand-total block sums the same total of the other blocks."""
    rows = table.rows
    for t, row in enumerate(rows):
        if not row.is_total:
            continue
        kind = OVERVIEW_TOTALS.get(_norm(row.label))
        comps = [i for i, r in enumerate(rows) if not r.is_total and (r.group is None) == (kind == "proposals")]
        if kind is None or (not comps and ti == 0):
            continue
        if comps:
            yield t, comps, False, None
        else:  # the "I alt" block: the same total in every other block
            others = [
                (o, next((r for r in o.rows if r.is_total and _norm(r.label) == _norm(row.label)), None))
                for j, o in enumerate(doc.tables)
                if j != ti
            ]
            yield t, [r for _, r in others if r is not None], True, "rows"


def check_totals(doc: ExtractedDocument, ti: int, table: Table) -> Iterator[Finding]:
    rows = table.rows
    if doc.kind == "overview":
        for t, comps, grand, mode in _overview_equations(doc, ti, table):
            comp_rows = comps if mode == "rows" else [rows[c] for c in comps]
            yield from _total_findings(doc, ti, table, rows[t], comp_rows, grand)
        return
    for t, comps, grand in _equations(rows):
        yield from _total_findings(doc, ti, table, rows[t], [rows[c] for c in comps], grand)


def _total_findings(doc, ti, table, total_row: TableRow, comps: list[TableRow], grand: bool) -> Iterator[Finding]:
    total = total_row.values()
    if not total:
        return  # a total row printed with every cell empty states nothing to check
    for key in [str(y) for y in table.years]:
        parts = [c.values().get(key) for c in comps]
        printed = total.get(key)
        expected = sum(p for p in parts if p is not None)
        if printed is None and abs(expected) < 0.5:
            continue  # an empty total cell over components that add up to nothing
        if printed is not None and abs(printed - expected) < _tol(printed, *parts):
            continue
        yield Finding(
            "grand-total" if grand else "total-sum",
            doc.ordinal,
            f"Tabel {table.number or '-'} '{total_row.label}' {key}: printed {printed}, "
            f"components sum to {round(expected, 4)}",
            ti,
            total_row.label,
            key,
            {"printed": printed, "expected": expected, "components": {c.label: c.values().get(key) for c in comps}},
            _cell_prov(total_row, key),
        )


def check_row_totals(doc: ExtractedDocument, ti: int, table: Table) -> Iterator[Finding]:
    for row in table.rows:
        vals = row.values()
        if "total" not in vals:
            continue
        years = [v for k, v in vals.items() if k != "total"]
        if not years:
            continue
        expected = sum(years)
        if abs(vals["total"] - expected) >= _tol(vals["total"], *years):
            yield Finding(
                "row-total",
                doc.ordinal,
                f"Tabel {table.number or '-'} '{row.label}' I alt: printed {vals['total']}, years sum to {expected}",
                ti,
                row.label,
                "total",
                {"printed": vals["total"], "expected": expected},
                _cell_prov(row, "total"),
            )


def _norm(label: str) -> str:
    return " ".join(label.casefold().replace("*", " ").split())


def _same_row(a: str, b: str) -> bool:
    """The same row under slightly different wording ("Effektiviseringspotentiale (1 årsværk)" /
    "Effektiviseringspotentialet"): compared without parenthesised remarks."""
    strip = lambda s: _norm(regex.sub(r"\([^)]*\)", " ", s))  # noqa: E731
    return difflib.SequenceMatcher(None, strip(a), strip(b)).ratio() >= SIMILAR_LABEL


def repeated_rows(doc: ExtractedDocument) -> Iterator[tuple[int, Table, TableRow, Table, TableRow]]:
    """Each row of Tabel 2-N (in Tabel 1's unit) that repeats a row of Tabel 1, with that row: (position of the
    table, the table, its row, Tabel 1, Tabel 1's row)."""
    first = next((t for t in doc.tables if t.number == 1), None)
    if first is None:
        return
    for ti, table in enumerate(doc.tables):
        if table is first or table.number is None or table.unit != first.unit:
            continue
        for row in table.rows:
            match = next((r for r in first.rows if r.is_total == row.is_total and _same_row(r.label, row.label)), None)
            if match is not None:
                yield ti, table, row, first, match


def check_repeats(doc: ExtractedDocument) -> Iterator[Finding]:
    for ti, table, row, first, match in repeated_rows(doc):
        a, b = match.values(), row.values()
        for key in sorted(set(a) & set(str(y) for y in table.years) | set(b) & set(str(y) for y in first.years)):
            if key == "total":
                continue
            va, vb = a.get(key, 0), b.get(key, 0)
            if abs(va - vb) >= _tol(va, vb):
                yield Finding(
                    "repeat-agrees",
                    doc.ordinal,
                    f"Tabel {table.number} '{row.label}' {key}: {b.get(key)} but Tabel 1 '{match.label}' has "
                    f"{a.get(key)}",
                    ti,
                    row.label,
                    key,
                    {"this": b.get(key), "tabel_1": a.get(key)},
                    _cell_prov(row, key),
                )


def check_years(doc: ExtractedDocument) -> Iterator[Finding]:
    first = next((t for t in doc.tables if t.number == 1), None)
    for ti, table in enumerate(doc.tables):
        ys = table.years
        if any(b != a + 1 for a, b in zip(ys, ys[1:], strict=False)):
            yield Finding(
                "years-contiguous",
                doc.ordinal,
                f"Tabel {table.number or '-'} years {ys}",
                ti,
                values={"years": ys},
                prov=table.prov,
            )
        if first is not None and table is not first and table.number is not None and ys:
            if not set(ys) <= set(first.years):
                yield Finding(
                    "years-agree",
                    doc.ordinal,
                    f"Tabel {table.number} spans {ys[0]}-{ys[-1]}, Tabel 1 spans "
                    f"{first.years[0] if first.years else '?'}-{first.years[-1] if first.years else '?'}",
                    ti,
                    values={"years": ys, "tabel_1": first.years},
                    prov=table.prov,
                )
        if (
            first is not None
            and table is not first
            and table.price_level is not None
            and first.price_level is not None
            and table.unit == first.unit
            and table.price_level != first.price_level
        ):
            yield Finding(
                "price-level-agrees",
                doc.ordinal,
                f"Tabel {table.number or '-'} is at {table.price_level} p/l, Tabel 1 at {first.price_level} p/l",
                ti,
                values={"price_level": table.price_level, "tabel_1": first.price_level},
                prov=table.prov,
            )


def check_header(doc: ExtractedDocument) -> Iterator[Finding]:
    first = next((t for t in doc.tables if t.number == 1), None)
    if doc.kind == "overview" or first is None:
        return
    missing = [name for name, v in (("price level", first.price_level), ("unit", first.unit)) if v is None]
    if missing:
        yield Finding(
            "price-unit-present",
            doc.ordinal,
            f"Tabel 1 states no {' and no '.join(missing)}",
            doc.tables.index(first),
            prov=first.prov,
        )


def payback_years(series: list[float], horizon: int = 50) -> int | None:
    """Years until the cumulative net effect is zero or below; the last year's figure repeats beyond the table."""
    if not series:
        return None
    total = 0.0
    for year in range(1, horizon + 1):
        total += series[min(year, len(series)) - 1]
        if total <= 0 and year > 1 or (year == 1 and total < 0):
            return year
    return None


def check_payback(doc: ExtractedDocument) -> Iterator[Finding]:
    first = next((t for t in doc.tables if t.number == 1), None)
    if first is None or doc.payback_total is None:
        return
    grand = next((r for r in first.rows if r.is_total and r.label.casefold().startswith("samlet økonomisk")), None)
    if grand is None:
        return
    series = [grand.values().get(str(y), 0) for y in first.years]
    computed = payback_years(series)
    if computed is None or abs(computed - doc.payback_total) > 1:
        yield Finding(
            "payback-agrees",
            doc.ordinal,
            f"stated payback {doc.payback_total:g} years, the figures give {computed}",
            doc.tables.index(first),
            grand.label,
            values={"stated": doc.payback_total, "computed": computed, "series": series},
            prov=grand.prov,
        )


def _round_half_away(value: float, step: int) -> float:
    q = abs(value) / step
    return (int(q) + (1 if q - int(q) >= 0.5 else 0)) * step * (1 if value >= 0 else -1)


@dataclass(frozen=True, slots=True)
class OverviewDisagreement:
    """An overview figure that the proposal it names reads otherwise: the overview (document and table position),
    its row and key, its figure and the proposal's Tabel 1 total, and what the row sums."""

    overview: ExtractedDocument
    table: int
    row: TableRow
    key: str
    value: float
    proposal: ExtractedDocument
    proposal_value: float
    name: str
    what: str  # "varig ændring" | "implementering"
    proposal_sure: bool = True  # the proposal's figure is itself decided (not flagged uncertain)


def overview_disagreements(docs: list[ExtractedDocument]) -> Iterator[OverviewDisagreement]:
    """Each overview figure whose proposal, in the same file, has another total in its Tabel 1 (the overview
    rounds to `OVERVIEW_ROUNDING`); the proposal found by its title in the row's label."""
    cases = [d for d in docs if d.kind != "overview" and d.title]
    for ov in (d for d in docs if d.kind == "overview"):
        for ti, table in enumerate(ov.tables):
            for row in table.rows:
                if row.is_total or row.group is not None:
                    continue
                name = row.label.split(":", 1)[-1].strip()
                case = max(
                    cases,
                    key=lambda d: difflib.SequenceMatcher(None, _norm(d.title), _norm(name)).ratio(),
                    default=None,
                )
                if case is None or difflib.SequenceMatcher(None, _norm(case.title), _norm(name)).ratio() < 0.8:
                    continue
                t1 = next((t for t in case.tables if t.number == 1), None)
                if t1 is None:
                    continue
                varig = next((r for r in t1.rows if r.is_total and r.group == "Varige ændringer"), None)
                impl = next((r for r in t1.rows if r.is_total and r.group == "Implementeringsomkostninger"), None)
                sub = next((r for r in table.rows if r.group == row.label), None)
                for mine, theirs, what in ((row, varig, "varig ændring"), (sub, impl, "implementering")):
                    if mine is None or theirs is None:
                        continue
                    for key, v in mine.values().items():
                        if key not in {str(y) for y in t1.years}:
                            continue  # the proposal's tables stop before the overview's last year
                        other = theirs.values().get(key, 0)
                        if abs(v - _round_half_away(other, OVERVIEW_ROUNDING)) >= 0.5:
                            sure = key not in theirs.uncertain_keys()
                            yield OverviewDisagreement(ov, ti, mine, key, v, case, other, name, what, sure)


def check_overview(docs: list[ExtractedDocument]) -> Iterator[Finding]:
    for d in overview_disagreements(docs):
        yield Finding(
            "overview-agrees",
            d.overview.ordinal,
            f"overview '{d.name}' {d.what} {d.key}: {d.value}, the proposal (#{d.proposal.ordinal}) has "
            f"{d.proposal_value}",
            d.table,
            d.row.label,
            d.key,
            {"overview": d.value, "proposal": d.proposal_value, "proposal_ordinal": d.proposal.ordinal},
            _cell_prov(d.row, d.key),
        )


def check_value_range(doc: ExtractedDocument, ti: int, table: Table) -> Iterator[Finding]:
    """Figures too large to be stored exactly (parsers/numbers.py: STORABLE_LIMIT): named here, left out of the
    database (models/rows.py), so that no rounded figure is ever stored."""
    for row in table.rows:
        for cell in row.cells:
            if not storable_number(cell.value):
                yield Finding("value-out-of-range", doc.ordinal,
                              f"{row.label} / {cell.key}: {cell.value} is too large to be an amount; not stored",
                              table=ti, row=row.label, key=cell.key, values={cell.key: str(cell.value)},
                              prov=cell.prov)


HOW_READ = {
    "lookalike": "read as {year}, a letter taken for the digit it looks like",
    "as-written": "kept as written: {year} lies outside the years 1950-2099",
    "neighbours": "no year as written; stored as {year}, the year the columns beside it imply, its figures flagged "
                  "uncertain",
}


def check_header_years(doc: ExtractedDocument, ti: int, table: Table) -> Iterator[Finding]:
    """Each year column whose header is not a plain year (Table.odd_year_headers), with its text as written."""
    for hy in table.odd_year_headers:
        yield Finding("header-year", doc.ordinal,
                      f"Tabel {table.number or '-'}: the year column headed '{hy.text}' is "
                      + HOW_READ[hy.how].format(year=hy.year),
                      ti, key=hy.key, values={"as_written": hy.text, "stored": hy.year, "how": hy.how},
                      prov=table.prov)


def check_placement(doc: ExtractedDocument, ti: int, table: Table) -> Iterator[Finding]:
    """Every figure stored by a guess the evidence did not decide (Cell.uncertain), with its candidate columns.
    A figure under a column whose year was guessed is named once, by its column (check_header_years)."""
    guessed_columns = {hy.key for hy in table.odd_year_headers if hy.guessed}
    for row in table.rows:
        for cell in row.cells:
            if cell.uncertain and cell.doubt is None and not (cell.key in guessed_columns and not cell.candidates):
                candidates = sorted(set(cell.candidates) | {cell.key})
                written = cell.prov.text if cell.prov else cell.value
                message = (f"{row.label}: {written} may stand under {' or '.join(candidates)}; stored under "
                           f"{cell.key}, flagged uncertain") if cell.candidates else (
                    f"{row.label}: {written} stored under {cell.key}, but nothing in the table confirms it (its row, "
                    "its column, or whether it is a figure at all, e.g. a header year); flagged uncertain")
                yield Finding("placement-ambiguous", doc.ordinal, message, ti, row.label, cell.key,
                              {"candidates": candidates, "stored": cell.key}, cell.prov)


OCR_DOUBTS = {  # Cell.doubt (extract/ocr_doubts.py) -> what the finding says
    "low-confidence": "Tesseract's confidence in it is {confidence}, below the threshold",
    "totals-contradict": "the table's arithmetic does not hold where it stands (confidence {confidence})",
    "comma-separator": "its thousands point read as a comma, stored as a whole amount (confidence {confidence})",
}


def check_ocr_doubts(doc: ExtractedDocument, ti: int, table: Table) -> Iterator[Finding]:
    """Every figure read by OCR and flagged uncertain for it (Cell.doubt), with the reason and the confidence."""
    for row in table.rows:
        for cell in row.cells:
            if cell.uncertain and cell.doubt is not None:
                confidence = cell.prov.confidence if cell.prov else None
                shown = "unknown" if confidence is None else f"{confidence:.0f}"
                written = cell.prov.text if cell.prov else cell.value
                yield Finding("ocr-uncertain", doc.ordinal,
                              f"{row.label} / {cell.key}: {written} read by OCR, "
                              f"{OCR_DOUBTS[cell.doubt].format(confidence=shown)}; flagged uncertain",
                              ti, row.label, cell.key, {"doubt": cell.doubt, "confidence": confidence}, cell.prov)


@dataclass(frozen=True, slots=True)
class Copy:
    """One copy of a proposal as stored: where it is (file#ordinal) and its figures by (Tabel number, group label,
    row label, column key), a place that names one figure (models/copies.py leaves out places a copy has twice).
    Copies are found among stored documents, not in one file's extraction."""

    name: str
    figures: dict[tuple[int | None, str | None, str, str], float]


def check_copies(copies: list[Copy]) -> Iterator[Finding]:
    """Each figure that two copies of one proposal both hold and read differently, reported on each of the two
    (Finding.ordinal is the copy's index in `copies`; Finding.table its Tabel number), naming the other copy and both
    values. A figure only one copy holds is not compared: a text dump may lose a row the PDF keeps, and the
    placement and total checks speak for that."""
    for i, mine in enumerate(copies):
        for j, other in enumerate(copies):
            if i == j:
                continue
            for place, value in sorted(mine.figures.items(), key=lambda kv: tuple(str(x) for x in kv[0])):
                number, _group, label, key = place
                theirs = other.figures.get(place)
                if theirs is None or abs(value - theirs) < _tol(value, theirs):
                    continue
                yield Finding("copies-agree", i,
                              f"Tabel {number or '-'} '{label}' {key}: {value:g} here, {theirs:g} in the copy "
                              f"{other.name}", number, label, key,
                              {"this": value, "copy": theirs, "copy_name": other.name})


@dataclass(frozen=True, slots=True)
class Check:
    """A check function, where it looks and the rules (RULES) it raises: the registry below is the one list of
    what runs on every ingest."""

    run: Callable[..., Iterator[Finding]]
    scope: str  # "table": run(doc, table position, table); "document": run(doc); "file": run(all documents);
    # "archive": run(copies of one proposal, across files), after a load (models/copies.py), not by run_checks
    rules: tuple[str, ...]


CHECKS: tuple[Check, ...] = (
    Check(check_totals, "table", ("total-sum", "grand-total")),
    Check(check_row_totals, "table", ("row-total",)),
    Check(check_value_range, "table", ("value-out-of-range",)),
    Check(check_placement, "table", ("placement-ambiguous",)),
    Check(check_header_years, "table", ("header-year",)),
    Check(check_ocr_doubts, "table", ("ocr-uncertain",)),
    Check(check_repeats, "document", ("repeat-agrees",)),
    Check(check_years, "document", ("years-contiguous", "years-agree")),
    Check(check_header, "document", ("price-level-agrees", "price-unit-present")),
    Check(check_payback, "document", ("payback-agrees",)),
    Check(check_overview, "file", ("overview-agrees",)),
    Check(check_copies, "archive", ("copies-agree",)),
)
ARCHIVE_RULES = frozenset(rule for check in CHECKS if check.scope == "archive" for rule in check.rules)


def run_checks(docs: list[ExtractedDocument], checks: tuple[Check, ...] = CHECKS) -> list[Finding]:
    """Every check of the registry over one file's documents."""
    scoped = {scope: [c for c in checks if c.scope == scope] for scope in ("table", "document", "file")}
    findings: list[Finding] = []
    for doc in docs:  # a document's findings together: its tables' in table order, then its own
        for ti, table in enumerate(doc.tables):
            for check in scoped["table"]:
                findings.extend(check.run(doc, ti, table))
        for check in scoped["document"]:
            findings.extend(check.run(doc))
    for check in scoped["file"]:
        findings.extend(check.run(docs))
    return findings
