"""Command-line front door: the GUI launch and the headless commands.

Bad arguments exit with code 2 and one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from mobsim import __version__, cli_accessory
from mobsim.cli_parser import EXIT_USAGE, UsageError, build_parser
from mobsim.cliargs import (
    frequency_option,
    quiz_samples,
)
from mobsim.display import display_problem, no_display_line
from mobsim.interrupt import sigint_noted
from mobsim.model import (
    Condition,
    ConditionError,
    Convention,
    GradeChoice,
    JointLibrary,
    JointSpec,
    band,
    load_library,
)
from mobsim.model.joints import LimitingFactor
from mobsim.model.tracefile import write_trace_csv


@dataclass
class Scene:
    """What the arguments ask to show, validated against the model."""

    joint: JointSpec
    condition: Condition
    choice: GradeChoice
    convention: Convention
    frequency: float | None


def resolve_scene(args: argparse.Namespace, library: JointLibrary) -> Scene:
    """Turn --joint/--grade/--limit/... into model objects, or raise UsageError."""
    if not library.joints:
        raise UsageError(NO_PRESETS)
    try:
        joint = library.get(args.joint) if args.joint else library.first()
    except KeyError as exc:
        raise UsageError(exc.args[0]) from None
    convention = Convention(args.convention or Convention.QUARTILE.value)
    choice = GradeChoice.parse("I")
    if args.grade:
        try:
            choice = GradeChoice.parse(args.grade)
        except ValueError as exc:
            raise UsageError(f"--grade: {exc}") from None
        if choice.modifier.value and convention is not Convention.RESISTANCE:
            raise UsageError(f"--grade {args.grade}: modifiers need --convention resistance")
    try:
        limiting = args.limiting or LimitingFactor.RESISTANCE
        condition = Condition.for_joint(joint, args.limit, args.r1, args.p1, limiting)
    except ConditionError as exc:
        raise UsageError(f"{joint.id}: {exc}") from None
    frequency = frequency_option(args.frequency, UsageError)
    return Scene(joint, condition, choice, convention, frequency)


NO_PRESETS = "no joint presets could be loaded (see the warnings above)"


def printable(text: str) -> str:
    """Text from a preset file made safe for a terminal: control characters shown escaped."""
    return "".join(
        ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii")
        for ch in text
    )


def list_joints(library: JointLibrary, out=None) -> None:
    out = out or sys.stdout
    width = max(len(printable(j)) for j in library.ids) if library.joints else 0
    for joint in library.joints.values():
        span = f"{joint.start:g}–{joint.normal_end:g}°"
        name, motion = printable(joint.id), printable(joint.motion)
        print(
            f"{name:<{width}}  {motion:<24} {span:<9} (R1 {joint.resistance_onset:g}°,"
            f" margin {joint.margin:g}°)",
            file=out,
        )


def export_trace(scene: Scene, path: Path, seconds: float, rate: float) -> int:
    grade_band = band(scene.choice, scene.joint, scene.condition, scene.convention)
    try:
        rows = write_trace_csv(path, grade_band, scene.condition, scene.frequency, seconds, rate)
    except OSError as exc:
        raise UsageError(f"--export-trace: cannot write {path}: {exc.strerror or exc}") from None
    print(
        f"wrote {rows} samples of grade {scene.choice.display} on {scene.joint.id} "
        f"({grade_band.low:.1f}–{grade_band.high:.1f}°) to {path}"
    )
    return 0


def score_performance(scene, path: Path, given_grade: bool, column: str = "angle_deg") -> int:
    """--score-performance: the same marking as the perform screen, printed as JSON.

    `scene` is a joint Scene or an accessory scene (Maitland grades, `column` in mm)."""
    import json

    from mobsim.model.performance import RecordingError, Target, read_recording
    from mobsim.model.performance import score_performance as mark

    if not given_grade or scene.choice is None:
        raise UsageError("--score-performance needs a Maitland --grade (the grade that was asked)")
    try:
        recording = read_recording(path, column)
    except RecordingError as exc:
        raise UsageError(f"--score-performance: {exc}") from None
    limb = getattr(scene, "joint", None) or scene.technique
    target = Target.of(scene.choice, limb, scene.condition, scene.convention)
    print(json.dumps(mark(recording, target).as_dict(), ensure_ascii=False))
    return 0


def export_history(data_dir: Path | None, path: Path) -> int:
    from mobsim.quiz.store import export_history as write_history

    try:
        count, notice = write_history(data_dir, path)
    except OSError as exc:
        raise UsageError(f"--export-history: cannot write {path}: {exc.strerror or exc}") from None
    if notice:
        print(f"mobsim: note: {notice}", file=sys.stderr)
    print(f"wrote {count} quiz attempts to {path}")
    return 0


def check_screen(name: str | None) -> None:
    from mobsim.ui.screens import SCREENS

    if name is not None and name not in SCREENS:
        raise UsageError(
            f"--screen {name}: this screen is not built yet (built: {', '.join(SCREENS)})"
        )


def _trace_seconds(args: argparse.Namespace) -> float:
    return 10.0 if args.seconds is None else args.seconds


def quiz_glides(args: argparse.Namespace, library: JointLibrary) -> tuple[float, str]:
    """(share of glides, their grading) that --accessory and --grading ask of the quiz."""
    from mobsim.quiz.accessory import ACCESSORY, KALTENBORN

    kaltenborn = args.grading == "kaltenborn"
    share = args.accessory if args.accessory is not None else (1.0 if kaltenborn else 0.0)
    if kaltenborn and share == 0:
        raise UsageError(
            "--grading kaltenborn with --accessory 0: Kaltenborn grades apply to accessory "
            "glides only, so the quiz would ask none"
        )
    if share > 0 and not library.techniques:
        raise UsageError("--accessory: no accessory technique presets could be loaded")
    return share, KALTENBORN if kaltenborn else ACCESSORY


def wants_quiz_screen(args: argparse.Namespace, library: JointLibrary) -> bool:
    """--quiz or --screen quiz (not a technique's own screen): the quiz takes --grading."""
    quiz = args.quiz or args.screen == "quiz"
    return quiz and args.joint not in library.techniques


def export_quiz(args: argparse.Namespace, library: JointLibrary) -> int:
    """--export-quiz: the questions exactly as shown, as JSON lines (mobsim.quiz.export)."""
    from mobsim.quiz.export import DEFAULT_SECONDS
    from mobsim.quiz.export import export_quiz as write_quiz

    if args.seed is None or args.questions is None:
        raise UsageError("--export-quiz needs --seed N and --questions N")
    if not library.joints:
        raise UsageError(NO_PRESETS)
    share, grading = quiz_glides(args, library)
    seconds = DEFAULT_SECONDS if args.seconds is None else args.seconds
    quiz_samples(args.rate, seconds, UsageError)
    try:
        count = write_quiz(
            args.export_quiz,
            library,
            args.level or "basic",
            args.seed,
            args.questions,
            args.rate,
            seconds,
            share,
            grading,
        )
    except OSError as exc:
        raise UsageError(
            f"--export-quiz: cannot write {args.export_quiz}: {exc.strerror or exc}"
        ) from None
    mix = f", {share:.0%} {grading} glides" if share else ""
    level = args.level or "basic"
    print(f"wrote {count} {level} questions{mix} (seed {args.seed}) to {args.export_quiz}")
    return 0


def run(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.version:
        print(f"mobsim {__version__}")
        return 0
    library = load_library(args.joints_dir) if args.joints_dir else load_library()
    for error in library.errors:
        print(f"mobsim: warning: skipped joint preset {printable(str(error))}", file=sys.stderr)
    if args.list_joints:
        if not library.joints:
            raise UsageError(NO_PRESETS)
        list_joints(library)
        cli_accessory.list_techniques(library)
        return 0
    if args.export_history:
        return export_history(args.data_dir, args.export_history)
    one_technique = args.joint is not None and cli_accessory.wants_accessory(args, library)
    if args.export_quiz and args.accessory is None and one_technique:
        try:  # one technique's glides only (or a Kaltenborn --joint that is no technique)
            return cli_accessory.export_quiz(args, library)
        except cli_accessory.AccessoryUsageError as exc:
            raise UsageError(str(exc)) from None
    if args.export_quiz:
        return export_quiz(args, library)
    quiz_glides(args, library)
    if cli_accessory.wants_accessory(args, library) and not wants_quiz_screen(args, library):
        return run_accessory(args, library)
    scene = resolve_scene(args, library)
    if args.export_trace:
        return export_trace(scene, args.export_trace, _trace_seconds(args), args.rate)
    if args.score_performance:
        return score_performance(scene, args.score_performance, given_grade=bool(args.grade))
    return launch_gui(args, scene, library)


def run_accessory(args: argparse.Namespace, library: JointLibrary) -> int:
    """An accessory technique (mm) or Kaltenborn grading: trace export or the accessory screen."""
    try:
        scene = cli_accessory.resolve(args, library)
        if args.export_trace:
            seconds = _trace_seconds(args)
            return cli_accessory.export_trace(scene, args.export_trace, seconds, args.rate)
    except cli_accessory.AccessoryUsageError as exc:
        raise UsageError(str(exc)) from None
    if args.screen not in (None, "accessory", "perform"):
        raise UsageError(
            f"--joint {scene.technique.id} is an accessory technique: "
            "use --screen accessory or --screen perform"
        )
    if args.screen == "perform" and scene.choice is None:
        raise UsageError("--screen perform asks for a Maitland grade, not a Kaltenborn one")
    if args.score_performance:
        if scene.choice is None:
            raise UsageError("--score-performance marks Maitland grades, not Kaltenborn's")
        return score_performance(scene, args.score_performance, bool(args.grade), "translation_mm")
    args.screen = args.screen or "accessory"
    args.accessory_scene = scene
    # The other screens still need an angular joint: the default one.
    angular = argparse.Namespace(
        **{
            **vars(args),
            "joint": None,
            "grade": None,
            "limit": None,
            "r1": None,
            "p1": None,
            "frequency": None,
        }
    )
    return launch_gui(args, resolve_scene(angular, library), library)


def launch_gui(args: argparse.Namespace, scene, library: JointLibrary) -> int:
    check_screen(args.screen)
    if args.quiz_page and not (args.quiz or args.screen == "quiz"):  # else silently unused
        raise UsageError(f"--quiz-page {args.quiz_page} is a page of the quiz: add --quiz")
    if args.screenshot or args.export_gif:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    problem = display_problem()
    if problem:
        print(no_display_line(problem), file=sys.stderr)
        return EXIT_USAGE
    with sigint_noted() as interrupted:  # Qt's bindings load here: see interrupt.py
        from mobsim.ui.app import launch
    if interrupted:
        raise KeyboardInterrupt
    return launch(args, scene, library, args.size)


def main(argv: list[str] | None = None) -> int:
    try:
        return run(argv)
    except UsageError as exc:
        print(f"mobsim: error: {printable(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("mobsim: interrupted; no file was changed", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
