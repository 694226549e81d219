"""Assemble synthetic proposals and overviews (content only; see render_text/render_pdf for the printing)."""

from __future__ import annotations

import random
from collections.abc import Sequence

from synth import vocab
from synth.finance import (
    Context,
    annual_net,
    impl_rows,
    keys,
    overview_round,
    payback_years,
    random_context,
    sum_rows,
    varige_rows,
)
from synth.model import Bullets, Grid, Item, Kind, Note, Para, Payback, Proposal, Row, Section, Table
from synth.textutil import format_dk

PROPOSAL_KINDS: tuple[Kind, ...] = ("business_case", "investeringsforslag", "investeringsforslag", "innovationsforslag")


# ---------------------------------------------------------------------------------------------------------------------
# Text content
# ---------------------------------------------------------------------------------------------------------------------


def _slots(rng: random.Random, dept: str, ctx: Context) -> dict[str, str]:
    tech = rng.choice(vocab.TECHS)
    return {
        "dept": dept,
        "Dept": dept,
        "short": vocab.DEPARTMENT_SHORT[dept],
        "process": rng.choice(vocab.PROCESSES[dept]),
        "place": rng.choice(vocab.PLACES[dept]),
        "tech": tech,
        "Tech": tech[0].upper() + tech[1:],
        "year": str(ctx.years[min(1, len(ctx.years) - 1)]),
    }


def _capitalise(text: str) -> str:
    return text[0].upper() + text[1:]


def make_title(rng: random.Random, kind: Kind, slots: dict[str, str]) -> str:
    title = _capitalise(rng.choice(vocab.TITLE_PATTERNS[kind]).format_map(slots))
    if rng.random() < 0.2 and slots["dept"] not in title:
        title += vocab.TITLE_DEPT_SUFFIX.format_map(slots)
    return title


def _sentences(rng: random.Random, bank: Sequence[str], low: int, high: int, slots: dict[str, str]) -> str:
    count = min(len(bank), rng.randint(low, high))
    return " ".join(s.format_map(slots) for s in rng.sample(list(bank), count))


def make_summary(rng: random.Random, slots: dict[str, str]) -> str:
    return _sentences(rng, vocab.SUMMARY_SENTENCES, 2, 4, slots)


def _body(rng: random.Random, heading: str, slots: dict[str, str]) -> list[Item]:
    bank = list(vocab.BODY_SENTENCES.get(heading, vocab.BODY_SENTENCES["Forslagets effekt"]))
    sentences = [s.format_map(slots) for s in rng.sample(bank, min(len(bank), rng.randint(2, 7)))]
    cut = rng.randint(1, len(sentences) - 1) if len(sentences) > 3 and rng.random() < 0.6 else len(sentences)
    items: list[Item] = [Para(" ".join(part)) for part in (sentences[:cut], sentences[cut:]) if part]
    if heading in ("Forslagets indhold", "Forslagets effekt") and rng.random() < 0.4:
        items.append(Bullets(rng.sample(list(vocab.BULLET_SENTENCES), 3)))
    return items


def _follow_up(rng: random.Random, slots: dict[str, str]) -> Grid:
    rows = [list(vocab.FOLLOW_UP_HEADER)]
    for goal in rng.sample(list(vocab.FOLLOW_UP_GOALS), rng.randint(1, 3)):
        when = rng.choice(vocab.FOLLOW_UP_WHEN).format_map(slots)
        rows.append([goal, rng.choice(vocab.FOLLOW_UP_MEASURES), rng.choice(vocab.FOLLOW_UP_OWNERS), when])
    return Grid(rows)


def _heard(rng: random.Random, ctx: Context) -> Grid:
    rows = [["", "Ja/Nej/Ikke relevant", "Dato for godkendelse"]]
    for name in vocab.HEARD_ROWS:
        answer = rng.choice(vocab.HEARD_ANSWERS)
        date = f"{rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-{ctx.years[0] - 1}" if answer == "Ja" else ""
        rows.append([name, answer, date])
    return Grid(rows)


def _risk_items(rng: random.Random, slots: dict[str, str]) -> tuple[list[Item], str | None]:
    text = _sentences(rng, vocab.BODY_SENTENCES["Risikovurdering"], 1, 3, slots)
    level = rng.choice(vocab.RISK_LEVELS) if rng.random() < 0.85 else None
    if level is not None:
        text += " " + rng.choice(vocab.RISK_SENTENCES).format(level=level)
    return [Para(text)], level


# ---------------------------------------------------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------------------------------------------------


def _total(label: str, rows: list[Row], value_keys: list[str], group: str | None = None,
           area: str | None = None) -> Row:
    return Row(label, sum_rows(rows, value_keys), group, area, is_total=True)


def build_table1(rng: random.Random, ctx: Context, varige: list[Row], impl: list[Row], *, grand_total: bool) -> Table:
    value_keys = keys(ctx.years)
    rows: list[Row] = []
    if varige:
        area = "Service" if rng.random() < 0.5 else None
        rows += varige + [_total(vocab.TOTAL_VARIG, varige, value_keys, vocab.GROUP_VARIG, area)]
    if impl:
        rows += impl + [_total(vocab.TOTAL_IMPL, impl, value_keys, vocab.GROUP_IMPL)]
    if grand_total:
        rows.append(_total(vocab.TOTAL_ALL, varige + impl, value_keys))
    return Table(1, rng.choice(vocab.CAPTION_TABLE1), ctx.price_level, list(ctx.years), rows, role="tabel1",
                 area_column=True, unit_label=rng.choice(("1.000 kr.", "1000 kr.")),
                 zero_dash=rng.random() < 0.3, thousands_sep=rng.random() < 0.95)


def _repeat_table(rng: random.Random, ctx: Context, caption: str, total_label: str, source: list[Row],
                  price_level: int | None = None) -> Table:
    value_keys = keys(ctx.years)
    rows = [Row(_label_variant(rng, r.label), dict(r.values)) for r in source]
    rows.append(_total(total_label, rows, value_keys))
    return Table(None, caption, price_level or ctx.price_level, list(ctx.years), rows,
                 unit_label=rng.choice(("1.000 kr.", "1000 kr.")), zero_dash=rng.random() < 0.4)


def _label_variant(rng: random.Random, label: str) -> str:
    if label.endswith("gevinst") and rng.random() < 0.4:
        return label + "er"
    return label


def _admin_table(rng: random.Random, ctx: Context, varig_total: Row) -> Table:
    zeros = {k: 0 for k in keys(ctx.years)}
    source = [Row(vocab.ADMIN_ROWS[0], dict(varig_total.values)), Row(vocab.ADMIN_ROWS[1], zeros)]
    table = _repeat_table(rng, ctx, vocab.CAPTION_ADMIN, vocab.TOTAL_ADMIN, source)
    table.role = "admin"
    return table


def _budget_table(rng: random.Random, ctx: Context, title: str, impl: list[Row]) -> Table:
    """Free-standing budget table in whole kroner: first two years plus an "I alt" column."""
    years = list(ctx.years[:2])
    rows = []
    for r in impl:
        values = {str(y): r.values[str(y)] * 1000 for y in years}
        values["total"] = sum(values.values())
        rows.append(Row(r.label, values))
    rows.append(_total("I alt", rows, keys(years) + ["total"]))
    return Table(None, f"Budget - {title}", None, years, rows, role="budget", extra_column="I alt",
                 label_header=vocab.BUDGET_TABLE_HEADER)


def investment_tables(rng: random.Random, ctx: Context, impl: list[Row]) -> list[Table]:
    service = [r for r in impl if r.area != "Anlæg"]
    anlaeg = [r for r in impl if r.area == "Anlæg"]
    tables = []
    if service:
        tables.append(_repeat_table(rng, ctx, vocab.CAPTION_INVEST_SERVICE, vocab.TOTAL_INVEST_SERVICE, service))
    if anlaeg:
        tables.append(_repeat_table(rng, ctx, vocab.CAPTION_INVEST_ANLAEG, vocab.TOTAL_INVEST_ANLAEG, anlaeg))
    return tables


def _payback(rng: random.Random, ctx: Context, varige: list[Row], impl: list[Row]) -> Payback:
    value_keys = keys(ctx.years)
    net_all = sum_rows(varige + impl, value_keys)
    net_service = sum_rows([r for r in varige if r.area == "Service"] + impl, value_keys)
    service = payback_years([net_service[k] for k in value_keys])
    total = payback_years([net_all[k] for k in value_keys])
    if rng.random() < 0.2:
        total = None  # the totaløkonomi line is printed but left empty
    return Payback(service, total, rng.choice(("colon", "colon", "plain", "wrapped")))


def inject_mismatch(rng: random.Random, table: Table, table_ref: str, labels: Sequence[str]) -> str:
    """Corrupt one total cell of `table` (a deliberate source error) and return the SOURCE MISMATCH note."""
    candidates = [r for r in table.rows if r.is_total and r.label in labels]
    row = rng.choice(candidates)
    value_keys = [k for k in table.value_keys if k in row.values]
    key = rng.choice([k for k in value_keys if row.values[k]] or value_keys)
    correct = row.values[key]
    delta = rng.choice((1, -1)) * rng.choice((1, 2, 5, 10, 20, 50, 100, 1000))
    row.values[key] = correct + delta
    year = "I alt" if key == "total" else key
    printed = format_dk(row.values[key], thousands_sep=False)
    return (f"SOURCE MISMATCH: {table_ref}, row '{row.label}', {year}: printed {printed}, but its component rows "
            f"sum to {format_dk(correct, thousands_sep=False)}. Kept as printed (deliberate synthetic error).")


# ---------------------------------------------------------------------------------------------------------------------
# Proposals
# ---------------------------------------------------------------------------------------------------------------------


def _code(rng: random.Random, kind: Kind) -> str | None:
    if kind == "investeringsforslag" and rng.random() < 0.9:
        return f"BC{rng.randint(1, 40):02d}"
    if kind == "innovationsforslag" and rng.random() < 0.9:
        return f"{rng.choice(vocab.INNOVATION_CODE_PREFIXES)}{rng.randint(1, 12):02d}"
    return None


def _budget_round(rng: random.Random, kind: Kind, ctx: Context) -> str | None:
    year = ctx.years[0] - rng.choice((0, 1))
    if kind == "business_case":
        return f"B{ctx.years[0]}" if rng.random() < 0.15 else None
    if rng.random() >= 0.35:
        return None
    return rng.choice((f"OFS {year}-{(year + 1) % 100:02d}", f"OFS {year}-{year + 1}", f"B{year + 1}"))


def _affected(rng: random.Random, presenting: str) -> list[str]:
    chosen = {presenting} if rng.random() < 0.6 else set()
    chosen.update(rng.sample(vocab.DEPARTMENTS, rng.randint(0 if chosen else 1, 2)))
    return [d for d in vocab.DEPARTMENTS if d in chosen]


def _header_fields(rng: random.Random, kind: Kind, ctx: Context, slots: dict[str, str]) -> Proposal:
    dept = slots["dept"]
    proposal = Proposal(kind=kind, title=make_title(rng, kind, slots), code=_code(rng, kind))
    proposal.code_separator = rng.choice((" ", " ", " – ", " - "))
    proposal.presenting_department = dept
    proposal.affected_departments = _affected(rng, dept)
    proposal.tick_style = rng.choice(("glyph", "glyph", "x", "lost", "lost"))
    proposal.summary = make_summary(rng, slots)
    proposal.summary_label = "Resumé:" if kind == "investeringsforslag" else "Kort resumé:"
    proposal.budget_round = _budget_round(rng, kind, ctx)
    if proposal.budget_round:
        proposal.header_subline = proposal.budget_round
    elif kind == "business_case" and rng.random() < 0.7:
        proposal.header_subline = rng.choice(vocab.POOL_LINES)
    proposal.appendix_line = f"BILAG {rng.randint(1, 9)}" if rng.random() < 0.15 else None
    proposal.price_level = ctx.price_level
    proposal.unit = "1000 kr."
    proposal.pl_field = kind == "investeringsforslag" and rng.random() < 0.3
    return proposal


def _sections(rng: random.Random, headings: Sequence[str], slots: dict[str, str], ctx: Context) -> list[Section]:
    sections = []
    for heading in headings:
        if heading in vocab.OPTIONAL_SECTIONS and rng.random() < 0.2:
            continue
        items = _body(rng, heading, slots)
        if heading == "Opfølgning":
            items = [items[0], _follow_up(rng, slots)]
        elif heading == "Hvem er hørt?":
            items.append(_heard(rng, ctx))
        sections.append(Section(heading, items))
    return sections


def _section(sections: list[Section], heading: str) -> Section | None:
    return next((s for s in sections if s.heading == heading), None)


def _number_tables(proposal: Proposal) -> None:
    number = 0
    for table in proposal.tables:
        if table.role == "budget":
            continue
        number += 1
        table.number = number


def generate_proposal(rng: random.Random, *, kind: Kind | None = None, context: Context | None = None,
                      inconsistent: bool = False, shuffled: bool = False) -> Proposal:
    """A complete synthetic proposal (business case, investeringsforslag or innovationsforslag)."""
    kind = kind or rng.choice(PROPOSAL_KINDS)
    if kind == "overview":
        raise ValueError("use generate_overview() for overview documents")
    ctx = context or random_context(rng)
    slots = _slots(rng, rng.choice(vocab.DEPARTMENTS), ctx)
    proposal = _header_fields(rng, kind, ctx, slots)
    old_style = kind == "business_case" and rng.random() < 0.6
    if kind == "business_case":
        proposal.affected_label = "Øvrige berørte forvaltninger:" if old_style else "Berørte forvaltninger:"

    if kind == "innovationsforslag":
        varige: list[Row] = []
        impl = impl_rows(rng, ctx, ("Service", None), max_rows=4)
    else:
        varige = [] if kind == "business_case" and rng.random() < 0.15 else varige_rows(rng, ctx)
        areas = ("Anlæg", "Service", "Drift") if kind == "business_case" else ("Anlæg", "Anlæg", "Service")
        budget = round(-annual_net(varige) * rng.uniform(0.8, 4.5)) if varige else None
        impl = impl_rows(rng, ctx, areas, budget=budget)
    table1 = build_table1(rng, ctx, varige, impl, grand_total=bool(varige) or rng.random() < 0.5)

    front: list[Item] = [table1]
    if varige:
        proposal.payback = _payback(rng, ctx, varige, impl)
        front.append(proposal.payback)
    elif kind != "innovationsforslag":
        front.append(Note(rng.choice(vocab.NO_PAYBACK_FOOTNOTES)))
        proposal.notes.append("No payback period is stated (only one-off costs are applied for), so payback_years "
                              "= null.")
    if rng.random() < 0.5:
        front.append(Note(rng.choice(vocab.SIGN_NOTES)))

    if old_style:
        headings = vocab.SECTIONS_OLD_BC
    elif kind == "innovationsforslag":
        headings = vocab.SECTIONS_INNOV
    else:
        headings = tuple(h for h in vocab.SECTIONS_INVEST
                         if kind == "investeringsforslag" or h != "Effektivisering på administration")
    proposal.sections = _sections(rng, headings, slots, ctx)
    if old_style:
        first = proposal.sections[0]
        first.items = front
        table1.caption_printed = rng.random() < 0.6
        if not table1.caption_printed:
            table1.caption = vocab.SECTION_TABLE1
            proposal.notes.append("Tabel 1 has no 'Tabel 1' label: it sits directly under the numbered section "
                                  f"'1. {vocab.SECTION_TABLE1}', so it is encoded as number 1 with that caption.")
    else:
        proposal.sections.insert(0, Section(None, front))

    _place_repeat_tables(rng, proposal, ctx, varige, impl, table1)
    risk = _section(proposal.sections, "Risikovurdering")
    if risk is not None:
        risk.items, proposal.risk_rating = _risk_items(rng, slots)
    _number_tables(proposal)

    proposal.shuffled = shuffled
    _common_notes(proposal)
    if inconsistent:
        labels = (vocab.TOTAL_VARIG, vocab.TOTAL_IMPL, vocab.TOTAL_ALL)
        proposal.notes.append(inject_mismatch(rng, table1, "Tabel 1", labels))
    return proposal


def _place_repeat_tables(rng: random.Random, proposal: Proposal, ctx: Context, varige: list[Row], impl: list[Row],
                         table1: Table) -> None:
    economy = _section(proposal.sections, "Økonomi")
    if economy is None:
        return
    tables: list[Item] = []
    if varige:
        tables.append(_repeat_table(rng, ctx, vocab.CAPTION_SERVICE, vocab.TOTAL_SERVICE, varige))
    tables += investment_tables(rng, ctx, impl)
    if proposal.kind == "business_case" and rng.random() < 0.3:
        tables.append(_budget_table(rng, ctx, proposal.title, impl))
        proposal.notes.append("The free-standing budget table has no Tabel number (number null), is printed in whole "
                              "kroner and has an 'I alt' column recorded under 'total'.")
    economy.items[1:1] = tables
    admin = _section(proposal.sections, "Effektivisering på administration")
    varig_total = next((r for r in table1.rows if r.label == vocab.TOTAL_VARIG), None)
    if admin is not None:
        if varig_total is None:
            proposal.sections.remove(admin)
            return
        table = _admin_table(rng, ctx, varig_total)
        if rng.random() < 0.1:
            table.price_level = ctx.price_level - 1
            proposal.notes.append(f"The administration table states {ctx.price_level - 1} p/l while Tabel 1 states "
                                  f"{ctx.price_level} p/l for the same figures; kept as printed.")
        admin.items.append(table)


def _common_notes(proposal: Proposal) -> None:
    proposal.notes.insert(0, "Synthetic document (synth generator): every total equals the sum of its component "
                             "rows except where a deliberate error is noted; every row prints a value for every year "
                             "column.")
    if proposal.tick_style == "lost":
        proposal.notes.append("Berørte forvaltninger: the tick marks are lost, so affected_departments_marked = null.")
    else:
        ticked = ", ".join(proposal.affected_departments)
        proposal.notes.append(f"Berørte forvaltninger: ticked boxes ({ticked}) are marked with ☒ or 'X'.")
    if any(t.zero_dash for t in proposal.tables):
        proposal.notes.append("Cells printed as '-' are zero and recorded as 0.")
    if proposal.shuffled:
        proposal.notes.append("Page order is shuffled: the page with Tabel 1 comes before the page with the title, "
                              "resumé and departments. The truth is unaffected.")
    if proposal.payback is not None and proposal.payback.total is None:
        proposal.notes.append("The 'totaløkonomi' payback line is printed without a number, so total = null.")


def generate_stub(rng: random.Random, kind: Kind | None = None) -> Proposal:
    """A title page only ("under udarbejdelse"): no fields, tables or sections."""
    kind = kind or rng.choice(("investeringsforslag", "innovationsforslag"))
    ctx = random_context(rng)
    slots = _slots(rng, rng.choice(vocab.DEPARTMENTS), ctx)
    proposal = Proposal(kind=kind, title=make_title(rng, kind, slots), code=_code(rng, kind))
    proposal.code_separator = rng.choice((" – ", " - ", " "))
    proposal.stub_line = rng.choice(vocab.STUB_LINES)
    proposal.notes = ["Synthetic title page of a proposal that is still being drafted: no resumé, departments, tables "
                      "or sections, so those fields are null or empty."]
    return proposal


# ---------------------------------------------------------------------------------------------------------------------
# Overviews
# ---------------------------------------------------------------------------------------------------------------------


def _overview_entry(rng: random.Random, ctx: Context, name: str, source: Proposal | None) -> tuple[Row, Row]:
    value_keys = keys(ctx.years)
    if source is not None:
        table1 = source.tables[0]
        net = next((r.values for r in table1.rows if r.label == vocab.TOTAL_VARIG), dict.fromkeys(value_keys, 0))
        invest = next((r.values for r in table1.rows if r.label == vocab.TOTAL_IMPL), dict.fromkeys(value_keys, 0))
    else:
        net = {r: v for r, v in zip(value_keys, _ramp_values(rng, len(value_keys)), strict=True)}
        invest = {k: (rng.randint(2, 60) * 100 if i < 2 else 0) for i, k in enumerate(value_keys)}
    area = rng.choice(("Anlæg", "Anlæg", "Anlæg/drift"))
    return (Row(name, overview_round({k: net.get(k, 0) for k in value_keys})),
            Row(area, overview_round({k: invest.get(k, 0) for k in value_keys}), group=name, area=area))


def _ramp_values(rng: random.Random, n: int) -> list[int]:
    full = -rng.randint(1, 60) * 100
    return [0] + [full if i > 1 else full // 2 for i in range(1, n)]


def generate_overview(rng: random.Random, members: Sequence[Proposal] = (), *, context: Context | None = None,
                      inconsistent: bool = False) -> Proposal:
    """An overview of approved investments: one table per block plus an "I alt" table.

    `members` are the proposals that follow the overview in the same file; their Tabel 1 totals (rounded to 100)
    become the overview rows. A few invented proposals are added so that blocks are not trivially small.
    """
    ctx = context or random_context(rng)
    value_keys = keys(ctx.years)
    prefix = rng.choice(vocab.OVERVIEW_ROW_PREFIXES)
    entries: list[Proposal | None] = [m for m in members if m.tables] + [None] * rng.randint(0, 2)
    if not entries:
        entries = [None, None]
    n_blocks = min(len(entries), rng.randint(1, 3))
    block_names = rng.sample(vocab.OVERVIEW_BLOCKS, n_blocks)
    label_header = rng.choice(vocab.OVERVIEW_LABEL_HEADERS)
    tables: list[Table] = []
    for b, block in enumerate(block_names):
        rows: list[Row] = []
        for source in entries[b::n_blocks]:
            title = source.title if source else make_title(rng, "business_case",
                                                           _slots(rng, rng.choice(vocab.DEPARTMENTS), ctx))
            rows += _overview_entry(rng, ctx, prefix + title, source)
        rows += _overview_totals(rows, value_keys)
        tables.append(Table(None, block, None, list(ctx.years), rows, role="overview", label_header=label_header))
    all_rows = [r for t in tables for r in t.rows if not r.is_total]
    tables.append(Table(None, "I alt", None, list(ctx.years), _overview_totals(all_rows, value_keys),
                        role="overview", label_header="I alt"))
    proposal = Proposal(kind="overview", title=rng.choice(vocab.OVERVIEW_TITLES))
    proposal.sections = [Section(None, list(tables))]
    proposal.overview_footnote = rng.choice(vocab.OVERVIEW_FOOTNOTES)
    proposal.notes = [
        "Synthetic overview: one table per block (number null, caption = block name, price_level null) plus an "
        "'I alt' table. Proposal rows have group null; the Anlæg/Anlæg-drift line under each proposal has group = "
        "the proposal's full name and area = its label. 'Nettoeffektivisering' sums the proposal rows and "
        "'Investeringsbehov' the Anlæg lines; the 'I alt' table sums over all blocks. No unit or price level is "
        "stated, so unit and price_level are null.",
    ]
    if inconsistent:
        labels = (vocab.OVERVIEW_NET, vocab.OVERVIEW_INVEST)
        target = rng.choice(tables[:-1])
        proposal.notes.append(inject_mismatch(rng, target, f"table '{target.caption}'", labels))
    return proposal


def _overview_totals(rows: list[Row], value_keys: list[str]) -> list[Row]:
    net = [r for r in rows if r.group is None and not r.is_total]
    invest = [r for r in rows if r.group is not None and not r.is_total]
    return [_total(vocab.OVERVIEW_NET, net, value_keys), _total(vocab.OVERVIEW_INVEST, invest, value_keys)]
