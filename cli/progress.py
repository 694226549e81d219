"""How an ingest shows itself: a bar on a terminal, a line every ~10 s in a log, a line per file and per failure."""
from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

import click

from models.errors import printable
from pipeline import IngestProgress, StorableFile

LOG_EVERY_S = 10.0  # without a terminal: how often a progress line is written


def file_lines(result: StorableFile) -> list[str]:
    """One line per document of a file that loaded: `NAME#ORDINAL kind: CODE title — N tables`."""
    lines = []
    for h in result.headlines():
        label = " ".join(x for x in (h.code, h.title) if x) or "(untitled)"
        lines.append(printable(f"{result.path.name}#{h.ordinal} {h.kind}: {label} — {h.tables} tables"))
    return lines


def failure_line(path: object, reason: str) -> str:
    """`PATH: reason`, always one line (control characters in either are escaped)."""
    return f"{printable(path)}: {printable(' '.join(reason.split()))}"


class ConsoleProgress(IngestProgress):
    """Per-file lines (stdout) and failures (stderr); the subclasses add the bar or the periodic line."""

    def __init__(self, quiet: bool = False, err: TextIO | None = None) -> None:
        self.quiet = quiet
        self.err = err or sys.stderr
        self.total = 0
        self.done = 0
        self.pages_total = 0  # scanned pages read by OCR one by one: the files' progress is counted in them too
        self.pages_done = 0
        self.started = time.monotonic()

    def waiting(self, message: str) -> None:
        click.echo(f"bcx: {message}", err=True)

    def planned(self, to_read: int, unchanged: int) -> None:
        self.total = to_read
        self.started = time.monotonic()

    def file_done(self, result: StorableFile) -> None:
        self.done += 1
        if result.error:
            self.say(failure_line(result.path, result.error), err=True)
        elif not self.quiet:
            for line in file_lines(result):
                self.say(line)

    def pages_found(self, path, pages: int) -> None:
        self.pages_total += pages

    def page_done(self, path, number: int) -> None:
        self.pages_done += 1

    def pages_part(self) -> str:
        """`, 12/76 OCR pages` once scanned files are being read by the page, else nothing."""
        return f", {self.pages_done}/{self.pages_total} OCR pages" if self.pages_total else ""

    def say(self, line: str, err: bool = False) -> None:
        click.echo(line, err=err)

    def close(self) -> None:
        pass


class TerminalProgress(ConsoleProgress):
    """On a terminal: a bar with files done of the total, the rate and the time left (tqdm), the lines above it."""

    def __init__(self, quiet: bool = False, err: TextIO | None = None) -> None:
        super().__init__(quiet, err)
        self.bar = None

    def planned(self, to_read: int, unchanged: int) -> None:
        import shutil

        from tqdm import tqdm

        super().planned(to_read, unchanged)
        # the terminal's size; a pseudo-terminal may report 0 x 0 (tqdm then draws nothing at all): 100 x 24 then
        size = shutil.get_terminal_size((100, 24))
        self.bar = tqdm(total=to_read, unit="file", desc="ingest", file=self.err, ncols=size.columns,
                        nrows=size.lines, leave=False)

    def file_done(self, result: StorableFile) -> None:
        super().file_done(result)
        if self.bar is not None:
            self.bar.update(1)

    def pages_found(self, path, pages: int) -> None:
        super().pages_found(path, pages)
        self._show_pages()

    def page_done(self, path, number: int) -> None:
        super().page_done(path, number)
        self._show_pages()

    def _show_pages(self) -> None:
        if self.bar is not None:  # a scanned file's pages take minutes: the bar moves with them, beside the files
            self.bar.set_postfix_str(f"{self.pages_done}/{self.pages_total} OCR pages")

    def say(self, line: str, err: bool = False) -> None:
        if self.bar is not None:  # printed above the bar, which is drawn again below it
            self.bar.write(line, file=self.err if err else sys.stdout)
        else:
            click.echo(line, err=err)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.refresh()  # the last update may be newer than the last drawing (tqdm draws every 0.1 s)
            self.bar.close()
            self.bar = None


class LogProgress(ConsoleProgress):
    """Without a terminal (cron, a pipe): every ~10 s a line `ingest: n/N files, elapsed, files/s` on stderr."""

    def __init__(self, quiet: bool = False, err: TextIO | None = None, every_s: float = LOG_EVERY_S) -> None:
        super().__init__(quiet, err)
        self.every_s = every_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def planned(self, to_read: int, unchanged: int) -> None:
        super().planned(to_read, unchanged)
        self._thread = threading.Thread(target=self._tick, name="bcx-progress", daemon=True)
        self._thread.start()

    def line(self) -> str:
        elapsed = time.monotonic() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        return (f"ingest: {self.done}/{self.total} files{self.pages_part()}, {_clock(elapsed)} elapsed, "
                f"{rate:.1f} files/s")

    def _tick(self) -> None:
        while not self._stop.wait(self.every_s):
            print(self.line(), file=self.err, flush=True)

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
