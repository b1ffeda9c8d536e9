"""Build-the-diagram exercise: the student draws a case's movement diagram; it is marked.

From a case's story the student places R1 (resistance begins), L (where the
limiting factor reaches the top line: R2 or P2), P1 (pain begins, or "no pain"),
and, when resistance limits and there is pain, P′ (how much it hurts at L). They
say which factor limits and choose the management. Each point is marked against
the case's own diagram (`[vignette.diagram]` in assets/content/vignettes.toml)
with a stated tolerance, and each difference is explained in words.
doc/model.md §12 gives the tolerances and their reasons. No Qt here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from mobsim.model.joints import JointSpec

# Each point may be off by this share of the normal range A–B (mobsim's choice,
# doc/model.md §12): about ±13° on a knee, ±6° at a PIP joint.
POINT_TOLERANCE = 0.10
# P′ is an intensity on the diagram's vertical axis (0 = none, 1 = the top line);
# a fifth of the axis separates "a little" from "a lot".
INTENSITY_TOLERANCE = 0.20
LIMITING_FACTORS = ("resistance", "pain")
NOT_OFFERED = "has no movement diagram in the case data, so it is not offered here"


class CaseDiagramLike(Protocol):
    """What the exercise reads from a case's diagram (mobsim.content.vignettes)."""

    limit_deg: float
    resistance_onset_deg: float
    pain_onset_deg: float | None
    limiting_factor: str
    pain_at_limit: float | None
    source: str


@dataclass(frozen=True)
class DiagramTask:
    """One case to draw: its story, its joint and the key diagram."""

    case_id: str
    text: str
    joint: JointSpec
    key: CaseDiagramLike
    management: Any  # the case's keyed answer (mobsim.content.cases.CaseAnswer)
    rationale: str = ""

    @property
    def span(self) -> float:
        """A–B in the joint's unit: the scale of every tolerance."""
        return self.joint.normal_range

    @property
    def tolerance(self) -> float:
        return POINT_TOLERANCE * self.span


def offered_tasks(
    vignettes: Iterable[Any], joints: Mapping[str, JointSpec]
) -> tuple[list[DiagramTask], list[str]]:
    """The cases that carry diagram numbers, and a notice for each one that does not."""
    tasks, notices = [], []
    for v in vignettes:
        diagram = getattr(v, "diagram", None)
        joint = joints.get(v.joint_id)
        if diagram is None or joint is None:
            notices.append(f"Case '{v.id}' {NOT_OFFERED}.")
            continue
        tasks.append(DiagramTask(v.id, v.text, joint, diagram, v.answer, v.rationale))
    return tasks, notices


@dataclass(frozen=True)
class StudentDiagram:
    """What the student placed and chose (positions in the joint's unit)."""

    resistance_onset: float  # R1
    limit: float  # L: the limiting factor's end point on the top line
    pain_onset: float | None  # P1; None: "no pain in this movement"
    limiting_factor: str  # "resistance" or "pain"
    pain_at_limit: float | None = None  # P′ (0–1) when resistance limits and P1 is set
    management: Any = None  # a CaseAnswer

    def __post_init__(self) -> None:
        if self.limiting_factor not in LIMITING_FACTORS:
            raise ValueError(
                f"limiting factor must be resistance or pain, not {self.limiting_factor!r}"
            )


@dataclass(frozen=True)
class PointMark:
    """One marked item: the student's value, the case's value, and the words."""

    name: str
    placed: float | str | None
    key: float | str | None
    tolerance: float | None
    passed: bool
    explanation: str

    @property
    def difference(self) -> float | None:
        if isinstance(self.placed, int | float) and isinstance(self.key, int | float):
            return float(self.placed) - float(self.key)
        return None


@dataclass(frozen=True)
class DiagramMarking:
    marks: dict[str, PointMark]
    source: str  # where the case's numbers come from

    @property
    def passed(self) -> int:
        return sum(m.passed for m in self.marks.values())

    @property
    def all_right(self) -> bool:
        return all(m.passed for m in self.marks.values())

    @property
    def score(self) -> float:
        """Share of items right, 0–100."""
        return 100.0 * self.passed / len(self.marks)


def clamp_to_range(task: DiagramTask, position: float) -> float:
    """A dragged handle stays on the diagram's line A–B."""
    return min(max(position, task.joint.start), task.joint.normal_end)


def mark(task: DiagramTask, student: StudentDiagram) -> DiagramMarking:
    """Mark every point against the case's diagram, explaining each difference."""
    key = task.key
    unit = _unit(task.joint)
    marks = {
        "R1": _position(
            "R1",
            student.resistance_onset,
            key.resistance_onset_deg,
            task,
            "R1 is where you first feel resistance, long before it stops the movement",
            unit,
        ),
        "L": _position(
            "L",
            student.limit,
            key.limit_deg,
            task,
            f"L is where the movement stops: the {key.limiting_factor} curve reaches the top line "
            "there, and grades are placed in A–L, not A–B",
            unit,
        ),
        "P1": _pain_onset(student.pain_onset, key.pain_onset_deg, task, unit),
        "limiting factor": _factor(student.limiting_factor, key.limiting_factor),
    }
    if key.limiting_factor == "resistance" and key.pain_at_limit is not None:
        marks["P′"] = _pain_at_limit(student.pain_at_limit, key.pain_at_limit)
    if task.management is not None:
        marks["management"] = _management(student.management, task)
    return DiagramMarking(marks, key.source)


def _unit(joint: JointSpec) -> str:
    return " mm" if getattr(joint, "unit", "deg") == "mm" else "°"


def _fmt(value: float, unit: str) -> str:
    return f"{value:.0f}{unit}" if unit == "°" else f"{value:.1f}{unit}"


def _position(
    name: str, placed: float, key: float, task: DiagramTask, why: str, unit: str
) -> PointMark:
    off = placed - key
    tol = task.tolerance
    passed = abs(off) <= tol + 1e-9
    where = f"yours at {_fmt(placed, unit)}, the case's at {_fmt(key, unit)}"
    if passed:
        words = f"{name} right: {where} (within ±{_fmt(tol, unit)})."
    else:
        side = "later in the range" if off > 0 else "earlier in the range"
        words = (
            f"{name} {_fmt(abs(off), unit)} {side} than the case's: {where} "
            f"(tolerance ±{_fmt(tol, unit)}). {why}."
        )
    return PointMark(name, placed, key, tol, passed, words)


def _pain_onset(placed: float | None, key: float | None, task: DiagramTask, unit: str) -> PointMark:
    if key is None and placed is None:
        return PointMark("P1", None, None, None, True, "P1 right: this movement is not painful.")
    if key is None:
        return PointMark(
            "P1",
            placed,
            None,
            None,
            False,
            f"P1 placed at {_fmt(placed, unit)}, but the story gives no pain in this movement: "
            "leave P1 off.",
        )
    if placed is None:
        return PointMark(
            "P1",
            None,
            key,
            task.tolerance,
            False,
            f"P1 missing: pain begins at {_fmt(key, unit)} in this case. Place P1 where the story "
            "says it starts to hurt.",
        )
    return _position(
        "P1", placed, key, task, "P1 is where pain begins, as the patient reports it", unit
    )


def _factor(chosen: str, key: str) -> PointMark:
    if chosen == key:
        words = f"Limiting factor right: {key} stops the movement at L."
    elif key == "pain":
        words = (
            "Limiting factor: the case is limited by pain (P2 at L): pain stops the movement "
            "before firm resistance. Draw the pain curve reaching the top line at L."
        )
    else:
        words = (
            "Limiting factor: the case is limited by resistance (R2 at L): the movement stops "
            "at firm resistance and pain, if any, stays below the top line (P′)."
        )
    return PointMark("limiting factor", chosen, key, None, chosen == key, words)


def _pain_at_limit(placed: float | None, key: float) -> PointMark:
    if placed is None:
        return PointMark(
            "P′",
            None,
            key,
            INTENSITY_TOLERANCE,
            False,
            f"P′ missing: at L the pain is {key:.0%} of the top line in this case.",
        )
    off = placed - key
    passed = abs(off) <= INTENSITY_TOLERANCE + 1e-9
    where = f"yours {placed:.0%}, the case's {key:.0%} of the top line"
    if passed:
        words = f"P′ right: {where} (within ±{INTENSITY_TOLERANCE:.0%})."
    else:
        more = "more" if off > 0 else "less"
        words = (
            f"P′ shows {more} pain at L than the case: {where} (tolerance "
            f"±{INTENSITY_TOLERANCE:.0%}). P′ is how much it hurts where resistance stops the "
            "movement."
        )
    return PointMark("P′", placed, key, INTENSITY_TOLERANCE, passed, words)


def _management(chosen: Any, task: DiagramTask) -> PointMark:
    key = task.management
    name = getattr(key, "label", str(key))
    if chosen == key:
        words = f"Management right: {name}."
    else:
        picked = getattr(chosen, "label", "nothing") if chosen is not None else "nothing"
        words = (
            f"Management: you chose {picked}; the case is keyed {name}. {task.rationale}".strip()
        )
    value = getattr(chosen, "value", chosen)
    return PointMark("management", value, getattr(key, "value", key), None, chosen == key, words)
