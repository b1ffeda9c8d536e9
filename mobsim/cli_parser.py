"""The command line's grammar: every option, its check and its help text.

`mobsim.cli` runs what the parsed arguments ask for; this module only says what may
be asked. Bad arguments raise UsageError, printed by the CLI as one line (exit 2).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from mobsim import cli_accessory
from mobsim.cliargs import (
    MAX_GIF_CYCLES,
    MAX_RATE_HZ,
    MAX_SECONDS,
    OneLineParser,
    bounded_float,
    bounded_int,
    degrees,
    existing_folder,
    nonempty,
    output_file,
    seconds,
    window_size,
)
from mobsim.model import Convention
from mobsim.model.joints import LimitingFactor
from mobsim.model.motion import FREQUENCY_RANGE

EXIT_USAGE = 2
# The screens of the public contract (mobsim.ui.screens says which are built).
SCREEN_NAMES = ("explore", "compare", "quiz", "accessory", "diagram", "perform")


class UsageError(Exception):
    """A bad argument: printed as one line, exit code 2."""


class _Parser(OneLineParser):
    error_type = UsageError


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
        allow_abbrev=False,  # --screen must never be taken for --screenshot
        description="mobsim: a simulator that teaches joint-mobilization grades (Maitland I–V). "
        "Without a headless option it opens the simulator window.",
    )
    show = p.add_argument_group("what to show")
    show.add_argument(
        "--joint", metavar="ID", type=nonempty, help="joint preset id (see --list-joints)"
    )
    show.add_argument(
        "--grade",
        metavar="G",
        type=nonempty,
        help="grade I, II, III, IV or V; III and IV take -- - + ++ "
        "with --convention resistance (e.g. IV+)",
    )
    show.add_argument(
        "--limit",
        metavar="DEG",
        type=degrees,
        help="available limit L in degrees, or mm for an accessory technique (stiff joint); "
        "default L = B, normal",
    )
    show.add_argument(
        "--r1",
        metavar="DEG",
        type=degrees,
        help="resistance onset R1 in degrees; for an accessory technique the end of the toe "
        "region in mm (default: the preset's, scaled to L)",
    )
    show.add_argument(
        "--p1",
        metavar="DEG",
        type=degrees,
        help="pain onset P1 in degrees (mm for an accessory technique)",
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
    cli_accessory.add_arguments(show)
    show.add_argument(
        "--frequency",
        metavar="HZ",
        type=bounded_float(lo, hi, unit="Hz"),
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
        type=bounded_float(0.75, 2.5),
        help="text and stroke scale, 0.75–2.5 (Ctrl+= / Ctrl+− in the app)",
    )
    lecture.add_argument("--fullscreen", action="store_true", help="start full screen")
    lecture.add_argument(
        "--presentation",
        action="store_true",
        help="hide the control panel and read-outs, for a lecture from the keyboard (F9)",
    )
    lecture.add_argument(
        "--screen",
        metavar="NAME",
        choices=SCREEN_NAMES,
        help="open this screen: " + ", ".join(SCREEN_NAMES) + " (with --screenshot: render it)",
    )
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
    head.add_argument("--version", action="store_true", help="print the version and exit")
    head.add_argument(
        "--list-joints",
        action="store_true",
        help="print the joint ids with their motion and range, then exit",
    )
    head.add_argument(
        "--export-trace",
        metavar="PATH.csv",
        type=output_file(".csv"),
        help="write the simulated motion as CSV (time_s,angle_deg,...) and exit",
    )
    head.add_argument(
        "--seconds",
        metavar="S",
        type=seconds,
        default=None,
        help="length of the exported trace in seconds (default 10; --export-quiz 12)",
    )
    head.add_argument(
        "--rate",
        metavar="HZ",
        type=bounded_float(0.0, MAX_RATE_HZ, low_open=True, unit="Hz"),
        default=100.0,
        help="samples per second in the exported trace (default 100)",
    )
    head.add_argument(
        "--export-gif",
        metavar="PATH.gif",
        type=output_file(".gif"),
        help="render N cycles of the current motion as an animated GIF and exit",
    )
    head.add_argument(
        "--cycles",
        metavar="N",
        type=bounded_int(1, MAX_GIF_CYCLES),
        default=3,
        help="cycles in the exported GIF, 1–20 (default 3)",
    )
    head.add_argument(
        "--screenshot",
        metavar="PATH.png",
        type=output_file(".png"),
        help="render the window offscreen, save it as PNG and exit (needs no "
        "display; only the arguments count: saved settings are not used)",
    )
    head.add_argument(
        "--at",
        metavar="SECONDS",
        type=bounded_float(0.0, MAX_SECONDS, unit="s"),
        default=2.0,
        help="simulated seconds before the screenshot (default 2)",
    )
    head.add_argument(
        "--size",
        metavar="WxH",
        type=window_size,
        default=None,
        help="window size for --screenshot, e.g. 1280x800",
    )

    head.add_argument(
        "--score-performance",
        metavar="TRACE.csv",
        type=Path,
        help="mark a recorded motion (the CSV --export-trace writes) against --grade on "
        "--joint (with --limit, --r1, --p1, --convention); print one JSON object and exit",
    )
    head.add_argument(
        "--export-history",
        metavar="PATH.csv",
        type=output_file(".csv"),
        help="write every stored quiz attempt (all profiles) as CSV and exit",
    )

    quiz = p.add_argument_group("quiz")
    quiz.add_argument(
        "--export-quiz",
        metavar="PATH.jsonl",
        type=output_file(".jsonl"),
        help="write --questions recognition questions of --level with --seed, exactly as "
        "shown, as JSON lines (motion at --rate Hz over --seconds, default 100 Hz, 12 s) "
        "and exit; with --accessory F (or --grading kaltenborn) glides too, whose lines "
        "carry translation_mm and *_mm fields",
    )
    quiz.add_argument(
        "--quiz",
        action="store_true",
        help="start in quiz mode: name the grade of an unlabeled motion",
    )
    quiz.add_argument(
        "--level",
        choices=[level.value for level in Level],
        help="basic: normal joints, A, R1, L marked; standard: stiff joints; "
        "expert: stiff joints, only L marked, ± grades (default basic)",
    )
    quiz.add_argument(
        "--seed",
        metavar="N",
        type=bounded_int(0),
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
        type=bounded_int(1),
        help="number of questions (default: until you stop)",
    )
    quiz.add_argument(
        "--cases",
        metavar="F",
        type=bounded_float(0.0, 1.0),
        help="share of patient-case questions, 0–1 (default 0: recognition only)",
    )
    quiz.add_argument(
        "--accessory",
        metavar="F",
        type=bounded_float(0.0, 1.0),
        help="share of the motion questions that are accessory glides in mm, 0–1 "
        "(default 0; 1 with --grading kaltenborn, whose grades apply to glides only)",
    )
    quiz.add_argument(
        "--quiz-page",
        choices=("start", "question", "feedback", "summary"),
        help="with --quiz or --screen quiz: open this page (a question, the feedback "
        "after a wrong answer, or the summary), e.g. for --screenshot (default start)",
    )

    store = p.add_argument_group("storage")
    store.add_argument(
        "--data-dir",
        metavar="DIR",
        type=existing_folder,
        help="where quiz history and settings live "
        "(default: the platform's per-user data directory)",
    )
    store.add_argument("--joints-dir", metavar="DIR", type=existing_folder, help=argparse.SUPPRESS)
    # bench/startup.py: paint the first frame, print 'painted', exit.
    p.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    return p
