"""The motion as CSV: header row, then time_s,angle_deg,... (the public trace format)."""

from __future__ import annotations

import csv
from pathlib import Path

from mobsim.model.grades import Band
from mobsim.model.joints import Condition
from mobsim.model.motion import DEFAULT_THRUST_PERIOD_S, motion_for, trace

COLUMNS = ["time_s", "angle_deg", "fraction_of_available", "band_low_deg", "band_high_deg"]


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

    Raises OSError when the file cannot be written.
    """
    t, angle = trace(motion_for(band, frequency, thrust_period), seconds, rate)
    fraction = (angle - condition.start) / condition.available_range
    with Path(path).open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        low, high = f"{band.low:.4f}", f"{band.high:.4f}"
        for ti, ai, fi in zip(t, angle, fraction, strict=True):
            writer.writerow([f"{ti:.4f}", f"{ai:.4f}", f"{fi:.5f}", low, high])
    return len(t)
