"""A text dump's lines put back in the order a table is read, where a tool is known to have moved them.

Each rule moves whole lines (each keeps its page and line number, so every figure still traces to where the dump
wrote it) and only inside a run of tables, never across a section heading.

Rule `header-after-next-caption` (pdfminer, text boxes): a table that fills only its first years (a service
investment table: figures in the first two years, dashes after) may have its header's years and its box of dashes
written after the NEXT table's caption, when those boxes stand level with the next table's top on the page:

    Tabel 3. Serviceinvesteringer i forslaget / 1000 kr. 2020 p/l / labels / figures / total / figures /
    Tabel 4. Anlægsinvesteringer i forslaget / 2019 ... 2024 / - - - ... / 1000 kr. 2020 p/l / 2019 ... 2024 / ...

Read where they stand, Tabel 3 has no header (the table is lost) and Tabel 4 takes the first run of years as its
own with the dashes as its first figures. The lone years right after a caption, followed by lone figures and then
a unit line that the same years follow, belong to the table above when it has no years of its own: the years go
to its header (after its unit line), the figures to the end of its body (before the next caption), where the
table's text-box reading (extract/column_figures.py) takes a box of dashes written after the others.

Rule `first-year-after-first-label` (pdftotext, a cell per line): a table whose first year column is empty (the
permanent changes start the year after) may have that year's header cell written after the first row's label,
the header's other years before it, a line each:

    Tabel 2. Varige ændringer, service / 1.000 kr. 2016 p/l / 2017 / 2018 / 2019 / Effektivisering / 2016 /
    -900 / -2.000 / ...

Read where it stands, the year is the row's first figure. A lone year one before the header's first, right after
the first row's label and before its figures, goes back before the header's first year.

Rule `header-years-before-caption` (pdftotext, a cell per line): a table's header cells that stand apart on the page
(its later years, right of the first) may be written before its caption, between the table above's last figures and
that table's total label:

    ... / 90 / -132 / -132 / -132 / 2022 / 2023 / 2024 / Varige ændringer totalt, service /
    Tabel 3. Serviceinvesteringer / 1.000 kr. 2022 p/l / 2021 / Udvikling / 180 / ...

Read where they stand, the years cut the table above's last row from its label and the table below has its first
year only. A run of lone years (and an "I alt" after them) after a table's figures and before a label of at most
three lines right before a caption, whose table's own years, after its caption and unit line, end the year before
the run's first, goes after them. (With no label between, the table above ends with the run: extract/tables.py's
rule `header-tail-before-caption` reads it as the next table's header tail where it stands.)

Rule `later-columns-before-caption` (pdftotext, a cell per line): a table whose later year columns stand apart on the
page (on a page of its own, or level with the table above) may have them written before its caption, each column
its year and then its figures, after the body of the table above:

    ... the table above's figures / 2023 / 300 / 0 / 350 / 650 / 2024 / 0 / 0 / 0 / 0 /
    Tabel 3. Anlægsinvesteringer / 1.000 kr. 2022 p/l / four labels / 2021 / 500 / 300 / 450 / 1.250 / 2022 / 700 /
    0 / 880 / 1.580 / (the next section)

Read where they stand, they end the table above (which then has more figures than cells) and the table below has
only its first years. Columns of a year and as many lone figures each, in consecutive years, right before a caption
and after the figures of the table above, whose table's own columns (a year and as many lone figures each) end the
year before the first of them, go back after the last of those: the same number of figures a column, the years
running on, say they are its columns.
"""
from __future__ import annotations

from extract.header_years import YEAR
from extract.tables import CAPTION, TOTAL_COLUMN, is_unit_line
from parsers.numbers import is_zero_mark, parse_number
from parsers.records import Line


def _filled(lines: list[Line], start: int, end: int) -> list[int]:
    return [i for i in range(start, end) if not lines[i].is_blank]


def _year_run(lines: list[Line], idx: list[int]) -> list[int]:
    """The leading indices of `idx` that are lone years, each one after the last."""
    run: list[int] = []
    for i in idx:
        text = lines[i].stripped
        if not YEAR.match(text) or (run and int(text) != int(lines[run[-1]].stripped) + 1):
            break
        run.append(i)
    return run


def _captions(lines: list[Line]) -> list[int]:
    """Where the table captions stand (found again after each move: a move keeps their order, not their index)."""
    return [i for i, ln in enumerate(lines) if CAPTION.match(ln.stripped)]


def _lone_figure(line: Line) -> bool:
    text = line.stripped
    return " " not in text and (is_zero_mark(text) or parse_number(text) is not None) and not YEAR.match(text)


def headers_after_next_caption(lines: list[Line]) -> list[Line]:
    """Rule `header-after-next-caption` (see the module's doc): `lines` with each such header and figure box moved
    back to the table above; the same list when there is none."""
    out = list(lines)
    for k in range(len(_captions(out)) - 1):
        above, below = _captions(out)[k : k + 2]  # a move keeps every caption's order, not its index
        after = _filled(out, below + 1, min(len(out), below + 200))
        years = _year_run(out, after)
        if len(years) < 2:
            continue
        rest = after[len(years):]
        figures = []
        for i in rest:
            if not _lone_figure(out[i]):
                break
            figures.append(i)
        if not figures or len(rest) <= len(figures) or not is_unit_line(out[rest[len(figures)]].stripped):
            continue
        unit = rest[len(figures)]
        again = _year_run(out, rest[len(figures) + 1 :])
        if [out[i].stripped for i in again] != [out[i].stripped for i in years]:
            continue  # the table below has no header of its own after its unit line: these years are its own
        body = _filled(out, above + 1, below)
        if not body or any(YEAR.match(out[i].stripped) for i in body):
            continue  # the table above has years of its own
        if not any(parse_number(w) is not None for i in body for w in out[i].text.split()):
            continue  # nothing above to be the header's body
        head_at = body[0] + 1 if is_unit_line(out[body[0]].stripped) else above + 1
        moved_years = out[years[0] : figures[0]]
        moved_figures = out[figures[0] : unit]
        out = (out[:head_at] + moved_years + out[head_at:below] + moved_figures + out[below : years[0]]
               + out[unit:])
    return out


LABEL_LINES_AT_MOST = 3  # a first row's label wrapped over this many lines at most


def first_year_after_first_label(lines: list[Line]) -> list[Line]:
    """Rule `first-year-after-first-label` (see the module's doc): `lines` with each such year put back before
    the header's first year (with the blank line after it, where the dump wrote one); the same list when there
    is none."""
    out = list(lines)
    for caption in _captions(out):
        after = _filled(out, caption + 1, min(len(out), caption + 40))
        at = next((k for k, i in enumerate(after) if YEAR.match(out[i].stripped)), None)
        if at is None or any(_lone_figure(out[i]) for i in after[:at]):
            continue
        years = _year_run(out, after[at:])
        if len(years) < 2:
            continue
        rest = after[at + len(years):]
        label = 0
        while label < len(rest) and label < LABEL_LINES_AT_MOST and not (
                YEAR.match(out[rest[label]].stripped) or _lone_figure(out[rest[label]])):
            label += 1
        if not 0 < label < len(rest) - 1:
            continue
        late, first = rest[label], rest[label + 1]
        if out[late].stripped != str(int(out[years[0]].stripped) - 1) or not _lone_figure(out[first]):
            continue
        moved = [late] + ([late + 1] if late + 1 < len(out) and out[late + 1].is_blank else [])
        head = years[0]
        out = out[:head] + [out[i] for i in moved] + [ln for i, ln in enumerate(out[head:], head) if i not in moved]
    return out


COLUMN_FIGURES_AT_LEAST = 2  # a column of a year and fewer lone figures is too little to say which table it joins


def _columns_back_from(lines: list[Line], idx: list[int]) -> list[tuple[int, int]]:
    """The columns (a lone year, then lone figures) that end `idx`, read from its end back: (year index, number of
    figures) in the order written; figures before the first such year are not counted."""
    columns: list[tuple[int, int]] = []
    k = len(idx) - 1
    while k >= 0:
        figures = 0
        while k >= 0 and _lone_figure(lines[idx[k]]):
            figures, k = figures + 1, k - 1
        if k < 0 or not YEAR.match(lines[idx[k]].stripped) or not figures:
            break
        columns.append((idx[k], figures))
        k -= 1
    return columns[::-1]


def _columns_from(lines: list[Line], idx: list[int]) -> list[tuple[int, int]]:
    """The columns (a lone year, then lone figures) that start `idx`: (year index, number of figures)."""
    columns: list[tuple[int, int]] = []
    k = 0
    while k < len(idx) and YEAR.match(lines[idx[k]].stripped):
        year, k = idx[k], k + 1
        figures = 0
        while k < len(idx) and _lone_figure(lines[idx[k]]):
            figures, k = figures + 1, k + 1
        if not figures:
            break
        columns.append((year, figures))
    return columns


def _years_follow(lines: list[Line], earlier: int, later: int) -> bool:
    """The lone year at `later` is the one after the lone year at `earlier`."""
    return int(lines[earlier].stripped) + 1 == int(lines[later].stripped)


def later_columns_before_caption(lines: list[Line]) -> list[Line]:
    """Rule `later-columns-before-caption` (see the module's doc): `lines` with each such run of columns moved
    after the columns of the table whose caption it precedes; the same list when there is none."""
    out = list(lines)

    for k in range(len(_captions(out))):
        caption = _captions(out)[k]  # a move keeps every caption's order, not its index
        before = _filled(out, max(0, caption - 200), caption)
        columns = _columns_back_from(out, before)
        run = 1  # the last run of columns alike (as many figures, the years running on): those before, another's
        while run < len(columns) and columns[-run - 1][1] == columns[-run][1] and _years_follow(
                out, columns[-run - 1][0], columns[-run][0]):
            run += 1
        stranded = columns[-run:]
        if not stranded or stranded[0][1] < COLUMN_FIGURES_AT_LEAST:
            continue
        if run < len(columns) and _years_follow(out, columns[-run - 1][0], stranded[0][0]):
            continue  # the years go on from a column above (one of fewer figures): the table above's own columns
        figures = stranded[0][1]
        ahead = before[: before.index(stranded[0][0])]
        if not ahead or not _lone_figure(out[ahead[-1]]):
            continue  # after labels (or nothing) the columns are the table above's own: they follow its figures
        following = next((i for i in _captions(out) if i > caption), len(out))
        after = _filled(out, caption + 1, min(following, caption + 200))
        at = next((k for k, i in enumerate(after) if YEAR.match(out[i].stripped)), None)
        if at is None or any(_lone_figure(out[i]) for i in after[:at]):
            continue  # figures before the table's first year: not a column a line
        own = _columns_from(out, after[at:])
        if not own or any(n != figures for _, n in own):
            continue
        years = [i for i, _ in own]
        if _year_run(out, years) != years or not _years_follow(out, years[-1], stranded[0][0]):
            continue
        end = after[at + sum(n + 1 for _, n in own) - 1] + 1  # after the table's last column's last figure
        start = stranded[0][0]
        out = out[:start] + out[caption:end] + out[start:caption] + out[end:]
    return out


def header_years_before_caption(lines: list[Line]) -> list[Line]:
    """Rule `header-years-before-caption` (see the module's doc): `lines` with each such run of years moved after
    the years of the table whose caption it precedes; the same list when there is none."""
    out = list(lines)

    for k in range(len(_captions(out))):
        caption = _captions(out)[k]  # a move keeps every caption's order, not its index
        before = _filled(out, max(0, caption - 40), caption)
        at = len(before)
        while at and len(before) - at < LABEL_LINES_AT_MOST and not (
                YEAR.match(text := out[before[at - 1]].stripped) or TOTAL_COLUMN.match(text)
                or _lone_figure(out[before[at - 1]])):
            at -= 1  # the label of the table above's last row, written after the years
        if at == len(before):
            continue  # no label between: the table above ends with the run (extract/tables.py, rule
            # `header-tail-before-caption`, gives it to the table below as it stands)
        end = at
        total_head = bool(at) and TOTAL_COLUMN.match(out[before[at - 1]].stripped) is not None  # "I alt"
        at -= total_head
        while at and YEAR.match(out[before[at - 1]].stripped):
            at -= 1
        years = before[at : end - total_head]
        if len(years) < 2 or _year_run(out, years) != years or not at or not _lone_figure(out[before[at - 1]]):
            continue
        run = before[at:end]
        after = _filled(out, caption + 1, min(len(out), caption + 40))
        head = after[1:] if after and is_unit_line(out[after[0]].stripped) else after
        own = _year_run(out, head)
        if not own or int(out[own[-1]].stripped) + 1 != int(out[run[0]].stripped):
            continue
        if len(head) > len(own) and (YEAR.match(out[head[len(own)]].stripped)
                                     or TOTAL_COLUMN.match(out[head[len(own)]].stripped)):
            continue  # more years (or a total column) of its own after them: not a header the run goes on
        start, stop, to = run[0], run[-1] + 1, own[-1] + 1
        out = out[:start] + out[stop:to] + out[start:stop] + out[to:]
    return out
