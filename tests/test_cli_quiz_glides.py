"""--accessory and --grading for the quiz: flags, export lines, the quiz's start form."""

import pytest

from mobsim.cli import build_parser, main
from mobsim.quiz.export import read_records
from mobsim.ui import app


def test_accessory_share_is_a_bounded_quiz_flag():
    assert build_parser().parse_args(["--accessory", "0.25"]).accessory == 0.25
    assert build_parser().parse_args([]).accessory is None


@pytest.mark.parametrize("bad", ["-0.1", "1.5", "nan", "inf", "half", ""])
def test_a_bad_share_is_one_line_and_exit_2(bad, capsys):
    assert main(["--quiz", "--accessory", bad]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--accessory" in err and "Traceback" not in err


def test_kaltenborn_with_no_glides_is_refused(tmp_path, capsys):
    out = tmp_path / "q.jsonl"
    args = ["--export-quiz", str(out), "--seed", "1", "--questions", "3"]
    assert main(args + ["--grading", "kaltenborn", "--accessory", "0"]) == 2
    err = capsys.readouterr().err
    assert "glides only" in err and err.count("\n") == 1 and not out.exists()


def test_export_mixes_glides_at_the_share(tmp_path, capsys):
    out = tmp_path / "q.jsonl"
    argv = ["--export-quiz", str(out), "--seed", "3", "--questions", "40", "--seconds", "1"]
    assert main(argv + ["--accessory", "0.5", "--level", "standard"]) == 0
    records = read_records(out)
    kinds = [r["kind"] for r in records]
    assert set(kinds) == {"recognition", "accessory"} and len(records) == 40
    for r in records:
        assert ("translation_mm" in r) == (r["kind"] == "accessory")
        assert ("angle_deg" in r) == (r["kind"] == "recognition")
    assert "50% accessory glides" in capsys.readouterr().out


def test_export_with_kaltenborn_asks_kaltenborn_glides_only(tmp_path):
    out = tmp_path / "k.jsonl"
    argv = ["--export-quiz", str(out), "--seed", "3", "--questions", "12", "--seconds", "1"]
    assert main(argv + ["--grading", "kaltenborn"]) == 0
    records = read_records(out)
    assert {r["kind"] for r in records} == {"kaltenborn"}
    assert {r["grade"] for r in records} <= {"I", "II", "III"}
    assert all(r["frequency_hz"] is None and r["hold_s"] > 0 for r in records)


def test_quiz_with_kaltenborn_opens_the_quiz_filled_in(tmp_path, monkeypatch, capsys):
    seen = {}

    def look(window, path):
        quiz = window.screen
        seen["screen"] = quiz.name
        seen["form"] = quiz.start_screen.choices()
        seen["kind"] = quiz.session.kind if quiz.session else None
        window.close()
        return 0

    monkeypatch.setattr(app, "save_screenshot", look)
    argv = ["--screenshot", str(tmp_path / "q.png"), "--quiz", "--grading", "kaltenborn"]
    assert main(argv + ["--quiz-page", "question", "--seed", "2"]) == 0, capsys.readouterr().err
    assert seen["screen"] == "quiz" and seen["kind"] == "kaltenborn"
    assert (seen["form"]["accessory"], seen["form"]["grading"]) == (1.0, "kaltenborn")
