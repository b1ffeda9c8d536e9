"""Quiz options on the command line: validated, kept on args; --export-history headless."""

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from mobsim.cli import build_parser, main
from mobsim.quiz import Attempt, HistoryStore
from mobsim.quiz.store import CSV_COLUMNS

ROOT = Path(__file__).resolve().parents[1]


def test_quiz_options_are_kept_on_args():
    args = build_parser().parse_args(
        ["--quiz", "--level", "expert", "--seed", "0", "--profile", " Ana ", "--questions", "12"]
    )
    assert (args.quiz, args.level, args.seed, args.profile, args.questions) == (
        True,
        "expert",
        0,
        "Ana",
        12,
    )
    args = build_parser().parse_args(["--quiz"])
    # No --level: None, so the quiz form keeps the level saved from the last launch
    # (basic the first time); a headless export uses basic.
    assert (args.level, args.seed, args.profile, args.questions) == (None, None, None, None)


HOUR_AT_10_KHZ = "--export-quiz q.jsonl --seed 1 --questions 1 --rate 10000 --seconds 3600"


@pytest.mark.parametrize(
    "argv,needle",
    [
        (["--quiz", "--level", "hard"], "invalid choice"),
        (["--quiz", "--seed", "-1"], "--seed"),
        (["--quiz", "--seed", "abc"], "not a whole number"),
        (["--quiz", "--seed", "1.5"], "not a whole number"),
        (["--quiz", "--seed", str(2**63)], "--seed"),
        (["--quiz", "--questions", "0"], "--questions"),
        (["--quiz", "--profile", ""], "profile"),
        (["--quiz-page", "summary", "--screenshot", "x.png"], "add --quiz"),  # was unused
        # An hour at 10 kHz a question took 4 GB of memory:
        (HOUR_AT_10_KHZ.split(), "at most 1,000,000"),
        ([*HOUR_AT_10_KHZ.split(), "--joint", "knee-posterior-glide"], "at most 1,000,000"),
    ],
)
def test_bad_quiz_arguments_exit_2_with_one_line(argv, needle, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert needle in err
    assert len(err.splitlines()) == 1 and "Traceback" not in err


def test_export_history_writes_all_attempts_and_exits_0(tmp_path, capsys):
    store = HistoryStore.open(tmp_path / "data")
    for name in ("ana", "ben"):
        s = store.start_session(name, "basic", "quartile", 1)
        store.record(
            s, Attempt(name, "basic", "knee", 130.0, 78.0, "quartile", "IV", "I", False, 1500, 9)
        )
    store.close()
    out = tmp_path / "h.csv"
    assert main(["--export-history", str(out), "--data-dir", str(tmp_path / "data")]) == 0
    assert "wrote 2 quiz attempts" in capsys.readouterr().out
    with out.open() as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == 3
    assert {r[3] for r in rows[1:]} == {"ana", "ben"}


def test_export_history_as_a_user_runs_it(tmp_path):
    out = tmp_path / "h.csv"
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--export-history",
            str(out),
            "--data-dir",
            str(tmp_path / "nothing-yet"),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert "no quiz history" in proc.stderr
    assert out.read_text().startswith("attempt_id,")


def test_export_history_to_an_unwritable_path_is_a_clear_error(tmp_path, capsys):
    HistoryStore.open(tmp_path / "d").close()
    assert (
        main(
            [
                "--export-history",
                str(tmp_path / "no" / "dir" / "h.csv"),
                "--data-dir",
                str(tmp_path / "d"),
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "cannot write" in err and len(err.strip().splitlines()) == 1


def test_help_documents_the_quiz_options():
    help_text = build_parser().format_help()
    for option in ("--quiz", "--level", "--seed", "--profile", "--questions", "--export-history"):
        assert option in help_text
