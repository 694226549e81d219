"""Tests of the synthetic business-case generator (synth): determinism, truth schema, arithmetic, rendering."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from synth import generate_archive, generate_overview, generate_proposal, proposal_to_truth, random_context
from synth.dump_tools import REAL_TOOLS
from synth.generate import read_manifest
from synth.render_pdf import TEMPLATES
from synth.render_text import render_text
from synth.textutil import format_dk, wrap
from synth.vocab import DEPARTMENTS

TOP_KEYS = ["source", "ordinal", "kind", "code", "title", "presenting_department", "affected_departments_marked",
            "summary", "budget_round", "price_level", "unit", "tables", "payback_years", "section_headings",
            "risk_rating", "notes"]
TABLE_KEYS = ["number", "caption", "price_level", "years", "rows"]
ROW_KEYS = ["group", "label", "area", "values", "is_total"]
KINDS = {"business_case", "investeringsforslag", "innovationsforslag", "overview"}
AREAS = {None, "Service", "Anlæg", "Drift", "Innovationspuljen", "Anlæg/drift"}
RISKS = {None, "lav", "lav til middel", "middel", "middel til høj", "høj"}
NUMBER_TOKEN = re.compile(r"-?\d{1,3}(?:\.\d{3})+|-?\d+|-")


# ---------------------------------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------------------------------


def squash(text: str) -> str:
    """Text without whitespace and hyphens, so wrapped and hyphenated runs compare equal to the logical text."""
    return re.sub(r"[\s\-–]", "", text)


def number_stream(text: str) -> list[int | None]:
    """Every whitespace token as an int if it is a Danish-formatted number ("-" = 0), else None; "kr." is skipped."""
    stream: list[int | None] = []
    for token in text.split():
        if token == "kr.":
            continue
        stream.append((0 if token == "-" else int(token.replace(".", ""))) if NUMBER_TOKEN.fullmatch(token) else None)
    return stream


def contains_run(stream: list[int | None], run: list[int]) -> bool:
    n = len(run)
    return any(stream[i:i + n] == run for i in range(len(stream) - n + 1))


def row_run(table: dict[str, Any], row: dict[str, Any]) -> list[int]:
    keys = [str(y) for y in table["years"]] + (["total"] if "total" in row["values"] else [])
    return [row["values"][k] for k in keys]


def load_truths(out_dir: Path, source: Path) -> list[dict[str, Any]]:
    folder = out_dir / "truth" / source.stem
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def component_sums(doc: dict[str, Any], table: dict[str, Any], row: dict[str, Any]) -> dict[str, int]:
    """What a total row should hold, computed from the component (non-total) rows it sums."""
    components = [r for r in table["rows"] if not r["is_total"]]
    if doc["kind"] == "overview":
        if table["caption"] == "I alt":
            components = [r for t in doc["tables"] for r in t["rows"] if not r["is_total"]]
        wanted_group = row["label"] == "Nettoeffektivisering"
        components = [r for r in components if (r["group"] is None) == wanted_group]
    elif table["number"] == 1 and row["label"].startswith("Samlet varig"):
        components = [r for r in components if r["group"] == "Varige ændringer"]
    elif table["number"] == 1 and row["label"].startswith("Samlede implementering"):
        components = [r for r in components if r["group"] == "Implementeringsomkostninger"]
    return {k: sum(r["values"][k] for r in components) for k in row["values"]}


def mismatches(doc: dict[str, Any]) -> list[tuple[str, str, int, int]]:
    found = []
    for table in doc["tables"]:
        for row in table["rows"]:
            if row["is_total"]:
                expected = component_sums(doc, table, row)
                found += [(row["label"], k, v, expected[k]) for k, v in row["values"].items() if v != expected[k]]
            elif "total" in row["values"]:
                year_sum = sum(v for k, v in row["values"].items() if k != "total")
                if year_sum != row["values"]["total"]:
                    found.append((row["label"], "total", row["values"]["total"], year_sum))
    return found


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


# ---------------------------------------------------------------------------------------------------------------------
# fixtures
# ---------------------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    out = tmp_path_factory.mktemp("archive")
    files = generate_archive(out, 60, seed=11, pdf_share=0.25, bundle_share=0.4, inconsistency_share=0.3,
                             shuffle_share=0.3)
    return out, files


@pytest.fixture(scope="module")
def imitation_archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """Text files as the generator's hand-written dump (synth.render_text), the one text form whose layout it
    controls line by line."""
    out = tmp_path_factory.mktemp("imitation")
    files = generate_archive(out, 60, seed=11, pdf_share=0.25, bundle_share=0.4, inconsistency_share=0.3,
                             shuffle_share=0.3, text_tools=("imitation",))
    return out, files


# ---------------------------------------------------------------------------------------------------------------------
# archive layout and determinism
# ---------------------------------------------------------------------------------------------------------------------


def test_archive_layout(archive: tuple[Path, list[Path]]) -> None:
    out, files = archive
    assert files and all(f.is_file() and f.parent == out for f in files)
    assert all(re.fullmatch(r"bc_\d{6}\.(txt|pdf)", f.name) for f in files)
    assert {f.suffix for f in files} == {".txt", ".pdf"}
    counts = [len(load_truths(out, f)) for f in files]
    assert sum(counts) == 60
    assert max(counts) > 1 and max(counts) <= 5
    assert sorted(p.name for p in (out / "truth").iterdir()) == sorted(f.stem for f in files)
    for f in files:
        names = sorted(p.name for p in (out / "truth" / f.stem).glob("*.json"))
        assert names == [f"{i:02d}.json" for i in range(1, len(names) + 1)]
    # sources.json: every text dump by one of the real tools from a PDF in one of the templates
    made = read_manifest(out)
    assert sorted(made) == sorted(f.name for f in files)
    assert {made[f.name]["tool"] for f in files if f.suffix == ".pdf"} == {None}
    assert {made[f.name]["tool"] for f in files if f.suffix == ".txt"} <= set(REAL_TOOLS)
    assert {m["template"] for m in made.values()} <= set(TEMPLATES)


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    first = generate_archive(tmp_path / "a", 14, seed=5, pdf_share=0.5, bundle_share=0.3)
    second = generate_archive(tmp_path / "b", 14, seed=5, pdf_share=0.5, bundle_share=0.3)
    assert [f.name for f in first] == [f.name for f in second]
    tree_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    tree_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert tree_a == tree_b
    for rel in tree_a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel
    other = generate_archive(tmp_path / "c", 14, seed=6, pdf_share=0.5, bundle_share=0.3)
    assert [f.read_bytes() for f in other] != [f.read_bytes() for f in first]


def test_text_generation_is_fast(tmp_path: Path) -> None:
    import time

    start = time.perf_counter()
    # the hand-written dump needs no PDF: property tests and scale benchmarks render thousands of documents with it
    generate_archive(tmp_path, 300, seed=1, pdf_share=0.0, text_tools=("imitation",))
    assert time.perf_counter() - start < 15


# ---------------------------------------------------------------------------------------------------------------------
# truth schema and arithmetic
# ---------------------------------------------------------------------------------------------------------------------


def _check_table(table: dict[str, Any]) -> None:
    assert list(table) == TABLE_KEYS
    assert table["number"] is None or (type(table["number"]) is int and table["number"] >= 1)
    assert table["caption"] is None or isinstance(table["caption"], str)
    assert table["price_level"] is None or type(table["price_level"]) is int
    years = table["years"]
    assert years and all(type(y) is int for y in years) and years == list(range(years[0], years[0] + len(years)))
    assert table["rows"]
    for row in table["rows"]:
        assert list(row) == ROW_KEYS
        assert isinstance(row["label"], str) and row["label"] == " ".join(row["label"].split())
        assert row["group"] is None or isinstance(row["group"], str)
        assert row["area"] in AREAS
        assert type(row["is_total"]) is bool
        # Every row prints a full run of values (no empty cells in generated tables).
        full = [str(y) for y in years] + (["total"] if "total" in row["values"] else [])
        assert list(row["values"]) == full
        assert all(type(v) is int for v in row["values"].values())


def test_truth_schema(archive: tuple[Path, list[Path]]) -> None:
    out, files = archive
    kinds = set()
    for source in files:
        for ordinal, path in enumerate(sorted((out / "truth" / source.stem).glob("*.json")), start=1):
            text = path.read_text(encoding="utf-8")
            doc = json.loads(text)
            assert text == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
            assert list(doc) == TOP_KEYS
            assert doc["source"] == source.name and doc["ordinal"] == ordinal
            assert doc["kind"] in KINDS
            kinds.add(doc["kind"])
            assert isinstance(doc["title"], str) and doc["title"] == " ".join(doc["title"].split())
            assert doc["code"] is None or re.fullmatch(r"BC\d\d|TV\d\d|SI/[A-Z]{2}\d\d", doc["code"])
            assert doc["presenting_department"] in (None, *DEPARTMENTS)
            marked = doc["affected_departments_marked"]
            assert marked is None or (marked and set(marked) <= set(DEPARTMENTS))
            assert doc["budget_round"] is None or re.fullmatch(r"OFS \d{4}-(\d\d|\d{4})|B\d{4}", doc["budget_round"])
            assert doc["price_level"] is None or type(doc["price_level"]) is int
            assert doc["unit"] in (None, "1000 kr.")
            payback = doc["payback_years"]
            assert payback is None or (list(payback) == ["service", "total"]
                                       and all(v is None or type(v) is int for v in payback.values()))
            assert all(isinstance(h, str) for h in doc["section_headings"])
            assert doc["risk_rating"] in RISKS
            assert isinstance(doc["notes"], str) and doc["notes"]
            for table in doc["tables"]:
                _check_table(table)
    assert kinds == KINDS


def test_totals_equal_sums_except_noted_mismatches(archive: tuple[Path, list[Path]]) -> None:
    out, files = archive
    n_noted = 0
    for source in files:
        for doc in load_truths(out, source):
            found = mismatches(doc)
            assert len(found) == doc["notes"].count("SOURCE MISMATCH"), (source.name, found)
            n_noted += len(found)
            for label, key, printed, expected in found:
                year = "I alt" if key == "total" else key
                assert f"row '{label}', {year}: printed {printed}, but its component rows sum to {expected}" in \
                    doc["notes"]
    assert n_noted > 0


def test_inconsistency_share_extremes(tmp_path: Path) -> None:
    clean = generate_archive(tmp_path / "clean", 20, seed=3, pdf_share=0.0, inconsistency_share=0.0)
    docs = [d for f in clean for d in load_truths(tmp_path / "clean", f)]
    assert all(not mismatches(d) and "SOURCE MISMATCH" not in d["notes"] for d in docs)
    broken = generate_archive(tmp_path / "broken", 20, seed=3, pdf_share=0.0, bundle_share=0.0,
                              inconsistency_share=1.0)
    docs = [d for f in broken for d in load_truths(tmp_path / "broken", f)]
    assert all(len(mismatches(d)) == 1 for d in docs if d["tables"])


def test_repeat_tables_repeat_tabel1(archive: tuple[Path, list[Path]]) -> None:
    out, files = archive
    for source in files:
        for doc in load_truths(out, source):
            if doc["kind"] == "overview" or not doc["tables"]:
                continue
            tabel1 = doc["tables"][0]
            assert tabel1["number"] == 1
            # Repeated rows copy Tabel 1's component rows, or its totals as they should be (an injected error in a
            # Tabel 1 total is not repeated).
            runs = [row_run(tabel1, r) for r in tabel1["rows"] if not r["is_total"]]
            runs += [list(component_sums(doc, tabel1, r).values()) for r in tabel1["rows"] if r["is_total"]]
            for table in doc["tables"][1:]:
                if table["number"] is None:
                    continue
                assert table["years"] == tabel1["years"]
                for row in table["rows"]:
                    if not row["is_total"]:
                        run = row_run(table, row)
                        assert run in runs or not any(run), (source.name, table["caption"], row["label"])


def test_payback_follows_figures(archive: tuple[Path, list[Path]]) -> None:
    out, files = archive
    seen = 0
    for source in files:
        for doc in load_truths(out, source):
            if not doc["payback_years"] or doc["payback_years"]["service"] is None:
                continue
            tabel1 = doc["tables"][0]
            components = [r for r in tabel1["rows"] if not r["is_total"]]
            net = [sum(r["values"][str(y)] for r in components) for y in tabel1["years"]]
            cumulative, years = 0, None
            for i in range(20):
                cumulative += net[min(i, len(net) - 1)]
                if cumulative <= 0:
                    years = i + 1
                    break
            assert doc["payback_years"]["service"] == years
            seen += 1
    assert seen > 0


# ---------------------------------------------------------------------------------------------------------------------
# rendering
# ---------------------------------------------------------------------------------------------------------------------


def _assert_rendered(text: str, doc: dict[str, Any], tables: list[dict[str, Any]]) -> None:
    flat = squash(text)
    assert squash(doc["title"]) in flat
    if doc["code"]:
        assert doc["code"] in text
    if doc["summary"]:
        assert squash(doc["summary"]) in flat
    stream = number_stream(text)
    for table in tables:
        for row in table["rows"]:
            assert contains_run(stream, row_run(table, row)), (doc["source"], table["caption"], row["label"])


def test_text_contains_title_and_numbers(imitation_archive: tuple[Path, list[Path]]) -> None:
    out, files = imitation_archive
    texts = [f for f in files if f.suffix == ".txt"]
    assert texts
    for source in texts:
        text = source.read_text(encoding="utf-8")
        assert "\f" in text
        docs = load_truths(out, source)
        for doc in docs:
            _assert_rendered(text, doc, doc["tables"])
        # Numbered section headings are the only lines that start with "<number>. ".
        printed = re.findall(r"^\d+\. (.+?) ?$", text.replace("\f", "\n"), re.MULTILINE)
        assert printed == [h for doc in docs for h in doc["section_headings"]]


def test_pdf_text_contains_title_and_tabel1(archive: tuple[Path, list[Path]]) -> None:
    out, files = archive
    pdfs = [f for f in files if f.suffix == ".pdf"]
    assert pdfs
    for source in pdfs[:8]:
        text = pdf_text(source)
        assert "æ" in text or "ø" in text or "å" in text
        for doc in load_truths(out, source):
            _assert_rendered(text, doc, doc["tables"][:1])


def test_ticks_rendered_as_marked() -> None:
    for seed in range(30):
        proposal = generate_proposal(random.Random(seed))
        text = render_text([proposal], random.Random(seed))
        truth = proposal_to_truth(proposal, "x.txt", 1)
        marked = truth["affected_departments_marked"]
        if marked is None:
            assert "☒" not in text and "☐" not in text and not re.search(r"^ ?X ", text, re.MULTILINE)
            continue
        for dept in DEPARTMENTS:
            ticked = squash("☒" + dept) in squash(text) or squash("X " + dept) in squash(text)
            assert ticked == (dept in marked), (seed, dept)


@pytest.mark.parametrize("serif", [False, True])
def test_pdf_ticks_are_readable_as_marked(tmp_path: Path, serif: bool) -> None:
    # DejaVu Serif has no ballot-box glyphs: both boxes once printed as the same empty .notdef box (text "\x00"),
    # so a generated serif PDF lost which departments were ticked while its truth still listed them.
    from synth.render_pdf import PdfStyle, render_pdf

    checked = 0
    for seed in range(40):
        proposal = generate_proposal(random.Random(seed))
        marked = proposal_to_truth(proposal, "x.pdf", 1)["affected_departments_marked"]
        if marked is None or proposal.tick_style != "glyph":
            continue
        path = tmp_path / f"{seed}.pdf"
        render_pdf([proposal], path, random.Random(seed), PdfStyle(serif=serif))
        text = squash(pdf_text(path))
        assert "\x00" not in text
        for dept in DEPARTMENTS:
            assert (squash("☒" + dept) in text) == (dept in marked), (seed, dept)
            assert (squash("☐" + dept) in text) == (dept not in marked), (seed, dept)
        checked += 1
    assert checked >= 3


def test_shuffled_pages_keep_truth() -> None:
    for seed in range(10):
        plain = generate_proposal(random.Random(seed), shuffled=False)
        shuffled = generate_proposal(random.Random(seed), shuffled=True)
        a, b = proposal_to_truth(plain, "x.txt"), proposal_to_truth(shuffled, "x.txt")
        assert {k: v for k, v in a.items() if k != "notes"} == {k: v for k, v in b.items() if k != "notes"}
        text = render_text([shuffled], random.Random(seed))
        years = b["tables"][0]["years"]
        assert text.index(f"{years[0]} {years[1]}") < text.index("titel:")
        assert "titel:" not in text.split("\f")[0]


def test_overview_rows_come_from_following_proposals() -> None:
    rng = random.Random(4)
    context = random_context(rng)
    members = [generate_proposal(rng, context=context, kind="investeringsforslag") for _ in range(3)]
    overview = proposal_to_truth(generate_overview(rng, members, context=context), "x.txt")
    labels = [r["label"] for t in overview["tables"] for r in t["rows"]]
    for member in members:
        assert any(label.endswith(": " + member.title) for label in labels)
    assert overview["tables"][-1]["caption"] == "I alt"
    assert all(t["number"] is None and t["price_level"] is None for t in overview["tables"])
    assert overview["unit"] is None and overview["section_headings"] == [] and not mismatches(overview)


# ---------------------------------------------------------------------------------------------------------------------
# text utilities
# ---------------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "kwargs", "expected"), [
    (1250, {}, "1.250"),
    (-942, {}, "-942"),
    (-1234567, {}, "-1.234.567"),
    (0, {}, "0"),
    (0, {"zero_dash": True}, "-"),
    (1200, {"thousands_sep": False}, "1200"),
])
def test_format_dk(value: int, kwargs: dict[str, bool], expected: str) -> None:
    assert format_dk(value, **kwargs) == expected


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["implementeringsomkostninger", "og", "Børne- og", "medarbejderne", "til",
                                 "ejendomsadministrationsområdet", "KS", "sagsbehandlingen"]), min_size=1, max_size=12),
       st.integers(min_value=12, max_value=40), st.integers(min_value=0, max_value=10**6))
def test_wrap_keeps_text(words: list[str], width: int, seed: int) -> None:
    text = " ".join(words)
    lines = wrap(text, width, random.Random(seed), hyphenate=1.0)
    assert squash("".join(lines)) == squash(text)
    for line in lines:
        assert len(line) <= width or " " not in line.strip()
