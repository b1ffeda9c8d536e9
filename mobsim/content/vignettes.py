"""Patient vignettes for case questions: which grades, do not mobilise, or refer?

Data: assets/content/vignettes.toml. Every entry carries a `source` and its key
(`answer`, one of the six management options). A case the clinician could examine
carries its movement diagram (L, R1, P1, limiting factor) in the joint's degrees;
grade answers must, and play their grade on it in feedback.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mobsim.content.cases import CaseAnswer
from mobsim.content.loading import (
    ASSET_DIR,
    ContentError,
    Entry,
    check_top_keys,
    parse_entries,
    read_toml,
    resolve,
)
from mobsim.content.precautions import PRECAUTIONS_FILE, load_precautions
from mobsim.model.grades import Grade
from mobsim.model.joints import Condition, ConditionError, JointSpec, LimitingFactor
from mobsim.model.library import JointLibrary, load_library

VIGNETTES_FILE = ASSET_DIR / "vignettes.toml"
KEYS = {
    "id",
    "joint",
    "text",
    "answer",
    "rationale",
    "source",
    "precautions",
    "play_grade",
    "diagram",
}
DIAGRAM_KEYS = (
    "limit_deg",
    "resistance_onset_deg",
    "pain_onset_deg",
    "limiting_factor",
    "pain_at_limit",
    "source",
)


@dataclass(frozen=True)
class CaseDiagram:
    """The case's movement diagram, in its joint's degrees (Maitland, after Hengeveld & Banks)."""

    limit_deg: float  # L
    resistance_onset_deg: float  # R1
    pain_onset_deg: float | None  # P1; None: no pain in this movement
    limiting_factor: LimitingFactor  # resistance (R2 at L) or pain (P2 at L)
    pain_at_limit: float | None  # P′, 0–1 of the top line, when resistance limits
    source: str  # where the numbers come from, or the stated reason for them

    @property
    def pain_limited(self) -> bool:
        return self.limiting_factor is LimitingFactor.PAIN

    def condition(self, joint: JointSpec) -> Condition:
        """The diagram as the model's Condition, which checks it against the joint."""
        condition = Condition.for_joint(
            joint,
            available_limit=self.limit_deg,
            resistance_onset=self.resistance_onset_deg,
            pain_onset=self.pain_onset_deg,
            limiting_factor=self.limiting_factor,
        )
        if self.pain_at_limit is None:
            return condition
        return condition.with_changes(pain_at_limit=self.pain_at_limit)


@dataclass(frozen=True)
class Vignette:
    id: str
    joint_id: str
    text: str
    answer: CaseAnswer
    rationale: str
    source: str
    precautions: tuple[str, ...] = ()  # precaution ids (precautions.toml) the case turns on
    play_grade: Grade | None = None  # grade to play in feedback (grade answers only)
    diagram: CaseDiagram | None = None
    condition: Condition | None = None  # the diagram as a model Condition on the case's joint

    @property
    def available_limit(self) -> float | None:
        """L to animate; None: no diagram."""
        return None if self.diagram is None else self.diagram.limit_deg


@dataclass
class VignetteBank:
    vignettes: list[Vignette]
    errors: list[ContentError] = field(default_factory=list)

    def get(self, vignette_id: str) -> Vignette | None:
        return next((v for v in self.vignettes if v.id == vignette_id), None)

    def by_answer(self, answer: CaseAnswer) -> list[Vignette]:
        return [v for v in self.vignettes if v.answer is answer]


def _vignette_parser(joints: Mapping[str, JointSpec], precaution_ids: set[str]):
    def parse(entry: Entry) -> Vignette:
        entry.check_keys(KEYS)
        vignette_id = entry.identifier()

        joint_id = entry.text("joint")
        if joint_id not in joints:
            known = ", ".join(sorted(joints)) or "none"
            raise entry.error("joint", f"unknown joint {joint_id!r}; known joints: {known}")

        raw_answer = entry.text("answer")
        try:
            answer = CaseAnswer(raw_answer)
        except ValueError:
            allowed = ", ".join(a.value for a in CaseAnswer)
            raise entry.error("answer", f"must be one of {allowed}, got {raw_answer!r}") from None

        tags = entry.text_list("precautions")
        for tag in tags:
            if tag not in precaution_ids:
                raise entry.error("precautions", f"unknown precaution id {tag!r}")

        play_grade = _play_grade(entry, answer)
        diagram = _diagram(entry)
        condition = None
        if diagram is not None:
            condition = _condition(entry, diagram, joints[joint_id])
        elif answer.grades:
            raise entry.error("diagram", "missing: a grade answer needs the case's diagram")

        return Vignette(
            vignette_id,
            joint_id,
            entry.text("text"),
            answer,
            entry.text("rationale"),
            entry.text("source"),
            tags,
            play_grade,
            diagram,
            condition,
        )

    return parse


def _diagram(entry: Entry) -> CaseDiagram | None:
    table = entry.table.get("diagram")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise entry.error("diagram", "must be a table, [vignette.diagram]")
    sub = Entry(table, entry.path, entry.kind, 0)
    sub.entry_id = entry.entry_id
    try:
        sub.check_keys(DIAGRAM_KEYS)
        try:
            factor = LimitingFactor.parse(sub.text("limiting_factor"))
        except ValueError as exc:
            raise sub.error("limiting_factor", str(exc)) from None
        diagram = CaseDiagram(
            sub.number("limit_deg"),
            sub.number("resistance_onset_deg"),
            sub.number("pain_onset_deg", required=False),
            factor,
            sub.number("pain_at_limit", required=False),
            sub.text("source"),
        )
    except ContentError as exc:
        raise entry.error(f"diagram.{exc.field_name}", exc.problem) from None
    return diagram


def _check_pain(entry: Entry, d: CaseDiagram) -> None:
    if d.pain_limited and d.pain_onset_deg >= d.limit_deg:
        raise entry.error("diagram.pain_onset_deg", "must lie before L when pain limits")
    if not d.pain_limited and d.resistance_onset_deg >= d.limit_deg:
        raise entry.error(
            "diagram.resistance_onset_deg", "must lie before L when resistance limits"
        )
    if d.pain_at_limit is None:
        return
    if d.pain_limited or d.pain_onset_deg is None:
        raise entry.error(
            "diagram.pain_at_limit",
            "P′ is the pain at L when resistance limits: needs P1 and limiting_factor = resistance",
        )


def _condition(entry: Entry, diagram: CaseDiagram, joint: JointSpec) -> Condition:
    """The model's Condition for the diagram; the model's checks come first."""
    try:
        condition = diagram.condition(joint)
    except ConditionError as exc:
        raise entry.error(_field_named(str(exc)), str(exc)) from None
    _check_pain(entry, diagram)
    return condition


def _field_named(problem: str) -> str:
    """The diagram field a model ConditionError is about (it names L, R1, P1 or P′)."""
    named = problem.split("=")[0]
    for mark, key in (
        ("pain_at_limit", "pain_at_limit"),
        ("R1", "resistance_onset_deg"),
        ("P1", "pain_onset_deg"),
    ):
        if mark in named:
            return f"diagram.{key}"
    return "diagram.limit_deg"


def _play_grade(entry: Entry, answer: CaseAnswer) -> Grade | None:
    label = entry.text("play_grade", required=False)
    if label is None:
        return None
    if not answer.grades:
        raise entry.error("play_grade", f"answer {answer.value!r} plays no grade; remove it")
    allowed = [g.label for g in answer.grades]
    if label not in allowed:
        raise entry.error(
            "play_grade",
            f"must be one of {', '.join(allowed)} for answer {answer.value!r}, got {label!r}",
        )
    return Grade[label]


def load_vignettes(
    path: Path | str | None = None,
    joints: JointLibrary | Mapping[str, JointSpec] | None = None,
    precaution_ids: Iterable[str] | None = None,
) -> VignetteBank:
    """Every vignette that loaded, plus one error per bad one.

    `path` is a file or a directory holding vignettes.toml (default: the bundled
    assets). `joints` defaults to the joint presets; `precaution_ids` to the ids in
    the precautions.toml beside the vignettes (or the bundled one).
    """
    path = resolve(path, VIGNETTES_FILE.name)
    if joints is None:
        joints = load_library()
    if isinstance(joints, JointLibrary):
        joints = joints.joints
    if precaution_ids is None:
        beside = path.parent / PRECAUTIONS_FILE.name
        precaution_ids = load_precautions(beside if beside.is_file() else None).ids
    known_precautions = set(precaution_ids)
    doc, error = read_toml(path)
    if doc is None:
        return VignetteBank([], [error])
    errors = check_top_keys(doc, {"vignette"}, path)
    vignettes = parse_entries(
        doc, "vignette", path, _vignette_parser(joints, known_precautions), lambda v: v.id, errors
    )
    return VignetteBank(vignettes, errors)
