"""Runs of the pipeline and what each changed, down to the figure."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from models.rows import finding_key
from models.schema import Change, Document, FindingRecord, FinRow, FinTable, Run, SourceFile, utcnow
from models.store import document_dict

SCALARS = ("kind", "code", "title", "presenting_department", "affected_departments_marked", "summary",
           "budget_round", "price_level", "unit", "payback_years", "section_headings", "risk_rating")


FILE_CHANGES = ("new", "changed", "reextracted", "removed", "failed")  # a Change row per file of these kinds
FINDING_CHANGE = "finding"  # a finding that appeared (after set) or was resolved (before set) in the run


def start_run(session: Session, extractor_version: str) -> Run:
    run = Run(extractor_version=extractor_version)
    session.add(run)
    session.flush()
    return run


def close_interrupted_runs(session: Session) -> list[int]:
    """Close the runs a kill left `running` as `interrupted`, with the counts of what they did record. Called under
    the ingest lock (models/lock.py): no run can still be going on then."""
    closed = []
    for run in session.scalars(select(Run).where(Run.status == "running")):
        _set_counts(session, run)
        run.status = "interrupted"
        closed.append(run.id)
    return closed


def record_unchanged(session: Session, run_id: int, unchanged: int) -> None:
    """The files found unchanged (they get no Change row: a nightly run of a large archive would write one per
    file), stored as soon as they are known so that an interrupted run keeps the number."""
    session.get(Run, run_id).files_unchanged = unchanged


def finish_run(session: Session, run_id: int) -> Run:
    run = session.get(Run, run_id)
    _set_counts(session, run)
    run.status = "done"
    run.finished_at = utcnow()
    return run


def _set_counts(session: Session, run: Run) -> None:
    """A run's file counts are counted from its Change rows, so they always equal what `bcx changes` lists."""
    counts = change_counts(session, run.id)
    for kind in FILE_CHANGES:
        setattr(run, f"files_{kind}", counts.get(kind, 0))


def change_counts(session: Session, run_id: int) -> Counter:
    """Change rows of a run by kind; findings split into `findings_new` and `findings_resolved`."""
    rows = session.execute(
        select(Change.change, Change.before.is_(None), func.count())
        .where(Change.run_id == run_id)
        .group_by(Change.change, Change.before.is_(None))
    )
    counts: Counter = Counter()
    for change, no_before, n in rows:
        if change == FINDING_CHANGE:
            counts["findings_new" if no_before else "findings_resolved"] += n
        else:
            counts[change] += n
    return counts


@dataclass(frozen=True, slots=True)
class KnownFile:
    """What the database knows of a file it has seen before."""

    sha256: str | None
    status: str  # ok / failed / removed
    extractor_version: str | None


def known_files(session: Session) -> dict[str, KnownFile]:
    """Every file seen before, by its stored path."""
    return {
        p: KnownFile(h, s, v)
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
                  diffs: list[tuple] | None = None, reason: str | None = None) -> None:
    """A file's change in this run (a failed file's reason in `after`), and each of its figures and fields that
    changed."""
    session.add(Change(run_id=run_id, path=path, change=change, after=reason))
    for kind, ordinal, item, before, after in diffs or []:
        session.add(Change(run_id=run_id, path=path, change=kind, document=f"{name}#{ordinal}", item=str(item),
                           before=_text(before), after=_text(after)))


# ---------------------------------------------------------------- findings that appear and go


def stored_findings(session: Session, path: str) -> Counter:
    """The finding keys of a file's documents as stored now (before they are replaced or the file is removed), of
    the rules a file's own extraction raises: the archive-scope ones (copies-agree) are compared when the run ends
    (models/copies.py)."""
    from extract.checks import ARCHIVE_RULES

    rows = session.execute(
        select(Document.ordinal, FindingRecord.rule, FindingRecord.table_position, FindingRecord.row_label,
               FindingRecord.key, FindingRecord.message)
        .join(FindingRecord.document)
        .join(Document.source_file)
        .where(SourceFile.path == path, SourceFile.status == "ok", FindingRecord.rule.not_in(sorted(ARCHIVE_RULES)))
    )
    return Counter(finding_key(*r) for r in rows)


def record_finding_changes(session: Session, run_id: int, path: str, name: str, before: Counter,
                           after: Counter) -> None:
    """A Change row per finding that appeared (before empty) or was resolved (after empty) in this file."""
    changes = [(k, False) for k in (before - after).elements()] + [(k, True) for k in (after - before).elements()]
    for key, appeared in sorted(changes):
        ordinal, rule, _table, row_label, cell, message = key
        item = " / ".join(x for x in (rule, row_label, cell) if x)
        session.add(Change(run_id=run_id, path=path, change=FINDING_CHANGE, document=f"{name}#{ordinal}", item=item,
                           before=None if appeared else message, after=message if appeared else None))


# ---------------------------------------------------------------- reading runs back


def list_runs(session: Session) -> list[dict]:
    return [run_record(session, run_id) for run_id in session.scalars(select(Run.id).order_by(Run.id))]


def latest_run_id(session: Session) -> int | None:
    return session.scalar(select(func.max(Run.id)))


def run_record(session: Session, run_id: int) -> dict | None:
    run = session.get(Run, run_id)
    if run is None:
        return None
    row = {c.name: getattr(run, c.name) for c in Run.__table__.columns}
    counts = change_counts(session, run_id)
    row["findings_new"], row["findings_resolved"] = counts["findings_new"], counts["findings_resolved"]
    return row


def list_changes(session: Session, run_id: int) -> list[dict]:
    return [
        {c.name: getattr(ch, c.name) for c in Change.__table__.columns if c.name not in ("id", "run_id")}
        for ch in session.scalars(select(Change).where(Change.run_id == run_id).order_by(Change.id))
    ]


def run_report(session: Session, run_id: int) -> dict | None:
    """What a run did, grouped for a person or a dashboard: files by what happened to them (failed ones with their
    reason), each figure and field that changed, findings that appeared and were resolved. The nightly job's
    `--report` and `bcx changes --format json` are this."""
    run = run_record(session, run_id)
    if run is None:
        return None
    report: dict = {
        "run": run,
        "files": {kind: [] for kind in FILE_CHANGES},
        "changed": [],
        "findings": {"new": [], "resolved": []},
    }
    for ch in list_changes(session, run_id):
        kind = ch["change"]
        if kind == "failed":
            report["files"]["failed"].append({"path": ch["path"], "reason": ch["after"]})
        elif kind in FILE_CHANGES:
            report["files"][kind].append(ch["path"])
        elif kind == FINDING_CHANGE:
            side = "new" if ch["before"] is None else "resolved"
            report["findings"][side].append({"path": ch["path"], "document": ch["document"], "where": ch["item"],
                                             "message": ch["after"] if side == "new" else ch["before"]})
        else:  # figure / field / document
            report["changed"].append({"kind": kind, "path": ch["path"], "document": ch["document"],
                                      "item": ch["item"], "before": ch["before"], "after": ch["after"]})
    return report
