"""The web view's Danish: names of rules, severities, kinds and statuses, finding messages, and numbers as a Danish
reader writes them (1.125, -1.022, 6,7).

The database keeps its ids and messages as the checks write them (rule ids, English messages, which `bcx findings`
and the exports show and which the runs compare from one ingest to the next); this module only says them in Danish
where an auditor reads them. A message whose form is not known here is shown as stored, never half translated.
"""
from __future__ import annotations

import regex

# each rule named by what a finding of it says is wrong (a finding is a place where the rule does not hold)
RULES = {
    "total-sum": "Total er ikke summen af rækkerne",
    "grand-total": "Samlet påvirkning er ikke varige ændringer + implementering",
    "row-total": "I alt er ikke summen af årene",
    "value-out-of-range": "Tal for stort til at være et beløb",
    "repeat-agrees": "Gentaget række afviger fra Tabel 1",
    "years-contiguous": "Årene følger ikke hinanden",
    "years-agree": "Årene ligger uden for årene i Tabel 1",
    "price-level-agrees": "Andet prisniveau end Tabel 1",
    "price-unit-present": "Tabel 1 mangler prisniveau eller enhed",
    "payback-agrees": "Tilbagebetalingstiden passer ikke med tallene",
    "placement-ambiguous": "Tallets kolonne er usikker",
    "copies-agree": "Kopierne af forslaget har forskellige tal",
    "header-year": "Kolonnens årstal er ikke et almindeligt årstal",
    "ocr-uncertain": "Tal læst ved OCR er usikkert",
    "overview-agrees": "Oversigten afviger fra forslaget",
}
SEVERITIES = {"error": "fejl", "warning": "advarsel"}
KINDS = {"business_case": "business case", "investeringsforslag": "investeringsforslag",
         "innovationsforslag": "innovationsforslag", "overview": "oversigt"}
STATUSES = {"ok": "indlæst", "failed": "fejlede", "removed": "fjernet", "running": "kører", "done": "færdig",
            "interrupted": "afbrudt"}
CHANGES = {"new": "ny", "changed": "ændret", "reextracted": "genlæst", "removed": "fjernet", "failed": "fejlede",
           "finding": "fund", "document": "dokument", "field": "felt", "figure": "tal"}
SOURCE_KINDS = {"pdf": "PDF", "text": "tekstudtræk"}

AMOUNTS = ("a", "b")  # the groups of a message form below that hold amounts
# the forms the checks (extract/checks.py) write their messages in -> the same in Danish; first match wins
_NUM = r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?"
_MESSAGES: tuple[tuple[regex.Pattern, str], ...] = tuple((regex.compile(p, regex.S), da) for p, da in (
    (rf"^(?P<t>Tabel \S+ '.*' \S+): printed (?P<a>{_NUM}|None), components sum to (?P<b>{_NUM})$",
     "{t}: der står {a}, rækkerne giver tilsammen {b}"),
    (rf"^(?P<t>Tabel \S+ '.*') I alt: printed (?P<a>{_NUM}), years sum to (?P<b>{_NUM})$",
     "{t} I alt: der står {a}, årene giver tilsammen {b}"),
    (rf"^(?P<t>Tabel \S+ '.*' \S+): (?P<a>{_NUM}|None) but (?P<u>Tabel 1 '.*') has (?P<b>{_NUM}|None)$",
     "{t}: {a}, men {u} har {b}"),
    (r"^(?P<t>Tabel \S+) years (?P<y>\[.*\])$", "{t}: årene {y} følger ikke hinanden"),
    (r"^(?P<t>Tabel \S+) spans (?P<a>\S+), Tabel 1 spans (?P<b>\S+)$", "{t} dækker {a}, Tabel 1 dækker {b}"),
    (r"^(?P<t>Tabel \S+) is at (?P<p>\d+) p/l, Tabel 1 at (?P<q>\d+) p/l$",
     "{t} er i {p}-priser, Tabel 1 i {q}-priser"),
    (r"^Tabel 1 states no price level and no unit$", "Tabel 1 angiver hverken prisniveau eller enhed"),
    (r"^Tabel 1 states no price level$", "Tabel 1 angiver intet prisniveau"),
    (r"^Tabel 1 states no unit$", "Tabel 1 angiver ingen enhed"),
    (r"^stated payback (?P<a>\S+) years, the figures give (?P<b>\S+)$",
     "oplyst tilbagebetalingstid {a} år, tallene giver {b}"),
    (r"^overview '(?P<n>.*)' (?P<w>varig ændring|implementering) (?P<k>\S+): (?P<a>\S+), the proposal "
     r"\(#(?P<o>\d+)\) has (?P<b>\S+)$", "oversigten '{n}' {w} {k}: {a}, forslaget (#{o}) har {b}"),
    (r"^(?P<r>.*) / (?P<k>\S+): (?P<a>\S+) is too large to be an amount; not stored$",
     "{r} / {k}: {a} er for stort til at være et beløb; ikke gemt"),
    (r"^(?P<r>.*): (?P<a>.*) may stand under (?P<c>.*); stored under (?P<k>\S+), flagged uncertain$",
     "{r}: {a} kan stå under {c}; gemt under {k} og markeret usikker"),
    (r"^(?P<r>.*): (?P<a>.*) stored under (?P<k>\S+), but nothing in the table confirms it .*; flagged uncertain$",
     "{r}: {a} gemt under {k}, men intet i tabellen bekræfter det (rækken, kolonnen, eller om det overhovedet er "
     "et tal, fx et årstal fra overskriften); markeret usikker"),
    (r"^(?P<t>Tabel \S+ '.*' \S+): (?P<a>\S+) here, (?P<b>\S+) in the copy (?P<c>.+)$",
     "{t}: {a} her, {b} i kopien {c}"),
    (r"^(?P<t>Tabel \S+): the year column headed '(?P<h>.*)' is read as (?P<y>\d+), a letter taken for the digit "
     r"it looks like$", "{t}: årskolonnen med overskriften '{h}' er læst som {y} (et bogstav læst som det tal, det "
     "ligner)"),
    (r"^(?P<t>Tabel \S+): the year column headed '(?P<h>.*)' is kept as written: (?P<y>\d+) lies outside the years "
     r"1950-2099$", "{t}: årskolonnen med overskriften '{h}' er gemt som skrevet: {y} ligger uden for årene 1950-2099"),
    (r"^(?P<t>Tabel \S+): the year column headed '(?P<h>.*)' is no year as written; stored as (?P<y>\d+), the year "
     r"the columns beside it imply, its figures flagged uncertain$", "{t}: årskolonnen med overskriften '{h}' er "
     "intet årstal; gemt som {y}, det år kolonnerne ved siden af giver, og dens tal er markeret usikre"),
    (r"^(?P<r>.*) / (?P<k>\S+): (?P<a>\S+) read by OCR, Tesseract's confidence in it is (?P<c>\S+), below the "
     r"threshold; flagged uncertain$",
     "{r} / {k}: {a} læst ved OCR med sikkerhed {c}, under grænsen; markeret usikker"),
    (r"^(?P<r>.*) / (?P<k>\S+): (?P<a>\S+) read by OCR, the table's arithmetic does not hold where it stands "
     r"\(confidence (?P<c>\S+)\); flagged uncertain$",
     "{r} / {k}: {a} læst ved OCR; tabellens regnestykke går ikke op dér (sikkerhed {c}); markeret usikker"),
    (r"^(?P<r>.*) / (?P<k>\S+): (?P<a>\S+) read by OCR, its thousands point read as a comma, stored as a whole "
     r"amount \(confidence (?P<c>\S+)\); flagged uncertain$",
     "{r} / {k}: {a} læst ved OCR med komma for tusindtalspunktum, gemt som helt beløb (sikkerhed {c}); markeret "
     "usikker"),
))


def rule(rule_id: str) -> str:
    return RULES.get(rule_id, rule_id)


def message(text: str) -> str:
    """A finding's message in Danish: the numbers in it in Danish form, ' or ' as ' eller '."""
    for pattern, danish in _MESSAGES:
        m = pattern.match(text)
        if m:
            # the values (a, b) in Danish form; years, keys, labels and price levels as they are
            parts = {k: _numbers_in(v) if k in AMOUNTS else v for k, v in m.groupdict().items()}
            if "c" in parts and " or " in parts["c"]:
                parts["c"] = parts["c"].replace(" or ", " eller ")
            return danish.format(**parts)
    return text


def _numbers_in(text: str) -> str:
    """A value the checks printed (1125, -1022.0, 6.7, None) as a Danish reader reads it; other text as it is."""
    if text == "None":
        return "tom"
    if regex.fullmatch(r"-?\d{1,3}(?:\.\d{3})+", text):
        return text  # a figure as the document writes it ("-1.458"), already Danish: not the float 1.458
    try:
        return number(float(text)) if regex.fullmatch(_NUM, text) else text
    except ValueError:
        return text


def number(value: float | int | None, decimals: int | None = None) -> str:
    """1125 -> '1.125', -1022.0 -> '-1.022', 6.7 -> '6,7', 1234.5 -> '1.234,5': thousands by '.', decimals by ','
    (as the proposals print them). Whole numbers lose the '.0' a float carries; `decimals` fixes the digits."""
    if value is None:
        return ""
    if decimals is None:
        if float(value).is_integer():
            text = f"{int(value):,}"
        else:
            text = f"{value:,.4f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def install(app) -> None:
    """The filters the templates use: |da_rule, |da_severity, |da_kind, |da_status, |da_change, |da_message, |dk."""
    app.jinja_env.filters.update(
        da_rule=rule, da_message=message, dk=number,
        da_severity=lambda v: SEVERITIES.get(v, v), da_kind=lambda v: KINDS.get(v, v),
        da_status=lambda v: STATUSES.get(v, v), da_change=lambda v: CHANGES.get(v, v),
        da_source_kind=lambda v: SOURCE_KINDS.get(v, v),
    )
