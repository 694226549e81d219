"""discover: the files to read under the paths given, and those skipped for their suffix."""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from models.errors import NoInput, printable
from parsers.reader import SUFFIXES


@dataclass(slots=True)
class Discovery:
    """What the walk of the given files and folders found."""

    files: list[Path] = field(default_factory=list)  # to read, each once, in a stable order
    skipped: Counter = field(default_factory=Counter)  # suffix ('(none)' without one) -> files skipped for it
    empty_roots: list[Path] = field(default_factory=list)  # folders given in which no file was found


def find_files(paths: Iterable[Path | str]) -> Discovery:
    """Files with a known suffix under the given files and folders, each once, in a stable order.

    A path that does not exist is an error (NoInput), raised before anything is read or changed: a typo or an
    unmounted share must not look like an archive whose files were all removed. Only regular files are read (a
    FIFO or a device named like a dump would hang the reader). A file reached twice (a symbolic link beside it, a
    relative and an absolute path) is read once: files are known by their resolved path. Symbolic links to folders
    are followed once: a link that leads back into a folder already walked is skipped, so a link loop in an
    archive cannot make the walk endless.
    """
    roots = [Path(p) for p in paths]
    missing = [r for r in roots if not r.exists()]
    if missing:
        raise NoInput("; ".join(f"{printable(r)}: no such file or folder" for r in missing))
    odd = [r for r in roots if not r.is_dir() and not r.is_file()]
    if odd:
        raise NoInput("; ".join(f"{printable(r)}: not a regular file or a folder" for r in odd))
    found = Discovery()
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[Path] = set()

    def take(path: Path) -> bool:
        resolved = path.resolve()
        if resolved in seen_files:
            return False
        seen_files.add(resolved)
        return True

    for root in roots:
        if not root.is_dir():
            if take(root):  # a file named on the command line is read whatever its suffix says
                found.files.append(root)
            continue
        before = len(found.files) + sum(found.skipped.values())
        for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
            st = os.stat(dirpath)
            if (st.st_dev, st.st_ino) in seen_dirs:
                dirnames[:] = []
                continue
            seen_dirs.add((st.st_dev, st.st_ino))
            dirnames.sort()
            for name in sorted(filenames):
                p = Path(dirpath) / name
                if not p.is_file() or not take(p):
                    continue
                if p.suffix.lower() in SUFFIXES:
                    found.files.append(p)
                else:
                    found.skipped[p.suffix.lower() or "(none)"] += 1
        if len(found.files) + sum(found.skipped.values()) == before:
            found.empty_roots.append(root)
    return found


def discover(paths: Iterable[Path | str]) -> Iterator[Path]:
    """The files find_files finds, one by one."""
    yield from find_files(paths).files
