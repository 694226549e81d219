"""Copies of one proposal across files, and the archive-wide check that they agree (extract.checks: copies-agree).

The same proposal reaches the archive more than once: a PDF and its text dump, or a proposal bundled into two
overviews. Such copies are documents of current files with the same code, title and budget round (the title
compared without case or spacing differences, which differ between a PDF's text and a dump's). Their figures are
compared after every load, since a copy may arrive in any later run: the findings of the archive-scope checks are
replaced as a whole each time (`refresh_copy_findings`), stored with each copy they concern.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from extract.checks import ARCHIVE_RULES, CHECKS, RULES, Copy
from models.rows import finding_key
from models.schema import Document, FindingRecord, FinRow, FinTable, FinValue, SourceFile
from models.search import WORD


def _same_proposal(code: str | None, title: str | None, budget_round: str | None, summary: str | None,
                   price_level: int | None) -> tuple | None:
    """What makes two documents one proposal: the same code, title and budget round. Many proposals state no code
    or no budget round, and titles repeat ("Digital understøttelse af ..."): a document that lacks either is one
    proposal with another only if their resumé is the same word for word (letters and digits compared, so a PDF's
    and its dump's line breaks and hyphenation do not count) and their price level too. Without a title, or lacking
    a code or round and a resumé (a title page), a document is nobody's copy."""
    if not title or not title.strip():
        return None
    key = ((code or "").strip().casefold(), " ".join(title.split()).casefold(), (budget_round or "").strip().casefold())
    if code and budget_round:
        return key
    letters = "".join(WORD.findall((summary or "").casefold()))
    return (*key, price_level, letters) if letters else None


def copy_groups(session: Session) -> dict[int, list[int]]:
    """Document id -> the ids of every copy of its proposal (itself included, in id order), for documents that have
    a copy in another current file; documents without one are absent."""
    rows = session.execute(
        select(Document.id, Document.source_file_id, Document.code, Document.title, Document.budget_round,
               Document.summary, Document.price_level)
        .join(Document.source_file).where(SourceFile.status == "ok").order_by(Document.id))
    groups: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    for doc_id, file_id, code, title, budget_round, summary, price_level in rows:
        key = _same_proposal(code, title, budget_round, summary, price_level)
        if key is not None:
            groups[key].append((doc_id, file_id))
    out: dict[int, list[int]] = {}
    for members in groups.values():
        if len({file_id for _, file_id in members}) > 1:
            ids = [doc_id for doc_id, _ in members]
            out.update({doc_id: ids for doc_id in ids})
    return out


def copies_of(session: Session, document_id: int) -> list[dict]:
    """The other copies of a document's proposal: id, file name, ordinal and kind of file (for the proposal page)."""
    ids = [i for i in copy_groups(session).get(document_id, []) if i != document_id]
    if not ids:
        return []
    rows = session.execute(select(Document.id, Document.ordinal, SourceFile.name, SourceFile.kind)
                           .join(Document.source_file).where(Document.id.in_(ids)).order_by(Document.id))
    return [{"id": i, "ordinal": o, "source": n, "source_kind": k} for i, o, n, k in rows]


def _copy(session: Session, document_id: int) -> tuple[Copy, dict[int | None, int]]:
    """A stored document as a Copy, with the position of each of its tables by Tabel number."""
    name, ordinal = session.execute(select(SourceFile.name, Document.ordinal).join(Document.source_file)
                                    .where(Document.id == document_id)).one()
    rows = session.execute(
        select(FinTable.number, FinTable.position, FinRow.group_label, FinRow.label, FinValue.key, FinValue.value)
        .join(FinRow, FinRow.table_id == FinTable.id).join(FinValue, FinValue.row_id == FinRow.id)
        .where(FinTable.document_id == document_id))
    figures: dict[tuple, float] = {}
    seen: Counter = Counter()
    positions: dict[int | None, int] = {}
    for number, position, group, label, key, value in rows:
        place = (number, group, label, key)
        seen[place] += 1
        figures[place] = float(value)
        positions.setdefault(number, position)
    # a place a copy holds twice (the same row label twice in one group) names no one figure: not compared
    return Copy(f"{name}#{ordinal}", {p: v for p, v in figures.items() if seen[p] == 1}), positions


def stored_archive_findings(session: Session) -> dict[str, Counter]:
    """The finding keys (models.rows.finding_key) of the archive-scope rules, by file path: what a run compares the
    new ones with to record which appeared and which were resolved."""
    rows = session.execute(
        select(SourceFile.path, Document.ordinal, FindingRecord.rule, FindingRecord.table_position,
               FindingRecord.row_label, FindingRecord.key, FindingRecord.message)
        .join(FindingRecord.document).join(Document.source_file)
        .where(FindingRecord.rule.in_(sorted(ARCHIVE_RULES)), SourceFile.status == "ok"))
    out: dict[str, Counter] = defaultdict(Counter)
    for path, *key in rows:
        out[path][finding_key(*key)] += 1
    return dict(out)


def refresh_copy_findings(session: Session) -> int:
    """Run the archive-scope checks (CHECKS, scope 'archive') over every group of copies, replacing the findings
    they stored before. Returns how many findings were stored."""
    session.execute(delete(FindingRecord).where(FindingRecord.rule.in_(sorted(ARCHIVE_RULES))),
                    execution_options={"synchronize_session": False})
    checks = [c for c in CHECKS if c.scope == "archive"]
    groups = {tuple(ids) for ids in copy_groups(session).values()}
    stored = 0
    for ids in sorted(groups):
        loaded = [_copy(session, doc_id) for doc_id in ids]
        copies = [c for c, _ in loaded]
        for check in checks:
            for f in check.run(copies):
                doc_id, positions = ids[f.ordinal], loaded[f.ordinal][1]
                session.add(FindingRecord(document_id=doc_id, rule=f.rule, severity=RULES[f.rule].severity,
                                          message=f.message, table_position=positions.get(f.table), row_label=f.row,
                                          key=f.key, involved=json.dumps(f.values, ensure_ascii=False, default=str)))
                stored += 1
    session.flush()
    return stored
