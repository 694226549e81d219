"""Write a synthetic archive: source files (text dumps and PDFs) plus their truth JSON."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from synth.build import generate_overview, generate_proposal, generate_stub
from synth.finance import random_context
from synth.model import Proposal
from synth.render_pdf import render_pdf
from synth.render_text import render_text
from synth.truth import write_truth

MAX_BUNDLE = 5
OVERVIEW_SHARE = 0.35  # of text bundles, which then open with an overview of the proposals that follow
SHARED_CONTEXT_SHARE = 0.6  # of bundles without an overview whose documents share years and price level
STUB_SHARE = 0.04  # of bundled documents after the first that are only a title page


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


def generate_archive(out_dir: Path, n_proposals: int, seed: int = 0, *, pdf_share: float = 0.5,
                     bundle_share: float = 0.2, inconsistency_share: float = 0.1,
                     shuffle_share: float = 0.05) -> list[Path]:
    """Write n_proposals synthetic documents into out_dir and their truth into out_dir/truth/<stem>/NN.json.

    Returns the source files written (bc_NNNNNN.txt / .pdf), in order. Every file is derived from (seed, file index)
    alone, so the same arguments always give byte-identical files.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for plan in plan_files(n_proposals, seed, pdf_share, bundle_share):
        rng = random.Random(f"synth-file:{seed}:{plan.index}")
        documents = file_documents(rng, plan, inconsistency_share, shuffle_share)
        path = out_dir / plan.name
        if plan.pdf:
            render_pdf(documents, path, rng)
        else:
            path.write_bytes(render_text(documents, rng).encode("utf-8"))
        write_truth(out_dir, plan.name, documents)
        written.append(path)
    return written
