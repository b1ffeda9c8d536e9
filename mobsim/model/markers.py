"""The one set of range markers (Maitland's movement diagram) a view may show."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Marker(StrEnum):
    """Range markers, in the order they lie along a typical range."""

    A = "A"  # start of range
    R1 = "R1"  # onset of resistance
    P1 = "P1"  # onset of pain (only where the condition has one)
    L = "L"  # available limit (R2 or P2 sits above it)
    B = "B"  # end of the normal range (differs from L only for a stiff joint)


ALL_MARKERS = frozenset(Marker)


def marker_set(names: Iterable[Marker | str]) -> frozenset[Marker]:
    """Markers from their labels, e.g. ["A", "R1", "L"] (unknown labels are an error)."""
    out = set()
    for name in names:
        try:
            out.add(Marker(name))
        except ValueError:
            known = ", ".join(m.value for m in Marker)
            raise ValueError(f"unknown marker {name!r}: choose from {known}") from None
    return frozenset(out)


def labels(markers: Iterable[Marker]) -> list[str]:
    """Marker labels in range order (A, R1, P1, L, B): what exports and captions list."""
    chosen = set(markers)
    return [m.value for m in Marker if m in chosen]
