import csv
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from mobsim.cli import main

ROOT = Path(__file__).resolve().parents[1]


def read_trace(path):
    with open(path) as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], np.array(rows[1:], float)
    return header, body


def test_knee_grade_iv_stiff_at_90_sits_in_the_last_quarter(tmp_path):
    out = tmp_path / "k.csv"
    # The documented acceptance command, run as a user would.
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--export-trace",
            str(out),
            "--joint",
            "knee",
            "--grade",
            "IV",
            "--limit",
            "90",
            "--seconds",
            "10",
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    header, body = read_trace(out)
    assert header[:2] == ["time_s", "angle_deg"]
    t, angle = body[:, 0], body[:, 1]
    assert t[-1] == pytest.approx(10)
    assert len(t) == 1001  # default rate 100 Hz
    assert angle.min() >= 0.75 * 90
    assert angle.max() == pytest.approx(90, abs=0.01)


def test_rate_and_frequency(tmp_path):
    out = tmp_path / "t.csv"
    assert (
        main(
            [
                "--export-trace",
                str(out),
                "--grade",
                "II",
                "--frequency",
                "0.5",
                "--rate",
                "50",
                "--seconds",
                "4",
            ]
        )
        == 0
    )
    _, body = read_trace(out)
    assert len(body) == 201
    # 0.5 Hz: back at the start after 2 s
    assert body[100, 1] == pytest.approx(body[0, 1])


def test_list_joints(capsys):
    assert main(["--list-joints"]) == 0
    out = capsys.readouterr().out
    assert "knee" in out and "knee flexion" in out and "0–130°" in out


@pytest.mark.parametrize(
    "argv,needle",
    [
        (["--joint", "shoulderblade", "--export-trace", "x.csv"], "unknown joint"),
        (["--grade", "VI", "--export-trace", "x.csv"], "unknown grade"),
        (["--joint", "knee", "--limit", "200", "--export-trace", "x.csv"], "available limit"),
        (["--seconds", "-3", "--export-trace", "x.csv"], "--seconds"),
        (["--frequency", "9", "--export-trace", "x.csv"], "frequency"),
        (["--grade", "IV+", "--export-trace", "x.csv"], "resistance"),
        (["--convention", "maitland"], "invalid choice"),
        (["--limit", "abc"], "not a number"),
        (["--size", "huge", "--screenshot", "x.png"], "--size"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(argv, needle, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert needle in err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "x.csv").exists()


def test_unwritable_trace_path_is_a_clear_error(capsys, tmp_path):
    assert main(["--export-trace", str(tmp_path / "no" / "dir" / "t.csv")]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_help_documents_every_option():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--help"], capture_output=True, text=True
    )
    assert proc.returncode == 0
    for option in (
        "--joint",
        "--grade",
        "--limit",
        "--convention",
        "--export-trace",
        "--seconds",
        "--screenshot",
        "--at",
        "--list-joints",
        "--data-dir",
        "--frequency",
        "--rate",
    ):
        assert option in proc.stdout
