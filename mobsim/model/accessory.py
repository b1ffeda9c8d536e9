"""Accessory (joint-play) techniques: translations in mm, graded like angles.

A technique is a preset in assets/joints/ with `kind = "accessory"`. Its range is
a translation: A = 0 mm, B = the normal available translation, L = today's limit,
and R1 = the end of the toe region (Petty 2002: measured accessory resistance
starts at A and rises slowly, then steeply; the point where it steepens plays R1).
The range is a `Condition` in mm, so Maitland bands come from `grades.band()`
exactly as for angles; only grade V (an accessory thrust of a fixed mm excursion)
is placed here. doc/model.md ("Accessory movements") gives every number's source.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import numpy as np

from mobsim.model import arthrokinematics as rule
from mobsim.model.grades import Band, Convention, Grade, GradeChoice, band
from mobsim.model.joints import (
    NUMBER,
    Condition,
    ConditionError,
    JointFileError,
    _check_keys,
    _get,
    _table,
)

UNIT = "mm"
# Share of the force at L reached at the end of the toe region (contemporary
# curve). mobsim's choice: "low stiffness" made visible; doc/model.md explains.
TOE_SHARE = 0.2
# Translations beyond this are not accessory movements of one joint.
MAX_TRANSLATION_MM = 30.0
# The end of the toe region must leave room for I–II short of it (R2 rule): the
# quartile II band ends at 48 % of A–L, so R1 at 50 % or later.
MIN_TOE_END_FRACTION = 0.5

# Grade V marked as performed: the peak passes L by at least this share of the
# preset's thrust, and never past the para-physiological zone (mobsim's choice:
# half the demonstrated thrust is still a visible push; doc/model.md, Accessory movements).
THRUST_LEAST_SHARE = 0.5

TECHNIQUES = ("glide", "traction")
REGIONS = ("peripheral", "spinal")
TOP_KEYS = {
    "kind",
    "id",
    "name",
    "joint",
    "region",
    "technique",
    "direction",
    "serves",
    "bones",
    "roll",
    "translation",
    "force_reference",
    "sources",
    "angular_preset",
}
TRANSLATION_KEYS = {"available_mm", "toe_end_mm", "thrust_mm", "margin_mm", "force_at_limit_n"}
SOURCED = ("available_mm", "toe_end_mm", "thrust_mm", "margin_mm", "concave")


class ResistanceModel(StrEnum):
    """How the resistance curve is drawn on the movement diagram."""

    TOE_REGION = "toe-region"  # contemporary (Petty 2002): from A, slowly, then steeply
    CLASSIC = "classic"  # R1 as a point: nothing before it


@dataclass(frozen=True)
class ForceReference:
    """A measured force figure shown beside the force axis."""

    label: str
    low_n: float
    high_n: float
    source: str


@dataclass(frozen=True)
class AccessoryTechnique:
    id: str
    name: str
    joint: str
    region: str  # peripheral | spinal
    technique: str  # glide | traction
    direction: str  # the glide's anatomical direction; "traction" for traction
    fixed_bone: str
    moving_bone: str
    concave_bone: str | None  # None only for spinal PA techniques
    roll_motions: dict[str, str]  # roll direction of the moving bone -> physiological motion
    available_mm: float  # B: normal available translation
    toe_end_mm: float  # R1 on the normal technique: the end of the toe region
    thrust_mm: float  # grade V excursion past L
    margin_mm: float  # para-physiological zone past L
    sources: dict[str, str]
    force_at_limit_n: float | None = None
    force_references: tuple[ForceReference, ...] = ()
    stated_serves: str | None = None  # spinal only: no concave–convex rule applies
    # The angular preset that models the motion this glide serves (the compare view
    # shows the same grade on it); None: no angular preset models it.
    angular_preset: str | None = None
    path: Path | None = None

    # Attributes shared with JointSpec so range code can treat both alike.
    @property
    def start(self) -> float:
        return 0.0

    @property
    def normal_end(self) -> float:
        return self.available_mm

    @property
    def margin(self) -> float:
        return self.margin_mm

    @property
    def anatomical_limit(self) -> float:
        return self.available_mm + self.margin_mm

    @property
    def unit(self) -> str:
        return UNIT

    @property
    def motion(self) -> str:
        return self.description

    @property
    def is_traction(self) -> bool:
        return self.technique == "traction"

    @property
    def description(self) -> str:
        """e.g. 'posterior glide of the tibia on the femur'."""
        if self.is_traction:
            return f"traction of the {self.moving_bone} from the {self.fixed_bone}"
        if self.region == "spinal":
            return f"posteroanterior (PA) movement of {self.moving_bone} on {self.fixed_bone}"
        return f"{self.direction} glide of the {self.moving_bone} on the {self.fixed_bone}"

    @property
    def moving_surface(self) -> rule.MovingSurface | None:
        if self.concave_bone is None:
            return None
        concave_moves = self.concave_bone == self.moving_bone
        return rule.MovingSurface.CONCAVE if concave_moves else rule.MovingSurface.CONVEX

    @property
    def roll(self) -> str | None:
        """The moving bone's angular movement this glide serves, by the rule."""
        if self.is_traction or self.moving_surface is None:
            return None
        return rule.roll_direction(self.direction, self.moving_surface)

    @property
    def serves(self) -> str:
        """The physiological motion this technique serves, in words."""
        if self.stated_serves:
            return self.stated_serves
        if self.is_traction:
            return "no single motion: traction separates the joint surfaces"
        return self.roll_motions[self.roll]

    @property
    def has_force(self) -> bool:
        return self.force_at_limit_n is not None

    def normal_condition(self) -> Condition:
        return condition_for(self)


def condition_for(
    technique: AccessoryTechnique,
    available_limit: float | None = None,
    toe_end: float | None = None,
    pain_onset: float | None = None,
) -> Condition:
    """Today's range in mm; the toe end defaults to the preset's, scaled to L."""
    lim = technique.available_mm if available_limit is None else float(available_limit)
    if toe_end is None:
        toe_end = lim * technique.toe_end_mm / technique.available_mm
    try:  # Condition holds the range rules; only its unit needs changing
        condition = Condition(0.0, technique.available_mm, lim, float(toe_end), pain_onset)
    except ConditionError as exc:
        raise ConditionError(str(exc).replace("°", " mm")) from None
    if condition.resistance_fraction < MIN_TOE_END_FRACTION - 1e-9:
        raise ConditionError(
            f"end of the toe region R1 = {toe_end:g} mm must lie at or past "
            f"{MIN_TOE_END_FRACTION * lim:g} mm ({MIN_TOE_END_FRACTION:.0%} of L = {lim:g} mm)"
        )
    return condition


def thrust_excursion(technique: AccessoryTechnique) -> float:
    """mm that grade V goes past L: the preset's thrust, never past the margin."""
    return min(technique.thrust_mm, technique.margin_mm)


def thrust_window(technique: AccessoryTechnique) -> tuple[float, float]:
    """mm past L that a performed grade V may peak at: from half the thrust to the margin."""
    return THRUST_LEAST_SHARE * thrust_excursion(technique), technique.margin_mm


def accessory_band(
    choice: GradeChoice | Grade,
    technique: AccessoryTechnique,
    condition: Condition,
    convention: Convention = Convention.QUARTILE,
) -> Band:
    """A Maitland grade on this technique, in mm. I–IV as for angles; V as an accessory thrust."""
    if isinstance(choice, Grade):
        choice = GradeChoice(choice)
    if not choice.grade.is_thrust:
        return band(choice, technique, condition, convention)
    lim = condition.available_limit
    into_pain = condition.pain_onset is not None  # P1 ≤ L, and the thrust passes L
    return Band(
        choice,
        convention,
        lim,
        lim + thrust_excursion(technique),
        condition.start,
        lim,
        into_pain=into_pain,
    )


# ------------------------------------------------------------ resistance and force


def resistance(
    position, condition: Condition, model: ResistanceModel = ResistanceModel.TOE_REGION
) -> np.ndarray:
    """Resistance intensity 0..1 along the translation (1 at L, the top line).

    Toe region: from A, rising linearly to TOE_SHARE at the toe end (R1), then
    steeper and steepening to 1 at L. Classic: 0 until R1, then rising to 1 at L.
    """
    u = np.clip((np.asarray(position, float) - condition.start) / condition.available_range, 0, 1)
    r = condition.resistance_fraction
    s = np.clip((u - r) / max(1.0 - r, 1e-9), 0.0, 1.0)
    beyond = 0.5 * (s + s * s)  # the slope triples from R1 to L
    if ResistanceModel(model) is ResistanceModel.CLASSIC:
        return np.where(u <= r, 0.0, beyond)
    toe = TOE_SHARE * np.minimum(u / max(r, 1e-9), 1.0)
    return np.where(u <= r, toe, TOE_SHARE + (1.0 - TOE_SHARE) * beyond)


def force_n(technique: AccessoryTechnique, position, condition: Condition) -> np.ndarray:
    """Force (N) needed to hold a translation: resistance from the start (Petty 2002)."""
    if technique.force_at_limit_n is None:
        raise ValueError(f"{technique.id} has no force–displacement curve")
    return technique.force_at_limit_n * resistance(position, condition)


def held_force(technique: AccessoryTechnique, mm: float, condition: Condition) -> float | None:
    """The force shown for a translation (spinal PA): past L the force at L (a thrust's
    excursion is not held against a modelled curve); None where no force is modelled."""
    if not technique.has_force:
        return None
    return float(force_n(technique, min(mm, condition.available_limit), condition))


def force_band(
    technique: AccessoryTechnique, grade_band: Band, condition: Condition
) -> tuple[float, float]:
    """The band on the force axis: force at its low and at its high end."""
    low, high = force_n(
        technique, [grade_band.low, min(grade_band.high, grade_band.limit)], condition
    )
    return float(low), float(high)


# ---------------------------------------------------------------- loading


def _positive(table: dict[str, Any], key: str, path: Path, where: str) -> float:
    value = float(_get(table, key, NUMBER, path, where))
    if value <= 0 or not np.isfinite(value):
        raise JointFileError(path, f"{where}.{key}", f"must be more than 0, got {value:g}")
    if key.endswith("_mm") and value > MAX_TRANSLATION_MM:
        raise JointFileError(
            path, f"{where}.{key}", f"must be at most {MAX_TRANSLATION_MM:g} mm, got {value:g}"
        )
    return value


def _text(table: dict[str, Any], key: str, path: Path, where: str = "") -> str:
    value = _get(table, key, str, path, where).strip()
    if not value:
        raise JointFileError(path, f"{where}.{key}" if where else key, "must not be empty")
    return value


def _bones(doc: dict[str, Any], path: Path, spinal: bool) -> tuple[str, str, str | None]:
    bones = _table(doc, "bones", path)
    _check_keys(bones, {"fixed", "moving", "concave"}, path, "bones")
    fixed, moving = _text(bones, "fixed", path, "bones"), _text(bones, "moving", path, "bones")
    if "concave" not in bones and spinal:
        return fixed, moving, None
    concave = _text(bones, "concave", path, "bones")
    if concave not in (fixed, moving):
        raise JointFileError(
            path,
            "bones.concave",
            f"must name the fixed ({fixed!r}) or the moving ({moving!r}) bone",
        )
    return fixed, moving, concave


def _roll_motions(doc: dict[str, Any], path: Path) -> dict[str, str]:
    table = _table(doc, "roll", path)
    motions = {}
    for word in table:
        try:
            key = rule.normal_direction(word)
        except ValueError as exc:
            raise JointFileError(path, f"roll.{word}", str(exc)) from None
        motions[key] = _text(table, word, path, "roll")
    return motions


def _force_references(doc: dict[str, Any], path: Path) -> tuple[ForceReference, ...]:
    items = doc.get("force_reference", [])
    if not isinstance(items, list):
        raise JointFileError(path, "force_reference", "must be an array of tables [[...]]")
    refs = []
    for i, item in enumerate(items):
        where = f"force_reference[{i}]"
        if not isinstance(item, dict):
            raise JointFileError(path, where, "must be a table")
        _check_keys(item, {"label", "low_n", "high_n", "source"}, path, where)
        low, high = _positive(item, "low_n", path, where), _positive(item, "high_n", path, where)
        if high < low:
            raise JointFileError(path, f"{where}.high_n", "must not be below low_n")
        label, source = _text(item, "label", path, where), _text(item, "source", path, where)
        refs.append(ForceReference(label, low, high, source))
    return tuple(refs)


def _sources(doc: dict[str, Any], path: Path, needed: list[str]) -> dict[str, str]:
    sources = _table(doc, "sources", path)
    for key in needed:
        _text(sources, key, path, "sources")
    _check_keys(sources, set(SOURCED) | {"force_at_limit_n", "serves"}, path, "sources")
    return {k: str(v) for k, v in sources.items()}


def parse_technique(doc: dict[str, Any], path: Path) -> AccessoryTechnique:
    """An accessory preset, or JointFileError naming the file and the field."""
    _check_keys(doc, TOP_KEYS, path, "")
    technique_id = _text(doc, "id", path)
    if not all(c.isalnum() or c in "-_" for c in technique_id):
        raise JointFileError(path, "id", "must be letters, digits, '-' or '_'")
    region = _text(doc, "region", path)
    if region not in REGIONS:
        raise JointFileError(path, "region", f"must be one of {', '.join(REGIONS)}")
    technique = _text(doc, "technique", path)
    if technique not in TECHNIQUES:
        raise JointFileError(path, "technique", f"must be one of {', '.join(TECHNIQUES)}")
    spinal = region == "spinal"
    fixed, moving, concave = _bones(doc, path, spinal)
    direction = "traction" if technique == "traction" else _direction(doc, path)

    rng = _table(doc, "translation", path)
    _check_keys(rng, TRANSLATION_KEYS, path, "translation")
    available = _positive(rng, "available_mm", path, "translation")
    toe_end = _positive(rng, "toe_end_mm", path, "translation")
    lowest = MIN_TOE_END_FRACTION * available
    if not lowest <= toe_end < available:
        raise JointFileError(
            path,
            "translation.toe_end_mm",
            f"must lie in [{lowest:g}, {available:g}) mm (from {MIN_TOE_END_FRACTION:.0%} of "
            "the available translation, short of its end)",
        )
    thrust = _positive(rng, "thrust_mm", path, "translation")
    margin = _positive(rng, "margin_mm", path, "translation")
    if thrust > margin:
        raise JointFileError(path, "translation.thrust_mm", "must not exceed margin_mm")
    force = (
        _positive(rng, "force_at_limit_n", path, "translation")
        if "force_at_limit_n" in rng
        else None
    )
    if spinal and force is None:
        raise JointFileError(
            path, "translation.force_at_limit_n", "missing (spinal PA needs a force curve)"
        )

    stated = None
    if spinal:
        stated = _text(doc, "serves", path)
    elif "serves" in doc:
        raise JointFileError(path, "serves", "is derived by the concave–convex rule; remove it")
    roll_motions = _roll_motions(doc, path) if not spinal and technique == "glide" else {}
    needed = list(SOURCED if concave else SOURCED[:-1])
    needed += ["force_at_limit_n"] if force is not None else []
    needed += ["serves"] if spinal else []
    result = AccessoryTechnique(
        id=technique_id,
        name=_text(doc, "name", path),
        joint=_text(doc, "joint", path),
        region=region,
        technique=technique,
        direction=direction,
        fixed_bone=fixed,
        moving_bone=moving,
        concave_bone=concave,
        roll_motions=roll_motions,
        available_mm=available,
        toe_end_mm=toe_end,
        thrust_mm=thrust,
        margin_mm=margin,
        sources=_sources(doc, path, needed),
        force_at_limit_n=force,
        force_references=_force_references(doc, path),
        stated_serves=stated,
        angular_preset=_angular_preset(doc, path),
        path=path,
    )
    if result.roll is not None and result.roll not in roll_motions:
        raise JointFileError(
            path,
            f"roll.{result.roll}",
            f"missing: the rule says this glide serves a {result.roll} roll",
        )
    return result


def _angular_preset(doc: dict[str, Any], path: Path) -> str | None:
    if "angular_preset" not in doc:
        return None
    preset = _text(doc, "angular_preset", path)
    if not all(c.isalnum() or c in "-_" for c in preset):
        raise JointFileError(
            path, "angular_preset", "must be a preset id: letters, digits, '-', '_'"
        )
    return preset


def check_angular_presets(techniques: dict, joints: dict) -> list[JointFileError]:
    """After loading: each `angular_preset` must name a loaded angular preset. A bad one
    is one error naming the file and the field; the technique still loads (its compare
    view then says the preset is missing)."""
    errors = []
    for t in techniques.values():
        if t.angular_preset is None or t.angular_preset in joints:
            continue
        problem = (
            f"'{t.angular_preset}' is an accessory technique, not an angular preset"
            if t.angular_preset in techniques
            else f"no angular preset '{t.angular_preset}' was loaded "
            f"(angular presets: {', '.join(sorted(joints)) or 'none'})"
        )
        problem += "; the technique still loads, its compare view without an angular diagram"
        errors.append(JointFileError(t.path or t.id, "angular_preset", problem))
    return errors


def compare_joint(technique: AccessoryTechnique, joints: dict):
    """(the angular preset that models the motion this glide serves, or None; and why
    not, in words, when None). The one place the compare view asks."""
    if technique.angular_preset is not None:
        joint = joints.get(technique.angular_preset)
        if joint is not None:
            return joint, ""
        return None, (
            f"its angular preset '{technique.angular_preset}' did not load "
            "(see Help ▸ About mobsim)"
        )
    if technique.is_traction:
        return None, "traction serves no single angular motion"
    return None, f"no angular preset in mobsim models {technique.serves}"


def _direction(doc: dict[str, Any], path: Path) -> str:
    word = _text(doc, "direction", path)
    try:
        return rule.normal_direction(word)
    except ValueError as exc:
        raise JointFileError(path, "direction", str(exc)) from None
