"""Words and horizontal ruling lines of a PDF page read through pdfium, equal to what pdfplumber gives.

pdfplumber spends ~100 ms a page in pdfminer's Python interpreter; pdfium (through pypdfium2's raw API) reads the
same page in a few ms. This module rebuilds from pdfium exactly what `parsers/pdffile.py` takes from pdfplumber:

* characters with pdfminer's boxes: x from the origin to the origin plus the font's advance width (not the glyph's
  ink, which pdfium's boxes include), y from the baseline plus the font descriptor's /Descent to one font size
  above it (pdfminer's rule; pdfium guesses a descent where the descriptor says 0, so the descriptors are read
  with pdfminer's parser, without interpreting any content stream); a ligature glyph as one char, a line-end
  hyphen as "-" (pdfium reports 0x02), a private-use symbol as the font's ToUnicode has it;
* words grouped as pdfplumber's `WordExtractor` does with our settings (upright text, lines clustered by top
  within `y_tolerance`, chars sorted by x0, a word ends at a blank char, a gap over `x_tolerance`, a step back or
  a jump of the top; ligatures expanded);
* the tops of horizontal edges as pdfplumber's `page.edges` builds them from pdfminer's lines, rects and curves.

Where a page holds something this reading does not reproduce (rotation, non-upright text, vertical or Type3
fonts, characters without a Unicode mapping, a font whose descent is unknown, a huge content stream),
`read_page` raises `NotReadable` with the reason and the caller reads that page with pdfplumber.
tests/test_pdfium_words.py proves the equality on every page of the corpus.
"""
from __future__ import annotations

import ctypes
import io
import re
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from parsers.records import Word

# pdfplumber's LIGATURES (utils/text.py): expand_ligatures=True is its default in extract_words
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
MAX_CONTENT_BYTES = 2 * 2**20  # compressed; a text page's content is some kB, a scan's or a drawing's a few 100 kB
DEFAULT_Y_TOLERANCE = 3.0  # pdfplumber's default; bcx does not change it
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_HEX4 = re.compile(rb"<([0-9A-Fa-f]{4})>")


class NotReadable(Exception):
    """This page has something the pdfium reader does not reproduce exactly; read it with pdfplumber."""


@dataclass(slots=True)
class PdfiumPage:
    width: float
    height: float
    words: list[Word]
    h_rules: list[float]
    has_images: bool


@dataclass(slots=True)
class _FontMetrics:
    """What pdfminer takes from the file for a char's box: per font (by its name without the subset tag) the
    descent, per page the MediaBox and rotation."""

    descents: dict[str, set[float]] = field(default_factory=dict)
    unusable: dict[str, str] = field(default_factory=dict)  # name -> why pdfminer's box cannot be rebuilt
    private_use: dict[str, set[int]] = field(default_factory=dict)  # name -> private-use values in its ToUnicode
    # per page as pdfminer reads the page tree (pdfplumber's coordinates come from it): (x0, y0, x1, y1) or None
    # where the box is not four numbers, and /Rotate
    mediaboxes: list[tuple[float, float, float, float] | None] = field(default_factory=list)
    rotations: list[int] = field(default_factory=list)
    content_bytes: list[int] = field(default_factory=list)  # compressed size of each page's content streams


def _binary(path: Path | io.BytesIO):
    """An open binary file for a path; for bytes in memory, a fresh view of them (the caller's stream stays put)."""
    return io.BytesIO(path.getvalue()) if isinstance(path, io.BytesIO) else open(path, "rb")  # noqa: SIM115


def _font_metrics(path: Path | io.BytesIO, password: str | None) -> _FontMetrics:
    """Descents as pdfminer computes them (descriptor /Descent, made negative; the AFM metrics for the standard
    fonts), read from the font dictionaries of every page and form without interpreting any content stream."""
    from pdfminer.fontmetrics import FONT_METRICS
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFStream, resolve1
    from pdfminer.psparser import PSLiteral

    def name(v) -> str:
        v = resolve1(v)
        if isinstance(v, PSLiteral):
            return str(v.name)
        if isinstance(v, bytes):
            return v.decode("latin-1")
        return str(v) if v is not None else ""

    out = _FontMetrics()
    seen: set[object] = set()

    def add_font(spec) -> None:
        spec = resolve1(spec)
        if not isinstance(spec, dict):
            return
        subtype = name(spec.get("Subtype")) or "Type1"
        font_name = _SUBSET.sub("", name(spec.get("BaseFont")))
        descriptor = None
        if subtype == "Type3":
            out.unusable[font_name] = "Type3 font"
            return
        if subtype == "Type0":
            descendants = resolve1(spec.get("DescendantFonts")) or []
            sub = resolve1(descendants[0]) if descendants else {}
            if name(spec.get("Encoding")).endswith("-V"):
                out.unusable[font_name] = "vertical writing"
                return
            if not isinstance(sub, dict):
                sub = {}
            descriptor = resolve1(sub.get("FontDescriptor"))
            # pdfium may name the font by the Type0 dictionary or by its descendant: register both
            sub_name = _SUBSET.sub("", name(sub.get("BaseFont")))
            if sub_name and sub_name != font_name:
                add_descent(sub_name, descriptor)
        elif subtype in ("CIDFontType0", "CIDFontType2"):
            descriptor = resolve1(spec.get("FontDescriptor"))
        else:  # Type1, MMType1, TrueType and unknown subtypes: pdfminer's PDFType1Font
            base = name(spec.get("BaseFont"))
            if base in FONT_METRICS:
                descriptor = FONT_METRICS[base][0]
            else:
                descriptor = resolve1(spec.get("FontDescriptor"))
        add_descent(font_name, descriptor)
        to_unicode = resolve1(spec.get("ToUnicode"))
        if isinstance(to_unicode, PDFStream):
            try:
                data = to_unicode.get_data()
            except Exception:  # a damaged CMap: pdfminer would ignore it too
                data = b""
            found = {int(h, 16) for h in _HEX4.findall(data)}
            out.private_use.setdefault(font_name, set()).update(v for v in found if 0xE000 <= v <= 0xF8FF)

    def add_descent(font_name: str, descriptor) -> None:
        descent = 0.0
        if isinstance(descriptor, dict):
            try:
                descent = float(resolve1(descriptor.get("Descent", 0)) or 0)
            except (TypeError, ValueError):
                descent = 0.0
        if descent > 0:
            descent = -descent
        out.descents.setdefault(font_name, set()).add(descent * 0.001)

    def walk(resources) -> None:
        resources = resolve1(resources)
        if not isinstance(resources, dict):
            return
        fonts = resolve1(resources.get("Font"))
        if isinstance(fonts, dict):
            for ref in fonts.values():
                key = getattr(ref, "objid", None)
                if key is not None:
                    if key in seen:
                        continue
                    seen.add(key)
                add_font(ref)
        xobjects = resolve1(resources.get("XObject"))
        if isinstance(xobjects, dict):
            for ref in xobjects.values():
                key = getattr(ref, "objid", None)
                if key is not None:
                    if ("x", key) in seen:
                        continue
                    seen.add(("x", key))
                xobj = resolve1(ref)
                if isinstance(xobj, PDFStream) and name(xobj.get("Subtype")) == "Form":
                    walk(xobj.get("Resources"))

    with _binary(path) as fp:
        doc = PDFDocument(PDFParser(fp), password=password or "")
        for page in PDFPage.create_pages(doc):
            walk(page.resources)
            box = resolve1(page.attrs.get("MediaBox"))
            try:
                x0, y0, x1, y1 = (float(resolve1(v)) for v in box)
                out.mediaboxes.append((x0, y0, x1, y1))  # as written: pdfminer shifts by the first corner
            except (TypeError, ValueError):
                out.mediaboxes.append(None)
            try:
                out.rotations.append(int(resolve1(page.attrs.get("Rotate", 0)) or 0) % 360)
            except (TypeError, ValueError):
                out.rotations.append(-1)
            size = 0
            for ref in page.contents or []:
                stream = resolve1(ref)
                if isinstance(stream, PDFStream):
                    size += len(stream.rawdata or b"")
            out.content_bytes.append(size)
    return out


class PdfiumDocument:
    """One open PDF: pdfium's document plus the font descents pdfminer would use. Close it (or use `with`)."""

    def __init__(self, path: Path | io.BytesIO, password: str | None = None):
        # a path, or the bytes the caller read (and hashed) once, as ingest does: both readers see the same bytes
        source = path.getvalue() if isinstance(path, io.BytesIO) else str(path)
        self._doc = pdfium.PdfDocument(source, password=password)
        try:
            self._fonts = _font_metrics(path, password)
        except Exception:
            self._doc.close()
            raise
        self._font_names: dict[int, str] = {}
        self._obj_info: dict[int, tuple[float, float, int, float, dict[int, float]]] = {}
        self._widths: dict[int, dict[int, float]] = {}  # font -> code -> advance at size 1

    def __enter__(self) -> PdfiumDocument:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._doc.close()

    def __len__(self) -> int:
        return len(self._doc)

    @property
    def same_pages(self) -> bool:
        """pdfium and pdfminer see the same pages (a damaged page tree can differ: pdfplumber then reads it all)."""
        return len(self._doc) == len(self._fonts.mediaboxes)

    def read_page(self, index: int, x_tolerance: float, y_tolerance: float = DEFAULT_Y_TOLERANCE) -> PdfiumPage:
        box = self._fonts.mediaboxes[index] if index < len(self._fonts.mediaboxes) else None
        if box is None:
            raise NotReadable("no MediaBox of four numbers")
        if self._fonts.rotations[index] != 0:
            raise NotReadable("rotated page")
        if self._fonts.content_bytes[index] > MAX_CONTENT_BYTES:
            # pdfium inflates a page's content whole and aborts the process when memory runs out; pdfminer raises
            # MemoryError, which the pipeline reports as a decompression bomb over the worker's memory limit
            raise NotReadable("a very large content stream")
        page = self._doc[index]
        try:
            return self._read(page, box, x_tolerance, y_tolerance)
        finally:
            page.close()

    # ------------------------------------------------------------------ internals

    def _font_name(self, font) -> str:
        key = ctypes.cast(font, ctypes.c_void_p).value or 0
        got = self._font_names.get(key)
        if got is None:
            buf = ctypes.create_string_buffer(512)
            n = pdfium_c.FPDFFont_GetBaseFontName(font, buf, 512)
            got = _SUBSET.sub("", buf.value.decode("utf-8", "replace")) if n else ""
            self._font_names[key] = got
        return got

    def _read(self, page, box: tuple[float, float, float, float], x_tolerance: float,
              y_tolerance: float) -> PdfiumPage:
        raw = page.raw
        if pdfium_c.FPDFPage_GetRotation(raw) != 0:
            raise NotReadable("rotated page")
        # pdfminer shifts everything by the MediaBox's first corner as written, and pdfplumber (page.py, #1181)
        # adds the normalised box's x0 back and flips y by the box's height: for a box written lower-left first,
        # x stays PDF x and top is the height minus PDF y
        raw_x0, raw_y0 = box[0], box[1]
        x0, y0, x1, y1 = min(box[0], box[2]), min(box[1], box[3]), max(box[0], box[2]), max(box[1], box[3])
        width, height = x1 - x0, y1 - y0
        mb_left, mb_top = raw_x0 - x0, height + raw_y0 - y0
        rules, has_images = _h_rules(raw, mb_left, mb_top)
        chars = self._chars(page, mb_left, mb_top)
        return PdfiumPage(width=width, height=height, words=_words(chars, x_tolerance, y_tolerance),
                          h_rules=rules, has_images=has_images)

    def _chars(self, page, mb_left: float, mb_top: float) -> list[list]:
        textpage = pdfium_c.FPDFText_LoadPage(page.raw)
        if not textpage:
            raise NotReadable("pdfium has no text page")
        try:
            return self._chars_of(textpage, mb_left, mb_top)
        finally:
            pdfium_c.FPDFText_ClosePage(textpage)

    def _private_use(self, textpage, index: int, addr: int, code: int) -> int:
        """A symbol font's private-use value as pdfminer reads it from the font's ToUnicode.

        pdfium sometimes reports another private-use value than the ToUnicode's (a Word bullet mapped to U+F0B7
        comes out as U+F0A7 in some text objects). Kept when the ToUnicode has it; taken from the ToUnicode when
        that maps to a single private-use value; otherwise the page is not readable here."""
        info = self._obj_info.get(addr) or self._object_info(textpage, index, addr)
        values = self._fonts.private_use.get(self._font_names.get(info[2], ""), set())
        if code in values:
            return code
        if len(values) == 1:
            return next(iter(values))
        raise NotReadable("a private-use character the font's ToUnicode does not explain")

    def _glyph_width(self, font: int, widths: dict[int, float], code: int) -> float:
        """Advance of `code`'s glyph for a font size of 1 (pdfium maps the Unicode value back to the char code)."""
        w = ctypes.c_float()
        if not _C.glyph_width(font, code, 1.0, ctypes.byref(w)):
            raise NotReadable("no width for a character")
        widths[code] = w.value
        return w.value

    def _object_info(self, textpage, index: int, addr: int) -> tuple[float, float, int, float, dict[int, float]]:
        """(font size, descent, font, x scale, the font's widths) on the page of the text object of char
        `index`."""
        obj = pdfium_c.FPDFText_GetTextObject(textpage, index)
        matrix = pdfium_c.FS_MATRIX()
        if not pdfium_c.FPDFPageObj_GetMatrix(obj, matrix):
            raise NotReadable("text object without a matrix")
        if abs(matrix.b) > 1e-9 or abs(matrix.c) > 1e-9 or matrix.a <= 0 or matrix.d <= 0:
            raise NotReadable("rotated, skewed or mirrored text")
        size = pdfium_c.FPDFText_GetFontSize(textpage, index)  # the Tf size, before any matrix
        font = pdfium_c.FPDFTextObj_GetFont(obj)
        fname = self._font_name(font) if font else ""
        if fname in self._fonts.unusable and self._fonts.unusable[fname]:
            raise NotReadable(self._fonts.unusable[fname])
        descents = self._fonts.descents.get(fname)
        if not descents or len(descents) != 1:
            raise NotReadable(f"font {fname!r}: descent unknown or ambiguous")
        # pdfminer's char box is one Tf size high in text space, so its height on the page is the size times d
        page_size = size * matrix.d
        font_addr = ctypes.cast(font, ctypes.c_void_p).value or 0
        info = (page_size, next(iter(descents)) * page_size, font_addr, size * matrix.a,
                self._widths.setdefault(font_addr, {}))
        self._obj_info[addr] = info
        return info

    def _chars_of(self, textpage, mb_left: float, mb_top: float) -> list[list]:
        """Chars as [text, x0, top, x1, bottom] lists (the hot loop, some 2,000 chars a page: three C calls a char
        through the lean prototypes of _C; font size, matrix, descent and widths looked up once per text object)."""
        self._obj_info = {}
        tp = ctypes.cast(textpage, ctypes.c_void_p).value
        n = pdfium_c.FPDFText_CountChars(textpage)
        get_unicode, get_object, get_origin = _C.unicode, _C.text_object, _C.origin
        ox, oy = ctypes.c_double(), ctypes.c_double()
        p_ox, p_oy = ctypes.byref(ox), ctypes.byref(oy)
        obj_info = self._obj_info
        chars: list[list] = []
        prev: list | None = None
        prev_addr, prev_x, prev_y, prev_i = 0, 0.0, 0.0, 0
        for i in range(n):
            addr = get_object(tp, i)
            if addr is None:  # a space or line break pdfium generated: not in the file, pdfminer has no such char
                prev = None
                continue
            code = get_unicode(tp, i)
            if code < 0x20 or code == 0xFFFE or 0xE000 <= code <= 0xF8FF:
                if code == 2 and _C.is_hyphen(tp, i):
                    code = 0x2D  # pdfium marks a hyphen that ends a line as 0x02; pdfminer keeps the "-" as written
                elif code >= 0xE000:
                    code = self._private_use(textpage, i, addr, code)
                elif not (code in (9, 10, 13) and not _C.map_error(tp, i)):
                    raise NotReadable("a character without a Unicode mapping")
            get_origin(tp, i, p_ox, p_oy)
            x, y = ox.value, oy.value
            if prev is not None and addr == prev_addr and x == prev_x and y == prev_y:
                ligature_x1 = _same_glyph(tp, prev_i, i)
                if ligature_x1 is not None:
                    # one glyph mapped to several characters (a ligature's ToUnicode "ff"): pdfium gives each its
                    # own char with the glyph's origin and box, pdfminer one char with the whole string and the
                    # glyph's width. (Two glyphs at one origin, a zero-width space before a box, have different
                    # boxes and stay two chars.)
                    prev[0] += chr(code)
                    prev[3] = ligature_x1 - mb_left
                    continue
            info = obj_info.get(addr)
            if info is None:
                info = self._object_info(textpage, i, addr)
            # pdfminer's x1 is the origin plus the advance width from the font's /Widths. pdfium's loose box ends
            # there too unless the glyph's ink overhangs it (an "f" in a serif font: 0.6 pt), so the advance comes
            # from the font's width of the char's code, which pdfium looks up from the Unicode value
            width = info[4].get(code)
            if width is None:
                width = self._glyph_width(info[2], info[4], code)
            y0 = y + info[1]
            x0 = x - mb_left
            prev = [chr(code), x0, mb_top - y0 - info[0], x0 + width * info[3], mb_top - y0]
            chars.append(prev)
            prev_addr, prev_x, prev_y, prev_i = addr, x, y, i
        return chars


def _same_glyph(tp: int, a: int, b: int) -> float | None:
    """The right edge of the loose box of chars a and b when they have the same box (one glyph), else None."""
    box_a, box_b = pdfium_c.FS_RECTF(), pdfium_c.FS_RECTF()
    _C.loose_box(tp, a, ctypes.byref(box_a))
    _C.loose_box(tp, b, ctypes.byref(box_b))
    same = (box_a.left, box_a.right, box_a.top, box_a.bottom) == (box_b.left, box_b.right, box_b.top, box_b.bottom)
    return box_a.right if same else None


def _words(chars: list[list], x_tolerance: float, y_tolerance: float) -> list[Word]:
    """pdfplumber's WordExtractor for upright text, keep_blank_chars=False, use_text_flow=False."""
    if not chars:
        return []
    # cluster_objects(chars, top, y_tolerance): sorted distinct tops chained within the tolerance
    tops = sorted({c[2] for c in chars})
    cluster_of: dict[float, int] = {}
    index, last = 0, tops[0]
    for t in tops:
        if t > last + y_tolerance:
            index += 1
        cluster_of[t] = index
        last = t
    lines: dict[int, list[list]] = {}
    for c in chars:  # content order within a cluster, as pdfplumber's stable sort keeps it
        key = cluster_of[c[2]]
        line = lines.get(key)
        if line is None:
            lines[key] = [c]
        else:
            line.append(c)
    words: list[Word] = []
    for key in sorted(lines):
        current: list[list] = []
        prev: list | None = None
        for c in sorted(lines[key], key=_X0):
            if c[0].isspace():
                if current:
                    words.append(_merge(current))
                current, prev = [], None
            elif prev is not None and (
                c[1] < prev[1] or c[1] > prev[3] + x_tolerance or abs(c[2] - prev[2]) > y_tolerance
            ):
                words.append(_merge(current))
                current, prev = [c], c
            else:
                current.append(c)
                prev = c
        if current:
            words.append(_merge(current))
    return words


_X0 = itemgetter(1)


def _merge(chars: list[list]) -> Word:
    if len(chars) == 1:
        c = chars[0]
        return Word(LIGATURES.get(c[0], c[0]), c[1], c[2], c[3], c[4])
    text = "".join([LIGATURES.get(c[0], c[0]) for c in chars])
    return Word(text, min([c[1] for c in chars]), min([c[2] for c in chars]), max([c[3] for c in chars]),
                max([c[4] for c in chars]))


class _Lean:
    """pdfium's per-char functions with plain c_void_p/c_int signatures: pypdfium2's typed wrappers cost twice as
    much a call, and a returned object pointer as an int is hashable without ctypes.cast."""

    def __init__(self) -> None:
        vp, i, dp = ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_double)

        def proto(fn, restype, *argtypes):
            return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(fn, ctypes.c_void_p).value)

        self.unicode = proto(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint, vp, i)
        self.text_object = proto(pdfium_c.FPDFText_GetTextObject, vp, vp, i)
        self.origin = proto(pdfium_c.FPDFText_GetCharOrigin, i, vp, i, dp, dp)
        self.loose_box = proto(pdfium_c.FPDFText_GetLooseCharBox, i, vp, i, ctypes.POINTER(pdfium_c.FS_RECTF))
        self.is_hyphen = proto(pdfium_c.FPDFText_IsHyphen, i, vp, i)
        self.glyph_width = proto(pdfium_c.FPDFFont_GetGlyphWidth, i, vp, ctypes.c_uint, ctypes.c_float,
                                 ctypes.POINTER(ctypes.c_float))
        self.map_error = proto(pdfium_c.FPDFText_HasUnicodeMapError, i, vp, i)


_C = _Lean()


# ---------------------------------------------------------------------- ruling lines


def _h_rules(page_raw, mb_left: float, mb_top: float) -> tuple[list[float], bool]:
    """Tops of the horizontal edges pdfplumber's `page.edges` has, rounded to 0.1 pt as parsers/pdffile.py does,
    and whether the page shows an image (a scan goes to OCR)."""
    ys: set[float] = set()
    has_images = False
    stack = [(page_raw, None, pdfium_c.FPDFPage_CountObjects(page_raw))]
    while stack:
        parent, form, count = stack.pop()
        for i in range(count):
            obj = pdfium_c.FPDFPage_GetObject(parent, i) if form is None else pdfium_c.FPDFFormObj_GetObject(parent, i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                for y in _path_h_edges(obj):
                    ys.add(round(mb_top - y, 1))
            elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                has_images = True
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                stack.append((obj, True, pdfium_c.FPDFFormObj_CountObjects(obj)))
    return sorted(ys), has_images


def _path_h_edges(obj) -> list[float]:
    """y (PDF space) of the horizontal edges pdfminer/pdfplumber make of one painted path.

    pdfminer splits a path at each moveto; per subpath it keeps the end points (a curve's control points are
    dropped, a close adds the start point), drops a final lineto that returns to the start before a close, and
    makes a line ("ml"/"mlh"), a rect (four axis-parallel sides, closed) or a curve. pdfplumber's edges: a line is
    horizontal if its two ys are equal; a rect gives its top and bottom; a curve gives each pair of consecutive
    points with equal y and different x."""
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, matrix):
        return []
    a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
    draw_fill, draw_stroke = ctypes.c_int(), ctypes.c_int()
    if pdfium_c.FPDFPath_GetDrawMode(obj, draw_fill, draw_stroke) and not draw_fill.value and not draw_stroke.value:
        return []  # pdfminer makes no object of a path that is not painted
    n = pdfium_c.FPDFPath_CountSegments(obj)
    px, py = ctypes.c_float(), ctypes.c_float()
    subpaths: list[tuple[str, list[tuple[float, float]]]] = []
    shape, pts = "", []
    bezier_step = 0
    for i in range(n):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        pdfium_c.FPDFPathSegment_GetPoint(seg, px, py)
        x, y = px.value, py.value
        pt = (a * x + c * y + e, b * x + d * y + f)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            if shape:
                subpaths.append((shape, pts))
            shape, pts, bezier_step = "m", [pt], 0
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
            shape += "l"
            pts.append(pt)
        elif kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            bezier_step = (bezier_step + 1) % 3
            if bezier_step == 0:  # pdfium gives a curve as three points; pdfminer keeps the end point only
                shape += "c"
                pts.append(pt)
        else:
            return []
        if pdfium_c.FPDFPathSegment_GetClose(seg) and shape:
            shape += "h"
            pts.append(pts[0])
    if shape:
        subpaths.append((shape, pts))
    ys: list[float] = []
    for shape, pts in subpaths:
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
            shape = shape[:-2] + "h"
            pts = pts[:-2] + pts[-1:]
        if shape in ("mlh", "ml"):
            if pts[0][1] == pts[1][1]:
                ys.append(pts[0][1])
        elif shape in ("mlllh", "mllll") and _is_rect(pts):
            ys.extend((pts[0][1], pts[2][1]))
        else:
            ys.extend(p0[1] for p0, p1 in zip(pts, pts[1:], strict=False) if p0[1] == p1[1] and p0[0] != p1[0])
    return ys


def _is_rect(pts: list[tuple[float, float]]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
    return pts[0] == pts[4] and (
        (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
    )
