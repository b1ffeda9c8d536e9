"""angle(t): the moving segment's angle as a function of simulated time.

Every motion is vectorised over a numpy array of times (seconds) and is a pure
function of time, never of frame count, so the period shown is exact however
many frames are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from mobsim.model.grades import Band, Grade

# DOMAIN.md part 0: small grades faster, large grades slower; 0.5–3 Hz.
FREQUENCY_RANGE = (0.5, 3.0)
DEFAULT_FREQUENCY = {Grade.I: 2.0, Grade.II: 1.0, Grade.III: 1.0, Grade.IV: 2.0}
# Grade V (DOMAIN.md §3.4): 100–200 ms rise; quick return; a visible pause in demos.
THRUST_RISE_S = 0.15
THRUST_RETURN_S = 0.25
THRUST_PERIOD_RANGE = (1.0, 6.0)
DEFAULT_THRUST_PERIOD_S = 2.5
# Grade and joint changes ease over this long (seconds of simulated time).
TRANSITION_S = 0.8


class Motion(Protocol):
    def angle(self, t: np.ndarray) -> np.ndarray: ...


def check_frequency(frequency: float) -> float:
    lo, hi = FREQUENCY_RANGE
    if not lo <= frequency <= hi:
        raise ValueError(f"frequency {frequency:g} Hz is outside {lo:g}–{hi:g} Hz")
    return float(frequency)


def _raised_cosine(phase: np.ndarray) -> np.ndarray:
    """0 → 1 → 0 over one cycle, smooth at both ends."""
    return 0.5 * (1.0 - np.cos(2.0 * np.pi * phase))


@dataclass(frozen=True)
class Oscillation:
    """Oscillation between per-cycle lows and highs at an exact frequency.

    Cycle k rises from lows[k] to highs[k] at mid-cycle and falls to lows[k+1],
    so varying cycles (quiz realism) join without a step. With one low and one
    high it is a plain raised-cosine oscillation starting at `low` at t = 0.
    """

    lows: np.ndarray
    highs: np.ndarray
    frequency: float

    @classmethod
    def steady(cls, low: float, high: float, frequency: float) -> Oscillation:
        return cls(np.array([low], float), np.array([high], float), check_frequency(frequency))

    @property
    def period(self) -> float:
        return 1.0 / self.frequency

    def angle(self, t: np.ndarray) -> np.ndarray:
        cycles = np.asarray(t, float) * self.frequency
        k = np.floor(cycles).astype(np.int64)
        phase = cycles - k
        n = len(self.lows)
        low_now = self.lows[k % n]
        low_next = self.lows[(k + 1) % n]
        high = self.highs[k % n]
        low = np.where(phase < 0.5, low_now, low_next)
        return low + (high - low) * _raised_cosine(phase)


@dataclass(frozen=True)
class Thrust:
    """Grade V: from L to just past L in `rise_s`, back in `return_s`, then a pause."""

    start: float
    peak: float
    period: float = DEFAULT_THRUST_PERIOD_S
    rise_s: float = THRUST_RISE_S
    return_s: float = THRUST_RETURN_S

    def __post_init__(self) -> None:
        lo, hi = THRUST_PERIOD_RANGE
        if not lo <= self.period <= hi:
            raise ValueError(f"thrust repeat {self.period:g} s is outside {lo:g}–{hi:g} s")
        if not 0.1 <= self.rise_s <= 0.2:
            raise ValueError(f"thrust rise {self.rise_s * 1000:g} ms is outside 100–200 ms")

    def angle(self, t: np.ndarray) -> np.ndarray:
        local = np.mod(np.asarray(t, float), self.period)
        up = np.clip(local / self.rise_s, 0.0, 1.0)
        down = np.clip((local - self.rise_s) / self.return_s, 0.0, 1.0)
        # Half-cosine up, half-cosine down: velocity is zero where the thrust turns.
        lift = np.where(
            local < self.rise_s, 0.5 * (1 - np.cos(np.pi * up)), 0.5 * (1 + np.cos(np.pi * down))
        )
        return self.start + (self.peak - self.start) * lift


@dataclass(frozen=True)
class Hold:
    """A still segment at one angle (used as a transition's origin)."""

    value: float

    def angle(self, t: np.ndarray) -> np.ndarray:
        return np.full(np.shape(t), self.value, float)


@dataclass(frozen=True)
class Shifted:
    """`motion` started at simulated time `origin`."""

    motion: Motion
    origin: float

    def angle(self, t: np.ndarray) -> np.ndarray:
        return self.motion.angle(np.asarray(t, float) - self.origin)


@dataclass(frozen=True)
class Blend:
    """Ease from motion `a` to motion `b` over [start, start + duration]."""

    a: Motion
    b: Motion
    start: float
    duration: float = TRANSITION_S

    @property
    def end(self) -> float:
        return self.start + self.duration

    def angle(self, t: np.ndarray) -> np.ndarray:
        t = np.asarray(t, float)
        s = np.clip((t - self.start) / self.duration, 0.0, 1.0)
        w = s * s * (3.0 - 2.0 * s)  # smoothstep: no jump, no kink at either end
        return (1.0 - w) * self.a.angle(t) + w * self.b.angle(t)


def motion_for(
    band: Band, frequency: float | None = None, thrust_period: float = DEFAULT_THRUST_PERIOD_S
) -> Motion:
    """The demonstration motion for a band, starting at t = 0."""
    if band.grade.is_thrust:
        return Thrust(band.low, band.high, thrust_period)
    freq = DEFAULT_FREQUENCY[band.grade] if frequency is None else frequency
    return Oscillation.steady(band.low, band.high, freq)


def trace(motion: Motion, seconds: float, rate: float = 100.0) -> tuple[np.ndarray, np.ndarray]:
    """Sample `motion` at `rate` Hz over [0, seconds]."""
    n = int(round(seconds * rate)) + 1
    t = np.arange(n) / rate
    return t, motion.angle(t)
