"""One document's lines -> an ExtractedDocument: header fields, sections, tables, payback, risk."""

from __future__ import annotations

from dataclasses import replace

from extract import header as hdr
from extract import nlp
from extract.cell_per_line import (
    area_bands_to_raw_rows,
    area_rows_to_raw_rows,
    column_blocks_to_raw_rows,
    column_runs_to_raw_rows,
    flag_unconfirmed_assembly,
    flag_unconfirmed_order,
)
from extract.column_figures import (
    bodies_after_heading,
    boxes_decided,
    boxes_over_guessed_lines,
    boxes_seen_through,
    column_figures_to_raw_rows,
    figures_left_unread,
    lines_lost_labels,
    lines_took_years,
    stacked_box_tables,
    undecided_order,
)
from extract.column_offsets import year_column_ends
from extract.later_row_cells import (
    block_figures_before_labels,
    cells_of_later_rows,
    figure_runs_split_by_totals,
)
from extract.ocr_doubts import flag_ocr_doubts
from extract.overview_cells import flag_contradicted_overview, read_overview_cells
from extract.placement import (
    PlacedTable,
    Reference,
    flag_after_bare_label,
    flag_contradicted_repeats,
    flag_surplus_figures,
    flag_year_lookalikes,
    place_table,
    reference_values,
    years_out_of_order,
)
from extract.reading_order import (
    first_year_after_first_label,
    header_years_before_caption,
    headers_after_next_caption,
    later_columns_before_caption,
)
from extract.records import ExtractedDocument, Provenance, Section
from extract.repeat_readings import choose_readings_by_repeats
from extract.tables import (
    RawRow,
    TableHeader,
    TableRegion,
    build_table,
    document_vocabulary,
    foreign_total_labels,
    header_tails_before_captions,
    labels_after_moved_bodies,
    labels_after_their_rows,
    labels_before_header,
    labels_under_caption,
    lines_to_raw_rows,
    lines_to_regions,
    raw_rows_to_table_rows,
    region_to_header,
    regions_given_their_bodies,
    rejoin_broken_words,
    total_label_after_its_sum,
)
from parsers.records import Line, SourceDocument
from parsers.sections import find_sections

PLACEMENT_ROUNDS = 3


def extract_documents(docs: list[SourceDocument]) -> list[ExtractedDocument]:
    """One file's documents, each extracted, then checked against each other where a reading needs it (an
    overview against the proposals it names)."""
    return across_documents([extract_document(d) for d in docs], dumps_among(docs))


def dumps_among(docs: list[SourceDocument]) -> set[int]:
    """The positions of the documents read from a text dump (not a PDF's words)."""
    return {i for i, d in enumerate(docs) if not d.from_pdf}


def across_documents(out: list[ExtractedDocument], dumps: set[int]) -> list[ExtractedDocument]:
    """A file's documents, each already extracted (`extract_document`, maybe each in a worker of its own),
    checked against each other: an overview against the proposals it names (`dumps`: `dumps_among`)."""
    flag_contradicted_overview(out, dumps)
    return out


def extract_document(doc: SourceDocument) -> ExtractedDocument:
    if not doc.from_pdf:  # a dump's lines where a tool moved them put back (extract/reading_order.py)
        doc = replace(doc, lines=later_columns_before_caption(header_years_before_caption(
            first_year_after_first_label(headers_after_next_caption(doc.lines)))))
    lines = doc.lines
    out = ExtractedDocument(source=doc.source, ordinal=doc.ordinal, kind=doc.kind)
    if doc.kind == "overview":
        title = hdr.overview_title(lines)
        if title:
            out.title = title.text
            out.field_prov["title"] = title.prov()
    else:
        _header_fields(doc, out)
    spans = find_sections(lines) if doc.kind != "overview" else []
    for s in spans:
        line = lines[s.start]
        out.sections.append(
            Section(
                s.number, s.heading, s.body, Provenance.of_lines([line], line.stripped, line.bbox)
            )
        )
    out.tables = _tables(doc, spans)
    flag_ocr_doubts(out)  # scanned pages: unsure or contradicted OCR figures flagged, never silent
    first = next((t for t in out.tables if t.number == 1), None)
    if first is not None:
        out.price_level = first.price_level
        out.unit = first.unit
    paybacks = hdr.payback(lines)
    out.payback_service = paybacks.get("service")
    out.payback_total = paybacks.get("total")
    risk = next((s for s in spans if "risiko" in s.heading.casefold()), None)
    if risk is not None:
        out.risk_rating = nlp.risk_level_in(risk.body)
    return out


def _header_fields(doc: SourceDocument, out: ExtractedDocument) -> None:
    lines = doc.lines
    title = hdr.field_after(lines, "title", stop_at_blank=False)
    if title:
        out.code, out.title = hdr.split_code(title.text, ocr=any(ln.ocr for ln in title.lines))
        out.field_prov["title"] = title.prov()
    summary = hdr.field_after(lines, "summary", stop_at_blank=False)
    if summary:
        out.summary = hdr.without_title(summary.text, title.text if title else None) or None
        out.field_prov["summary"] = summary.prov()
    dept = hdr.presenting_department(lines)
    if dept:
        out.presenting_department = dept.text
        out.field_prov["presenting_department"] = dept.prov()
    affected, _ = hdr.affected_departments(lines)
    out.affected_departments_marked = affected
    rnd = hdr.budget_round(lines)
    if rnd:
        out.budget_round = rnd.text
        out.field_prov["budget_round"] = rnd.prov()


def _tables(doc: SourceDocument, spans) -> list:
    lines = doc.lines
    if doc.kind == "overview" and not doc.from_pdf:
        overview = read_overview_cells(lines)  # written a cell per line: read and checked as a whole
        if overview:
            for t in overview:
                flag_year_lookalikes(t.rows, t.header)
            return [build_table(t.region, t.header, raw_rows_to_table_rows(t.rows, doc.kind)) for t in overview]
    regions = lines_to_regions(lines, spans, doc.kind)
    if not doc.from_pdf:
        regions = header_tails_before_captions(lines, regions_given_their_bodies(lines, regions))
        regions = bodies_after_heading(lines, regions, spans)
    parsed: list[tuple[TableRegion, TableHeader, list[RawRow]]] = []
    banded: set[int] = set()  # tables read in pdftotext's bands: their order holds only if all their totals do
    rebuilt: set[int] = set()  # tables rebuilt from a cell-per-line reading order (column blocks or bands)
    stacked = {} if doc.from_pdf else _stacked_tables(lines, regions)
    for at, region in enumerate(regions):
        if at in stacked:  # tables whose columns pdfminer read together (extract/column_figures.py)
            if stacked[at] is not None:
                rebuilt.add(len(parsed))
                parsed.append((region, *stacked[at]))
            continue
        blocks = None if doc.from_pdf else column_blocks_to_raw_rows(lines, region)
        bands = None if doc.from_pdf or blocks else (area_bands_to_raw_rows(lines, region)
                                                     or area_rows_to_raw_rows(lines, region)
                                                     or column_runs_to_raw_rows(lines, region))
        doubted = bands is not None and undecided_order(bands[1])
        if blocks and not region.body_moved and figures_left_unread(lines, region, blocks[1]):
            # the column blocks left figures unread (years it took for figures end its blocks early): the text
            # boxes' reading when it stands decided and reads them all, or when it finds the years the blocks
            # took for figures (`years-as-figures`: the blocks misread the header)
            boxes = column_figures_to_raw_rows(lines, region)
            if boxes and ((boxes_decided(boxes[1], blocks[1]) and not figures_left_unread(lines, region, boxes[1]))
                          or lines_took_years(*blocks, boxes[0])):
                rebuilt.add(len(parsed))
                parsed.append((region, *boxes))
                continue
        if bands and not region.body_moved and (doubted or figures_left_unread(lines, region, bands[1])):
            # the bands' order is a guess the totals did not confirm: the text boxes' reading, if there is one; or
            # the bands left figures unread: the text boxes' reading when it is decided, or reads them all (a
            # guess then, its cells flagged)
            boxes = column_figures_to_raw_rows(lines, region)
            if boxes and (doubted or boxes_decided(boxes[1], bands[1])
                          or not figures_left_unread(lines, region, boxes[1])):
                rebuilt.add(len(parsed))
                parsed.append((region, *boxes))
                continue
        if blocks or bands:  # a table written a cell per line, in pdftotext's reading order (extract/cell_per_line.py)
            if bands:
                banded.add(len(parsed))
            rebuilt.add(len(parsed))
            parsed.append((region, *(blocks or bands)))
            continue
        header = region_to_header(lines, region)
        if header is not None and not doc.from_pdf:
            header.column_ends = year_column_ends(lines, region, header)
        rows = None
        if header is not None and doc.from_pdf:
            from extract.layout import words_to_raw_rows

            rows = words_to_raw_rows(lines, header, region.end, doc.page_rules)
        elif header is not None:
            rows = foreign_total_labels(lines_to_raw_rows(lines, header, region.end), region.caption)
            rows = labels_under_caption(labels_before_header(rows, lines, region, header), region)
            rows = labels_after_their_rows(total_label_after_its_sum(rows))
            rows = block_figures_before_labels(rows, header)
            rows = figure_runs_split_by_totals(rows, lines[header.body_start : region.end], header)
            rows = cells_of_later_rows(rows, header)
        if not doc.from_pdf and not region.body_moved:  # a body moved to its caption is pdftotext's way
            boxes = column_figures_to_raw_rows(lines, region)  # a table written text box by text box
            # the line reading stops at the region's end: a body written after the next heading only the text
            # boxes' reading reads (a guess where its arithmetic leaves others, its cells flagged)
            after = boxes is not None and region.body_after is not None and not figures_left_unread(
                lines, region, boxes[1])
            if boxes and (lines_lost_labels(rows) or boxes_decided(boxes[1], rows)
                          or boxes_seen_through(lines, region, boxes, rows) or after
                          or lines_took_years(header, rows, boxes[0])
                          or boxes_over_guessed_lines(lines, region, boxes, rows, header)):
                rebuilt.add(len(parsed))
                parsed.append((region, *boxes))
                continue
        if header is not None and rows is not None:
            parsed.append((region, header, rows))
    if not doc.from_pdf:
        labels_after_moved_bodies([(region, rows) for region, _, rows in parsed])
        # first the rows whose placement is certain, then the rest against them and against the arithmetic
        for i, (region, header, rows) in enumerate(parsed):
            place_table(rows, header, {}, caption=region.caption)
            if i in banded:
                flag_unconfirmed_order(rows)
        for _ in range(PLACEMENT_ROUNDS):  # tables that repeat each other settle together
            previous = [reference_values(rows) for _, _, rows in parsed]
            for i, (region, header, rows) in enumerate(parsed):
                place_table(rows, header, _what_others_say(previous, i), caption=region.caption)
                if i in banded:
                    flag_unconfirmed_order(rows)
        settled = [reference_values(rows) for _, _, rows in parsed]
        for i, (_, header, rows) in enumerate(parsed):
            years_out_of_order(rows, header, _what_others_say(settled, i))
        placed = [PlacedTable(region.number, header.unit, rows, i in rebuilt)
                  for i, (region, header, rows) in enumerate(parsed)]
        flag_contradicted_repeats(placed)
        vocabulary = document_vocabulary(lines)
        for i, (region, header, rows) in enumerate(parsed):
            rejoin_broken_words(rows, vocabulary)
            _flag_doubts(lines, region, header, rows, i in rebuilt)
        # the other tables, each flagged as it will be stored, choose among a table's open readings; a table so
        # settled is flagged again as its new reading stands
        chosen = choose_readings_by_repeats(placed)
        if chosen:
            flag_contradicted_repeats(placed)
        for i in chosen:
            region, header, rows = parsed[i]
            _flag_doubts(lines, region, header, rows, i in rebuilt)
    return [build_table(region, header, raw_rows_to_table_rows(rows, doc.kind)) for region, header, rows in parsed]


def _flag_doubts(lines: list[Line], region: TableRegion, header: TableHeader, rows: list[RawRow],
                 rebuilt: bool) -> None:
    """The flags a text dump's table gets once its figures are placed: figures that read as its years, figures
    beyond its columns, rows after a bare label, rows assembled from scattered cells, a body the dump moved, a
    label in doubt."""
    flag_year_lookalikes(rows, header)
    flag_surplus_figures(rows, header)
    flag_after_bare_label(rows)
    if not rebuilt:
        flag_unconfirmed_assembly(rows, header, lines[header.body_start : region.end])
    for r in rows:
        if region.body_moved or r.label_doubt:
            r.flag()


def _what_others_say(references: list[Reference], i: int) -> Reference:
    """What the OTHER tables say (a table must not confirm its own guess): their rows by label, a decided row
    before an undecided one of the same label."""
    out: Reference = {}
    for j, ref in enumerate(references):
        if j != i:
            for k, v in ref.items():
                if k not in out or (v.decided and not out[k].decided):
                    out[k] = v
    return out


STACKED_AT_MOST = 3  # tables one above the other whose columns a tool may read together


def _stacked_tables(lines, regions: list[TableRegion]) -> dict:
    """Region index -> the header and rows of each table of a stack (`stacked_box_tables`), None for one of them
    no reading fits; regions of no stack are not in it."""
    out: dict = {}
    i = 0
    while i < len(regions):
        for n in range(2, STACKED_AT_MOST + 1):
            group = regions[i : i + n]
            # the last table's body may stand after the next heading (`bodies_after_heading`), with the others'
            if len(group) < n or any(r.body_moved for r in group) or any(r.body_after for r in group[:-1]):
                break
            found = stacked_box_tables(lines, group)
            if found is not None:
                out.update(zip(range(i, i + n), found, strict=True))
                i += n - 1
                break
        i += 1
    return out
