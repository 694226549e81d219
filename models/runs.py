"""Runs of the pipeline and what each changed, down to the figure."""
from __future__ import annotations

import json
from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models.schema import Change, Document, FinRow, FinTable, Run, SourceFile, utcnow
from models.store import document_dict

SCALARS = ("kind", "code", "title", "presenting_department", "affected_departments_marked", "summary",
           "budget_round", "price_level", "unit", "payback_years", "section_headings", "risk_rating")


def start_run(session: Session, extractor_version: str) -> Run:
    run = Run(extractor_version=extractor_version)
    session.add(run)
    session.flush()
    return run


def finish_run(session: Session, run_id: int, counts: Counter) -> Run:
    run = session.get(Run, run_id)
    for kind in ("new", "changed", "unchanged", "removed", "failed", "reextracted"):
        setattr(run, f"files_{kind}", counts.get(kind, 0))
    run.status = "done"
    run.finished_at = utcnow()
    return run


def known_files(session: Session) -> dict[str, tuple[str | None, str, str | None]]:
    """path -> (sha256, status, extractor_version) of every file seen before."""
    return {
        p: (h, s, v)
        for p, h, s, v in session.execute(
            select(SourceFile.path, SourceFile.sha256, SourceFile.status, SourceFile.extractor_version)
        )
    }


def stored_documents(session: Session, path: str) -> list[dict]:
    docs = session.scalars(
        select(Document)
        .join(Document.source_file)
        .where(SourceFile.path == path, SourceFile.status == "ok")
        .order_by(Document.ordinal)
        .options(
            selectinload(Document.source_file),
            selectinload(Document.departments),
            selectinload(Document.sections),
            selectinload(Document.tables).selectinload(FinTable.rows).selectinload(FinRow.values),
        )
    ).all()
    out = [document_dict(d) for d in docs]
    for d in docs:  # the caller replaces these rows with bulk statements: leave no stale copies in the session
        session.expunge(d)
    return out


def _figures(doc: dict) -> dict[str, object]:
    out: dict[str, object] = {}
    for ti, t in enumerate(doc.get("tables") or []):
        tname = f"Tabel {t['number']}" if t["number"] is not None else f"table {ti + 1} ({t['caption']})"
        seen: Counter = Counter()
        for r in t["rows"]:
            seen[r["label"]] += 1
            label = r["label"] if seen[r["label"]] == 1 else f"{r['label']} ({seen[r['label']]})"
            for key, value in r["values"].items():
                out[f"{tname} / {label} / {key}"] = value
    return out


def diff_documents(before: list[dict], after: list[dict]) -> list[tuple[str, str, str, object, object]]:
    """(kind 'field'|'figure'|'document', document ordinal label, item, before, after) for each difference."""
    changes = []
    old = {d["ordinal"]: d for d in before}
    new = {d["ordinal"]: d for d in after}
    for ordinal in sorted(old.keys() | new.keys()):
        a, b = old.get(ordinal), new.get(ordinal)
        if a is None or b is None:
            changes.append(("document", ordinal, (a or b).get("title"), a and a.get("title"), b and b.get("title")))
            continue
        for f in SCALARS:
            if a.get(f) != b.get(f):
                changes.append(("field", ordinal, f, a.get(f), b.get(f)))
        fa, fb = _figures(a), _figures(b)
        for item in sorted(fa.keys() | fb.keys()):
            if fa.get(item) != fb.get(item):
                changes.append(("figure", ordinal, item, fa.get(item), fb.get(item)))
    return changes


def _text(v: object) -> str | None:
    if v is None:
        return None
    return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)


def record_change(session: Session, run_id: int, path: str, change: str, name: str,
                  diffs: list[tuple] | None = None) -> None:
    session.add(Change(run_id=run_id, path=path, change=change))
    for kind, ordinal, item, before, after in diffs or []:
        session.add(Change(run_id=run_id, path=path, change=kind, document=f"{name}#{ordinal}", item=str(item),
                           before=_text(before), after=_text(after)))


def list_runs(session: Session) -> list[dict]:
    return [
        {c.name: getattr(r, c.name) for c in Run.__table__.columns}
        for r in session.scalars(select(Run).order_by(Run.id))
    ]


def list_changes(session: Session, run_id: int) -> list[dict]:
    return [
        {c.name: getattr(ch, c.name) for c in Change.__table__.columns if c.name not in ("id", "run_id")}
        for ch in session.scalars(select(Change).where(Change.run_id == run_id).order_by(Change.id))
    ]
