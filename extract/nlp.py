"""spaCy pipeline: Danish tokenizer, lookup lemmatizer and named rule components whose patterns are data.

No trained model is needed: `spacy.blank("da")` plus the lookup tables of spacy-lookups-data, and three entity
rulers — departments (names and abbreviations), risk levels and payback statements.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extract.patterns import DEPARTMENTS, PAYBACK_BASES, RISK_LEVELS, RISK_LEVELS_IN_RANGE


def department_patterns(nlp: Language) -> list[dict]:
    patterns = []
    for name, abbrevs in DEPARTMENTS.items():
        tokens = [{"LOWER": t.lower_} for t in nlp.make_doc(name)]
        patterns.append({"label": "DEPARTMENT", "pattern": tokens, "id": name})
        for ab in abbrevs:
            patterns.append({"label": "DEPARTMENT", "pattern": [{"TEXT": ab}], "id": name})
    return patterns


def risk_patterns() -> list[dict]:
    """A level, or a range of two kept as written: "lav til mellem", "mellem lav", "lav-middel"."""
    level = {"LOWER": {"IN": list(RISK_LEVELS)}}
    ranged = {"LOWER": {"IN": list(RISK_LEVELS_IN_RANGE)}}
    words = "|".join(RISK_LEVELS_IN_RANGE)
    joins = ([{"LOWER": {"IN": ["til", "-", "–", "/"]}}], [])
    return [
        *({"label": "RISK_LEVEL", "pattern": [a, *join, b]} for join in joins for a, b in ((level, ranged),
                                                                                           (ranged, level))),
        {"label": "RISK_LEVEL", "pattern": [{"LOWER": {"REGEX": rf"^({words})[-–/]({words})$"}}]},  # one token
        {"label": "RISK_LEVEL", "pattern": [level]},
    ]


def payback_patterns() -> list[dict]:
    basis = {"LOWER": {"IN": list(PAYBACK_BASES)}}
    lead = [{"LOWER": "tilbagebetalingstid"}, {"LOWER": "baseret"}, {"LOWER": "på"}]
    number = {"LIKE_NUM": True}
    return [
        {"label": "PAYBACK", "pattern": [*lead, basis, {"IS_PUNCT": True, "OP": "?"}, number]},
        {"label": "PAYBACK", "pattern": [*lead, number, basis]},
    ]


@lru_cache(maxsize=1)
def build_nlp() -> Language:
    nlp = spacy.blank("da")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("sentencizer")
    rulers = {
        "bcx_departments": department_patterns(nlp),
        "bcx_risk_levels": risk_patterns(),
        "bcx_payback": payback_patterns(),
    }
    for name in rulers:
        nlp.add_pipe("entity_ruler", name=name)
    nlp.initialize()  # loads the lemma lookup tables; it also empties the rulers, so patterns come after
    for name, patterns in rulers.items():
        nlp.get_pipe(name).add_patterns(patterns)
    return nlp


def analyse(text: str) -> Doc:
    return build_nlp()(text)


def departments_in(text: str) -> list[tuple[str, int]]:
    """Canonical department names in order, with the character offset where each was written."""
    return [(ent.ent_id_, ent.start_char) for ent in analyse(text).ents if ent.label_ == "DEPARTMENT"]


def risk_level_in(text: str) -> str | None:
    """The overall risk level stated in words: the first level in a sentence that speaks of risk."""
    doc = analyse(text)
    for sent in doc.sents:
        if not any(t.lower_.startswith(("risik", "risici")) for t in sent):
            continue
        for ent in sent.ents:
            if ent.label_ == "RISK_LEVEL":
                return " ".join(ent.text.lower().split())
    return None


def paybacks_in(text: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for ent in analyse(text).ents:
        if ent.label_ != "PAYBACK":
            continue
        basis = next(PAYBACK_BASES[t.lower_] for t in ent if t.lower_ in PAYBACK_BASES)
        num = next(t for t in ent if t.like_num)
        try:
            out.setdefault(basis, float(num.text.replace(",", ".")))
        except ValueError:
            continue
    return out
