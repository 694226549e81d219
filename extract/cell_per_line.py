"""Tables that a PDF-to-text tool wrote a cell per line, in its own reading order (poppler's default `pdftotext`).

`COLUMN_BLOCKS`: a ruled table read column by column: the label cells first, one line each (a long label wraps
over lines), then each year column as a block, its header year on a line of its own followed by one line per
figure, top to bottom ("Inden for målsætning" / "Uden for målsætning" / "2021" / "0" / "0" / "2022" / "-814" ...).

`column_blocks_to_raw_rows` rebuilds the rows only when the shape leaves no choice: the years consecutive, every
block the same number of figures, and the labels (wrapped lines joined) exactly that many. The figures go to the
rows in order; placement's arithmetic (totals) or a decided repeat in another table then confirms each one, and a
figure nothing confirms stays flagged uncertain (the rows are `assembled` from figures on several lines).
"""
from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex

from extract.placement import totals_hold
from extract.settings import DEFAULT, TextSettings
from extract.tables import (
    AREA_BY_LOWER,
    CAPTION,
    END_LINE,
    NUMBERED_HEADING,
    PRICE_LEVEL,
    PROSE_WORDS,
    UNIT,
    WRAP_TAIL,
    YEAR,
    RawRow,
    TableHeader,
    TableRegion,
    Token,
    is_figure,
    is_heading_item,
    is_total_label,
    is_unit_line,
    label_items,
    label_written_after_figures,
)
from parsers.numbers import parse_number
from parsers.records import Line
from parsers.text import normalize_space

AREA_HEADER = regex.compile(r"Styring", regex.IGNORECASE)
KRONER = regex.compile(r"(?<=\d)\s*kr\.?(?!\w)")  # a budget table's cells carry their unit: "790.000 kr."


@dataclass(slots=True)
class ColumnBlocks:
    """A table read column by column: its label lines and, per year, the year's line and its figure lines."""

    labels: list[Line]
    years: list[int]
    blocks: list[list[Line]]
    year_lines: list[Line]


def find_column_blocks(lines: list[Line], start: int, end: int,
                       settings: TextSettings = DEFAULT) -> ColumnBlocks | None:
    """Rule `column-blocks`: after the caption and unit, label lines (no figures), then two or more blocks, each
    a lone consecutive year followed by its figures, every block holding the same number of figures (the last
    block may be followed by stray figures, such as a page number, that belong to no row). None otherwise."""
    body = [ln for ln in lines[start:end] if not ln.is_blank]
    if body and CAPTION.match(body[0].text):
        body = body[1:]
    labels: list[Line] = []
    i = 0
    while i < len(body) and not YEAR.match(body[i].stripped):
        text = body[i].stripped
        if is_figure(text) or AREA_HEADER.search(text):
            return None  # figures before the years, or an area column: not this reading order
        if not is_unit_line(text) and not (UNIT.search(text) or PRICE_LEVEL.search(text)):
            labels.append(body[i])
        i += 1
    years: list[int] = []
    blocks: list[list[Line]] = []
    year_lines: list[Line] = []
    while i < len(body):
        text = body[i].stripped
        if YEAR.match(text) and (not years or int(text) == years[-1] + 1) and (
                len(blocks) < 2 or len(blocks[-1]) == len(blocks[0])):
            years.append(int(text))
            year_lines.append(body[i])
            blocks.append([])
        elif is_figure(text) and blocks:
            blocks[-1].append(body[i])
        else:
            break
        i += 1
    if len(blocks) < settings.min_column_blocks or not labels:
        return None
    k = len(blocks[0])
    if k == 0 or any(len(b) != k for b in blocks[:-1]) or len(blocks[-1]) < k:
        return None
    blocks[-1] = blocks[-1][:k]
    return ColumnBlocks(labels, years, blocks, year_lines)


def join_wrapped_labels(labels: list[Line]) -> list[list[Line]]:
    """Rule `wrapped-label`: a label line that starts in lower case, or follows a line broken mid-phrase (ending in
    a joining word, a comma, a hyphen), goes on the label above; any other line starts a label of its own."""
    out: list[list[Line]] = []
    for ln in labels:
        text = ln.stripped
        if out and (text[:1].islower() or WRAP_TAIL.search(normalize_space(out[-1][-1].text))):
            out[-1].append(ln)
        else:
            out.append([ln])
    return out


def column_blocks_to_raw_rows(lines: list[Line], region: TableRegion, settings: TextSettings = DEFAULT
                              ) -> tuple[TableHeader, list[RawRow]] | None:
    """The header and rows of a table written column by column, or None when the shape is not that or when the
    labels do not match the figures one to one (then the caller reads the region as before)."""
    found = find_column_blocks(lines, region.start, region.end, settings)
    if found is None:
        return None
    labels = join_wrapped_labels(found.labels)
    k = len(found.blocks[0])
    if len(labels) != k:
        return None
    unit = price = None
    for ln in lines[region.start : region.end]:
        if UNIT.search(ln.text) or PRICE_LEVEL.search(ln.text):
            unit = "1000 kr." if UNIT.search(ln.text) else None
            pm = PRICE_LEVEL.search(ln.text)
            price = int(pm["y1"]) if pm else None
            break
    first = found.year_lines[0]
    body_start = next((j for j in range(region.start, region.end) if lines[j] is first), region.start)
    header = TableHeader(found.years, unit, price, False, False, body_start)
    rows = []
    for r, label_lines in enumerate(labels):
        figures = [block[r] for block in found.blocks]
        rows.append(RawRow([ln.text for ln in label_lines], label_lines + figures, None,
                           [Token(f.stripped, f) for f in figures]))
    return header, rows


@dataclass(slots=True)
class AreaBand:
    """Rows that pdftotext read together: their area cells first, then their figures column by column."""

    areas: list[str]
    figures: list[Line]


def _area_of(text: str) -> str | None:
    return AREA_BY_LOWER.get(text.replace(" ", "").casefold())


def _area_prefix(text: str) -> bool:
    key = text.replace(" ", "").casefold()
    return bool(key) and any(a.replace(" ", "").startswith(key) for a in AREA_BY_LOWER)


def area_piece(piece: str, text: str) -> tuple[str | None, str | None]:
    """An area cell wrapped into pieces joins up ("Innovationsp" / "uljen"): `text` after the pieces so far gives
    (the area, "") when it completes one, (None, the pieces) when they may still become one, and (None, None) when
    it is no area cell."""
    joined = piece + text
    area = _area_of(joined)
    if area is not None:
        return area, ""
    return (None, joined) if _area_prefix(joined) else (None, None)


def area_runs(body: list[Line]) -> list[AreaBand] | None:
    """The body after the years of a table with an area column, as pdftotext writes it a cell per line: runs of
    area cells (an area wrapped into pieces joins up), each followed by the figures before the next area cell, up
    to the text below the table. None when figures come before any area cell or after an unfinished piece."""
    bands: list[AreaBand] = []
    piece = ""
    for ln in body:
        text = ln.stripped
        if is_figure(text):
            if piece or not bands:
                return None
            bands[-1].figures.append(ln)
            continue
        area, piece = area_piece(piece, text)
        if piece is None:
            break  # the text below the table
        if area is None:
            continue
        if not bands or bands[-1].figures:
            bands.append(AreaBand([], []))
        bands[-1].areas.append(area)
    return bands


def find_area_bands(body: list[Line], ncols: int) -> list[AreaBand] | None:
    """Rule `area-bands`: after the years of a table with an area column, pdftotext writes the rows in bands: a
    band's area cells, then its figures column by column (area_runs). A band holds a whole number of rows (its
    figures a multiple of the year count); a row without an area (a total) has no area cell. None when a band is
    not a whole number of rows or nothing follows the years."""
    bands = area_runs(body)
    if not bands or any(not b.figures or len(b.figures) % ncols for b in bands):
        return None
    return bands


@dataclass(slots=True)
class AreaTable:
    """A table with an area column as pdftotext writes it a cell per line: the label cells first (group headings
    among them), the header ("Styringsområde", the years on lines of their own), then what the body holds."""

    items: list[list[Line]]  # each label's lines, wrapped lines joined; a group heading alone
    data: list[list[Line]]  # the labels of rows with figures: `items` without the group headings
    years: list[int]
    rest: list[Line]  # the non-blank lines after the years
    header: TableHeader


def read_area_table(lines: list[Line], region: TableRegion, settings: TextSettings = DEFAULT,
                    area_column: bool = True) -> AreaTable | None:
    """The labels, years and body of a table written a cell per line with its labels before an area column's
    header (with `area_column` False: before the years of a table without one); None when the region is not so
    written."""
    # the region's first line is its caption (or the section heading that stands for it): no label
    body = [ln for ln in lines[region.start + 1 : region.end] if not ln.is_blank]
    at = next((i for i, ln in enumerate(body) if AREA_HEADER.search(ln.text)), None)
    if area_column and at is not None:
        label_end, i = at, at + 1
    elif not area_column and at is None:
        label_end = i = next((i for i, ln in enumerate(body) if YEAR.match(ln.stripped)), len(body))
    else:
        return None
    label_lines = [ln for ln in body[:label_end] if not (UNIT.search(ln.text) or PRICE_LEVEL.search(ln.text))]
    numbers = [ln for ln in label_lines if is_figure(ln.stripped)]
    if not area_column and len(numbers) == 1 and regex.fullmatch(r"\d{1,3}", numbers[0].stripped):
        label_lines.remove(numbers[0])  # a page number the tool wrote among the cells (a lone small number)
    areas_first: list[Line] = []  # area cells written between the area header and the years: the first band's
    while i < len(body) and not YEAR.match(body[i].stripped) and not is_figure(body[i].stripped):
        if _area_prefix(body[i].stripped) or areas_first:
            areas_first.append(body[i])
        i += 1  # else the area header's wrapped pieces ("råde")
    years: list[int] = []
    year_at = i
    while i < len(body) and YEAR.match(body[i].stripped) and (not years or int(body[i].stripped) == years[-1] + 1):
        years.append(int(body[i].stripped))
        i += 1
    if len(years) < settings.min_column_blocks or any(is_figure(ln.stripped) for ln in label_lines):
        return None
    items = label_items(label_lines)  # group headings are rows of their own; the rest join their wrapped lines
    data = [g for g in items if not is_heading_item(g)]
    unit = "1000 kr." if any(UNIT.search(ln.text) for ln in body[:label_end]) else None
    pm = next((m for ln in body[:label_end] if (m := PRICE_LEVEL.search(ln.text))), None)
    first = body[year_at] if year_at < len(body) else body[-1]
    body_start = next((j for j in range(region.start, region.end) if lines[j] is first), region.start)
    header = TableHeader(years, unit, int(pm["y1"]) if pm else None, area_column, False, body_start)
    return AreaTable(items, data, years, areas_first + body[i:], header)


def area_bands_to_raw_rows(lines: list[Line], region: TableRegion, settings: TextSettings = DEFAULT
                           ) -> tuple[TableHeader, list[RawRow]] | None:
    """The header and rows of a table with an area column that pdftotext wrote in bands (`find_area_bands`); the
    labels stand before the header, group headings among them. None unless the labels (wrapped lines joined)
    are exactly as many as the bands' rows."""
    table = read_area_table(lines, region, settings)
    if table is None:
        return None
    bands = find_area_bands(table.rest, len(table.years))
    if bands is None:
        return _bands_with_short_rows(table, settings)
    readings = [r for r in band_readings(bands, len(table.years), settings) if len(r) == len(table.data)]
    if not readings:
        return None
    band_rows, doubt = _reading_the_totals_confirm(readings, table.items, table.years)
    return table.header, _band_rows(table.items, band_rows, doubt=doubt)


BandRow = tuple[str | None, list[Line]]


def _band_options(band: AreaBand, keys: list[str], settings: TextSettings) -> list[list[StreamRow]]:
    """The ways one band may be read as rows: column by column (`band_readings`) when its figures are whole rows;
    else row by row, its areas' rows and up to `band_tail_rows` + 1 totals after them, each row one to all the
    years' figures (a short row's first or last years: `_segment_readings`)."""
    n = len(keys)
    if len(band.figures) % n == 0:
        return [[StreamRow(area, figures, keys) for area, figures in reading]
                for reading in band_readings([band], n, settings)]
    options: list[list[StreamRow]] = []
    for m in range(len(band.areas), len(band.areas) + settings.band_tail_rows + 2):
        options.extend(_split_into_rows(band.areas, band.figures, row_keys)
                       for row_keys in _segment_readings(band.figures, m, keys, settings.max_stream_readings))
    return options


def _bands_with_short_rows(table: AreaTable, settings: TextSettings) -> tuple[TableHeader, list[RawRow]] | None:
    """Rule `band-short-rows`: bands (`area_runs`) of which some are no whole number of rows: pdftotext wrote such
    a band row by row, a short row (a cost in the first year only) with fewer figures. Every reading of every band
    whose rows are as many as the labels is tried; one stands decided only when it alone makes the totals add up
    (readings that place the same values count as one), else the first is stored flagged. None when a band has no
    figures or no reading fits the labels."""
    bands = area_runs(table.rest)
    if not bands or any(not b.figures for b in bands):
        return None
    # the bands must hold every figure of the body: figures left after them (a line of several, as pdfminer
    # writes a row) are rows this reading does not see
    read = {id(f) for b in bands for f in b.figures}
    if any(id(ln) not in read and ln.text.split() and all(parse_number(t) is not None for t in ln.text.split())
           for ln in table.rest):
        return None
    keys = [str(y) for y in table.years]
    per_band = [_band_options(b, keys, settings) for b in bands]
    if any(not options for options in per_band) or math.prod(map(len, per_band)) > settings.max_stream_readings:
        return None
    readings = ([row for band in combo for row in band] for combo in itertools.product(*per_band))
    return _decided_reading((rd for rd in readings if len(rd) == len(table.data)), table, settings)


def _band_rows(items: list[list[Line]], reading: list[BandRow], keys: list[str] | None = None,
               doubt: bool = False) -> list[RawRow]:
    """The table's rows: a group heading alone, every other label (its lines) with the next row of the reading;
    with `keys`, each row's figures already placed under them in order."""
    rows: list[RawRow] = []
    it = iter(reading)
    for g in items:
        if is_heading_item(g):
            rows.append(RawRow([g[0].stripped], g))
            continue
        area, figures = next(it)
        tokens = [Token(f.stripped, f) for f in figures]
        rows.append(RawRow([ln.text for ln in g], g + figures, area, tokens, order_doubt=doubt,
                           placed=dict(zip(keys, tokens, strict=True)) if keys else None))
    return rows


def band_readings(bands: list[AreaBand], ncols: int, settings: TextSettings = DEFAULT) -> list[list[BandRow]]:
    """Rule `band-closing-total`: every way the bands can be read. A band is the rows of one area run, closed at
    most by one total without an area cell; pdftotext reads them column by column, the closing total either among
    them or after them, alone (it does so when the total's label wraps, for one), and one more row (the grand
    total) alone; a row alone reads the same in either order. A band with still more rows is read some other way.
    Each reading lists (area, figure lines in column order) per row."""
    per_band: list[list[list[BandRow]]] = []
    for b in bands:
        rows_in = len(b.figures) // ncols
        options: list[list[BandRow]] = []
        for m, alone_allowed in ((len(b.areas) + 1, settings.band_tail_rows),
                                 (len(b.areas), settings.band_tail_rows + 1)):
            m = min(rows_in, m)
            if m < 1 or rows_in - m > alone_allowed or len(b.areas) > rows_in:
                continue
            reading: list[BandRow] = []
            for r in range(m):
                area = b.areas[r] if r < len(b.areas) else None
                reading.append((area, [b.figures[c * m + r] for c in range(ncols)]))
            tail = b.figures[m * ncols :]
            reading.extend((None, tail[r * ncols : (r + 1) * ncols]) for r in range(rows_in - m))
            if reading not in options:
                options.append(reading)
        if not options:
            return []
        per_band.append(options)
    return [[row for band in combo for row in band] for combo in itertools.product(*per_band)]


def _reading_the_totals_confirm(readings: list[list[BandRow]], items: list[list[Line]], years: list[int]
                                ) -> tuple[list[BandRow], bool]:
    """The reading whose totals all add up, when exactly one does; else the first reading (the closing totals among
    their bands), with doubt: the arithmetic did not choose, so none of its figures may stand as decided."""
    keys = [str(y) for y in years]
    header = TableHeader(years, None, None, True, False, 0)
    confirmed = [r for r in readings if totals_hold(_band_rows(items, r, keys), header)]
    if len(confirmed) == 1:
        return confirmed[0], False
    return readings[0], len(readings) > 1


def flag_unconfirmed_order(rows: list[RawRow]) -> None:
    """Rule `order-unconfirmed`: the band reading order is the tool's guess made table-wide; when the arithmetic
    rejects one figure of the table, the order is not confirmed and no figure of the table stands unflagged (a
    column can add up by coincidence: 0 + 450 = 450 under the wrong rows)."""
    if not any(r.uncertain or r.order_doubt for r in rows):
        return
    for r in rows:
        r.flag()


def written_cell_per_line(body: list[Line], settings: TextSettings = DEFAULT) -> bool:
    """The dump wrote this table a cell per line (a lone figure on many of its lines), whatever order it chose."""
    nonblank = [ln for ln in body if not ln.is_blank]
    # a budget table's amount with its unit ("330.000 kr.") is a lone figure too
    lone = sum(1 for ln in nonblank if is_figure(KRONER.sub("", ln.text)))
    return bool(nonblank) and lone >= settings.cell_per_line_share * len(nonblank)


def flag_unconfirmed_assembly(rows: list[RawRow], header: TableHeader, body: list[Line],
                              settings: TextSettings = DEFAULT) -> None:
    """Rule `assembly-unconfirmed`: a table the dump wrote a cell per line, which neither the column blocks nor
    the bands above rebuilt, had its rows assembled line by line from cells the tool's reading order scattered
    (a row's figures may sit after the next row's label; a short row's empty years have no spaces to show them,
    and a repeat read from the same dump may agree with a shifted reading). A figure stands unflagged only when
    every row with figures fills every year column and the totals add up in its column, and in most columns; a
    short row anywhere leaves no figure of the table unflagged."""
    # judged on the lines the rows were assembled from: prose after a small table would hide its shape
    if not written_cell_per_line([ln for r in rows for ln in r.lines] or body, settings):
        return
    for r in rows:
        if r.after_header_again:
            # rule `body-after-header-again`: pdftotext writes consecutive tables' bodies one after the other
            # and their captions later; rows read after the header written again may be the next table's, and
            # their own totals add up there too
            r.flag()
    with_figures = [r for r in rows if r.numbers]
    keys = [str(y) for y in header.years] + (["total"] if header.has_total_column else [])
    if any(len(r.placed or {}) < len(header.years) for r in with_figures) or any(
            _label_after_figures(r) for r in with_figures):
        doubtful = set(keys)
    else:
        doubtful = {k for k in keys if not totals_hold(rows, header, [k])}
        if len(doubtful) > len(keys) - len(doubtful):
            # most columns do not add up: the rows were assembled wrong, and a column that adds up anyway does so
            # by chance (a dash read in the wrong row, a grand total taken for a block's); one column that does
            # not add up among columns that do is the document's own arithmetic, flagged alone
            doubtful = set(keys)
    for r in rows:
        r.flag(doubtful)


def _label_after_figures(row: RawRow) -> bool:
    """A row that is no total whose label the dump wrote after all its figures: the line-by-line assembly gave
    it figures written before it, another table's or another row's (a tool writing text boxes may write a table's
    figures before its labels, or the table above's figures after this one's caption), and a column that adds up
    says nothing of a reading that moved the rows' figures alike. A total's label written after its sum is
    pdftotext's way (`total_label_after_its_sum`)."""
    return label_written_after_figures(row) and not is_total_label(row.label)


@dataclass(slots=True)
class StreamRow:
    """One row of a row-by-row reading: its area (None for a total), its figures and the year keys they stand
    under, in order."""

    area: str | None
    figures: list[Line]
    keys: list[str]


def area_stream(rest: list[Line]) -> list[AreaBand] | None:
    """Rule `area-rows`: the body as pdftotext writes a ruled table with an area column row by row: each row's
    area cell, then its figures; a total has no area cell, so its figures follow the row above's. Returns the
    area runs (area_runs), each one area and the figures after it up to the next; None when the body does not
    start with an area or an area has no figure after it (areas written as a band)."""
    runs = area_runs(rest)
    if not runs or any(len(r.areas) != 1 or not r.figures for r in runs):
        return None
    return runs


def _row_options(n_figures: int, keys: list[str]) -> list[list[str]]:
    """The year keys a row of `n_figures` figures may fill: all of them, or a short row's first or last years (a
    row whose first years are empty, a gain that starts later, or whose last are: a cost that ends)."""
    k = len(keys)
    if n_figures == k:
        return [keys]
    return [keys[:n_figures], keys[k - n_figures :]]


def row_sizes(rows: int, low: int, high: int, most: int) -> Iterator[tuple[int, ...]]:
    """Every way `rows` rows in order can take one to `most` figures each, `low` to `high` figures in all (the
    first row's fewest first)."""
    if rows == 0:
        if low <= 0:
            yield ()
        return
    for k in range(1, min(most, high - (rows - 1)) + 1):
        if low - k <= most * (rows - 1):
            for rest in row_sizes(rows - 1, low - k, high - k, most):
                yield (k, *rest)


def _segment_readings(figures: list[Line], rows: int, keys: list[str], limit: int) -> list[list[list[str]]]:
    """Every way `rows` consecutive rows (each one to len(keys) figures) can share `figures` in order, each row's
    figures under the keys `_row_options` allows: a list of rows' keys per reading; [] past `limit` readings."""
    out: list[list[list[str]]] = []
    for split in row_sizes(rows, len(figures), len(figures), len(keys)):
        for combo in itertools.product(*(_row_options(s, keys) for s in split)):
            out.append(list(combo))
            if len(out) > limit:
                return []
    return out


def area_rows_to_raw_rows(lines: list[Line], region: TableRegion, settings: TextSettings = DEFAULT
                          ) -> tuple[TableHeader, list[RawRow]] | None:
    """The header and rows of a table with an area column that pdftotext wrote row by row (`area_stream`): the
    labels before the header, each row's area then its figures, a total's figures straight after the row above.
    How many figures each row takes and which years a short row fills, the layout does not say: every reading
    is tried, and one stands decided only when it is the only one whose totals all add up (readings that place
    the same values count as one); otherwise the first is stored flagged. None unless the rows with an area are
    exactly the labels that are not totals, each area before its own row."""
    table = read_area_table(lines, region, settings)
    if table is None:
        return None
    segments = area_stream(table.rest)
    if segments is None:
        return None
    totals = [is_total_label(" ".join(ln.stripped for ln in g)) for g in table.data]
    starts = [i for i, t in enumerate(totals) if not t]
    if not starts or starts[0] != 0 or len(starts) != len(segments):
        return None
    spans = list(zip(starts, [*starts[1:], len(totals)], strict=True))
    keys = [str(y) for y in table.years]
    per_segment = [_segment_readings(segment.figures, end - start, keys, settings.max_stream_readings)
                   for segment, (start, end) in zip(segments, spans, strict=True)]
    if any(not options for options in per_segment):
        return None
    readings = ([row for segment, row_keys in zip(segments, combo, strict=True)
                 for row in _split_into_rows(segment.areas, segment.figures, row_keys)]
                for combo in itertools.product(*per_segment))
    return _decided_reading(readings, table, settings)


def _split_into_rows(areas: list[str], figures: list[Line], row_keys: list[list[str]]) -> list[StreamRow]:
    """A run's figures shared among rows in order, each row's under its keys; the run's area cells go to its first
    rows, in order (the rows after them are totals, without one)."""
    rows: list[StreamRow] = []
    at = 0
    for r, ks in enumerate(row_keys):
        rows.append(StreamRow(areas[r] if r < len(areas) else None, figures[at : at + len(ks)], ks))
        at += len(ks)
    return rows


def _decided_reading(readings: Iterable[list[StreamRow]], table: AreaTable, settings: TextSettings
                     ) -> tuple[TableHeader, list[RawRow]] | None:
    """Of the readings (readings that place the same values count as one), the one that alone makes the table's
    totals add up stands decided; otherwise the first is stored in doubt. None when there is none, or more than
    `max_stream_readings`."""
    distinct: dict[tuple, list[StreamRow]] = {}
    for reading in readings:
        values = tuple((i, key, f.stripped) for i, row in enumerate(reading)
                       for key, f in zip(row.keys, row.figures, strict=True))
        distinct.setdefault(values, reading)
        if len(distinct) > settings.max_stream_readings:
            return None
    if not distinct:
        return None
    confirmed = [rd for rd in distinct.values()
                 if totals_hold(_stream_rows(table.items, rd, doubt=False), table.header)]
    chosen = confirmed[0] if confirmed else next(iter(distinct.values()))
    return table.header, _stream_rows(table.items, chosen, doubt=len(confirmed) != 1)


def _stream_rows(items: list[list[Line]], reading: list[StreamRow], doubt: bool) -> list[RawRow]:
    """The table's rows: a group heading alone, every other label (its lines) with the next row of the reading,
    its figures placed under the reading's keys."""
    rows: list[RawRow] = []
    it = iter(reading)
    for g in items:
        if is_heading_item(g):
            rows.append(RawRow([g[0].stripped], g))
            continue
        row = next(it)
        tokens = [Token(f.stripped, f) for f in row.figures]
        rows.append(RawRow([ln.text for ln in g], g + row.figures, row.area, tokens, order_doubt=doubt,
                           placed=dict(zip(row.keys, tokens, strict=True)), keys_read=row.keys))
    return rows


@dataclass(slots=True)
class ColumnRuns:
    """A table's body as pdfminer writes it, text box by text box: label cells (headings among them), area
    cells, and runs of lone figures, each run a whole number of rows."""

    items: list[list[Line]]  # every label (its lines), the labels before the header first; a heading alone
    areas: list[str]
    runs: list[list[Line]]
    labels_after: bool  # label cells written after the last run: they may be labels written after their rows


def read_column_runs(table: AreaTable) -> ColumnRuns | None:
    """The label cells, area cells and figure runs after a table's years, up to the text below it. None when a
    run is not a whole number of rows or the runs' rows are not the labels' count."""
    label_run: list[Line] = []
    items = list(table.items)
    areas: list[str] = []
    runs: list[list[Line]] = []
    piece = ""
    last_figure = False
    header_again = [str(y) for y in table.years[:2]]
    labels_before: list[int] = []  # per run: how many labels were written before it
    for at, ln in enumerate(table.rest):
        text = ln.stripped
        if [x.stripped for x in table.rest[at : at + 2]] == header_again or is_unit_line(text):
            # the header written again: the figures around it may be another table's body written before its
            # caption, with totals of its own that add up as well; no reading of this shape is safe
            return None
        if is_figure(text):
            if piece:
                return None
            if not last_figure:
                items.extend(label_items(label_run))
                label_run = []
                runs.append([])
                labels_before.append(sum(1 for g in items if not is_heading_item(g)))
            runs[-1].append(ln)
            last_figure = True
            continue
        last_figure = False
        area, joined = area_piece(piece, text)
        if joined is not None:
            piece = joined
            areas.extend([area] if area is not None else [])
            continue
        if piece or END_LINE.match(ln.text) or CAPTION.match(ln.text) or NUMBERED_HEADING.match(text) or (
                text.endswith(".") or len(text.split()) >= PROSE_WORDS):
            break  # the text below the table
        label_run.append(ln)
    labels_after = bool(label_run)
    items.extend(label_items(label_run))
    k = len(table.years)
    data = [g for g in items if not is_heading_item(g)]
    if not runs or any(len(run) % k for run in runs) or sum(len(run) for run in runs) != k * len(data):
        return None
    # every run's rows have their labels written before it (a block's labels, then its figures); a run with
    # fewer labels before it than rows is figures whose labels come after them, which the sums cannot place
    # (any order of a block's rows adds up alike): the line-by-line reading, which knows those layouts, reads it
    if any(labelled < rows for labelled, rows in zip(labels_before, itertools.accumulate(len(r) // k for r in runs),
                                                     strict=True)):
        return None
    if all(len(run) == k for run in runs):
        return None  # a row's figures after each label: the rows as lines, for the line-by-line reading
    return ColumnRuns(items, areas, runs, labels_after)


def column_runs_to_raw_rows(lines: list[Line], region: TableRegion, settings: TextSettings = DEFAULT
                            ) -> tuple[TableHeader, list[RawRow]] | None:
    """Rule `column-runs` (pdfminer: a table's columns as blocks): the label cells (before the header and
    after it, headings among them), the area cells, and runs of lone figures, each run the next rows' figures
    written column by column (a text box per column) or, some tools' way, row by row. Every combination is
    tried; one stands decided only when it alone makes the totals add up, else the first (column by column) is
    stored flagged. When label cells follow the last figures, they may be labels written after their rows
    (labels-after-table, which the line-by-line reading knows): then only a decided reading is one. The area
    cells go to the rows in order when they are as many as the rows, or as the rows that are not totals; else to
    none. None for any other shape."""
    table = read_area_table(lines, region, settings) or read_area_table(lines, region, settings, area_column=False)
    if table is None:
        return None
    found = read_column_runs(table)
    if found is None:
        return None
    k = len(table.years)
    per_run = []
    for run in found.runs:
        n = len(run) // k
        by_column = [[run[c * n + r] for c in range(k)] for r in range(n)]
        by_row = [run[r * k : (r + 1) * k] for r in range(n)]
        per_run.append([by_column] if n == 1 else [by_column, by_row])
    data = [g for g in found.items if not is_heading_item(g)]
    totals = [is_total_label(" ".join(ln.stripped for ln in g)) for g in data]
    if len(found.areas) == len(data):
        areas: list[str | None] = list(found.areas)
    elif len(found.areas) == totals.count(False):
        it = iter(found.areas)
        areas = [None if t else next(it) for t in totals]
    else:
        areas = [None] * len(data)
    readings = [[(area, figures) for area, figures in zip(areas, [row for run in combo for row in run], strict=True)]
                for combo in itertools.product(*per_run)]
    band_rows, doubt = _reading_the_totals_confirm(readings, found.items, table.years)
    keys = [str(y) for y in table.years]
    decided = not doubt and totals_hold(_band_rows(found.items, band_rows, keys),
                                        TableHeader(table.years, None, None, True, False, 0))
    if found.labels_after and not decided:
        return None
    return table.header, _band_rows(found.items, band_rows, doubt=doubt)
