"""Write a synthetic archive: source files (text dumps and PDFs) plus their truth JSON."""

from __future__ import annotations

import json
import random
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from synth.build import generate_overview, generate_proposal, generate_stub
from synth.dump_tools import IMITATION, REAL_TOOLS, check_tools, dump
from synth.finance import random_context
from synth.model import Proposal
from synth.render_pdf import random_pdf_style, render_pdf
from synth.render_text import render_text
from synth.truth import write_truth

MAX_BUNDLE = 5
OVERVIEW_SHARE = 0.35  # of text bundles, which then open with an overview of the proposals that follow
SHARED_CONTEXT_SHARE = 0.6  # of bundles without an overview whose documents share years and price level
STUB_SHARE = 0.04  # of bundled documents after the first that are only a title page
MANIFEST = "sources.json"  # beside the source files: which tool made each text dump, which template each PDF


@dataclass(frozen=True)
class FilePlan:
    index: int
    n_docs: int
    pdf: bool

    @property
    def name(self) -> str:
        return f"bc_{self.index:06d}.{'pdf' if self.pdf else 'txt'}"


def plan_files(n_proposals: int, seed: int, pdf_share: float, bundle_share: float) -> list[FilePlan]:
    """Split n_proposals documents into files: single documents or bundles of 2-5, each a text dump or a PDF."""
    rng = random.Random(f"synth-plan:{seed}")
    plans: list[FilePlan] = []
    remaining = n_proposals
    while remaining > 0:
        bundle = remaining >= 2 and rng.random() < bundle_share
        size = min(rng.randint(2, MAX_BUNDLE), remaining) if bundle else 1
        plans.append(FilePlan(len(plans), size, rng.random() < pdf_share))
        remaining -= size
    return plans


def file_documents(rng: random.Random, plan: FilePlan, inconsistency_share: float,
                   shuffle_share: float) -> list[Proposal]:
    """The documents of one file, in order of appearance."""
    with_overview = plan.n_docs >= 2 and not plan.pdf and rng.random() < OVERVIEW_SHARE
    shared = with_overview or (plan.n_docs >= 2 and rng.random() < SHARED_CONTEXT_SHARE)
    context = random_context(rng) if shared else None
    members: list[Proposal] = []
    for position in range(plan.n_docs - int(with_overview)):
        if position > 0 and rng.random() < STUB_SHARE:
            members.append(generate_stub(rng))
            continue
        members.append(generate_proposal(rng, context=context, inconsistent=rng.random() < inconsistency_share,
                                         shuffled=rng.random() < shuffle_share))
    if with_overview:
        overview = generate_overview(rng, members, context=context, inconsistent=rng.random() < inconsistency_share)
        return [overview, *members]
    return members


def write_source(path: Path, documents: list[Proposal], rng: random.Random, pdf: bool,
                 text_tools: Sequence[str]) -> dict[str, str | None]:
    """Write one source file; returns how it was made: the PDF template and, for a text dump, the tool.

    A text dump is what a real PDF-to-text tool makes of the PDF the same documents would be (in one of the three
    templates), so its truth is the PDF's; the tool is drawn from `text_tools`. "imitation" writes the hand-written
    dump of synth.render_text instead (no PDF behind it: template None).
    """
    if pdf:
        style = random_pdf_style(rng)
        render_pdf(documents, path, rng, style)
        return {"tool": None, "template": style.template}
    tool = text_tools[0] if len(text_tools) == 1 else text_tools[rng.randrange(len(text_tools))]
    if tool == IMITATION:
        path.write_bytes(render_text(documents, rng).encode("utf-8"))
        return {"tool": tool, "template": None}
    style = random_pdf_style(rng)
    with tempfile.TemporaryDirectory(prefix="synth-dump-") as tmp:
        rendered = Path(tmp) / path.with_suffix(".pdf").name
        render_pdf(documents, rendered, rng, style)
        path.write_bytes(dump(rendered, tool).encode("utf-8"))
    return {"tool": tool, "template": style.template}


def generate_archive(out_dir: Path, n_proposals: int, seed: int = 0, *, pdf_share: float = 0.5,
                     bundle_share: float = 0.2, inconsistency_share: float = 0.1,
                     shuffle_share: float = 0.05, text_tools: Sequence[str] = REAL_TOOLS) -> list[Path]:
    """Write n_proposals synthetic documents into out_dir and their truth into out_dir/truth/<stem>/NN.json.

    Text files are dumps of generated PDFs by the real tools in `text_tools` (synth.dump_tools; default all four,
    drawn per file), or "imitation" for the hand-written dump. out_dir/sources.json records for every file the tool
    and the PDF template it was made with. A tool that is not installed raises ToolMissing before anything is written.

    Returns the source files written (bc_NNNNNN.txt / .pdf), in order. Every file is derived from (seed, file index)
    alone, so the same arguments always give byte-identical files.
    """
    text_tools = tuple(text_tools)
    plans = plan_files(n_proposals, seed, pdf_share, bundle_share)
    check_tools(text_tools, installed=not all(plan.pdf for plan in plans))  # an all-PDF archive runs no tool
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    made: dict[str, dict[str, str | None]] = {}
    for plan in plans:
        rng = random.Random(f"synth-file:{seed}:{plan.index}")
        documents = file_documents(rng, plan, inconsistency_share, shuffle_share)
        path = out_dir / plan.name
        made[plan.name] = write_source(path, documents, rng, plan.pdf, text_tools)
        write_truth(out_dir, plan.name, documents)
        written.append(path)
    (out_dir / MANIFEST).write_text(json.dumps(made, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return written


def read_manifest(out_dir: Path) -> dict[str, dict[str, str | None]]:
    """File name -> {"tool": ..., "template": ...} as generate_archive recorded it ({} for an older archive)."""
    path = Path(out_dir) / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
