"""Progress of long runs (reading many files, segmenting many speeches), reported to whoever listens.

Library code calls :func:`report` as it goes; nothing happens unless a caller installed a listener with
:func:`reporting` (the command line does, and shows the progress on stderr).
"""
from __future__ import annotations

import contextvars
from contextlib import contextmanager
from typing import Callable, Iterator

__all__ = ["report", "reporting", "StderrProgress"]

Listener = Callable[[str, int, int], None]
_listener: contextvars.ContextVar[Listener | None] = contextvars.ContextVar("tifalens_progress", default=None)


def report(stage: str, done: int, total: int) -> None:
    """``done`` of ``total`` items of ``stage`` (``"reading"`` files, ``"segmenting"`` speeches, …) are finished."""
    listener = _listener.get()
    if listener is not None:
        listener(stage, done, total)


@contextmanager
def reporting(listener: Listener) -> Iterator[None]:
    """Send every :func:`report` made inside the ``with`` block to ``listener(stage, done, total)``."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)


class StderrProgress:
    """A listener that shows progress as one line on ``stream`` (stderr): rewritten in place on a terminal, else
    one line per tenth of a stage, and only for more than ``min_items`` items. :meth:`close` erases the line on a
    terminal, so what is printed afterwards (the rows on stdout) never shares a line with it."""

    LABELS = {"reading": "reading files", "segmenting": "segmenting speeches", "counting": "counting words of speeches"}

    def __init__(self, stream, *, min_items: int = 100, interval: float = 0.1, clock=None) -> None:
        import time
        self.stream = stream
        self.min_items = min_items
        self.interval = interval
        self.clock = clock or time.monotonic
        try:
            self.tty = bool(stream.isatty())
        except (AttributeError, ValueError):
            self.tty = False
        self._shown = False
        self._last = float("-inf")
        self._tenth: dict[str, int] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if total <= 0 or (not self.tty and total <= self.min_items):
            return
        label = self.LABELS.get(stage, stage)
        line = f"{label}: {done:,}/{total:,} ({100 * done // total}%)"
        if self.tty:
            now = self.clock()
            if done < total and now - self._last < self.interval:
                return
            self._last = now
            self.stream.write(f"\r\x1b[K{line}")
            self._shown = True
        else:
            tenth = 10 * done // total
            if self._tenth.get(stage) == tenth:
                return
            self._tenth[stage] = tenth
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False
