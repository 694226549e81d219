"""`bcx serve`: a read-only Flask app over the bcx database (SQLite or PostgreSQL).

Routes are thin: each reads through `models.browse` / `pipeline` and renders a template. Nothing here writes: the
SQLite file is opened read-only and PostgreSQL sessions run in read-only transactions.
"""
from __future__ import annotations

import io
from collections import Counter

from flask import Flask, abort, render_template, request, send_file
from markupsafe import Markup
from sqlalchemy.orm import Session

from models import browse
from models.db import safe_url
from web.charts import economy_svg, table1_economy

PAGE_DPI = 150  # the page image behind a figure's box: the digits readable beside the outline
HEADER_LINES = 5  # lines from a table's caption shown as its header (a dump may wrap the year row)
MAX_ID = 2**63 - 1  # the largest id a database column holds: a larger one in a URL is simply not there (404)


def create_app(db: str | None = None) -> Flask:
    app = Flask(__name__)
    from pipeline import Archive
    from web import danish

    danish.install(app)
    app.jinja_env.globals["sort_link"] = _sort_link

    engine = Archive(db).read_only_engine()
    app.config["BCX_DB"] = safe_url(str(engine.url))

    def session() -> Session:
        return Session(engine)

    @app.url_value_preprocessor
    def ids_in_range(_endpoint, values):
        if values and any(isinstance(v, int) and not 0 <= v <= MAX_ID for v in values.values()):
            abort(404)

    @app.errorhandler(404)
    def not_found(_error):
        return render_template("error.html", title="Ikke fundet",
                               message="Siden eller det, den peger på, findes ikke i databasen."), 404

    @app.errorhandler(500)
    def server_error(_error):
        return render_template("error.html", title="Fejl i bcx",
                               message="Siden kunne ikke vises på grund af en fejl i bcx. Prøv igen, eller "
                                       "kontakt den, der driver bcx."), 500

    @app.get("/favicon.ico")
    def favicon():
        return send_file(io.BytesIO(FAVICON.encode()), mimetype="image/svg+xml")

    @app.get("/source/<int:file_id>")
    def original(file_id: int):
        """The original file, as it was read (refused when it has changed or is gone since)."""
        import pipeline
        from models.schema import SourceFile

        with session() as s:
            source = s.get(SourceFile, file_id)
            if source is None:
                abort(404)
            path, sha256, name = source.path, source.sha256, source.name
        state = pipeline.source_state(path, sha256)
        if state != "same":
            return render_template("error.html", title="Kildefilen er ikke den samme",
                                   message=SOURCE_STATES[state].format(path=path)), 410
        return send_file(path, as_attachment=True, download_name=name)

    @app.get("/")
    def proposals():
        query = request.args.get("q", "").strip() or None
        filters = _filters(request.args, browse.PROPOSAL_FILTERS, ints=("price_level",))
        sort, descending = _sort(request.args, browse.PROPOSAL_SORTS)
        fmt = request.args.get("format")
        with session() as s:
            rows = browse.list_documents(s, query, sort=sort, descending=descending, **filters)
            choices = browse.document_choices(s) if fmt is None else {}
        if fmt in ("csv", "xlsx"):
            import pandas as pd

            columns = ["code", "title", "department", "budget_round", "price_level", "kind", "source", "ordinal",
                       "findings", "copies"]
            return _download_frame(pd.DataFrame([{c: r[c] for c in columns} for r in rows], columns=columns), fmt,
                                   "proposals", {**filters, "q": query})
        page, pages = _page(request.args, len(rows), PROPOSALS_PER_PAGE)
        return render_template("proposals.html", rows=rows[(page - 1) * PROPOSALS_PER_PAGE:page * PROPOSALS_PER_PAGE],
                               total=len(rows), q=query or "", filters=filters, choices=choices, sort=sort,
                               descending=descending, page=page, pages=pages)

    @app.get("/proposal/<int:document_id>")
    def proposal(document_id: int):
        with session() as s:
            doc = browse.get_document(s, document_id)
            if doc is None:
                abort(404)
            findings = browse.document_findings(s, document_id)
            economy = table1_economy(doc)
            from models.copies import copies_of

            return render_template("proposal.html", doc=doc, findings=findings, copies=copies_of(s, document_id),
                                   flagged=browse.flagged_cells(findings), economy=economy,
                                   chart=Markup(economy_svg(economy)) if economy else None)

    @app.get("/figure/<int:value_id>")
    def figure(value_id: int):
        import pipeline

        with session() as s:
            value = browse.get_value(s, value_id)
            if value is None:
                abort(404)
            source = value.row.table.document.source_file
            table = value.row.table
            lines, header = [], []
            state = pipeline.source_state(source.path, source.sha256)
            if state == "same" and (source.kind != "pdf" or value.page is None):
                hit = {"path": source.path, "source_kind": source.kind, "page": value.page,
                       "line_start": value.line_start, "line_end": value.line_end}
                try:
                    lines = pipeline.source_context(hit)
                    if table.line_start is not None and table.line_start < (value.line_start or 0) - 3:
                        # the table's caption and year header, so the column a figure stands in can be checked
                        header = pipeline.source_context({**hit, "line_start": table.line_start,
                                                          "line_end": table.line_start + HEADER_LINES}, around=0)
                except OSError as exc:
                    lines = [(0, f"kilden kan ikke læses: {exc}")]
            return render_template("figure.html", value=value, row=value.row, table=table,
                                   doc=table.document, source=source, lines=lines, header=header, state=state,
                                   state_message=SOURCE_STATES.get(state, "").format(path=source.path))

    @app.get("/figure/<int:value_id>/page.png")
    def figure_page(value_id: int):
        import pdfplumber

        with session() as s:
            value = browse.get_value(s, value_id)
            if value is None or value.page is None:
                abort(404)
            path = value.row.table.document.source_file.path
            sha256 = value.row.table.document.source_file.sha256
            box = (value.x0, value.top, value.x1, value.bottom)
            page_no = value.page
        import pipeline

        if pipeline.source_state(path, sha256) != "same":
            abort(404)  # another file now: its page is not this figure's source
        try:
            with pdfplumber.open(path) as pdf:
                image = pdf.pages[page_no - 1].to_image(resolution=PAGE_DPI)
                if None not in box:
                    pad = 3  # the outline around the digits, never over them
                    image.draw_rect((box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad),
                                    fill=(0, 0, 0, 0), stroke=(220, 0, 0), stroke_width=2)
                out = io.BytesIO()
                image.save(out, format="PNG")
        except OSError:
            abort(404)
        out.seek(0)
        return send_file(out, mimetype="image/png")

    @app.get("/figures")
    def figures_page():
        filters = _filters(request.args, browse.FIGURE_FILTERS, ints=("year", "price_level", "document", "table"))
        sort, descending = _sort(request.args, browse.FIGURE_SORTS)
        fmt = request.args.get("format")
        with session() as s:
            if fmt in ("csv", "xlsx"):
                from models.export import figures_to_frame

                rows = browse.figures(s, sort=sort, descending=descending, **filters)
                return _download_frame(figures_to_frame(rows), fmt, "figures", filters)
            total = browse.count_figures(s, **filters)
            page, pages = _page(request.args, total, FIGURES_PER_PAGE)
            rows = browse.figures(s, sort=sort, descending=descending, limit=FIGURES_PER_PAGE,
                                  offset=(page - 1) * FIGURES_PER_PAGE, **filters)
            choices = browse.figure_choices(s)
            documents = {r["id"]: r for r in browse.list_documents(s)}
        return render_template("figures.html", rows=rows, total=total, filters=filters, choices=choices,
                               documents=documents, sort=sort, descending=descending, page=page, pages=pages)

    @app.get("/findings")
    def findings_page():
        filters = {"rule": request.args.get("rule") or None, "severity": request.args.get("severity") or None,
                   "document": request.args.get("document", type=int), "table": request.args.get("table", type=int)}
        fmt = request.args.get("format")
        with session() as s:
            rows = browse.findings(s, **filters)
            everything = browse.findings(s) if fmt is None else rows
        if fmt in ("csv", "xlsx"):
            return _download_frame(_findings_frame(rows), fmt, "findings", filters)
        names = {r["document_id"]: " ".join(x for x in (r["code"], r["title"]) if x) or f"{r['source']}#{r['ordinal']}"
                 for r in everything}
        twice = {n for n, k in Counter(names.values()).items() if k > 1}  # copies of one proposal: say which file
        names.update({r["document_id"]: f"{names[r['document_id']]} ({r['source']}#{r['ordinal']})"
                      for r in everything if names[r["document_id"]] in twice})
        return render_template("findings.html", rows=rows, filters=filters, counts=browse.finding_counts(everything),
                               names=names)

    @app.get("/runs")
    def runs_page():
        from models.runs import list_changes, list_runs

        with session() as s:
            runs = list_runs(s)[::-1]
            selected = request.args.get("run", type=int) or (runs[0]["id"] if runs else None)
            changes = list_changes(s, selected) if selected else []
        return render_template("runs.html", runs=runs, selected=selected, changes=changes)

    return app


SOURCE_STATES = {
    "changed": "Filen {path} er ændret, siden tallet blev læst (dens sha256 er en anden): den viser ikke længere "
               "tallets kilde. Indlæs den igen med bcx ingest.",
    "gone": "Filen {path} findes ikke længere (eller kan ikke læses): tallets kilde kan ikke vises.",
}
FAVICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" '
           'fill="#1f4e79"/><text x="8" y="12" font-size="10" text-anchor="middle" fill="#fff" '
           'font-family="sans-serif">b</text></svg>')

UNSAFE_IN_NAME = r"[^\w.-]+"
FIGURES_PER_PAGE = 200  # rows of a page of figures; the downloads hold every page
PROPOSALS_PER_PAGE = 100


def _filters(args, names: tuple[str, ...], ints: tuple[str, ...] = ()) -> dict:
    """The filters of a list from the query string: empty means all; a number filter that is no number is none."""
    return {name: (args.get(name, type=int) if name in ints else (args.get(name) or None)) for name in names}


def _sort(args, columns) -> tuple[str | None, bool]:
    """?sort=COLUMN (one of `columns`) and ?desc=1."""
    sort = args.get("sort")
    return (sort if sort in columns else None), args.get("desc") == "1"


def _page(args, total: int, per_page: int) -> tuple[int, int]:
    """The page asked for (1-based, kept within the pages there are) and how many pages there are."""
    pages = max(1, -(-total // per_page))
    return min(max(args.get("page", 1, type=int), 1), pages), pages


def _sort_link(endpoint: str, column: str, sort: str | None, descending: bool, args: dict) -> str:
    """The link of a column head: sort by it, or turn the order round if it is the sorted column already; the
    filters stay, the page starts over."""
    from flask import url_for

    kept = {k: v for k, v in args.items() if k not in ("sort", "desc", "page") and v not in (None, "")}
    turn = sort == column and not descending
    return url_for(endpoint, **kept, sort=column, **({"desc": "1"} if turn else {}))


def _findings_frame(rows: list[dict]):
    import pandas as pd

    columns = ["source", "ordinal", "code", "title", "table_number", "rule", "severity", "message", "row_label", "key",
               "page", "line_start"]
    return pd.DataFrame([{c: r[c] for c in columns} for r in rows], columns=columns)


def _download_frame(frame, fmt: str, name: str, filters: dict):
    """A frame as a CSV or XLSX download named by what was asked for: findings-rule-total-sum.csv."""
    import regex

    from models.export import write_csv, write_xlsx

    # a filter's value as part of a file name: letters, digits, '.', '-' (a search may hold anything)
    suffix = "".join(f"-{k}-{regex.sub(UNSAFE_IN_NAME, '_', str(v)).strip('_')}"
                     for k, v in sorted(filters.items()) if v is not None)
    out = io.BytesIO()
    if fmt == "csv":
        text = io.StringIO()
        write_csv(frame, text)
        out.write(text.getvalue().encode("utf-8"))
        mimetype = "text/csv"
    else:
        write_xlsx({name: frame}, out)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    out.seek(0)
    return send_file(out, mimetype=mimetype, as_attachment=True, download_name=f"{name}{suffix}.{fmt}")

