"""The motion as CSV: header row, then time_s,angle_deg,... (the public trace format)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from mobsim.model.atomic import atomic_open
from mobsim.model.grades import Band
from mobsim.model.joints import Condition
from mobsim.model.motion import DEFAULT_THRUST_PERIOD_S, motion_for

COLUMNS = ["time_s", "angle_deg", "fraction_of_available", "band_low_deg", "band_high_deg"]
CHUNK_SAMPLES = 50_000  # rows computed at a time: an hour at 10 kHz stays a few MB in memory


def write_trace_csv(
    path: Path | str,
    band: Band,
    condition: Condition,
    frequency: float | None,
    seconds: float,
    rate: float,
    thrust_period: float = DEFAULT_THRUST_PERIOD_S,
) -> int:
    """Write `seconds` of the band's motion sampled at `rate` Hz; returns the row count.

    The file appears complete or not at all (atomic). Raises OSError when it cannot be
    written; the destination then keeps its old content.
    """
    motion = motion_for(band, frequency, thrust_period)
    total = int(round(seconds * rate)) + 1
    low, high = f"{band.low:.4f}", f"{band.high:.4f}"
    with atomic_open(path, "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for first in range(0, total, CHUNK_SAMPLES):
            t = np.arange(first, min(first + CHUNK_SAMPLES, total)) / rate
            angle = motion.angle(t)
            fraction = (angle - condition.start) / condition.available_range
            writer.writerows(
                [f"{ti:.4f}", f"{ai:.4f}", f"{fi:.5f}", low, high]
                for ti, ai, fi in zip(t.tolist(), angle.tolist(), fraction.tolist(), strict=True)
            )
    return total
