"""Progress for long runs: a one-line bar on a terminal, plain periodic lines otherwise (logs, CI), on stderr.

Hand-rolled (no dependency): ``with Progress("SHACL", total) as bar: bar.update(done)``. Short runs stay
quiet: nothing is printed for a stage that finishes within ``quiet_seconds``.
"""
from __future__ import annotations

import os
import sys
import time


class Progress:
    def __init__(self, label: str, total: int, *, stream=None, interval: float | None = None,
                 quiet_seconds: float = 1.0, enabled: bool | None = None):
        self.label = label
        self.total = max(int(total), 0)
        self.stream = stream if stream is not None else sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        # a bar refreshes often; plain lines every 10 s (WBKG_PROGRESS_SECONDS overrides)
        default = 0.1 if self.tty else float(os.environ.get("WBKG_PROGRESS_SECONDS", "10"))
        self.interval = interval if interval is not None else default
        self.quiet_seconds = quiet_seconds
        self.enabled = (os.environ.get("WBKG_PROGRESS", "1") != "0") if enabled is None else enabled
        self.started = time.perf_counter()
        self.last = self.started
        self.done = 0
        self.drawn = False

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def update(self, done: int | None = None, advance: int = 1) -> None:
        self.done = done if done is not None else self.done + advance
        now = time.perf_counter()
        if not self.enabled or now - self.last < self.interval or now - self.started < self.quiet_seconds:
            return
        self.last = now
        self._draw(now)

    def _draw(self, now: float, final: bool = False) -> None:
        elapsed = now - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        left = (self.total - self.done) / rate if rate > 0 and self.total else 0.0
        if self.tty:
            width = 30
            filled = int(width * self.done / self.total) if self.total else width
            bar = "#" * filled + "-" * (width - filled)
            text = (f"\r{self.label:<12} [{bar}] {self.done}/{self.total} {rate:,.0f}/s "
                    f"{elapsed:.0f}s elapsed" + ("" if final else f", ~{left:.0f}s left") + "   ")
            self.stream.write(text + ("\n" if final else ""))
        else:
            percent = 100 * self.done / self.total if self.total else 100
            self.stream.write(f"{self.label}: {self.done}/{self.total} ({percent:.0f}%), {elapsed:.1f}s elapsed"
                              + ("" if final else f", ~{left:.0f}s left") + "\n")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.enabled and (self.drawn or time.perf_counter() - self.started >= self.quiet_seconds):
            self._draw(time.perf_counter(), final=True)
