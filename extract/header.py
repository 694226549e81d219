"""Header fields of a proposal: code, title, resumé, departments, budget round, payback and risk level.

Each field is read from the lines that follow its printed label ("Forslagets titel:", "Resumé:", ...) up to the
next label, so the same rules work on a text dump (blank lines between wrapped lines) and on a PDF (label and
value side by side on one line).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extract import nlp
from extract.patterns import BUDGET_ROUND, DEPARTMENTS, FIELD_LABELS
from extract.records import Provenance
from parsers.records import Line
from parsers.sections import HEADING_LINE
from parsers.split import header_kind
from parsers.text import join_lines, normalize_space

LABEL_RE = {name: regex.compile(rf"^\s*{pat}") for name, pat in FIELD_LABELS.items()}
ANY_LABEL = regex.compile(r"^\s*(?:" + "|".join(FIELD_LABELS.values()) + r"|Forslagets\s*$)")
STOP_LINE = regex.compile(r"^\s*(Tabel\s*\d|\[|\d{1,2}\.\s+\p{Lu}|1\.000 kr|1000 kr)")
CODE = regex.compile(r"^(?P<code>\p{Lu}{1,4}(?:/\p{Lu}{1,4})?\d{1,3}[a-z]?)(?:\s*[–—-]\s*|\s+)(?=\S)")
OCR_CODE_ZERO = regex.compile(r"(?P<letters>\p{Lu}+?)O+0?(?=\d)")  # "TVO2", "UDO02": the letters, then a zero
OCR_GLUED_YEARS = regex.compile(r"(\d)(år\b)")
TICKED = regex.compile(r"[☒☑✔✓■]|(?<![\p{L}\d])[Xx](?=\s)")
UNTICKED = regex.compile(r"[☐□]")
MAX_FIELD_LINES = 14
DEPARTMENT_WORD = r"\p{Lu}\p{Ll}+(?:-\s+og\s+\p{Lu}\p{Ll}+)?forvaltningen"
MARKED_NAME = regex.compile(rf"(?:[☒☑✔✓■☐□]|(?<![\p{{L}}\d])[Xx])\s+{DEPARTMENT_WORD}")


# Rule `suspended-hyphen-lost`: poppler's pdftotext drops the hyphen that ends a line and joins the word to the
# next line's first, which turns a department name wrapped after its suspended hyphen ("Sundheds-" / "og
# Omsorgsforvaltningen") into "Sundhedsog Omsorgsforvaltningen". The names are known (extract/patterns.py): each
# such joined form is put back as the name.
LOST_HYPHEN = tuple(
    (regex.compile(rf"\b{regex.escape(first)}og\s+{regex.escape(second)}\b"), name)
    for name in DEPARTMENTS if "- og " in name for first, second in [name.split("- og ", 1)]
)


def restore_lost_hyphens(text: str) -> str:
    """`text` with every department name whose suspended hyphen a dump lost written as the name."""
    for pattern, name in LOST_HYPHEN:
        text = pattern.sub(name, text)
    return text


@dataclass(slots=True)
class FieldText:
    text: str
    lines: list[Line]

    def __post_init__(self) -> None:
        self.text = restore_lost_hyphens(self.text)

    def prov(self) -> Provenance:
        return Provenance.of_lines(self.lines, self.text, _union_bbox(self.lines))


def _union_bbox(lines: list[Line]) -> tuple[float, float, float, float] | None:
    boxes = [b for ln in lines if (b := ln.bbox) is not None]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _ends_field(line: Line) -> bool:
    return bool(ANY_LABEL.match(line.text) or STOP_LINE.match(line.text) or header_kind(line))


def match_label(lines: list[Line], i: int, pattern: regex.Pattern) -> tuple[int, str] | None:
    """Match a field label at line i, also when the label itself wraps ("Forslagets" / "titel:").

    Returns the index of the line where the label ends and the text that follows it on that line.
    """
    m = pattern.match(lines[i].text)
    if m:
        return i, lines[i].text[m.end() :]
    if len(lines[i].stripped.split()) > 2:
        return None
    joined = lines[i].stripped
    for j in range(i + 1, min(i + 4, len(lines))):
        if lines[j].is_blank:
            continue
        first = lines[j].text.split(":", 1)
        if len(first) < 2 or len(first[0].split()) > 2:
            return None
        candidate = f"{joined} {first[0].strip()}:"
        if pattern.fullmatch(candidate.strip()) or pattern.match(candidate):
            return j, first[1]
        joined = f"{joined} {lines[j].stripped}"
    return None


def field_after(lines: list[Line], label: str, stop_at_blank: bool) -> FieldText | None:
    """The text after a field label, across wrapped lines, up to the next label."""
    pattern = LABEL_RE[label]
    for i in range(len(lines)):
        found = match_label(lines, i, pattern)
        if not found:
            continue
        j, rest = found
        line = lines[j]
        parts = [rest]
        used = [line]
        for nxt in lines[j + 1 : j + 1 + MAX_FIELD_LINES]:
            if nxt.is_blank:
                if stop_at_blank and normalize_space(" ".join(parts)):
                    break
                continue
            if _ends_field(nxt):
                break
            parts.append(nxt.text)
            used.append(nxt)
        if not normalize_space(" ".join(parts)):
            return _value_after_label_block(lines, i, j) or FieldText("", used)
        return FieldText(join_lines(parts), used)
    return None


def without_title(summary: str, title: str | None) -> str:
    """Rule `summary-after-title`: a form whose labels the dump wrote as a block (pdfminer) runs the title's
    value paragraph into the resumé's; a resumé that begins with the proposal's own title line ("BC05 Nye ...")
    begins after it."""
    if not title:
        return summary
    head, rest = normalize_space(title), normalize_space(summary)
    if rest.startswith(head) and len(rest) > len(head):
        return rest[len(head) :].strip(" -–")
    return summary


def _empty_label(line: Line) -> bool:
    """A field label with nothing after it, or the last piece of a wrapped one ("forvaltning:")."""
    m = ANY_LABEL.match(line.text)
    if m:
        rest = line.text[m.end() :].strip()  # nothing, or the rest of the label ("Berørte" "forvaltninger:")
        return not rest or (rest.endswith(":") and len(rest.split()) <= 2)
    words = line.text.split()
    return 0 < len(words) <= 2 and line.text.rstrip().endswith(":") and words[0][:1].islower()


def _value_after_label_block(lines: list[Line], start: int, end: int) -> FieldText | None:
    """A form whose labels the dump printed as a block, their values after it, a paragraph each (pdfminer puts a
    table's columns one after the other: "Forslagets titel:" / "Resumé:" / "BC05 Nye ..." / "Koncernservice ...").

    The label's place in the block of empty labels is the place of its value among the paragraphs after it."""
    # labels are counted as paragraphs: a label may wrap over lines of its own ("Fremstillende" / "forvaltning:")
    before = 0
    inside = False
    for ln in reversed(lines[:start]):
        if ln.is_blank:
            inside = False
            continue
        if not _empty_label(ln):
            break
        before += 0 if inside else 1
        inside = True
    after = 0
    inside = False
    k = end + 1
    while k < len(lines) and (lines[k].is_blank or _empty_label(lines[k])):
        after += 0 if lines[k].is_blank or inside else 1
        inside = not lines[k].is_blank
        k += 1
    if before + after == 0:
        return None  # a label alone with no value is just empty
    if not (end + 1 < len(lines) and lines[end + 1].is_blank):
        return None  # the block style sets every cell apart by a blank line; without one it is another layout
    paragraphs: list[list[Line]] = [[]]
    for ln in lines[k : k + MAX_FIELD_LINES * (before + after + 1)]:
        if ln.is_blank:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        if _ends_field(ln):
            break
        paragraphs[-1].append(ln)
    paragraphs = [para for para in paragraphs if para]
    if len(paragraphs) <= before:
        return None
    value = paragraphs[before]
    return FieldText(join_lines([ln.text for ln in value]), value)


def split_code(title: str, ocr: bool = False) -> tuple[str | None, str]:
    """The proposal code opening a title ("TV02 - ...") and the rest. `ocr`: the title was read by OCR, which reads
    the zero after a code's letters as "O" (or as "O0"): "TVO2", "SI/UDO02" are TV02, SI/UD02."""
    m = CODE.match(title)
    if not m:
        return None, title
    code = OCR_CODE_ZERO.sub(r"\g<letters>0", m["code"]) if ocr else m["code"]
    return code, title[m.end() :].strip()


def overview_title(lines: list[Line]) -> FieldText | None:
    # the overview's own heading ("Oversigt over ..."), not a running page header above it ("Oversigt")
    first = next((i for i, ln in enumerate(lines) if header_kind(ln) == "overview"), None)
    if first is None:
        first = next((i for i, ln in enumerate(lines) if not ln.is_blank), None)
    if first is None:
        return None
    parts, used = [lines[first].text], [lines[first]]
    for nxt in lines[first + 1 : first + 4]:
        if nxt.is_blank:
            continue
        # the heading wraps only mid-phrase ("..., der er" / "godkendt"); a capitalised line is the first block
        if len(nxt.stripped.split()) <= 3 and nxt.stripped[:1].islower():
            parts.append(nxt.text)
            used.append(nxt)
        break
    return FieldText(join_lines(parts), used)


def presenting_department(lines: list[Line]) -> FieldText | None:
    """The department after "Fremstillende forvaltning:", whose label may wrap around the value."""
    for i, line in enumerate(lines):
        if not LABEL_RE["presenting"].match(line.text):
            continue
        window = [line]
        for nxt in lines[i + 1 : i + 8]:
            if LABEL_RE["affected"].match(nxt.text) or STOP_LINE.match(nxt.text):
                break
            window.append(nxt)
        found = nlp.departments_in(" ".join(ln.text for ln in window))
        if found:
            return FieldText(found[0][0], window)
        in_block = _department_after_label_block(lines, i)
        if in_block is not None:
            return in_block
        text = normalize_space(regex.sub(r"Fremstillende|forvaltning\s*:", " ", " ".join(ln.text for ln in window)))
        return FieldText(text, window) if text else None
    return None


def _department_after_label_block(lines: list[Line], at: int) -> FieldText | None:
    """The presenting department when the form's labels were written as a block and their values after it
    (pdfminer): the paragraph at the label's place among the values (_value_after_label_block), when it names a
    department."""
    found = match_label(lines, at, LABEL_RE["presenting"])
    if not found:
        return None
    end = found[0]
    while end + 1 < len(lines) and not lines[end + 1].is_blank and _empty_label(lines[end + 1]):
        end += 1  # the label's own wrapped piece ("Fremstillende" / "forvaltning:")
    value = _value_after_label_block(lines, at, end)
    departments = nlp.departments_in(value.text) if value is not None else []
    return FieldText(departments[0][0], [lines[at], *value.lines]) if departments else None


def affected_departments(lines: list[Line]) -> tuple[list[str] | None, list[Line]]:
    """The ticked boxes of "Berørte forvaltninger"; None when the tick marks did not survive."""
    starts = [i for i, ln in enumerate(lines) if LABEL_RE["affected"].match(ln.text)]
    if not starts:  # the label was lost; the grid still shows as a line of a tick mark before a department
        starts = [i for i, ln in enumerate(lines) if MARKED_NAME.search(ln.text)][:1]
    for i in starts:
        block = _ticks_as_block(lines, i)
        if block is not None:
            return block
        window, text, marks = _grid_window(lines, i)
        if not marks:
            # the form's labels written as a block (pdfminer): the grid stands after the other fields' values, its
            # first line a tick mark before a department
            later = next((j for j in range(i + 1, min(len(lines), i + TICK_BLOCK_WITHIN))
                          if MARKED_NAME.search(lines[j].text)), None)
            if later is None:
                return None, window
            window, text, marks = _grid_window(lines, later)
        return ticked_names(text, marks), window
    return None, []


def _grid_window(lines: list[Line], i: int) -> tuple[list[Line], str, list[tuple[int, bool]]]:
    """The lines of the tick-box grid from line i (the label, or the grid's first line): departments and their
    marks, a name wrapped in lower case; its text and its marks (position, ticked)."""
    window = [lines[i]]
    for nxt in lines[i + 1 : i + TICK_BLOCK_WITHIN]:
        if nxt.is_blank:
            continue
        if len(window) > 11:  # seven departments, some wrapped: a grid is not longer (blank lines not counted)
            break
        if (
            STOP_LINE.match(nxt.text)
            or LABEL_RE["price_field"].match(nxt.text)
            or not nlp.departments_in(nxt.text)
            and not regex.match(r"^\s*\p{Ll}", nxt.text)
        ):
            break
        window.append(nxt)
    # one space between words: a name wrapped over two lines ("Beskæftigelses- og" / "Integrations...") must read
    # as one name, and runs of spaces from the grid's columns would split it
    text = normalize_space(" ".join(ln.text for ln in window))
    marks = [(m.start(), True) for m in TICKED.finditer(text)] + [(m.start(), False) for m in UNTICKED.finditer(text)]
    return window, text, marks


MARK_LINE = regex.compile(r"^\s*(?:[☒☑✔✓■☐□]|[Xx])\s*$")  # a line of a tick mark alone, ticked or not
TICK_BLOCK_WITHIN = 40  # lines after the label where the grid may stand


def _ticks_as_block(lines: list[Line], at: int) -> tuple[list[str], list[Line]] | None:
    """Rule `tick-marks-as-block` (pdfminer writes the grid's columns one after the other): two or more lines of
    a tick mark alone, then as many lines each naming one department: the k-th mark is the k-th name's box. None
    when the grid is not so written."""
    end = min(len(lines), at + TICK_BLOCK_WITHIN)
    start = next((k for k in range(at + 1, end) if MARK_LINE.match(lines[k].text)), None)
    if start is None:
        return None
    marks: list[Line] = []
    k = start
    while k < end and (lines[k].is_blank or MARK_LINE.match(lines[k].text)):
        if not lines[k].is_blank:
            marks.append(lines[k])
        k += 1
    names: list[tuple[str, Line]] = []
    while k < len(lines) and len(names) < len(marks):
        if not lines[k].is_blank:
            found = nlp.departments_in(lines[k].text)
            if len(found) != 1:
                return None
            names.append((found[0][0], lines[k]))
        k += 1
    if len(marks) < 2 or len(names) != len(marks):
        return None
    # a mark lost would pair every later mark with the name before its own: the names must end where the marks do
    nxt = next((ln for ln in lines[k:] if not ln.is_blank), None)
    if nxt is not None and nlp.departments_in(nxt.text):
        return None
    ticked = [name for mark, (name, _) in zip(marks, names, strict=True) if TICKED.search(mark.text)]
    return ticked, [lines[at], *marks, *(ln for _, ln in names)]


def ticked_names(text: str, marks: list[tuple[int, bool]]) -> list[str]:
    """Departments whose own box is ticked: the nearest mark before a name counts, unless another name stands
    between them (then the mark belongs to that name)."""
    names = nlp.departments_in(text)
    ticked = []
    for k, (name, pos) in enumerate(names):
        before = [m for m in marks if m[0] < pos]
        previous_name = names[k - 1][1] if k > 0 else -1
        if before and max(before)[1] and max(before)[0] > previous_name:
            ticked.append(name)
    return ticked


def budget_round(lines: list[Line]) -> FieldText | None:
    """A budget round stated in the header block right under the header word, e.g. "OFS 2020-21"."""
    for i, line in enumerate(lines):
        if not header_kind(line):
            continue
        seen = 0
        for nxt in lines[i : i + 6]:
            if nxt.is_blank:
                continue
            seen += 1
            m = regex.search(BUDGET_ROUND, nxt.text)
            if m:
                return FieldText(normalize_space(m.group(1)), [nxt])
            if seen > 3 or ANY_LABEL.match(nxt.text):
                break
    return None


PAYBACK_VALUE = regex.compile(r"^\s*\d+(?:,\d+)?\s*år\b", regex.IGNORECASE)


def _payback_label_block(lines: list[Line], i: int) -> list[str]:
    """Rule `payback-label-block` (pdfminer writes a table's columns one after the other): two or more payback
    labels without their values, one after another from line i, then as many values ("6 år") after them: each
    label with the value at its place. The texts "label value", or [] when the lines are not so written."""
    labels: list[Line] = []
    k = i
    while k < len(lines) and (lines[k].is_blank or ("Tilbagebetalingstid" in lines[k].text
                                                    and not regex.search(r"\d", lines[k].text))):
        if not lines[k].is_blank:
            labels.append(lines[k])
        k += 1
    values: list[Line] = []
    while k < len(lines) and len(values) < len(labels) and (lines[k].is_blank or PAYBACK_VALUE.match(lines[k].text)):
        if not lines[k].is_blank:
            values.append(lines[k])
        k += 1
    if len(labels) < 2 or len(values) != len(labels):
        return []
    return [f"{normalize_space(a.text)} {normalize_space(b.text)}" for a, b in zip(labels, values, strict=True)]


def payback(lines: list[Line]) -> dict[str, float]:
    found: dict[str, float] = {}
    for i, line in enumerate(lines):
        for text in _payback_label_block(lines, i) if "Tilbagebetalingstid" in line.text else []:
            for basis, value in nlp.paybacks_in(text).items():
                found.setdefault(basis, value)
    for i, line in enumerate(lines):
        if "Tilbagebetalingstid" not in line.text:
            continue
        window = [line]
        for nxt in lines[i + 1 : i + 6]:
            if "Tilbagebetalingstid" in nxt.text or HEADING_LINE.match(nxt.text):
                break
            window.append(nxt)
        # OCR loses the narrow space between a figure and its unit: "6år" is "6 år"
        text = " ".join(OCR_GLUED_YEARS.sub(r"\1 \2", ln.text) if ln.ocr else ln.text for ln in window)
        for basis, value in nlp.paybacks_in(normalize_space(text)).items():
            found.setdefault(basis, value)
    return found
