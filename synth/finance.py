"""Random but internally consistent figures for the financial tables."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from synth import vocab
from synth.model import Row

PAYBACK_HORIZON = 20


@dataclass(frozen=True)
class Context:
    """What documents from one budget process share: year columns and price level."""

    years: tuple[int, ...]
    price_level: int


def random_context(rng: random.Random) -> Context:
    start = rng.randint(2015, 2025)
    n_years = rng.choice((4, 5, 5, 6, 6, 6))
    return Context(tuple(range(start, start + n_years)), start + rng.choice((0, 1, 1)))


def keys(years: tuple[int, ...] | list[int]) -> list[str]:
    return [str(y) for y in years]


def rounded(value: float, step: int) -> int:
    return int(math.floor(value / step + 0.5)) * step


def sum_rows(rows: list[Row], value_keys: list[str]) -> dict[str, int]:
    return {k: sum(r.values.get(k, 0) for r in rows) for k in value_keys}


def _magnitude(rng: random.Random, low: int, high: int) -> int:
    value = rng.randint(low, high)
    step = rng.choice((1, 1, 5, 10, 50))
    return max(step, rounded(value, step))


def _ramp(rng: random.Random, n: int, full: int, start: int) -> list[int]:
    """0 before `start`, a partial first year, then the full amount."""
    first_share = rng.choice((0.25, 0.5, 0.75, 1.0))
    values = []
    for i in range(n):
        if i < start:
            values.append(0)
        elif i == start:
            values.append(rounded(full * first_share, 1))
        else:
            values.append(full)
    return values


def varige_rows(rng: random.Random, ctx: Context) -> list[Row]:
    """Permanent changes: one or two gains (negative) and zero to two running costs (positive), all on Service."""
    n = len(ctx.years)
    start = rng.choice((0, 1, 1, 1))
    gain_labels = rng.sample(vocab.VARIG_GAIN_LABELS, rng.choice((1, 1, 2)))
    cost_labels = rng.sample(vocab.VARIG_COST_LABELS, rng.choice((0, 1, 1, 2)))
    gains = [_magnitude(rng, 150, 4000) for _ in gain_labels]
    budget_for_costs = sum(gains) * rng.uniform(0.1, 0.45)
    costs = [max(5, rounded(budget_for_costs / len(cost_labels), 1)) for _ in cost_labels] if cost_labels else []
    rows = [Row(label, dict(zip(keys(ctx.years), [-v for v in _ramp(rng, n, g, start)], strict=True)))
            for label, g in zip(gain_labels, gains, strict=True)]
    rows += [Row(label, dict(zip(keys(ctx.years), _ramp(rng, n, c, start), strict=True)))
             for label, c in zip(cost_labels, costs, strict=True)]
    for row in rows:
        row.group, row.area = vocab.GROUP_VARIG, "Service"
    return rows


def impl_rows(rng: random.Random, ctx: Context, areas: tuple[str | None, ...], max_rows: int = 5,
              budget: int | None = None) -> list[Row]:
    """One-off implementation costs spread over the first one to three years.

    `budget` (the total over all rows and years) is drawn at random when not given.
    """
    n = len(ctx.years)
    labels = rng.sample(vocab.IMPL_LABELS, rng.randint(1, max_rows))
    span = min(n, rng.choice((1, 2, 2, 3)))
    total = budget if budget is not None else _magnitude(rng, 300, 6000)
    weights = [rng.uniform(0.2, 1.0) for _ in labels]
    rows = []
    for label, weight in zip(labels, weights, strict=True):
        amount = max(10, total * weight / sum(weights))
        shares = [rng.uniform(0.0, 1.0) if i < span else 0.0 for i in range(n)]
        shares[rng.randrange(span)] += 0.5
        step = rng.choice((1, 5, 10, 50)) if amount > 200 else 1
        values = [rounded(amount * share / sum(shares), step) for share in shares]
        rows.append(Row(label, dict(zip(keys(ctx.years), values, strict=True)), vocab.GROUP_IMPL, rng.choice(areas)))
    return rows


def annual_net(rows: list[Row]) -> int:
    """The net effect of permanent changes in the last year (a negative number for a saving)."""
    return sum(list(r.values.values())[-1] for r in rows)


def payback_years(net: list[int]) -> int | None:
    """Years until the cumulative net effect is <= 0, repeating the last column beyond the table horizon."""
    if not net:
        return None
    cumulative = 0
    for i in range(PAYBACK_HORIZON):
        cumulative += net[i] if i < len(net) else net[-1]
        if cumulative <= 0:
            return i + 1
    return None


def overview_round(values: dict[str, int]) -> dict[str, int]:
    return {k: rounded(v, 100) for k, v in values.items()}
