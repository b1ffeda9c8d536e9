"""An accessory motion as CSV: header row, then time_s,translation_mm,... (public format)."""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

import numpy as np

from mobsim.model.accessory import AccessoryTechnique, force_n
from mobsim.model.joints import Condition
from mobsim.model.motion import Motion, trace

COLUMNS = ["time_s", "translation_mm", "fraction_of_available", "band_low_mm", "band_high_mm"]


def write_translation_csv(
    path: Path | str,
    motion: Motion,
    technique: AccessoryTechnique,
    condition: Condition,
    band_mm: tuple[float, float],
    seconds: float,
    rate: float,
) -> int:
    """Write `seconds` of the motion at `rate` Hz, atomically; returns the row count.

    Spinal techniques get a force_n column from their force–displacement curve.
    Raises OSError when the file cannot be written (the destination is untouched).
    """
    t, mm = trace(motion, seconds, rate)
    fraction = (mm - condition.start) / condition.available_range
    columns = COLUMNS + (["force_n"] if technique.has_force else [])
    force = force_n(technique, mm, condition) if technique.has_force else np.zeros_like(mm)
    low, high = f"{band_mm[0]:.4f}", f"{band_mm[1]:.4f}"
    dest = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent or ".")
    try:
        with os.fdopen(fd, "w", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(columns)
            for ti, xi, fi, ni in zip(t, mm, fraction, force, strict=True):
                row = [f"{ti:.4f}", f"{xi:.4f}", f"{fi:.5f}", low, high]
                writer.writerow(row + ([f"{ni:.2f}"] if technique.has_force else []))
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(t)
