"""Validation findings against the arithmetic inconsistencies the gold notes record in the source.

RECORDED is read by hand from the `notes` of ../shared/corpus/gold (SOURCE MISMATCH / SOURCE INCONSISTENCY /
OVERVIEW CROSS-CHECK): each entry is one inconsistency, the tables it concerns and the rules that may report it.
"""

from __future__ import annotations

import pytest

import pipeline
from tests.conftest import CORPUS

RECORDED = [
    # (file stem prefix, ordinal, tables concerned, rules)
    ("001", 2, {1}, {"grand-total"}),  # Samlet økonomisk påvirkning 2016: 150 printed, 450 by the sum
    ("001", 3, {1}, {"total-sum"}),  # Samlet varig ændring 2017-2020 off by one
    ("001", 3, {2}, {"total-sum"}),  # the same in Tabel 2
    ("001", 3, {1}, {"grand-total"}),  # Samlet økonomisk påvirkning 2016: 3705 printed, 3723 by the sum
    ("001", 5, {4}, {"row-total"}),  # Tabel 4 I alt 16200 / 23900 against years summing to 13000 / 20700
    ("002", 1, {2}, {"row-total"}),  # Tabel 2 I alt 0 on every row
    ("002", 1, {2}, {"years-agree"}),  # Tabel 1 2016-2019, Tabel 2 2017-2020 for the same amounts
    ("003", 1, {4}, {"price-level-agrees"}),  # Tabel 4 2021 p/l, Tabel 1 2022 p/l, same figures
    ("003", 2, {2, 3, 4}, {"price-level-agrees"}),  # Tabel 2-4 2021 p/l, Tabel 1 2022 p/l
    ("003", 3, {2}, {"total-sum"}),  # årsværk I alt 2021: 6,7 printed, 6,9 by the sum
    ("003", 4, {1, 2, 4}, {"repeat-agrees"}),  # Tabel 2/4 have -229 in 2021 where Tabel 1 has none
    ("003", 4, {3}, {"total-sum"}),  # Investeringer totalt, service 265 printed, 260 by the sum
]
# The overview (001#1) against the proposals bundled with it: the notes record a mismatch for each of these.
OVERVIEW_MISMATCHED_PROPOSALS = {2, 3, 4, 5, 6}


@pytest.fixture(scope="module", params=["text", "pdf", "pdf-plain"])
def findings(request):
    out = []
    for path in sorted((CORPUS / request.param).iterdir()):
        result = pipeline.extract_file(path)
        assert result.error is None, result.error
        numbers = {}
        for doc in result.documents:
            numbers[doc.ordinal] = [t.number for t in doc.tables]
        for f in result.findings:
            out.append((path.name[:3], f.ordinal, numbers[f.ordinal][f.table] if f.table is not None else None, f))
    return out


def test_every_recorded_inconsistency_is_found(findings):
    missing = [
        rec
        for rec in RECORDED
        if not any(s == rec[0] and o == rec[1] and t in rec[2] and f.rule in rec[3] for s, o, t, f in findings)
    ]
    assert not missing, f"found {len(RECORDED) - len(missing)} / {len(RECORDED)}; missing {missing}"


def test_overview_cross_check_names_each_mismatched_proposal(findings):
    named = {f.values["proposal_ordinal"] for s, o, _, f in findings if f.rule == "overview-agrees"}
    assert named == OVERVIEW_MISMATCHED_PROPOSALS


def test_no_finding_where_the_arithmetic_holds(findings):
    # placement-ambiguous says where the extractor could not decide a column, not that the source is inconsistent
    false_alarms = [
        (s, o, t, f.message)
        for s, o, t, f in findings
        if f.rule not in ("overview-agrees", "placement-ambiguous")
        and not any(s == r[0] and o == r[1] and t in r[2] for r in RECORDED)
    ]
    assert not false_alarms


def test_rules_are_data_with_id_description_severity():
    from extract.checks import RULES

    assert {"total-sum", "grand-total", "row-total", "repeat-agrees", "years-contiguous", "payback-agrees"} <= set(
        RULES
    )
    assert all(r.severity in ("error", "warning") and r.description for r in RULES.values())


def test_payback_formula():
    from extract.checks import payback_years

    # 001#6 notes: cumulative 3500, 6650, 4800, 2950 and -1850 a year after: negative in the 6th year
    assert payback_years([3500, 3150, -1850, -1850]) == 6
    # 001#4 notes: 1506, then 1506-2539 = -1033: two years
    assert payback_years([1506, -2539, -2489, -2939, -2939]) == 2
    assert payback_years([100, 100]) is None


def test_every_rule_has_exactly_one_check_in_the_registry_and_raises_only_its_rules(findings):
    from extract.checks import CHECKS, RULES

    declared = [rule for check in CHECKS for rule in check.rules]
    assert sorted(declared) == sorted(RULES)  # each rule raised by one check, no check raising an unknown rule
    assert {f.rule for *_, f in findings} <= set(RULES)
