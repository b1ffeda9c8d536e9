"""Joint presets (data in assets/joints/*.toml) and the joint's current condition."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from mobsim.model.assets import asset_root

ASSET_DIR = asset_root() / "joints"

# R1 must lie at least this far into A–L: earlier onset (Petty 2002 found it at
# the very start for accessory glides) leaves no room for grades I–II short of
# resistance. doc/model.md explains the choice.
MIN_RESISTANCE_FRACTION = 0.25
# A stiff joint keeps at least this much of its normal range (issue #3: 40 %).
MIN_LIMIT_FRACTION = 0.40
# P1 must lie at least this far into A–L: grades I and II must fit short of it
# (with their 2 % margin), or the condition leaves no room for grade I.
MIN_PAIN_FRACTION = 0.10
# "A typical stiff joint": L at this fraction of A–B (the one place for it; the
# stiff toggle and the compare view use it). doc/model.md explains the choice.
TYPICAL_STIFF_FRACTION = 0.70
# Intensity (0..1 of the diagram's top line) of the factor that does NOT limit,
# at L: P′ for pain when resistance limits, and resistance at L when pain limits.
DEFAULT_PAIN_AT_LIMIT = 0.4
DEFAULT_RESISTANCE_AT_LIMIT = 0.5

# Grade V's thrust goes 2–5° past L; a normal joint's margin past B must allow 2°.
MIN_MARGIN_DEG = 2.0

SEGMENT_SHAPES = ("long_bone", "foot", "hand", "finger", "trunk")
NUMBERS_NEEDING_SOURCE = (
    "start_deg",
    "normal_end_deg",
    "margin_deg",
    "resistance_onset_deg",
    "segment_lengths",
)

# Needs a source only where a segment gives `width_cm`.
DRAWN_WIDTHS = "segment_widths"


class JointFileError(ValueError):
    """A preset file that cannot be used, naming the file and the field."""

    def __init__(self, path: Path | str, field_name: str, problem: str):
        self.path = Path(path)
        self.field_name = field_name
        self.problem = problem
        super().__init__(f"{self.path.name}: field '{field_name}': {problem}")


class ConditionError(ValueError):
    """A condition (L, R1, P1) that does not fit the joint."""


class LimitingFactor(StrEnum):
    """What stops the movement at L (Maitland's movement diagram)."""

    RESISTANCE = "resistance"  # stiffness-dominant: R2 at L
    PAIN = "pain"  # pain-dominant: P2 at L, before firm resistance

    @classmethod
    def parse(cls, text: str) -> LimitingFactor:
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise ValueError(
                f"unknown limiting factor {text!r}: choose resistance or pain"
            ) from None


@dataclass(frozen=True)
class Segment:
    name: str
    length_cm: float
    shape: str = "long_bone"
    # Drawing only, no clinical effect. The width across the drawing at the widest end:
    # the bone's for a long bone or trunk, the outline's (skin) for a hand, finger or foot.
    width_cm: float | None = None
    # Lengths of what moves with the segment beyond its far end, in order (the rest of
    # a finger): drawn, never part of the joint's geometry.
    distal_cm: tuple[float, ...] = ()


@dataclass(frozen=True)
class JointOrientation:
    """How the joint is laid out on screen (degrees, counter-clockwise from +x).

    `flexor_side`: which side of the moving segment (in its own frame, +1 = local
    +y, -1 = local -y) carries the flexor surface (palm, sole, front of the
    forearm). Drawing reads it; it never guesses from the motion's name.
    """

    fixed_direction_deg: float = 90.0
    moving_zero_deg: float = -90.0
    direction: int = 1  # +1: the angle grows counter-clockwise on screen
    flexor_side: int = -1


@dataclass(frozen=True)
class JointSpec:
    id: str
    name: str
    motion: str
    fixed_segment: Segment
    moving_segment: Segment
    start: float  # A
    normal_end: float  # B
    margin: float  # para-physiological margin past L; only grade V enters it
    resistance_onset: float  # default R1 for the normal joint
    sources: dict[str, str]
    orientation: JointOrientation = field(default_factory=JointOrientation)
    path: Path | None = None

    @property
    def flexor_side(self) -> int:
        return self.orientation.flexor_side

    @property
    def normal_range(self) -> float:
        return self.normal_end - self.start

    @property
    def anatomical_limit(self) -> float:
        return self.normal_end + self.margin

    def normal_condition(self) -> Condition:
        return Condition.for_joint(self)

    def stiff_condition(self, available_limit: float) -> Condition:
        return Condition.for_joint(self, available_limit=available_limit)


@dataclass(frozen=True)
class Condition:
    """The joint as it is today (Maitland's movement diagram).

    A start, B end of the normal range, L available limit, R1 resistance onset,
    P1 pain onset (optional) and what limits the movement at L: resistance (R2
    at L) or pain (P2 at L; needs P1). The factor that does not limit reaches
    only part of the diagram's height at L: `pain_at_limit` is P′ (0..1) when
    resistance limits, `resistance_at_limit` the resistance felt at L when pain
    limits.
    """

    start: float  # A
    normal_end: float  # B
    available_limit: float  # L
    resistance_onset: float  # R1
    pain_onset: float | None = None  # P1
    limiting_factor: LimitingFactor = LimitingFactor.RESISTANCE
    pain_at_limit: float = DEFAULT_PAIN_AT_LIMIT  # P′
    resistance_at_limit: float = DEFAULT_RESISTANCE_AT_LIMIT

    def __post_init__(self) -> None:
        object.__setattr__(self, "limiting_factor", LimitingFactor(self.limiting_factor))
        a, b, lim, r1 = self.start, self.normal_end, self.available_limit, self.resistance_onset
        if not a < lim <= b:
            raise ConditionError(
                f"available limit L = {lim:g}° must lie in ({a:g}°, {b:g}°], the normal range"
            )
        lowest_limit = a + MIN_LIMIT_FRACTION * (b - a)
        if lim < lowest_limit - 1e-9:
            raise ConditionError(
                f"available limit L = {lim:g}° is below {lowest_limit:g}° "
                f"({MIN_LIMIT_FRACTION:.0%} of the normal range), which mobsim does not model"
            )
        lowest_r1 = a + MIN_RESISTANCE_FRACTION * (lim - a)
        if not lowest_r1 - 1e-9 <= r1 <= lim + 1e-9:
            raise ConditionError(
                f"resistance onset R1 = {r1:g}° must lie in [{lowest_r1:g}°, {lim:g}°] "
                f"(from {MIN_RESISTANCE_FRACTION:.0%} of the available range up to L)"
            )
        self._check_pain()
        for name in ("pain_at_limit", "resistance_at_limit"):
            if not 0.0 < getattr(self, name) < 1.0:
                raise ConditionError(f"{name} must lie in (0, 1), got {getattr(self, name):g}")

    def _check_pain(self) -> None:
        a, lim, p1 = self.start, self.available_limit, self.pain_onset
        if p1 is None:
            if self.limiting_factor is LimitingFactor.PAIN:
                raise ConditionError("a pain-limited condition needs a pain onset P1")
            return
        if not a < p1 <= lim + 1e-9:
            raise ConditionError(f"pain onset P1 = {p1:g}° must lie in ({a:g}°, {lim:g}°], A to L")
        lowest = a + MIN_PAIN_FRACTION * (lim - a)
        if p1 < lowest - 1e-9:
            kind = "this pain-limited condition" if self.is_pain_limited else "this condition"
            raise ConditionError(
                f"P1 = {p1:g}° leaves no room for grade I short of P1 in {kind}: "
                f"P1 must be at least {lowest:g}° ({MIN_PAIN_FRACTION:.0%} of A–L)"
            )

    @classmethod
    def for_joint(
        cls,
        joint: JointSpec,
        available_limit: float | None = None,
        resistance_onset: float | None = None,
        pain_onset: float | None = None,
        limiting_factor: LimitingFactor | str = LimitingFactor.RESISTANCE,
    ) -> Condition:
        """A condition for `joint`; R1 defaults to the preset's R1 scaled to A–L."""
        lim = joint.normal_end if available_limit is None else float(available_limit)
        if resistance_onset is None:
            preset_fraction = (joint.resistance_onset - joint.start) / joint.normal_range
            resistance_onset = joint.start + preset_fraction * (lim - joint.start)
        p1 = None if pain_onset is None else float(pain_onset)
        return cls(
            joint.start,
            joint.normal_end,
            lim,
            float(resistance_onset),
            p1,
            LimitingFactor(limiting_factor),
        )

    @classmethod
    def from_fractions(
        cls,
        joint: JointSpec,
        limit_fraction: float = 1.0,
        resistance_fraction: float | None = None,
        pain_fraction: float | None = None,
        limiting_factor: LimitingFactor | str = LimitingFactor.RESISTANCE,
    ) -> Condition:
        """The one place for the fractions formula.

        L = A + limit_fraction·(B − A); R1 = A + resistance_fraction·(L − A) (None:
        the preset's R1 share); P1 = A + pain_fraction·(L − A) (None: no pain).
        """
        # Rounded so a whole-degree L survives the trip through a fraction.
        limit = round(joint.start + limit_fraction * joint.normal_range, 9)
        span = limit - joint.start
        r1 = None if resistance_fraction is None else joint.start + resistance_fraction * span
        p1 = None if pain_fraction is None else joint.start + pain_fraction * span
        return cls.for_joint(joint, limit, r1, p1, limiting_factor)

    @classmethod
    def typical_stiff(cls, joint: JointSpec) -> Condition:
        """The "typical stiff joint": L at TYPICAL_STIFF_FRACTION of A–B."""
        return cls.from_fractions(joint, TYPICAL_STIFF_FRACTION)

    def with_changes(self, **changes) -> Condition:
        """A copy with some fields changed (validated again)."""
        return replace(self, **changes)

    @property
    def available_range(self) -> float:
        return self.available_limit - self.start

    @property
    def is_stiff(self) -> bool:
        return self.available_limit < self.normal_end

    @property
    def is_pain_limited(self) -> bool:
        return self.limiting_factor is LimitingFactor.PAIN

    @property
    def resistance_fraction(self) -> float:
        return (self.resistance_onset - self.start) / self.available_range

    @property
    def pain_fraction(self) -> float | None:
        """P1 as a fraction of A–L, or None without pain."""
        if self.pain_onset is None:
            return None
        return (self.pain_onset - self.start) / self.available_range

    @property
    def limit_fraction(self) -> float:
        """L as a fraction of the normal range A–B."""
        return self.available_range / (self.normal_end - self.start)

    @property
    def limit_label(self) -> str:
        """What the limiting factor is called at L on the diagram: R2 or P2."""
        return "P2" if self.is_pain_limited else "R2"


# ---------------------------------------------------------------- loading


# Every number in a preset is finite and within bounds (so nothing downstream meets nan, inf
# or 1e308); the parsers then check each field's own range. Degrees, cm or mm.
MAX_PRESET_NUMBER = 10_000.0
FIELD_BOUNDS = {
    "range.start_deg": (-360.0, 360.0),
    "range.normal_end_deg": (-360.0, 720.0),
    "view.fixed_direction_deg": (-360.0, 360.0),
    "view.moving_zero_deg": (-360.0, 360.0),
    "orientation.fixed_direction_deg": (-360.0, 360.0),
    "orientation.moving_zero_deg": (-360.0, 360.0),
}
# Text shown as a label or a heading: one line, not empty.
LABEL_FIELDS = {"id", "name", "motion", "fixed_segment.name", "moving_segment.name"}


def _get(table: dict[str, Any], key: str, kind: type | tuple[type, ...], path: Path, where: str):
    name = f"{where}.{key}" if where else key
    if key not in table:
        raise JointFileError(path, name, "missing")
    value = table[key]
    if isinstance(value, bool) or not isinstance(value, kind):
        wanted = "a number" if kind == (int, float) else f"a {getattr(kind, '__name__', kind)}"
        raise JointFileError(path, name, f"must be {wanted}, got {_shown(value)}")
    if isinstance(value, int | float):
        _check_number(float(value), name, path)
    elif isinstance(value, str):
        _check_text(value, name, path)
    return value


def _check_number(value: float, name: str, path: Path) -> None:
    if not math.isfinite(value):
        raise JointFileError(path, name, f"must be a finite number, got {value}")
    low, high = FIELD_BOUNDS.get(name, (-MAX_PRESET_NUMBER, MAX_PRESET_NUMBER))
    if not low <= value <= high:
        raise JointFileError(path, name, f"must be {low:g} to {high:g}, got {value:g}")


def _check_text(value: str, name: str, path: Path) -> None:
    # Line breaks and tabs may appear in long sources; no other control character anywhere.
    if any(not ch.isprintable() and ch not in "\n\t" for ch in value):
        raise JointFileError(path, name, "contains control characters")
    if name in LABEL_FIELDS and (not value.strip() or "\n" in value or "\t" in value):
        raise JointFileError(path, name, "must be one line of text, not empty")


def _shown(value: Any) -> str:
    """A bad value as the error shows it: short and printable."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _check_keys(table: dict[str, Any], allowed: set[str], path: Path, where: str) -> None:
    for key in table:
        if key not in allowed:
            name = f"{where}.{key}" if where else key
            raise JointFileError(path, name, "unknown key (check the spelling)")


def _table(doc: dict[str, Any], key: str, path: Path, required: bool = True) -> dict[str, Any]:
    if key not in doc:
        if required:
            raise JointFileError(path, key, "missing table")
        return {}
    if not isinstance(doc[key], dict):
        raise JointFileError(path, key, "must be a table, e.g. [" + key + "]")
    return doc[key]


NUMBER = (int, float)


def _segment(doc: dict[str, Any], key: str, path: Path) -> Segment:
    table = _table(doc, key, path)
    _check_keys(table, {"name", "length_cm", "shape", "width_cm", "distal_cm"}, path, key)
    name = _get(table, "name", str, path, key).strip()
    if not name:
        raise JointFileError(path, f"{key}.name", "must not be empty")
    length = float(_get(table, "length_cm", NUMBER, path, key))
    if not 1 <= length <= 200:
        raise JointFileError(path, f"{key}.length_cm", f"must be 1–200 cm, got {length:g}")
    shape = table.get("shape", "long_bone")
    if shape not in SEGMENT_SHAPES:
        raise JointFileError(path, f"{key}.shape", f"must be one of {', '.join(SEGMENT_SHAPES)}")
    width = table.get("width_cm")
    if width is not None:
        width = float(_get(table, "width_cm", NUMBER, path, key))
        if not 0.05 * length <= width <= 0.8 * length:
            raise JointFileError(
                path, f"{key}.width_cm", f"must be 5–80 % of length_cm, got {width:g} cm"
            )
    distal = table.get("distal_cm", [])
    if not isinstance(distal, list) or len(distal) > 3:
        raise JointFileError(path, f"{key}.distal_cm", "must be a list of at most 3 lengths in cm")
    for value in distal:
        if isinstance(value, bool) or not isinstance(value, NUMBER):
            raise JointFileError(path, f"{key}.distal_cm", f"must hold numbers, got {value!r}")
        if not (math.isfinite(value) and 0.05 * length <= value <= 2 * length):
            raise JointFileError(
                path, f"{key}.distal_cm", f"each must be 5–200 % of length_cm, got {value:g} cm"
            )
    return Segment(name, length, shape, width, tuple(float(v) for v in distal))


ORIENTATION_KEYS = ("fixed_direction_deg", "moving_zero_deg", "direction", "flexor_side")


def _orientation(doc: dict[str, Any], path: Path) -> JointOrientation:
    """The [orientation] table; `flexor_side` is required so drawing never guesses."""
    table = _table(doc, "orientation", path)
    _check_keys(table, set(ORIENTATION_KEYS), path, "orientation")
    defaults = JointOrientation()
    values = {
        key: float(_get(table, key, NUMBER, path, "orientation"))
        if key in table
        else getattr(defaults, key)
        for key in ORIENTATION_KEYS[:3]
    }
    for key in ("direction", "flexor_side"):
        if key == "flexor_side" and key not in table:
            raise JointFileError(path, "orientation.flexor_side", "missing (1 or -1)")
        if table.get(key, 1) not in (-1, 1):
            raise JointFileError(path, f"orientation.{key}", "must be 1 or -1")
    return JointOrientation(
        values["fixed_direction_deg"],
        values["moving_zero_deg"],
        int(values["direction"]),
        int(table["flexor_side"]),
    )


def parse_joint(doc: dict[str, Any], path: Path) -> JointSpec:
    top = {
        "id",
        "name",
        "motion",
        "fixed_segment",
        "moving_segment",
        "range",
        "sources",
        "orientation",
    }
    _check_keys(doc, top, path, "")
    joint_id = _get(doc, "id", str, path, "").strip()
    if not joint_id or not all(c.isalnum() or c in "-_" for c in joint_id):
        raise JointFileError(path, "id", "must be letters, digits, '-' or '_'")
    name = _get(doc, "name", str, path, "")
    motion = _get(doc, "motion", str, path, "")

    rng = _table(doc, "range", path)
    _check_keys(
        rng, {"start_deg", "normal_end_deg", "margin_deg", "resistance_onset_deg"}, path, "range"
    )
    start = float(_get(rng, "start_deg", NUMBER, path, "range"))
    end = float(_get(rng, "normal_end_deg", NUMBER, path, "range"))
    margin = float(_get(rng, "margin_deg", NUMBER, path, "range"))
    r1 = float(_get(rng, "resistance_onset_deg", NUMBER, path, "range"))
    if not end > start:
        raise JointFileError(
            path,
            "range.normal_end_deg",
            f"end of range B = {end:g}° must be greater than start A = {start:g}°",
        )
    if end - start > 360:
        raise JointFileError(path, "range.normal_end_deg", "range A–B must be at most 360°")
    if not MIN_MARGIN_DEG <= margin <= 20:
        raise JointFileError(
            path,
            "range.margin_deg",
            f"must be in [{MIN_MARGIN_DEG:g}°, 20°] (grade V goes at least "
            f"{MIN_MARGIN_DEG:g}° past L), got {margin:g}",
        )
    lowest_r1 = start + MIN_RESISTANCE_FRACTION * (end - start)
    if not lowest_r1 <= r1 <= end:
        raise JointFileError(
            path,
            "range.resistance_onset_deg",
            f"R1 = {r1:g}° must lie in [{lowest_r1:g}°, {end:g}°]",
        )

    sources = _table(doc, "sources", path)
    for key in NUMBERS_NEEDING_SOURCE:
        text = _get(sources, key, str, path, "sources")
        if not text.strip():
            raise JointFileError(path, f"sources.{key}", "must name a source")
    _check_keys(sources, set(NUMBERS_NEEDING_SOURCE) | {DRAWN_WIDTHS}, path, "sources")

    orientation = _orientation(doc, path)
    fixed, moving = _segment(doc, "fixed_segment", path), _segment(doc, "moving_segment", path)
    if fixed.width_cm is not None or moving.width_cm is not None:
        text = _get(sources, DRAWN_WIDTHS, str, path, "sources")
        if not text.strip():
            raise JointFileError(path, f"sources.{DRAWN_WIDTHS}", "must name a source")

    return JointSpec(
        id=joint_id,
        name=name,
        motion=motion,
        fixed_segment=fixed,
        moving_segment=moving,
        start=start,
        normal_end=end,
        margin=margin,
        resistance_onset=r1,
        sources=dict(sources),
        orientation=orientation,
        path=path,
    )
