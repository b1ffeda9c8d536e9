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

# 0.5–3 Hz; demo defaults after measured knee data (Silvernail et al. 2011; Tragord
# et al. 2013): small grades faster, large grades slower. The quiz does NOT use
# these (tempo is no grade cue there).
FREQUENCY_RANGE = (0.5, 3.0)
DEFAULT_FREQUENCY = {Grade.I: 2.0, Grade.II: 1.0, Grade.III: 1.0, Grade.IV: 2.0}
# Grade V: a preload hold at L (≥ 0.5 s), a rise to the peak in 80–150 ms, a quick
# return, then rest at L until the next repeat (thrust loading ~100–170 ms:
# J Chiropr Educ 37:73; servo-motor model, Chiropr Man Therap 2020).
THRUST_RISE_S = 0.10
THRUST_RISE_RANGE = (0.08, 0.15)
THRUST_RETURN_S = 0.25
THRUST_PRELOAD_S = 1.5
MIN_PRELOAD_S = 0.5
# The thrust speeds up and slows down within this share of its rise at each end
# (a trapezoidal velocity): the sharp onset is what makes it a thrust.
THRUST_RAMP_SHARE = 0.15
THRUST_PERIOD_RANGE = (2.0, 6.0)
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

    @property
    def peak_acceleration(self) -> float:
        """Largest |acceleration| (deg/s²) over the cycles (exact for a steady one)."""
        swings = np.abs(
            np.concatenate([self.highs - self.lows, self.highs - np.roll(self.lows, -1)])
        )
        return float(swings.max() / 2 * (2 * np.pi * self.frequency) ** 2)

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
    """Grade V: preload hold at L, a fast rise to just past L, a quick return, rest.

    One repeat lasts `period` s: [0, preload_s) held at L (the preload), the
    impulse from `impulse_time` to the peak in `rise_s`, back to L in `return_s`,
    then rest at L. The rise has a trapezoidal velocity whose speed-up and
    slow-down each take THRUST_RAMP_SHARE of the rise.
    """

    start: float
    peak: float
    period: float = DEFAULT_THRUST_PERIOD_S
    rise_s: float = THRUST_RISE_S
    return_s: float = THRUST_RETURN_S
    preload_s: float = THRUST_PRELOAD_S

    def __post_init__(self) -> None:
        lo, hi = THRUST_PERIOD_RANGE
        if not lo <= self.period <= hi:
            raise ValueError(f"thrust repeat {self.period:g} s is outside {lo:g}–{hi:g} s")
        rlo, rhi = THRUST_RISE_RANGE
        if not rlo - 1e-12 <= self.rise_s <= rhi + 1e-12:
            raise ValueError(
                f"thrust rise {self.rise_s * 1000:g} ms is outside {rlo * 1000:g}–{rhi * 1000:g} ms"
            )
        if self.preload_s < MIN_PRELOAD_S:
            raise ValueError(f"preload hold {self.preload_s:g} s is shorter than {MIN_PRELOAD_S} s")
        if self.preload_s + self.rise_s + self.return_s > self.period + 1e-12:
            raise ValueError("preload, rise and return do not fit in one thrust repeat")

    @property
    def impulse_time(self) -> float:
        """Seconds into each repeat at which the impulse starts (the view marks it)."""
        return self.preload_s

    @property
    def peak_time(self) -> float:
        return self.preload_s + self.rise_s

    @property
    def excursion(self) -> float:
        return self.peak - self.start

    @property
    def peak_acceleration(self) -> float:
        """Largest |acceleration| (deg/s²): at the start and end of the rise."""
        ramp = THRUST_RAMP_SHARE * self.rise_s
        return abs(self.excursion) * np.pi / (2.0 * ramp * (self.rise_s - ramp))

    def phase(self, t: float) -> str:
        """'preload', 'impulse', 'return' or 'rest' at simulated time t."""
        local = float(np.mod(t, self.period))
        if local < self.preload_s:
            return "preload"
        if local < self.peak_time:
            return "impulse"
        if local < self.peak_time + self.return_s:
            return "return"
        return "rest"

    def angle(self, t: np.ndarray) -> np.ndarray:
        local = np.mod(np.asarray(t, float), self.period)
        rise = _trapezoid_rise(np.clip(local - self.preload_s, 0.0, self.rise_s), self.rise_s)
        back = np.clip((local - self.peak_time) / self.return_s, 0.0, 1.0)
        lift = np.where(local < self.peak_time, rise, 0.5 * (1 + np.cos(np.pi * back)))
        return self.start + (self.peak - self.start) * lift


def _trapezoid_rise(u: np.ndarray, rise: float) -> np.ndarray:
    """0 → 1 over [0, rise]: raised-cosine speed-up, constant speed, slow-down."""
    ramp = THRUST_RAMP_SHARE * rise
    speed = 1.0 / (rise - ramp)  # cruise speed for a unit excursion
    up = speed * (u / 2 - ramp / (2 * np.pi) * np.sin(np.pi * np.minimum(u, ramp) / ramp))
    up = np.where(u < ramp, up, speed * (ramp / 2 + (u - ramp)))
    w = np.clip(u - (rise - ramp), 0.0, ramp)
    down = speed * (
        ramp / 2 + (rise - 2 * ramp) + w / 2 + ramp / (2 * np.pi) * np.sin(np.pi * w / ramp)
    )
    return np.where(u <= rise - ramp, up, down)


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
