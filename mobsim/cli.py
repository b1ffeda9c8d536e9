"""Command-line front door: the GUI launch and the headless commands.

Bad arguments exit with code 2 and one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

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
from mobsim.model.motion import FREQUENCY_RANGE, check_frequency
from mobsim.model.tracefile import write_trace_csv

EXIT_USAGE = 2


class UsageError(Exception):
    """A bad argument: printed as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one clear line instead of usage + message
        raise UsageError(message)


def _positive(kind):
    def convert(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be greater than 0, got {text}")
        return value

    convert.__name__ = kind.__name__
    return convert


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None


def _whole(minimum: int, maximum: int = 2**63 - 1):
    """A whole number from minimum (--seed 0+, --questions 1+); SQLite stores up to 2**63 - 1."""

    def convert(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not minimum <= value <= maximum:
            raise argparse.ArgumentTypeError(f"must be {minimum} to {maximum}, got {text}")
        return value

    return convert


def _profile(text: str) -> str:
    from mobsim.quiz.store import profile_name

    try:
        return profile_name(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    from mobsim.quiz.levels import Level

    lo, hi = FREQUENCY_RANGE
    p = _Parser(
        prog="mobsim",
        description="mobsim: a simulator that teaches joint-mobilization grades (Maitland I–V). "
        "Without a headless option it opens the simulator window.",
    )
    show = p.add_argument_group("what to show")
    show.add_argument("--joint", metavar="ID", help="joint preset id (see --list-joints)")
    show.add_argument(
        "--grade",
        metavar="G",
        help="grade I, II, III, IV or V; III and IV take -- - + ++ "
        "with --convention resistance (e.g. IV+)",
    )
    show.add_argument(
        "--limit",
        metavar="DEG",
        type=_number,
        help="available limit L in degrees (stiff joint); default L = B, normal",
    )
    show.add_argument(
        "--r1",
        metavar="DEG",
        type=_number,
        help="resistance onset R1 in degrees (default: the preset's, scaled to L)",
    )
    show.add_argument(
        "--p1", metavar="DEG", type=_number, help="pain onset P1 in degrees, in (A, L]"
    )
    show.add_argument(
        "--limiting",
        choices=[f.value for f in LimitingFactor],
        help="what limits the movement at L: resistance (default) or pain (needs --p1)",
    )
    show.add_argument(
        "--convention",
        choices=[c.value for c in Convention],
        help="grading convention (default quartile)",
    )
    show.add_argument(
        "--frequency",
        metavar="HZ",
        type=_number,
        help=f"oscillation frequency, {lo:g}–{hi:g} Hz (default: I and IV 2 Hz, II and III 1 Hz)",
    )

    lecture = p.add_argument_group("lecture set-up (combine freely, also with --screenshot)")
    lecture.add_argument(
        "--theme",
        choices=["default", "projector", "colorblind"],
        help="colour profile: projector = light, high contrast, thick lines; "
        "colorblind = Okabe–Ito palette",
    )
    lecture.add_argument(
        "--scale",
        metavar="F",
        type=_number,
        help="text and stroke scale, 0.75–2.5 (Ctrl+= / Ctrl+− in the app)",
    )
    lecture.add_argument("--fullscreen", action="store_true", help="start full screen")
    lecture.add_argument(
        "--about", action="store_true", help="show the 'About this grade' panel (G in the app)"
    )
    lecture.add_argument(
        "--compare",
        nargs="?",
        const="grades",
        choices=["grades", "stiff"],
        help="start in a compare view: all five grades (default) or the "
        "grade on a normal and a stiff joint",
    )

    head = p.add_argument_group("headless commands")
    head.add_argument(
        "--list-joints",
        action="store_true",
        help="print the joint ids with their motion and range, then exit",
    )
    head.add_argument(
        "--export-trace",
        metavar="PATH.csv",
        type=Path,
        help="write the simulated motion as CSV (time_s,angle_deg,...) and exit",
    )
    head.add_argument(
        "--seconds",
        metavar="S",
        type=_positive(float),
        default=10.0,
        help="length of the exported trace in seconds (default 10)",
    )
    head.add_argument(
        "--rate",
        metavar="HZ",
        type=_positive(float),
        default=100.0,
        help="samples per second in the exported trace (default 100)",
    )
    head.add_argument(
        "--export-gif",
        metavar="PATH.gif",
        type=Path,
        help="render N cycles of the current motion as an animated GIF and exit",
    )
    head.add_argument(
        "--cycles",
        metavar="N",
        type=int,
        default=3,
        help="cycles in the exported GIF, 1–20 (default 3)",
    )
    head.add_argument(
        "--screenshot",
        metavar="PATH.png",
        type=Path,
        help="render the window offscreen, save it as PNG and exit (needs no "
        "display; only the arguments count: saved settings are not used)",
    )
    head.add_argument(
        "--at",
        metavar="SECONDS",
        type=_number,
        default=2.0,
        help="simulated seconds before the screenshot (default 2)",
    )
    head.add_argument(
        "--size", metavar="WxH", default=None, help="window size for --screenshot, e.g. 1280x800"
    )

    head.add_argument(
        "--export-history",
        metavar="PATH.csv",
        type=Path,
        help="write every stored quiz attempt (all profiles) as CSV and exit",
    )

    quiz = p.add_argument_group("quiz")
    quiz.add_argument(
        "--quiz",
        action="store_true",
        help="start in quiz mode: name the grade of an unlabeled motion",
    )
    quiz.add_argument(
        "--level",
        choices=[level.value for level in Level],
        default="basic",
        help="basic: normal joints, A, R1, L marked; standard: stiff joints; "
        "expert: stiff joints, only L marked, ± grades (default basic)",
    )
    quiz.add_argument(
        "--seed",
        metavar="N",
        type=_whole(0),
        help="seed (0 or more) that makes the quiz reproducible",
    )
    quiz.add_argument(
        "--profile",
        metavar="NAME",
        type=_profile,
        help="student profile whose history and practice weights are used",
    )
    quiz.add_argument(
        "--questions",
        metavar="N",
        type=_whole(1),
        help="number of questions (default: until you stop)",
    )
    quiz.add_argument(
        "--cases",
        metavar="F",
        type=_number,
        default=0.0,
        help="share of patient-case questions, 0–1 (default 0: recognition only)",
    )

    store = p.add_argument_group("storage")
    store.add_argument(
        "--data-dir",
        metavar="DIR",
        type=Path,
        help="where quiz history and settings live "
        "(default: the platform's per-user data directory)",
    )
    store.add_argument("--joints-dir", metavar="DIR", type=Path, help=argparse.SUPPRESS)
    # bench/startup.py: paint the first frame, print 'painted', exit.
    p.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    return p


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
        raise UsageError("no joint presets could be loaded")
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
    frequency = None
    if args.frequency is not None:
        try:
            frequency = check_frequency(args.frequency)
        except ValueError as exc:
            raise UsageError(f"--frequency: {exc}") from None
    return Scene(joint, condition, choice, convention, frequency)


def list_joints(library: JointLibrary, out=None) -> None:
    out = out or sys.stdout
    width = max(len(j) for j in library.ids) if library.joints else 0
    for joint in library.joints.values():
        span = f"{joint.start:g}–{joint.normal_end:g}°"
        print(
            f"{joint.id:<{width}}  {joint.motion:<24} {span:<9} (R1 {joint.resistance_onset:g}°,"
            f" margin {joint.margin:g}°)",
            file=out,
        )


def export_trace(scene: Scene, path: Path, seconds: float, rate: float) -> int:
    grade_band = band(scene.choice, scene.joint, scene.condition, scene.convention)
    try:
        rows = write_trace_csv(path, grade_band, scene.condition, scene.frequency, seconds, rate)
    except OSError as exc:
        raise UsageError(f"--export-trace: cannot write {path}: {exc.strerror}") from None
    print(
        f"wrote {rows} samples of grade {scene.choice.display} on {scene.joint.id} "
        f"({grade_band.low:.1f}–{grade_band.high:.1f}°) to {path}"
    )
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


def display_available() -> bool:
    """Whether Qt can open a window here (or was told to render offscreen)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


NO_DISPLAY = (
    "mobsim: no display found (DISPLAY and WAYLAND_DISPLAY are unset). Run it on a "
    "desktop, under xvfb-run, or set QT_QPA_PLATFORM=offscreen for headless use."
)


def parse_size(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise UsageError(f"--size: {text!r} is not WIDTHxHEIGHT, e.g. 1280x800") from None
    if not (320 <= w <= 7680 and 240 <= h <= 4320):
        raise UsageError(f"--size: {w}x{h} is outside 320x240–7680x4320")
    return w, h


def run(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    library = load_library(args.joints_dir) if args.joints_dir else load_library()
    for error in library.errors:
        print(f"mobsim: warning: skipped joint preset {error}", file=sys.stderr)
    if args.list_joints:
        list_joints(library)
        return 0
    if args.export_history:
        return export_history(args.data_dir, args.export_history)
    scene = resolve_scene(args, library)
    if args.export_trace:
        return export_trace(scene, args.export_trace, args.seconds, args.rate)
    size = parse_size(args.size)
    if args.scale is not None and not 0.75 <= args.scale <= 2.5:
        raise UsageError(f"--scale must be 0.75–2.5, got {args.scale:g}")
    if not 0.0 <= args.cases <= 1.0:
        raise UsageError(f"--cases must be a share from 0 to 1, got {args.cases:g}")
    if args.export_gif and not 1 <= args.cycles <= 20:
        raise UsageError(f"--cycles must be 1–20, got {args.cycles}")
    if args.screenshot or args.export_gif:
        if args.at < 0:
            raise UsageError(f"--at must be 0 or more seconds, got {args.at:g}")
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    elif not display_available():
        print(NO_DISPLAY, file=sys.stderr)
        return EXIT_USAGE
    from mobsim.ui.app import launch

    return launch(args, scene, library, size)


def main(argv: list[str] | None = None) -> int:
    try:
        return run(argv)
    except UsageError as exc:
        print(f"mobsim: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
