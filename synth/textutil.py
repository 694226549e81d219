"""Danish number formatting and line wrapping with optional artificial hyphenation."""

from __future__ import annotations

import random
import re

from synth.vocab import NO_SPLIT_REMAINDERS

MIN_FRAGMENT = 4
ENUMERATOR = re.compile(r"\d+[.)]")


def format_dk(value: int, *, thousands_sep: bool = True, zero_dash: bool = False) -> str:
    """Format an integer the Danish way: 1250 -> "1.250", -942 -> "-942", 0 -> "0" (or "-")."""
    if value == 0 and zero_dash:
        return "-"
    digits = f"{abs(value):,}".replace(",", ".") if thousands_sep else str(abs(value))
    return f"-{digits}" if value < 0 else digits


def format_kr(value: int) -> str:
    """Whole-kroner amount as printed in free-standing budget tables: 300000 -> "300.000 kr."."""
    return f"{format_dk(value)} kr."


def splittable(word: str) -> bool:
    return word.isalpha() and len(word) >= 2 * MIN_FRAGMENT + 2


VOWELS = frozenset("aeiouyæøåAEIOUYÆØÅ")


def hyphen_split(word: str, room: int) -> tuple[str, str] | None:
    """Split word before a consonant+vowel pair ("medar-bejderne") so that the head plus "-" fits in room.

    None if the word is not a plain alphabetic word or no acceptable split point fits.
    """
    if not splittable(word):
        return None
    for cut in range(min(room - 1, len(word) - MIN_FRAGMENT), MIN_FRAGMENT - 1, -1):
        if word[cut] in VOWELS or word[cut + 1] not in VOWELS:
            continue
        head, tail = word[:cut], word[cut:]
        if tail.lower() not in NO_SPLIT_REMAINDERS:
            return head + "-", tail
    return None


def wrap(text: str, width: int, rng: random.Random, *, hyphenate: float = 0.0,
         first_width: int | None = None) -> list[str]:
    """Greedy word wrap. With probability `hyphenate` a word that does not fit is split with a hyphen."""
    lines: list[str] = []
    current = ""
    limit = first_width if first_width is not None else width
    words = text.split()
    i = 0
    while i < len(words):
        word = words[i]
        candidate = f"{current} {word}" if current else word
        # A line never starts with "2019." or "3.": that would read as a numbered section heading.
        if len(candidate) <= limit or not current or ENUMERATOR.fullmatch(word):
            current = candidate
            i += 1
            continue
        room = limit - len(current) - 1
        split = hyphen_split(word, room) if hyphenate and rng.random() < hyphenate else None
        if split:
            lines.append(f"{current} {split[0]}")
            words[i] = split[1]
        else:
            lines.append(current)
        current = ""
        limit = width
    if current:
        lines.append(current)
    return lines


def split_label(label: str, rng: random.Random, *, max_first: int, hyphenate: float) -> list[str]:
    """Break a table label into two or three printed lines (hyphenating a long word now and then)."""
    lines = wrap(label, max_first, rng, hyphenate=hyphenate)
    return lines if len(lines) > 1 else [label]


def normalise(text: str) -> str:
    return " ".join(text.split())
