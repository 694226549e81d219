"""Pictures for the proposal page: yearly costs and savings from Tabel 1, the cumulative net effect, and the year
the proposal pays back (the same rule as the payback check in extract/checks.py). Drawn with matplotlib as SVG."""
from __future__ import annotations

import io
from dataclasses import astuple, dataclass
from functools import lru_cache
from itertools import accumulate

from extract.checks import payback_years
from models.schema import Document, FinTable

GRAND_TOTAL_PREFIX = "samlet økonomisk"


@dataclass(frozen=True, slots=True)
class Economy:
    years: list[int]
    costs: list[float]  # the positive figures of the rows that are not totals, per year
    savings: list[float]  # the negative ones
    net: list[float]  # "Samlet økonomisk påvirkning" where the table has it, else costs + savings
    payback_year: int | None  # the calendar year the cumulative net effect reaches zero or below
    price_level: int | None = None  # Tabel 1's (else the document's) price level: the year the amounts are priced in
    unit: str | None = None


def table1_economy(doc: Document) -> Economy | None:
    table: FinTable | None = next((t for t in doc.tables if t.number == 1 and t.years), None)
    if table is None:
        return None
    keys = [str(y) for y in table.years]
    items = [r for r in table.rows if not r.is_total]
    figures = [{v.key: v.value for v in r.values} for r in items]
    costs = [sum(max(f.get(k, 0), 0) for f in figures) for k in keys]
    savings = [sum(min(f.get(k, 0), 0) for f in figures) for k in keys]
    grand = next((r for r in table.rows if r.is_total and r.label.casefold().startswith(GRAND_TOTAL_PREFIX)), None)
    if grand is not None:
        by_key = {v.key: v.value for v in grand.values}
        net = [by_key.get(k, 0) for k in keys]
    else:
        net = [c + s for c, s in zip(costs, savings, strict=True)]
    years_to_payback = payback_years(net)
    payback_year = table.years[0] + years_to_payback - 1 if years_to_payback else None
    return Economy(list(table.years), costs, savings, net, payback_year, table.price_level or doc.price_level,
                   table.unit or doc.unit)


def axis_label(economy: Economy) -> str:
    """The amounts' unit and price level, as the tables state them: '1.000 kr., 2016-priser'."""
    unit = economy.unit or "1.000 kr."
    level = f"{economy.price_level}-priser" if economy.price_level else "prisniveau ikke oplyst"
    return f"{unit}, {level}"


def economy_svg(economy: Economy) -> str:
    """The chart as inline SVG. Drawing it is most of a proposal page's time (~0.1 s of matplotlib), and a page is
    asked for again and again while the figures stay the same: the SVG is kept per set of figures."""
    return _economy_svg(tuple(tuple(v) if isinstance(v, list) else v for v in astuple(economy)))


@lru_cache(maxsize=512)
def _economy_svg(fields: tuple) -> str:
    economy = Economy(*(list(v) if isinstance(v, tuple) else v for v in fields))
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7, 3.2))
    ax = fig.add_subplot()
    x = economy.years
    ax.bar(x, economy.costs, color="#c0504d", label="udgifter")
    ax.bar(x, economy.savings, color="#4f81bd", label="besparelser")
    cumulative = list(accumulate(economy.net))
    ax.plot(x, cumulative, color="#222", marker="o", label="akkumuleret nettoeffekt")
    ax.axhline(0, color="#888", linewidth=0.8)
    if economy.payback_year is not None and economy.payback_year <= x[-1]:
        at = cumulative[x.index(economy.payback_year)]
        marker = ax.scatter([economy.payback_year], [at], s=160, facecolors="none", edgecolors="#e69500",
                            linewidths=2.5, zorder=5, label=f"tilbagebetalt {economy.payback_year}")
        marker.set_gid("payback")
    ax.set_xticks(x)
    ax.set_ylabel(axis_label(economy))
    from matplotlib.ticker import FuncFormatter

    from web.danish import number

    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: number(v)))
    ax.legend(fontsize=8, loc="best")
    fig.tight_layout()
    out = io.StringIO()
    fig.savefig(out, format="svg")
    svg = out.getvalue()
    return svg[svg.index("<svg"):]  # inline in the page: no XML prolog or doctype
