"""The shapes of the resistance and pain curves on the movement diagram.

Each curve is intensity (0 = the range line AB, 1 = the top line CD, the most the
examiner is prepared to provoke) as a function of position in degrees, for one
Condition. The limiting factor's curve reaches 1 at L (R2 or P2); the other one
reaches only part of the height there (resistance at L, or P′ for pain). Views
draw exactly these; they never decide a shape.
"""

from __future__ import annotations

import numpy as np

from mobsim.model.joints import Condition

# Resistance builds slowly after R1 and steeply near L (a convex curve, as
# Maitland draws it); pain is drawn as a gentler curve. doc/model.md explains.
RESISTANCE_EXPONENT = 1.6
PAIN_EXPONENT = 1.3


def _rise(x: np.ndarray, onset: float, limit: float, top: float, exponent: float) -> np.ndarray:
    """0 before `onset`, rising to `top` at `limit`; NaN past the limit (no curve there)."""
    x = np.asarray(x, float)
    s = np.clip((x - onset) / max(limit - onset, 1e-9), 0.0, 1.0)
    y = top * s**exponent
    if limit <= onset:  # onset at L: the curve is a step at L
        y = np.where(x >= limit, top, 0.0)
    return np.where(x > limit + 1e-9, np.nan, y)


def resistance_curve(condition: Condition, x) -> np.ndarray:
    """Resistance intensity 0..1 at positions x (degrees): R1 → R2 (or R at L)."""
    top = 1.0 if not condition.is_pain_limited else condition.resistance_at_limit
    return _rise(x, condition.resistance_onset, condition.available_limit, top, RESISTANCE_EXPONENT)


def pain_curve(condition: Condition, x) -> np.ndarray | None:
    """Pain intensity 0..1 at positions x (degrees): P1 → P2 (or P′), None without P1."""
    if condition.pain_onset is None:
        return None
    top = 1.0 if condition.is_pain_limited else condition.pain_at_limit
    return _rise(x, condition.pain_onset, condition.available_limit, top, PAIN_EXPONENT)


def curve_points(
    condition: Condition, samples: int = 41
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Polylines a view can draw as they are: {"resistance": (x, y), "pain": (x, y)}.

    Each runs from its onset to L (the pain one only when P1 is set).
    """
    lim = condition.available_limit
    out = {}
    r1 = condition.resistance_onset
    x = np.linspace(r1, lim, samples)
    out["resistance"] = (x, resistance_curve(condition, x))
    if condition.pain_onset is not None:
        x = np.linspace(condition.pain_onset, lim, samples)
        out["pain"] = (x, pain_curve(condition, x))
    return out
