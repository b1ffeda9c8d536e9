"""--export-quiz: the public contract's fields, reproducible, atomic, one-line errors."""

import json

import pytest

from mobsim.cli import main
from mobsim.model import load_library
from mobsim.quiz.export import quiz_records

CONTRACT = {
    "joint",
    "grade",
    "convention",
    "start_deg",
    "normal_end_deg",
    "limit_deg",
    "resistance_onset_deg",
    "pain_onset_deg",
    "limiting_factor",
    "markers",
    "frequency_hz",
    "time_s",
    "angle_deg",
}


def test_export_quiz_writes_the_contracts_fields(tmp_path, capsys):
    path = tmp_path / "quiz.jsonl"
    argv = ["--export-quiz", str(path), "--level", "standard", "--seed", "5", "--questions", "30"]
    assert main(argv) == 0
    records = [json.loads(line) for line in path.read_text().splitlines()]
    assert len(records) == 30
    for r in records:
        assert set(r) >= CONTRACT
        assert len(r["time_s"]) == len(r["angle_deg"]) == 1201  # 100 Hz over 12 s
        assert r["limiting_factor"] in ("resistance", "pain")
        assert ("P1" in r["markers"]) == (r["pain_onset_deg"] is not None)
        assert (r["frequency_hz"] is None) == (r["grade"] == "V")
    # The same seed gives the same questions (here through the module).
    again = list(quiz_records(load_library(), "standard", 5, 30))
    assert [r["grade"] for r in again] == [r["grade"] for r in records]
    assert again[7]["angle_deg"] == records[7]["angle_deg"]


@pytest.mark.parametrize(
    "extra,message",
    [
        (["--questions", "3"], "needs --seed"),
        (["--seed", "1", "--questions", "3", "--level", "wizard"], "invalid choice"),
        (["--seed", "1", "--questions", "0"], "--questions"),
        (["--seed", "1", "--questions", "3", "--rate", "nan"], "--rate"),
    ],
)
def test_bad_export_quiz_arguments_are_one_line(tmp_path, capsys, extra, message):
    path = tmp_path / "quiz.jsonl"
    assert main(["--export-quiz", str(path), *extra]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err and "Traceback" not in err
    assert not path.exists()
