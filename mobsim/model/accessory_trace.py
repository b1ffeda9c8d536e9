"""An accessory motion as CSV: header row, then time_s,translation_mm,... (public format)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from mobsim.model.accessory import AccessoryTechnique, force_n
from mobsim.model.atomic import atomic_open
from mobsim.model.joints import Condition
from mobsim.model.motion import Motion
from mobsim.model.tracefile import CHUNK_SAMPLES

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
    total = int(round(seconds * rate)) + 1
    low, high = f"{band_mm[0]:.4f}", f"{band_mm[1]:.4f}"
    with atomic_open(path, "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS + (["force_n"] if technique.has_force else []))
        for first in range(0, total, CHUNK_SAMPLES):
            t = np.arange(first, min(first + CHUNK_SAMPLES, total)) / rate
            mm = motion.angle(t)
            fraction = (mm - condition.start) / condition.available_range
            rows = [
                [f"{ti:.4f}", f"{xi:.4f}", f"{fi:.5f}", low, high]
                for ti, xi, fi in zip(t.tolist(), mm.tolist(), fraction.tolist(), strict=True)
            ]
            if technique.has_force:
                for row, ni in zip(rows, force_n(technique, mm, condition).tolist(), strict=True):
                    row.append(f"{ni:.2f}")
            writer.writerows(rows)
    return total
