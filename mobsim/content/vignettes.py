"""Patient vignettes for case questions: which grades, or do not mobilise?

Data: assets/content/vignettes.toml. Every entry carries a `source`, its key
(`answer`) and, for grade answers, optionally a grade and a condition to play.
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
from mobsim.model.joints import Condition, ConditionError, JointLibrary, JointSpec, load_library

VIGNETTES_FILE = ASSET_DIR / "vignettes.toml"
KEYS = {
    "id",
    "joint",
    "text",
    "answer",
    "rationale",
    "source",
    "precautions",
    "limit_deg",
    "play_grade",
}


@dataclass(frozen=True)
class Vignette:
    id: str
    joint_id: str
    text: str
    answer: CaseAnswer
    rationale: str
    source: str
    precautions: tuple[str, ...] = ()  # precaution ids (precautions.toml) the case turns on
    available_limit: float | None = None  # L to animate; None: the normal joint (L = B)
    play_grade: Grade | None = None  # grade to play in feedback (grade answers only)


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

        limit = entry.number("limit_deg", required=False)
        play_grade = _play_grade(entry, answer)
        if limit is not None:
            if play_grade is None:
                raise entry.error("limit_deg", "needs play_grade: the grade to play at this limit")
            try:
                Condition.for_joint(joints[joint_id], available_limit=limit)
            except ConditionError as exc:
                raise entry.error("limit_deg", str(exc)) from None

        return Vignette(
            vignette_id,
            joint_id,
            entry.text("text"),
            answer,
            entry.text("rationale"),
            entry.text("source"),
            tags,
            limit,
            play_grade,
        )

    return parse


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
