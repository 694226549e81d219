"""The errors bcx reports to its users as one line, and the exit status each one ends a command with.

A command line (and a nightly job reading its exit status) needs to tell apart: some files failed (the batch loaded
the rest), there was nothing to do, the database cannot be used, another ingest holds the database. Each such
condition is a `BcxError` subclass carrying its own exit status; `cli.py` prints `bcx: <message>` and exits with it.
"""
from __future__ import annotations

import re
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FILES_FAILED = 1  # a partial batch: the other files were loaded
    NO_INPUT = 2  # no input files, a path that does not exist, an unknown run: nothing could run
    DATABASE = 3  # the database cannot be used (bad URL, unreachable, not a database, read-only, disk full)
    BUSY = 4  # another ingest is running on the same database (--no-wait)
    INTERNAL = 70  # a bug in bcx (sysexits' EX_SOFTWARE): --debug shows the traceback


class BcxError(Exception):
    """A condition bcx reports as one line and an exit status, never as a traceback."""

    exit_code: ExitCode = ExitCode.INTERNAL


class DatabaseUnusable(BcxError):
    """The database cannot be used; the message names the problem and the URL with its password hidden."""

    exit_code = ExitCode.DATABASE


class NoInput(BcxError):
    exit_code = ExitCode.NO_INPUT


class IngestRunning(BcxError):
    """Another ingest holds the database, and the caller chose not to wait for it."""

    exit_code = ExitCode.BUSY


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def printable(text: object) -> str:
    """`text` on one line: control characters (a newline in a file name, say) and the surrogates that stand for
    undecodable bytes in a file name are written as escapes, so one failure is always one line of output."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii")
                        if not 0xD800 <= ord(m.group()) <= 0xDFFF else f"\\x{ord(m.group()) - 0xDC00:02x}",
                        str(text))
