"""Turn a Proposal into its truth record, in exactly the key order and shape of the corpus gold (SCHEMA.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from synth.model import Proposal, Row, Table


def row_truth(row: Row) -> dict[str, Any]:
    return {"group": row.group, "label": row.label, "area": row.area, "values": dict(row.values),
            "is_total": row.is_total}


def table_truth(table: Table) -> dict[str, Any]:
    return {
        "number": table.number,
        "caption": table.caption,
        "price_level": table.price_level,
        "years": list(table.years),
        "rows": [row_truth(r) for r in table.rows],
    }


def proposal_to_truth(proposal: Proposal, source: str = "", ordinal: int = 1) -> dict[str, Any]:
    """The gold-schema dict for one document; `source` is the file name, `ordinal` its 1-based position."""
    payback = None
    if proposal.payback is not None:
        payback = {"service": proposal.payback.service, "total": proposal.payback.total}
    return {
        "source": source,
        "ordinal": ordinal,
        "kind": proposal.kind,
        "code": proposal.code,
        "title": proposal.title,
        "presenting_department": proposal.presenting_department,
        "affected_departments_marked": proposal.affected_marked if proposal.presenting_department else None,
        "summary": proposal.summary,
        "budget_round": proposal.budget_round,
        "price_level": proposal.price_level,
        "unit": proposal.unit,
        "tables": [table_truth(t) for t in proposal.tables],
        "payback_years": payback,
        "section_headings": proposal.section_headings,
        "risk_rating": proposal.risk_rating,
        "notes": " ".join(proposal.notes),
    }


def dump_truth(truth: dict[str, Any]) -> str:
    return json.dumps(truth, ensure_ascii=False, indent=2) + "\n"


def write_truth(out_dir: Path, source_name: str, proposals: list[Proposal]) -> list[Path]:
    """Write truth/<stem>/NN.json for every document of one source file."""
    folder = out_dir / "truth" / Path(source_name).stem
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for ordinal, proposal in enumerate(proposals, start=1):
        path = folder / f"{ordinal:02d}.json"
        path.write_text(dump_truth(proposal_to_truth(proposal, source_name, ordinal)), encoding="utf-8")
        paths.append(path)
    return paths
