"""Domain vocabulary as data: departments, risk levels, payback statements, row kinds.

Every rule that names a Danish word reads it from here, so a newcomer changes the vocabulary in one place.
"""
from __future__ import annotations

# Canonical department name -> abbreviations used in the proposals.
DEPARTMENTS: dict[str, tuple[str, ...]] = {
    "Økonomiforvaltningen": ("ØKF",),
    "Socialforvaltningen": ("SOF",),
    "Kultur- og Fritidsforvaltningen": ("KFF",),
    "Teknik- og Miljøforvaltningen": ("TMF",),
    "Børne- og Ungdomsforvaltningen": ("BUF",),
    "Beskæftigelses- og Integrationsforvaltningen": ("BIF",),
    "Sundheds- og Omsorgsforvaltningen": ("SUF",),
}

RISK_LEVELS: tuple[str, ...] = ("lav", "middel", "høj")
# "mellem" names a level only beside another level ("lav til mellem", "mellem lav"): alone it is a preposition
RISK_LEVELS_IN_RANGE: tuple[str, ...] = (*RISK_LEVELS, "mellem")

PAYBACK_BASES: dict[str, str] = {"serviceeffektivisering": "service", "totaløkonomi": "total"}

# Styringsområde values, as printed in the area column.
AREAS: tuple[str, ...] = ("Service", "Anlæg", "Drift", "Innovationspuljen", "Anlæg/drift")

# Block headings inside Tabel 1.
GROUP_HEADINGS: tuple[str, ...] = ("Varige ændringer", "Implementeringsomkostninger")

# Which years a block's short rows fill when nothing in the dump says (rule `block-years`, extract/placement.py), by
# what its heading, its total's label or the table's caption names (case-insensitive regular expressions): a
# permanent change runs on to the table's last year once it starts; an implementation cost or an investment falls
# in the first years. A guess's direction only: the figures stay flagged.
BLOCK_YEARS: tuple[tuple[str, str], ...] = (
    (r"\bvarige?\b", "last"),
    (r"implementering|investering", "first"),
)

# A row is a sum row when its label matches one of these (case-insensitive regular expressions).
TOTAL_LABELS: tuple[str, ...] = (
    r"^samle(t|de)\b",
    r"\btotalt?\b",
    r"^i alt\b",
    r"\bi alt$",
    r"^nettoeffektivisering\b",
    r"^investeringsbehov\b",
)

# Header field labels on a proposal's first page.
FIELD_LABELS: dict[str, str] = {
    "title": r"Forslagets\s+titel\s*:",
    "summary": r"(Kort\s+)?[Rr]esumé\s*:",
    "presenting": r"Fremstillende\b",
    "affected": r"(Øvrige\s+)?[Bb]erørte\b",
    "price_field": r"Angiv\s+p/l\s*:",
}

BUDGET_ROUND = r"\b(OFS\s+\d{4}\s*-\s*\d{2,4}|B\s?20\d{2}|Budget\s+20\d{2})\b"
