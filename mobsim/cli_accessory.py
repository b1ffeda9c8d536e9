"""The command line for accessory techniques (mm) and --grading {maitland,kaltenborn}.

cli.py only adds the options and dispatches here; every rule lives in the model.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from mobsim.cliargs import frequency_option, quiz_samples
from mobsim.model.accessory import AccessoryTechnique, accessory_band, condition_for
from mobsim.model.accessory_trace import write_translation_csv
from mobsim.model.grades import Convention, GradeChoice
from mobsim.model.joints import ConditionError
from mobsim.model.kaltenborn import KaltenbornGrade, kaltenborn_band
from mobsim.model.kaltenborn import motion_for as kaltenborn_motion
from mobsim.model.library import JointLibrary
from mobsim.model.motion import Motion, motion_for

GRADINGS = ("maitland", "kaltenborn")


class AccessoryUsageError(Exception):
    """A bad argument for an accessory technique: one line, exit 2."""


@dataclass
class AccessoryScene:
    technique: AccessoryTechnique
    condition: object  # mobsim.model.joints.Condition, in mm
    grading: str
    choice: GradeChoice | None  # Maitland
    kaltenborn: KaltenbornGrade | None
    convention: Convention
    frequency: float | None

    @property
    def grade_label(self) -> str:
        if self.kaltenborn is not None:
            return f"Kaltenborn {self.kaltenborn.label} ({self.kaltenborn.title})"
        return f"grade {self.choice.display}"

    def band_mm(self) -> tuple[float, float]:
        if self.kaltenborn is not None:
            b = kaltenborn_band(self.kaltenborn, self.condition)
        else:
            b = accessory_band(self.choice, self.technique, self.condition, self.convention)
        return b.low, b.high

    def motion(self) -> Motion:
        if self.kaltenborn is not None:
            return kaltenborn_motion(kaltenborn_band(self.kaltenborn, self.condition))
        b = accessory_band(self.choice, self.technique, self.condition, self.convention)
        return motion_for(b, self.frequency)


def add_arguments(group: argparse._ArgumentGroup) -> None:
    group.add_argument(
        "--grading",
        choices=GRADINGS,
        help="grade system: maitland (I–V, default) or kaltenborn (I–III, accessory "
        "techniques only; sustained, not oscillatory)",
    )


def wants_accessory(args: argparse.Namespace, library: JointLibrary) -> bool:
    return args.grading == "kaltenborn" or (args.joint in library.techniques)


def resolve(args: argparse.Namespace, library: JointLibrary) -> AccessoryScene:
    """--joint/--grade/--limit/... for a technique (mm), or AccessoryUsageError."""
    technique = _technique(args, library)
    try:
        condition = condition_for(technique, args.limit, args.r1, args.p1)
    except ConditionError as exc:
        raise AccessoryUsageError(f"{technique.id}: {exc}") from None
    if args.grading == "kaltenborn":
        return _kaltenborn(args, technique, condition)
    convention = Convention(args.convention or Convention.QUARTILE.value)
    try:
        choice = GradeChoice.parse(args.grade or "I")
    except ValueError as exc:
        raise AccessoryUsageError(f"--grade: {exc}") from None
    if choice.modifier.value and convention is not Convention.RESISTANCE:
        raise AccessoryUsageError(f"--grade {args.grade}: modifiers need --convention resistance")
    frequency = frequency_option(args.frequency, AccessoryUsageError)
    return AccessoryScene(technique, condition, "maitland", choice, None, convention, frequency)


def _technique(args: argparse.Namespace, library: JointLibrary) -> AccessoryTechnique:
    if not library.techniques:
        raise AccessoryUsageError("no accessory technique presets could be loaded")
    if args.joint is None:
        return next(iter(library.techniques.values()))
    if args.joint in library.joints:
        raise AccessoryUsageError(
            f"--grading kaltenborn: {args.joint!r} is an angular joint; Kaltenborn grades "
            "apply to accessory techniques only (see --list-joints, unit mm)"
        )
    if args.joint not in library.techniques:
        known = ", ".join(library.techniques)
        raise AccessoryUsageError(f"unknown accessory technique {args.joint!r}; known: {known}")
    return library.techniques[args.joint]


def _kaltenborn(args, technique, condition) -> AccessoryScene:
    for option, value in (("--convention", args.convention), ("--frequency", args.frequency)):
        if value is not None:
            raise AccessoryUsageError(
                f"{option} belongs to Maitland grading; Kaltenborn grades are sustained"
            )
    try:
        grade = KaltenbornGrade.parse(args.grade or "I")
    except ValueError as exc:
        raise AccessoryUsageError(f"--grade: {exc}") from None
    return AccessoryScene(
        technique, condition, "kaltenborn", None, grade, Convention.QUARTILE, None
    )


def export_quiz(args: argparse.Namespace, library: JointLibrary) -> int:
    """--export-quiz for accessory questions: --joint TECHNIQUE and/or --grading kaltenborn."""
    import json

    from mobsim.model.atomic import atomic_open
    from mobsim.quiz import accessory as quiz
    from mobsim.quiz.levels import Level

    if args.seed is None or args.questions is None:
        raise AccessoryUsageError("--export-quiz needs --seed N and --questions N")
    techniques = [_technique(args, library)] if args.joint else list(library.techniques.values())
    grading = quiz.KALTENBORN if args.grading == "kaltenborn" else quiz.ACCESSORY
    deck = quiz.AccessoryDeck(techniques, grading, Level.parse(args.level or "basic"), args.seed)
    seconds = 12.0 if args.seconds is None else args.seconds
    quiz_samples(args.rate, seconds, AccessoryUsageError)
    try:
        with atomic_open(args.export_quiz, "w", encoding="utf-8") as out:
            for _ in range(args.questions):
                record = deck.draw().record(seconds, args.rate)
                out.write(json.dumps(record, separators=(",", ":")) + "\n")
    except OSError as exc:
        raise AccessoryUsageError(
            f"--export-quiz: cannot write {args.export_quiz}: {exc.strerror or exc}"
        ) from None
    print(f"wrote {args.questions} {grading} questions (seed {args.seed}) to {args.export_quiz}")
    return 0


def list_techniques(library: JointLibrary, out=None) -> None:
    out = out or sys.stdout
    width = max((len(i) for i in library.techniques), default=0)
    for t in library.techniques.values():
        span = f"0–{t.available_mm:g} mm"
        print(
            f"{t.id:<{width}}  {t.description}; {span} (toe end R1 {t.toe_end_mm:g} mm; "
            f"serves {t.serves.split(':')[0]})",
            file=out,
        )


def export_trace(scene: AccessoryScene, path: Path, seconds: float, rate: float) -> int:
    low, high = scene.band_mm()
    try:
        rows = write_translation_csv(
            path, scene.motion(), scene.technique, scene.condition, (low, high), seconds, rate
        )
    except OSError as exc:
        raise AccessoryUsageError(
            f"--export-trace: cannot write {path}: {exc.strerror or exc}"
        ) from None
    print(
        f"wrote {rows} samples of {scene.grade_label} on {scene.technique.id} "
        f"({low:.2f}–{high:.2f} mm) to {path}"
    )
    return 0
