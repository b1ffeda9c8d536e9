"""--score-performance: the public command, on the CSVs --export-trace writes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import mobsim.model.recording as recording
from mobsim.cli import main

ROOT = Path(__file__).resolve().parents[1]
GRADES = ["I", "II", "III", "IV", "V"]


def export(tmp_path: Path, grade: str, convention: str, *extra: str) -> Path:
    out = tmp_path / f"{grade}-{convention}.csv"
    args = ["--export-trace", str(out), "--joint", "knee", "--grade", grade]
    assert main([*args, "--convention", convention, "--seconds", "10", *extra]) == 0
    return out


def score(capsys, trace: Path, grade: str, convention: str, *extra: str) -> dict:
    capsys.readouterr()
    args = ["--score-performance", str(trace), "--joint", "knee", "--grade", grade]
    assert main([*args, "--convention", convention, *extra]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("convention", ["quartile", "resistance"])
@pytest.mark.parametrize("grade", GRADES)
def test_every_exported_grade_scores_high_as_itself(tmp_path, capsys, grade, convention):
    stiff = ("--limit", "90", "--r1", "60")
    trace = export(tmp_path, grade, convention, *stiff)
    result = score(capsys, trace, grade, convention, *stiff)
    assert set(result) >= {"score", "grade_matched", "criteria"}
    assert result["score"] >= 90
    assert result["grade_matched"] is True
    assert all(c["passed"] for c in result["criteria"].values())


@pytest.mark.parametrize("convention", ["quartile", "resistance"])
@pytest.mark.parametrize("grade", GRADES)
def test_an_exported_grade_scored_as_its_neighbour_fails(tmp_path, capsys, grade, convention):
    asked = GRADES[(GRADES.index(grade) + 1) % len(GRADES)]
    result = score(capsys, export(tmp_path, grade, convention), asked, convention)
    assert result["score"] <= 40
    assert result["grade_matched"] is False
    assert any(not c["passed"] for c in result["criteria"].values())


def test_the_documented_command_runs_as_a_user_would(tmp_path):
    trace = tmp_path / "iii.csv"
    common = ["--joint", "knee", "--limit", "90", "--grade", "III"]
    run = [sys.executable, str(ROOT / "main.py")]
    subprocess.run([*run, "--export-trace", str(trace), *common], check=True, capture_output=True)
    proc = subprocess.run(
        [*run, "--score-performance", str(trace), *common], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["grade_matched"] is True and result["score"] >= 90


def bad(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "bad.csv"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def rows(n: int, step: float = 0.01) -> str:
    return "".join(f"{i * step:.3f},{40 + (i % 50):.1f}\n" for i in range(n))


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("time_s,position\n" + rows(300), "missing column angle_deg"),
        ("angle_deg\n1\n2\n", "missing column time_s"),
        ("time_s,angle_deg\n" + rows(300) + "3.1,nan\n", "not a finite number"),
        ("time_s,angle_deg\n0,1\n2,2\n1,3\n3,4\n", "time does not increase at line 4"),
        ("time_s,angle_deg\n" + rows(150), "at least 2 s"),
        ("time_s,angle_deg\n" + rows(2000, 0.001), "only 1.99 s recorded"),  # said 2.00
        # A span too long to resample took 745 GiB, or overflowed with numpy warnings:
        ("time_s,angle_deg\n0,1\n1e9,2\n", "at most 3600 s"),
        ("time_s,angle_deg\n-1e308,1\n1e308,2\n", "at most 3600 s"),
        ("time_s,angle_deg\n1e308,1\n-1e308,2\n", "time does not increase at line 3"),
        ("time_s,angle_deg\n0,1\n1,x\n", "line 3: not two numbers"),
        (b"time_s,angle_deg\n0,\xff\xfe\n", "not UTF-8"),
        ('time_s,angle_deg\n0,"' + "x" * 200_000 + '"\n', "line 2: not CSV"),  # was csv.Error
        ('time_s,"' + "x" * 200_000 + '"\n0,1\n', "line 1: not CSV"),
    ],
)
def test_bad_csv_gives_one_clear_line_and_exit_2(tmp_path, capsys, content, words):
    path = bad(tmp_path, content)
    code = main(["--score-performance", str(path), "--joint", "knee", "--grade", "II"])
    err = capsys.readouterr().err
    assert code == 2
    assert words in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_huge_csv_is_refused_before_reading(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(recording, "MAX_TRACE_BYTES", 1000)
    path = bad(tmp_path, "time_s,angle_deg\n" + rows(400))
    assert main(["--score-performance", str(path), "--joint", "knee", "--grade", "II"]) == 2
    assert "too large" in capsys.readouterr().err


def test_scoring_needs_the_asked_grade(tmp_path, capsys):
    trace = export(tmp_path, "II", "quartile")
    assert main(["--score-performance", str(trace), "--joint", "knee"]) == 2
    assert "needs a Maitland --grade" in capsys.readouterr().err


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_a_device_or_a_pipe_is_refused_before_reading(tmp_path, capsys, special):
    """/dev/zero was read without limit (its size is 0), and a FIFO waited for ever."""
    import os

    if special == "fifo":
        special = str(tmp_path / "trace.csv")
        os.mkfifo(special)
    assert main(["--score-performance", special, "--joint", "knee", "--grade", "I"]) == 2
    assert "not a regular file" in capsys.readouterr().err


def test_a_missing_file_is_one_line(tmp_path, capsys):
    missing = tmp_path / "nope.csv"
    assert main(["--score-performance", str(missing), "--joint", "knee", "--grade", "I"]) == 2
    assert "cannot read" in capsys.readouterr().err


@pytest.mark.parametrize("convention", ["quartile", "resistance"])
@pytest.mark.parametrize("grade", GRADES)
def test_accessory_traces_in_mm_of_every_grade_score_as_themselves(
    tmp_path, capsys, grade, convention
):
    """time_s,translation_mm from --export-trace, a knee glide stiff at 4 mm; grade V is
    an accessory thrust of 0.5 mm past L, marked against the technique's own window."""
    out = tmp_path / "glide.csv"
    common = ["--joint", "knee-posterior-glide", "--grade", grade, "--limit", "4"]
    common += ["--convention", convention]
    assert main(["--export-trace", str(out), *common]) == 0
    capsys.readouterr()
    assert main(["--score-performance", str(out), *common]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["grade_matched"] is True, result
    assert result["score"] >= 90
    if grade == "V":
        excursion = result["criteria"]["excursion"]
        assert excursion["passed"] and "0.50 mm past L" in excursion["feedback"]


def test_an_angular_sized_thrust_on_a_glide_is_too_far(tmp_path, capsys):
    """3 mm past L would be a fine thrust in degrees but is past the glide's margin."""
    import numpy as np

    t = np.arange(0, 4, 0.01)
    x = np.where((t > 2.0) & (t < 2.2), 4.0 + 3.0 * np.sin(np.pi * (t - 2.0) / 0.2), 4.0)
    out = tmp_path / "far.csv"
    rows = "".join(f"{a:.3f},{b:.4f}\n" for a, b in zip(t, x, strict=True))
    out.write_text("time_s,translation_mm\n" + rows, encoding="utf-8")
    args = ["--joint", "knee-posterior-glide", "--grade", "V", "--limit", "4"]
    assert main(["--score-performance", str(out), *args]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["grade_matched"] is False
    assert result["criteria"]["excursion"]["feedback"].startswith("goes too far past L")


@pytest.mark.parametrize("grade", ["I", "II", "III", "IV"])
def test_accessory_traces_in_mm_are_scored_too(tmp_path, capsys, grade):
    out = tmp_path / "glide.csv"
    common = ["--joint", "knee-posterior-glide", "--grade", grade]
    assert main(["--export-trace", str(out), *common]) == 0
    capsys.readouterr()
    assert main(["--score-performance", str(out), *common]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["grade_matched"] is True and result["score"] >= 90


def test_an_angle_trace_is_refused_for_a_technique_in_mm(tmp_path, capsys):
    trace = export(tmp_path, "III", "quartile")
    args = ["--score-performance", str(trace), "--joint", "knee-posterior-glide", "--grade", "III"]
    assert main(args) == 2
    assert "missing column translation_mm" in capsys.readouterr().err
