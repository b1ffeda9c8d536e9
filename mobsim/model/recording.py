"""A recorded motion and what is found in it: turning points, cycles and thrusts.

A student (or a CSV from --export-trace) supplies positions over time, in the
joint's unit (degrees, or mm for accessory movements). This module checks the
recording, resamples it evenly, finds the oscillation's turning points by
hysteresis and each thrust's preload, onset, peak and hold. It decides nothing
about grades: `mobsim.model.performance` marks what is found here against the
quiz's own definitions. doc/model.md §11 gives every threshold and its reason.
"""

from __future__ import annotations

import csv
import io
import math
import stat
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MIN_SECONDS = 2.0  # shorter than this holds too few cycles to mark
MAX_SECONDS = 3600.0  # --export-trace writes at most an hour; marking resamples every second
ANALYSIS_RATE = 100.0  # Hz: mouse and key input arrive unevenly; resample first
SMOOTH_S = 0.03  # moving average against sensor noise; shrinks a 2 Hz swing < 1 %
TURN_SHARE = 0.30  # a turn must move back ≥ 30 % of the typical swing ...
TURN_FLOOR = 0.01  # ... and ≥ 1 % of A–L
SWING_WINDOW_S = 2.0  # the typical swing is measured in windows of a whole slow cycle
HOLD_TOLERANCE = 0.01  # the hold may wander this much of A–L
RISE_ONSET = 0.10  # rise time is timed from 10 % of the excursion to the peak
PAUSE_S = 0.10  # a push that stops for longer than this had a hold before it


class RecordingError(ValueError):
    """A recording that cannot be marked (too short, not finite, time not increasing).

    `sample` is the 1-based sample the problem is at, when there is one."""

    def __init__(self, message: str, sample: int | None = None):
        super().__init__(message)
        self.sample = sample


@dataclass(frozen=True)
class Recording:
    """Times (s) and positions (the joint's unit) as recorded."""

    times: np.ndarray
    positions: np.ndarray

    def __post_init__(self) -> None:
        t = np.asarray(self.times, float)
        x = np.asarray(self.positions, float)
        object.__setattr__(self, "times", t)
        object.__setattr__(self, "positions", x)
        if t.ndim != 1 or t.shape != x.shape:
            raise RecordingError("times and positions must be two columns of equal length")
        if len(t) < 2:
            raise RecordingError("a recording needs at least 2 samples")
        if not (np.all(np.isfinite(t)) and np.all(np.isfinite(x))):
            row = int(np.argmin(np.isfinite(t) & np.isfinite(x))) + 1
            raise RecordingError(f"sample {row} is not a finite number", row)
        with np.errstate(over="ignore"):  # ±1e308 apart: ±inf, still the right sign
            steps = np.diff(t)
        if np.any(steps <= 0):
            row = int(np.argmax(steps <= 0)) + 2
            raise RecordingError(f"time does not increase at sample {row}", row)
        if self.duration < MIN_SECONDS - 1e-9:
            raise RecordingError(
                f"only {math.floor(self.duration * 100) / 100:.2f} s recorded;"  # 1.999 s: 1.99
                f" at least {MIN_SECONDS:g} s is needed"
            )
        if self.duration > MAX_SECONDS:  # its analysis resamples every second of it
            raise RecordingError(
                f"{self.duration:.3g} s recorded; at most {MAX_SECONDS:g} s (an hour) is marked"
            )

    @property
    def duration(self) -> float:
        return float(self.times[-1]) - float(self.times[0])  # Python floats: inf, no warning


# ---------------------------------------------------------------- signal


def _resampled(recording: Recording) -> tuple[np.ndarray, np.ndarray]:
    """Even samples at ANALYSIS_RATE, lightly smoothed."""
    t0, t1 = recording.times[0], recording.times[-1]
    t = np.arange(t0, t1 + 1e-9, 1.0 / ANALYSIS_RATE)
    x = np.interp(t, recording.times, recording.positions)
    width = max(1, int(round(SMOOTH_S * ANALYSIS_RATE)))
    if width > 1 and len(x) > width:
        kernel = np.ones(width) / width
        padded = np.pad(x, (width // 2, width - 1 - width // 2), mode="edge")
        x = np.convolve(padded, kernel, mode="valid")
    return t, x


def turning_points(x: np.ndarray, threshold: float) -> np.ndarray:
    """Indices of the turns of `x`, each reversal at least `threshold` (hysteresis).

    Noise smaller than the threshold never makes a turn; the first sample is never
    a turn, and the last extreme counts only once the motion has come back from it.
    """
    turns: list[int] = []
    lo_i = hi_i = 0
    direction = 0  # +1 rising (tracking a maximum), -1 falling, 0 not yet known
    for i in range(1, len(x)):
        v = x[i]
        if direction == 0:
            hi_i = i if v > x[hi_i] else hi_i
            lo_i = i if v < x[lo_i] else lo_i
            if x[hi_i] - x[lo_i] >= threshold:
                rising = hi_i > lo_i
                turns.append(lo_i if rising else hi_i)
                direction = 1 if rising else -1
        elif direction > 0:
            if v > x[hi_i]:
                hi_i = i
            elif x[hi_i] - v >= threshold:
                turns.append(hi_i)
                direction, lo_i = -1, i
        elif v < x[lo_i]:
            lo_i = i
        elif v - x[lo_i] >= threshold:
            turns.append(lo_i)
            direction, hi_i = 1, i
    return np.array([i for i in turns if i > 0], dtype=np.int64)


def _peaks(x: np.ndarray, turns: np.ndarray) -> list[int]:
    """The turns that are maxima (turns alternate, so compare with a neighbour)."""
    if len(turns) == 0:
        return []
    first_is_peak = x[turns[0]] > (x[turns[1]] if len(turns) > 1 else x[0])
    return [int(i) for k, i in enumerate(turns) if (k % 2 == 0) == first_is_peak]


def typical_swing(x: np.ndarray) -> float:
    """The size of a typical swing: the median, over windows of SWING_WINDOW_S (a whole
    cycle at the slowest clinical rate), of the range inside each window.

    Windows, not the whole recording: a student who first brings the segment from A
    to the band must not make the approach look like the swing (it would hide every
    small oscillation after it)."""
    width = int(round(SWING_WINDOW_S * ANALYSIS_RATE))
    if len(x) <= width:
        return float(np.percentile(x, 95) - np.percentile(x, 5))
    windows = np.lib.stride_tricks.sliding_window_view(x, width)[:: width // 4]
    return float(np.median(windows.max(axis=1) - windows.min(axis=1)))


def _swings(t: np.ndarray, x: np.ndarray, span: float):
    """Turning points and the marked swings (first swing dropped: getting into place)."""
    threshold = max(TURN_FLOOR * span, TURN_SHARE * typical_swing(x))
    turns = turning_points(x, threshold)
    return turns, threshold


@dataclass(frozen=True)
class ThrustEvent:
    """One thrust as measured: preload level, peak, rise time and hold before it."""

    onset_time: float
    peak_time: float
    start: float
    peak: float
    hold_s: float

    @property
    def rise_s(self) -> float:
        return self.peak_time - self.onset_time


def find_thrusts(t: np.ndarray, x: np.ndarray, span: float) -> list[ThrustEvent]:
    """Every quick push and back in the recording (turning points of ≥ 1 % of A–L)."""
    turns = turning_points(x, TURN_FLOOR * span)
    events = []
    for i in _peaks(x, turns):
        before = turns[turns < i]
        previous = int(before[-1]) if len(before) else 0
        base_i = previous + _push_start(x[previous : i + 1])
        base = float(x[base_i])
        excursion = float(x[i]) - base
        rising = np.nonzero(x[base_i : i + 1] <= base + RISE_ONSET * excursion)[0]
        onset = base_i + int(rising[-1])
        hold = _hold_before(t, x, onset, base, HOLD_TOLERANCE * span)
        events.append(ThrustEvent(float(t[onset]), float(t[i]), base, float(x[i]), hold))
    return events


def _push_start(rise: np.ndarray) -> int:
    """Where the push to the peak (the last sample of `rise`) began: walking back from
    the peak for as long as the position keeps falling, or stays level for less than
    PAUSE_S (a mouse or key moves in steps; a longer stop is the hold before the push).

    The level held before it is then the preload, even when the segment was brought
    to L from A earlier without turning back (a student starts at A). One steady
    movement from the start, with no hold, begins at the start."""
    longest = int(round(PAUSE_S * ANALYSIS_RATE))
    j, level = len(rise) - 1, 0
    while j > 0 and rise[j - 1] <= rise[j]:
        if rise[j - 1] == rise[j]:
            if level == longest:  # held level this long: the push starts where it ends
                break
            level += 1
        else:
            level = 0
        j -= 1
    return j + level


def _hold_before(t: np.ndarray, x: np.ndarray, onset: int, level: float, tolerance: float):
    away = np.nonzero(np.abs(x[: onset + 1] - level) > tolerance)[0]
    first = int(away[-1]) + 1 if len(away) else 0
    return float(t[onset] - t[first])


# ---------------------------------------------------------------- trace files

MAX_TRACE_BYTES = 64 * 1024 * 1024  # an hour at 10 kHz is ~40 MB of --export-trace rows
POSITION_COLUMNS = ("angle_deg", "translation_mm")


def read_recording(path: Path | str, column: str | None = None) -> Recording:
    """A recording from the CSV `--export-trace` writes (time_s, then angle_deg or
    translation_mm; other columns ignored). `column` names the position column the
    target needs (None: whichever is there). Raises RecordingError naming the file,
    and the line where there is one."""
    path = Path(path)
    name = path.name
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # /dev/zero reads for ever, a FIFO waits for ever
            raise RecordingError(f"{name}: not a regular file")
        size = info.st_size
        if size > MAX_TRACE_BYTES:
            raise RecordingError(
                f"{name}: {size / 1e6:.0f} MB is too large (at most {MAX_TRACE_BYTES // 2**20} MiB)"
            )
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise RecordingError(f"{name}: cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise RecordingError(f"{name}: not UTF-8 text (is it a CSV from --export-trace?)") from None
    rows = csv.reader(io.StringIO(text))
    try:
        return _parse_recording(name, rows, column)
    except csv.Error as exc:  # e.g. a field over the csv module's 128 KiB limit
        raise RecordingError(f"{name}: line {rows.line_num}: not CSV ({exc})") from None


def _parse_recording(name: str, rows, column: str | None) -> Recording:
    header = [h.strip() for h in next(rows, [])]
    if "time_s" not in header:
        raise RecordingError(f"{name}: missing column time_s (header: {','.join(header)})")
    wanted = (column,) if column else POSITION_COLUMNS
    column = next((c for c in wanted if c in header), None)
    if column is None:
        raise RecordingError(f"{name}: missing column {' or '.join(wanted)}")
    t_at, x_at = header.index("time_s"), header.index(column)
    times, positions = [], []
    for line, row in enumerate(rows, start=2):
        if not row:
            continue
        try:
            times.append(float(row[t_at]))
            positions.append(float(row[x_at]))
        except (IndexError, ValueError):
            raise RecordingError(
                f"{name}: line {line}: not two numbers for time_s,{column}"
            ) from None
    try:
        return Recording(np.array(times), np.array(positions))
    except RecordingError as exc:
        if exc.sample is None:
            raise RecordingError(f"{name}: {exc}") from None
        line = exc.sample + 1  # the header is line 1
        problem = str(exc).replace(f"sample {exc.sample}", f"line {line}")
        raise RecordingError(f"{name}: {problem}", exc.sample) from None
