"""Ctrl+C (SIGINT) where Python's KeyboardInterrupt must not strike: while Qt's bindings
load (shiboken aborts the process) and inside Qt's code (a Python override called from
C++ loses it, or the process crashes). There it is noted, and the caller stops at the
next safe point. Qt-free: main.py uses it before anything else is loaded."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def sigint_noted() -> Iterator[list[int]]:
    """While the block runs, Ctrl+C is appended to the yielded list, not raised."""
    interrupted: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: interrupted.append(number))
    try:
        yield interrupted
    finally:
        signal.signal(signal.SIGINT, previous)
