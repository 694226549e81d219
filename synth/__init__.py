"""Generator of synthetic Københavns Kommune business cases (text dumps and PDFs) with gold-schema truth.

Renderers live in their modules (not re-exported, so that the module names stay importable):
synth.render_text.render_text and synth.render_pdf.render_pdf.
"""

from synth.build import generate_overview, generate_proposal, generate_stub
from synth.finance import Context, random_context
from synth.generate import generate_archive
from synth.model import Proposal, Row, Table
from synth.truth import proposal_to_truth

__all__ = [
    "Context",
    "Proposal",
    "Row",
    "Table",
    "generate_archive",
    "generate_overview",
    "generate_proposal",
    "generate_stub",
    "proposal_to_truth",
    "random_context",
]
