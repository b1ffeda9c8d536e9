"""The command line for accessory techniques: mm traces, --grading, one-line errors."""

import csv

import numpy as np
import pytest

from mobsim.cli import main
from mobsim.model import load_library
from mobsim.model.accessory import accessory_band
from mobsim.model.grades import GradeChoice
from mobsim.model.kaltenborn import KaltenbornGrade, Zones, kaltenborn_band

TECHNIQUES = load_library().techniques


def read(path):
    with open(path) as fh:
        rows = list(csv.reader(fh))
    return rows[0], np.array(rows[1:], float)


def test_list_joints_shows_techniques_with_their_unit(capsys):
    assert main(["--list-joints"]) == 0
    out = capsys.readouterr().out
    for technique_id in TECHNIQUES:
        line = next(li for li in out.splitlines() if li.startswith(technique_id + " "))
        assert " mm" in line
    assert "knee flexion" in out and "°" in out  # angular joints still listed


@pytest.mark.parametrize("technique_id", sorted(TECHNIQUES))
@pytest.mark.parametrize("grade", ["I", "II", "III", "IV", "V"])
def test_export_trace_for_every_technique_and_grade(tmp_path, capsys, technique_id, grade):
    out = tmp_path / "t.csv"
    args = ["--joint", technique_id, "--grade", grade, "--export-trace", str(out)]
    assert main(args + ["--seconds", "6"]) == 0
    header, body = read(out)
    assert header[:2] == ["time_s", "translation_mm"]
    technique = TECHNIQUES[technique_id]
    b = accessory_band(GradeChoice.parse(grade), technique, technique.normal_condition())
    assert body[:, 1].min() == pytest.approx(b.low, abs=1e-3)
    assert body[:, 1].max() == pytest.approx(b.high, abs=5e-3)
    assert ("force_n" in header) is technique.has_force
    assert "mm" in capsys.readouterr().out


@pytest.mark.parametrize("grade", ["I", "II", "III"])
def test_kaltenborn_trace_stays_in_its_zone(tmp_path, grade):
    out = tmp_path / "k.csv"
    args = ["--grading", "kaltenborn", "--joint", "gh-inferior-glide", "--grade", grade]
    assert main(args + ["--export-trace", str(out), "--seconds", "12"]) == 0
    _, body = read(out)
    gh = TECHNIQUES["gh-inferior-glide"]
    zones = Zones.of(gh.normal_condition())
    peak = body[:, 1].max()
    assert peak == pytest.approx(
        kaltenborn_band(KaltenbornGrade[grade], gh.normal_condition()).high, abs=1e-3
    )
    if grade == "II":
        assert peak == pytest.approx(zones.first_stop, abs=1e-3)
    if grade == "III":
        assert zones.first_stop < peak < zones.second_stop


def test_stiff_technique_in_mm(tmp_path):
    out = tmp_path / "s.csv"
    args = ["--joint", "knee-anterior-glide", "--grade", "IV", "--limit", "4"]
    assert main(args + ["--export-trace", str(out)]) == 0
    _, body = read(out)
    assert body[:, 1].max() == pytest.approx(4.0, abs=1e-3)
    assert body[:, 1].min() >= 3.0  # last quarter of 0–4 mm


@pytest.mark.parametrize(
    "args,message",
    [
        (
            ["--grading", "kaltenborn", "--joint", "gh-inferior-glide", "--grade", "IV"],
            "Kaltenborn grades are I, II and III",
        ),
        (["--grading", "kaltenborn", "--joint", "knee", "--grade", "II"], "angular joint"),
        (["--grading", "kaltenborn", "--joint", "nosuch"], "unknown accessory technique"),
        (["--grading", "kaltenborn", "--convention", "resistance"], "belongs to Maitland"),
        (["--grading", "lateral"], "invalid choice"),
        (["--joint", "knee-posterior-glide", "--limit", "9"], "available limit L = 9 mm"),
        (["--joint", "knee-posterior-glide", "--r1", "1.5"], "toe region"),
        (["--joint", "knee-posterior-glide", "--grade", "IV+"], "modifiers need"),
        (["--joint", "knee-posterior-glide", "--grade", "VI"], "unknown grade"),
    ],
)
def test_bad_accessory_input_is_one_line_and_exit_2(tmp_path, capsys, args, message):
    out = tmp_path / "x.csv"
    assert main(args + ["--export-trace", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_failed_write_keeps_the_old_file(tmp_path, capsys, monkeypatch):
    from mobsim import cli_accessory

    class FullDisk:
        def angle(self, t):
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(cli_accessory.AccessoryScene, "motion", lambda self: FullDisk())
    out = tmp_path / "old.csv"
    out.write_text("old\n")
    assert main(["--joint", "mcp-volar-glide", "--export-trace", str(out)]) == 2
    assert "cannot write" in capsys.readouterr().err
    assert out.read_text() == "old\n" and list(tmp_path.iterdir()) == [out]


def test_pain_onset_in_mm_keeps_grade_ii_short_of_it(tmp_path):
    out = tmp_path / "p.csv"
    args = ["--joint", "knee-posterior-glide", "--grade", "II", "--p1", "1.5"]
    assert main(args + ["--export-trace", str(out)]) == 0
    _, body = read(out)
    assert body[:, 1].max() <= 1.5 - 0.02 * 5.0 + 1e-3  # 2 % of A–L short of P1


def test_export_quiz_writes_kaltenborn_questions_in_mm(tmp_path, capsys):
    import json

    out = tmp_path / "k.jsonl"
    args = ["--export-quiz", str(out), "--grading", "kaltenborn", "--seed", "3"]
    assert main(args + ["--questions", "6"]) == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 6
    for rec in records:
        assert rec["grade"] in ("I", "II", "III") and rec["grading"] == "kaltenborn"
        assert "translation_mm" in rec and "angle_deg" not in rec
        assert max(rec["translation_mm"]) < rec["limit_mm"]
    again = tmp_path / "k2.jsonl"
    assert (
        main(
            [
                "--export-quiz",
                str(again),
                "--grading",
                "kaltenborn",
                "--seed",
                "3",
                "--questions",
                "6",
            ]
        )
        == 0
    )
    assert again.read_text() == out.read_text()  # reproducible from the seed


def test_export_quiz_for_one_technique_in_maitland_grades(tmp_path):
    import json

    out = tmp_path / "m.jsonl"
    args = ["--export-quiz", str(out), "--joint", "l3-central-pa", "--seed", "1"]
    assert main(args + ["--questions", "5"]) == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["joint"] for r in records} == {"l3-central-pa"}
    assert all(r["grading"] == "maitland" for r in records)


def test_export_quiz_kaltenborn_on_an_angular_joint_is_refused(tmp_path, capsys):
    out = tmp_path / "x.jsonl"
    args = ["--export-quiz", str(out), "--grading", "kaltenborn", "--joint", "knee"]
    assert main(args + ["--seed", "1", "--questions", "2"]) == 2
    assert "angular joint" in capsys.readouterr().err and not out.exists()
