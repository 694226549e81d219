"""plan: what each file needs in this run, from what the database knows of it (path, content hash, extractor)."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from models.runs import KnownFile


@dataclass(slots=True)
class Planned:
    path: Path
    key: str  # the resolved path, as stored
    digest: str | None  # the content hash at planning; the worker's hash of the bytes it parsed is what is stored
    size: int | None
    status: str  # new / changed / reextracted / unchanged

    @property
    def name(self) -> str:
        return storable(self.path.name)


def storable(path: str) -> str:
    """A path as the database can hold it: a name with bytes that are not UTF-8 (Python carries them as surrogates,
    which no database encodes) gets them as backslash escapes; every other path is stored as it is."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def plan(files: list[Path], known: dict[str, KnownFile], extractor_version: str) -> list[Planned]:
    """Decide per file: an unchanged file (same path, same content hash, same extractor) is not parsed again.

    A file that failed is always read again: the cause may be gone (a --password given, larger limits, Tesseract
    installed); its documents, if it loads now, are new to the database."""
    out = []
    for path in files:
        key = storable(str(path.resolve()))
        try:
            digest, size = sha256_of(path), path.stat().st_size
        except OSError:
            digest, size = None, None
        seen = known.get(key)
        if seen is None or seen.status in ("removed", "failed"):
            status = "new"
        elif digest is None or seen.sha256 != digest:
            status = "changed"
        elif seen.extractor_version != extractor_version:
            status = "reextracted"
        else:
            status = "unchanged"
        out.append(Planned(path, key, digest, size, status))
    return out


def largest_first(item: Planned) -> tuple[int, str]:
    """Files handed out largest first: a long PDF started last would leave the other workers idle at the end."""
    return -(item.size or 0), item.key
