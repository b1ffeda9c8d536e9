"""Argument types for the command line: finite, bounded numbers and non-empty text.

Every numeric option uses one of these, so `nan`, `inf` and `1e9` are bad arguments (exit 2,
one line) and never reach the model. Add new options with these types: the CLI fuzz test
enumerates the parser's options whose type has `bounds` and feeds each one bad values.
"""

from __future__ import annotations

import argparse
import math
import re
from collections.abc import Callable
from pathlib import Path

from mobsim.model.motion import check_frequency

# Generous bounds that still keep every command fast and small; part of the
# documented command-line contract (README, --help).
MAX_SECONDS = 3600.0
MAX_RATE_HZ = 10_000.0
MAX_DEGREES = 3600.0  # any angle; the model then checks it against the joint's range
MAX_WHOLE = 2**63 - 1  # SQLite's largest integer
# --export-quiz writes each question's motion as one JSON line, built whole: an hour at
# 10 kHz (36 million samples) took 4 GB. A million samples is about 20 MB a line
# (100 s at 10 kHz, or the default 12 s at up to 83 kHz).
MAX_QUIZ_SAMPLES = 1_000_000


def quiz_samples(rate: float, seconds: float, error: type[Exception]) -> None:
    """--export-quiz: refuse a --rate × --seconds that would not fit one JSON line."""
    samples = rate * seconds
    if samples > MAX_QUIZ_SAMPLES:
        raise error(
            f"--export-quiz: --rate {rate:g} × --seconds {seconds:g} is {samples:,.0f} samples"
            f" a question; at most {MAX_QUIZ_SAMPLES:,} (each question is one JSON line)"
        )


def _float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def bounded_float(
    low: float, high: float, *, low_open: bool = False, unit: str = ""
) -> Callable[[str], float]:
    """A finite float in [low, high] (or (low, high] with low_open)."""
    suffix = f" {unit}" if unit else ""
    span = f"more than {low:g} and at most {high:g}" if low_open else f"{low:g} to {high:g}"

    def convert(text: str) -> float:
        value = _float(text)
        if value < low or (low_open and value == low) or value > high:
            raise argparse.ArgumentTypeError(f"must be {span}{suffix}, got {text.strip()}")
        return value

    convert.__name__ = "number"  # argparse names the type in its own messages
    convert.bounds = (low, high)  # the CLI fuzz test finds every numeric option by this
    return convert


def bounded_int(low: int, high: int = MAX_WHOLE) -> Callable[[str], int]:
    """A whole number in [low, high]."""

    def convert(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be {low} to {high}, got {text.strip()}")
        return value

    convert.__name__ = "whole number"
    convert.bounds = (low, high)
    return convert


def degrees(text: str) -> float:
    """An angle in degrees: finite and within ±MAX_DEGREES (the model checks the joint range)."""
    return bounded_float(-MAX_DEGREES, MAX_DEGREES, unit="degrees")(text)


degrees.__name__ = "angle"
degrees.bounds = (-MAX_DEGREES, MAX_DEGREES)


def seconds(text: str) -> float:
    """A positive duration of at most MAX_SECONDS."""
    return bounded_float(0.0, MAX_SECONDS, low_open=True, unit="s")(text)


seconds.bounds = (0.0, MAX_SECONDS)


def nonempty(text: str) -> str:
    """Text that is not empty or blank (an empty --joint or --grade is a mistake, not a default)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("must not be empty")
    if any(ch in text for ch in "\0\r\n"):
        raise argparse.ArgumentTypeError("must be one line of text")
    return text


nonempty.__name__ = "text"


def output_file(*suffixes: str) -> Callable[[str], Path]:
    """A file to write: non-empty, not a folder, with one of `suffixes` (lower-case, with dot)."""

    def convert(text: str) -> Path:
        if not text.strip():
            raise argparse.ArgumentTypeError("the file name is empty")
        if "\0" in text:
            raise argparse.ArgumentTypeError("the file name contains a NUL character")
        path = Path(text)
        if text.endswith("/") or path.is_dir():
            raise argparse.ArgumentTypeError(f"{text} is a folder; give a file name")
        if path.suffix.lower() not in suffixes:
            wanted = " or ".join(suffixes)
            raise argparse.ArgumentTypeError(f"{text} needs the extension {wanted}")
        return path  # a missing or read-only folder is a 'cannot write' error later

    convert.__name__ = "file name"
    return convert


def existing_folder(text: str) -> Path:
    """A folder name (it may not exist yet); empty is a mistake."""
    if not text.strip():
        raise argparse.ArgumentTypeError("the folder name is empty")
    if "\0" in text:
        raise argparse.ArgumentTypeError("the folder name contains a NUL character")
    path = Path(text)
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(f"{text} is a file, not a folder")
    return path


existing_folder.__name__ = "folder"

# A value that starts with '-' and then a digit, '.', 'inf' or 'nan' is a (negative) number,
# never an option: `--limit -inf` must reach the type check and be rejected as a value.
_NEGATIVE_VALUE = re.compile(r"^-(\d|\.\d|inf|nan)", re.IGNORECASE)


class OneLineParser(argparse.ArgumentParser):
    """argparse that raises `error_type` with one line instead of printing usage and exiting."""

    error_type: type[Exception] = ValueError

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = _NEGATIVE_VALUE

    def error(self, message: str):
        raise self.error_type(message)


MAX_GIF_CYCLES = 20
MIN_WINDOW, MAX_WINDOW = (320, 240), (7680, 4320)


def window_size(text: str) -> tuple[int, int]:
    """WIDTHxHEIGHT in pixels, within MIN_WINDOW–MAX_WINDOW (e.g. 1280x800)."""
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT, e.g. 1280x800") from None
    (w0, h0), (w1, h1) = MIN_WINDOW, MAX_WINDOW
    if not (w0 <= w <= w1 and h0 <= h <= h1):
        raise argparse.ArgumentTypeError(f"{w}x{h} is outside {w0}x{h0}–{w1}x{h1}")
    return w, h


window_size.__name__ = "size"
window_size.bounds = (MIN_WINDOW, MAX_WINDOW)


def frequency_option(value: float | None, error: type[Exception]) -> float | None:
    """`--frequency` checked against the model's range (None: the grade's default);
    a bad value raises `error` naming the option."""
    if value is None:
        return None
    try:
        return check_frequency(value)
    except ValueError as exc:
        raise error(f"--frequency: {exc}") from None
