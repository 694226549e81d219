"""Full-text search over proposals: codes, titles, summaries, row labels and section text, in Danish.

One index row per document, kept by the writer (`index_documents`, called where documents are stored) and read by
`search_documents`, the one query function behind the web view's search box. Each backend uses its own full-text
engine, since neither SQL standard nor SQLAlchemy has one:

- SQLite: an FTS5 virtual table `document_search` (rowid = document id). FTS5 has no Danish stemmer, so the text is
  stemmed in Python with the Snowball Danish stemmer (the same algorithm as PostgreSQL's 'danish' configuration)
  before it is indexed, and so are the words searched for.
- PostgreSQL: a table `document_search` of (document_id, tsvector) under the 'danish' configuration, with a GIN
  index; rows go with their document (ON DELETE CASCADE).

Every searched word is a prefix: Danish joins words into compounds, so "effektivisering" finds
"Effektiviseringsgevinst" and "gevinst" finds "gevinsten". A compound's inner part ("gevinst" in
"Effektiviseringsgevinst") is no word of its own to a full-text engine; the substring match of the fields an auditor
types such parts from (code, title, department, row labels) finds those, after the ranked full-text hits.

The index is a derived structure, outside the ORM's metadata (`is_search_table` tells Alembic's comparison so).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import regex
from sqlalchemy import Connection, bindparam, inspect, or_, select, text

from models.schema import Department, Document, DocumentDepartment, DocumentSection, FinRow, FinTable

TABLE = "document_search"
FIELDS = ("code", "title", "summary", "labels", "sections")
# how much a hit in each field counts (FTS5 bm25 weights; PostgreSQL weights A-D): a title beats a paragraph
WEIGHTS = {"code": 10.0, "title": 10.0, "summary": 4.0, "labels": 2.0, "sections": 1.0}
PG_WEIGHT = {"code": "A", "title": "A", "summary": "B", "labels": "C", "sections": "D"}
WORD = regex.compile(r"[\p{L}\p{N}]+")
MAX_WORDS = 16  # words of one query that are searched for (a pasted paragraph is not a query)


@dataclass(frozen=True, slots=True)
class SearchText:
    """One document's searchable text, field by field."""

    document_id: int
    code: str
    title: str
    summary: str
    labels: str
    sections: str


def is_search_table(name: str) -> bool:
    """The index and, on SQLite, its FTS5 shadow tables (document_search_data, ...): not ORM tables."""
    return name == TABLE or name.startswith(TABLE + "_")


def include_name(name: str | None, type_: str, _parent_names: dict) -> bool:
    """For Alembic's comparison of models and database: the index is no ORM table (it has no model to compare)."""
    return not (type_ == "table" and name is not None and is_search_table(name))


# ---------------------------------------------------------------- words


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("danish")


def words(text_: str | None) -> list[str]:
    """The words of a text, case-folded (Danish letters kept: 'æ', 'ø', 'å' are letters of their own)."""
    return WORD.findall((text_ or "").casefold())


def stems(text_: str | None) -> list[str]:
    """The Danish stems of a text's words: 'gevinster', 'gevinsten' and 'gevinst' all give 'gevinst'."""
    return [_stem(w) for w in words(text_)]


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    """One word's stem, kept: the pure-Python stemmer takes ~50 us a word, in the writer (the ingest's one serial
    step), and the proposals' vocabulary repeats from document to document."""
    return _stemmer().stemWord(word)


# ---------------------------------------------------------------- the index


def create_index(conn: Connection) -> None:
    """Create the index (empty) for the connection's backend."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5({', '.join(FIELDS)}, "
                             "tokenize = 'unicode61 remove_diacritics 0')")
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"CREATE TABLE IF NOT EXISTS {TABLE} (document_id integer PRIMARY KEY "
                             "REFERENCES documents (id) ON DELETE CASCADE, body tsvector NOT NULL)")
        conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS ix_{TABLE}_body ON {TABLE} USING gin (body)")


def drop_index(conn: Connection) -> None:
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {TABLE}")


def has_index(conn: Connection) -> bool:
    return inspect(conn).has_table(TABLE)


def search_texts(conn: Connection, document_ids: Iterable[int]) -> list[SearchText]:
    """The searchable text of these documents: their code, title and summary, presenting and affected departments
    with the summary, the group and row labels of their tables, the headings and text of their sections."""
    ids = sorted(set(document_ids))
    if not ids:
        return []
    docs = {r.id: r for r in conn.execute(select(Document.id, Document.code, Document.title, Document.summary)
                                          .where(Document.id.in_(bindparam("ids", expanding=True))), {"ids": ids})}
    parts: dict[tuple[int, str], list[str]] = {}

    def add(doc_id: int, field: str, *values: str | None) -> None:
        parts.setdefault((doc_id, field), []).extend(v for v in values if v)

    for doc_id, name in conn.execute(
            select(DocumentDepartment.document_id, Department.name)
            .join(Department, Department.id == DocumentDepartment.department_id)
            .where(DocumentDepartment.document_id.in_(bindparam("ids", expanding=True))), {"ids": ids}):
        add(doc_id, "summary", name)
    for doc_id, group, label in conn.execute(
            select(FinTable.document_id, FinRow.group_label, FinRow.label).join(FinRow, FinRow.table_id == FinTable.id)
            .where(FinTable.document_id.in_(bindparam("ids", expanding=True))), {"ids": ids}):
        add(doc_id, "labels", group, label)
    for doc_id, heading, body in conn.execute(
            select(DocumentSection.document_id, DocumentSection.heading, DocumentSection.text)
            .where(DocumentSection.document_id.in_(bindparam("ids", expanding=True))), {"ids": ids}):
        add(doc_id, "sections", heading, body)
    return [SearchText(d.id, d.code or "", d.title or "",
                       " ".join([d.summary or "", *parts.get((d.id, "summary"), [])]),
                       " ".join(dict.fromkeys(parts.get((d.id, "labels"), []))),
                       " ".join(parts.get((d.id, "sections"), [])))
            for d in docs.values()]


def index_documents(conn: Connection, document_ids: Iterable[int]) -> None:
    """(Re)index these documents, and drop the entries of documents that are gone. Called in the transaction that
    stores them, so the index never names a document id with another document's text (SQLite reuses the ids of
    deleted documents). A database without the index (made before it existed, migrated later) is left alone."""
    ids = sorted(set(document_ids))
    if not has_index(conn):
        return
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"DELETE FROM {TABLE} WHERE rowid NOT IN (SELECT id FROM documents)")
        if ids:
            conn.execute(text(f"DELETE FROM {TABLE} WHERE rowid IN :ids").bindparams(bindparam("ids", expanding=True)),
                         {"ids": ids})
        rows = [{"id": t.document_id, **{f: " ".join(stems(getattr(t, f))) for f in FIELDS}}
                for t in search_texts(conn, ids)]
        if rows:
            conn.execute(text(f"INSERT INTO {TABLE} (rowid, {', '.join(FIELDS)}) "
                              f"VALUES (:id, {', '.join(':' + f for f in FIELDS)})"), rows)
    elif conn.dialect.name == "postgresql":
        if ids:
            conn.execute(text(f"DELETE FROM {TABLE} WHERE document_id IN :ids")
                         .bindparams(bindparam("ids", expanding=True)), {"ids": ids})
        vector = " || ".join(f"setweight(to_tsvector('danish', :{f}), '{PG_WEIGHT[f]}')" for f in FIELDS)
        rows = [{"id": t.document_id, **{f: getattr(t, f) for f in FIELDS}} for t in search_texts(conn, ids)]
        if rows:
            conn.execute(text(f"INSERT INTO {TABLE} (document_id, body) VALUES (:id, {vector})"), rows)


def reindex_all(conn: Connection) -> None:
    """Index every document (a new index, or one to rebuild)."""
    index_documents(conn, conn.execute(select(Document.id)).scalars())


# ---------------------------------------------------------------- searching


def search_documents(conn: Connection, query: str) -> list[int]:
    """The ids of the documents that hold every word of `query` (as a word or the start of one, in any inflection),
    best first; then those where it stands inside a code, title, department or row label (a compound's inner
    part). Documents of every file state: the caller keeps the current ones."""
    terms = words(query)[:MAX_WORDS]
    if not terms:
        return []
    ranked = _full_text(conn, terms) if has_index(conn) else []
    inside = _substring(conn, query.strip())
    return list(dict.fromkeys([*ranked, *inside]))


def _full_text(conn: Connection, terms: list[str]) -> list[int]:
    if conn.dialect.name == "sqlite":
        # each stem a quoted prefix term ("stem"*), all required; the quotes make any word a plain string to FTS5
        match = " ".join(f'"{_stem(t)}"*' for t in terms)
        weights = ", ".join(str(WEIGHTS[f]) for f in FIELDS)
        return list(conn.execute(text(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH :q "
                                      f"ORDER BY bm25({TABLE}, {weights})"), {"q": match}).scalars())
    if conn.dialect.name == "postgresql":
        # words are letters and digits only (WORD), so they are safe lexemes of a tsquery; :* makes each a prefix
        query = " & ".join(f"{t}:*" for t in terms)
        return list(conn.execute(text(f"SELECT document_id FROM {TABLE}, to_tsquery('danish', :q) AS q "
                                      "WHERE body @@ q ORDER BY ts_rank(body, q) DESC, document_id"),
                                 {"q": query}).scalars())
    return []


def _substring(conn: Connection, query: str) -> list[int]:
    """Documents where `query` stands, as written, inside a short field: code, title, a department, a row label."""
    like = f"%{query}%"  # a bound parameter, not SQL text
    in_rows = (select(FinTable.document_id).join(FinRow, FinRow.table_id == FinTable.id)
               .where(or_(FinRow.label.ilike(like), FinRow.group_label.ilike(like))))
    in_departments = (select(DocumentDepartment.document_id)
                      .join(Department, Department.id == DocumentDepartment.department_id)
                      .where(Department.name.ilike(like)))
    stmt = (select(Document.id)
            .where(or_(Document.code.ilike(like), Document.title.ilike(like), Document.id.in_(in_rows),
                       Document.id.in_(in_departments)))
            .order_by(Document.id))
    return list(conn.execute(stmt).scalars())
