"""CLI fuzz: bad values end with exit 2, one line on stderr, no traceback, quickly, and no file.

Numeric options are found from the parser itself (every type from mobsim.cliargs carries
`bounds`), so options added later are fuzzed without touching this table.
"""

import subprocess
import sys
import time
from pathlib import Path

import pytest

from mobsim.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]
TIME_LIMIT_S = 10.0

# Bad for every numeric option, whatever its range.
BAD_NUMBERS = [
    "nan",
    "NaN",
    "inf",
    "-inf",
    "+inf",
    "infinity",
    "1e9",
    "-1e9",
    "1e308",
    "-1e308",
    "1e999",
    "abc",
    "",
    " ",
    "1,5",
    "0x10",
    "9" * 400,
]


def numeric_options():
    for action in build_parser()._actions:
        if getattr(action.type, "bounds", None) is not None and action.option_strings:
            yield max(action.option_strings, key=len)


def test_every_numeric_option_is_bounded():
    found = set(numeric_options())
    # The contract's numbers: these at least must be fuzzed.
    assert {"--seconds", "--rate", "--at", "--limit", "--cycles", "--size"} <= found


NUMERIC_CASES = [([opt, value], opt) for opt in numeric_options() for value in BAD_NUMBERS]

OTHER_CASES = [
    (["--grade", ""], "--grade"),
    (["--grade", " "], "--grade"),
    (["--joint", ""], "--joint"),
    (["--joint", "\t"], "--joint"),
    (["--joint", "shoulderblade"], "unknown joint"),
    (["--joint", "knee\x1b[31m"], "unknown joint"),
    (["--grade", "VI"], "unknown grade"),
    (["--grade", "0"], "unknown grade"),
    (["--grade", "IV+"], "resistance"),
    (["--joint", "knee", "--limit", "200"], "available limit"),
    (["--joint", "knee", "--limit", "-10"], "knee"),
    (["--joint", "knee", "--limit", "90", "--r1", "120"], "knee"),
    (["--limit", "-inf"], "--limit"),
    (["--at", "-inf"], "--at"),
    (["--at", "-1"], "--at"),
    (["--seconds", "0"], "--seconds"),
    (["--seconds", "-3"], "--seconds"),
    (["--seconds", "3601"], "--seconds"),
    (["--rate", "0"], "--rate"),
    (["--rate", "10001"], "--rate"),
    (["--frequency", "9"], "--frequency"),
    (["--frequency", "0"], "--frequency"),
    (["--cycles", "0"], "--cycles"),
    (["--cycles", "21"], "--cycles"),
    (["--cycles", "2.5"], "--cycles"),
    (["--scale", "3"], "--scale"),
    (["--cases", "1.5"], "--cases"),
    (["--cases", "-0.1"], "--cases"),
    (["--questions", "0"], "--questions"),
    (["--seed", "-1"], "--seed"),
    (["--seed", str(2**63)], "--seed"),
    (["--size", "-1280x800"], "--size"),
    (["--size", "1280x-800"], "--size"),
    (["--size", "huge"], "--size"),
    (["--size", "1280"], "--size"),
    (["--size", "0x0"], "--size"),
    (["--size", "99999x99999"], "--size"),
    (["--size", "1e9x1e9"], "--size"),
    (["--size", ""], "--size"),
    (["--convention", "maitland"], "--convention"),
    (["--convention", ""], "--convention"),
    (["--level", "guru"], "--level"),
    (["--theme", "neon"], "--theme"),
    (["--compare", "joints"], "--compare"),
    (["--profile", ""], "--profile"),
    (["--data-dir", ""], "--data-dir"),
    (["--limit"], "--limit"),
    (["--seconds"], "--seconds"),
    (["--no-such-option"], "unrecognized"),
]

# Destinations that are never a file to write (the command itself is the one under test).
BAD_DESTINATIONS = [
    ("--export-gif", ""),
    ("--export-gif", " "),
    ("--export-gif", "."),
    ("--export-gif", "folder"),
    ("--export-gif", "folder/"),
    ("--export-gif", "anim"),
    ("--export-gif", "anim.mp4"),
    ("--export-gif", "anim.png"),
    ("--export-trace", ""),
    ("--export-trace", "folder"),
    ("--export-trace", "trace"),
    ("--export-trace", "trace.txt"),
    ("--screenshot", ""),
    ("--screenshot", "folder"),
    ("--screenshot", "shot"),
    ("--screenshot", "shot.jpg"),
    ("--export-history", ""),
    ("--export-history", "folder"),
    ("--export-history", "history.xlsx"),
]


def run_in_process(argv, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir(exist_ok=True)
    start = time.perf_counter()
    code = main(argv)
    elapsed = time.perf_counter() - start
    captured = capsys.readouterr()
    return code, captured.err.strip(), elapsed


def assert_one_clean_line(code, err, elapsed, needle, tmp_path):
    assert code == 2, err
    assert len(err.splitlines()) == 1, err
    assert err.startswith("mobsim: error:") and "Traceback" not in err
    assert needle in err
    assert elapsed < TIME_LIMIT_S
    assert err.isprintable(), repr(err)  # no raw control characters reach the terminal
    written = {p.name for p in tmp_path.iterdir()} - {"folder"}
    assert written == set(), written  # no file (not even a temporary one) was left behind


@pytest.mark.parametrize("argv,needle", NUMERIC_CASES + OTHER_CASES, ids=repr)
def test_bad_value_with_an_export(argv, needle, capsys, tmp_path, monkeypatch):
    code, err, elapsed = run_in_process(
        ["--export-trace", "out.csv", *argv], capsys, tmp_path, monkeypatch
    )
    assert_one_clean_line(code, err, elapsed, needle, tmp_path)


@pytest.mark.parametrize("option,dest", BAD_DESTINATIONS, ids=repr)
def test_bad_destination(option, dest, capsys, tmp_path, monkeypatch):
    code, err, elapsed = run_in_process([option, dest], capsys, tmp_path, monkeypatch)
    assert_one_clean_line(code, err, elapsed, option, tmp_path)
    assert list((tmp_path / "folder").iterdir()) == []


def test_the_table_has_at_least_150_bad_values():
    assert len(NUMERIC_CASES) + len(OTHER_CASES) + len(BAD_DESTINATIONS) >= 150


def test_a_negative_number_is_a_value_not_an_option(capsys):
    assert main(["--export-trace", "x.csv", "--limit", "-inf"]) == 2
    err = capsys.readouterr().err
    assert "not a finite number" in err and "expected one argument" not in err


# A representative subset as real processes: what a user's shell sees.
SUBPROCESS_CASES = [
    ["--seconds", "nan"],
    ["--rate", "1e9"],
    ["--at", "1e9", "--screenshot", "x.png"],
    ["--limit", "-inf"],
    ["--size", "-1280x800", "--screenshot", "x.png"],
    ["--grade", ""],
    ["--joint", ""],
    ["--export-gif", "folder"],
    ["--export-gif", "anim"],
    ["--cycles", "1e9", "--export-gif", "x.gif"],
    ["--seconds", "1e308", "--rate", "1e308"],
]


@pytest.mark.parametrize("argv", SUBPROCESS_CASES, ids=repr)
def test_bad_values_in_a_real_process(argv, tmp_path):
    (tmp_path / "folder").mkdir()
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--export-trace", "out.csv", *argv],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=TIME_LIMIT_S * 3,
    )
    elapsed = time.perf_counter() - start
    err = proc.stderr.strip()
    assert proc.returncode == 2, err
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert elapsed < TIME_LIMIT_S
    assert {p.name for p in tmp_path.iterdir()} == {"folder"}


BAD_RECORDINGS = {
    "empty-name": None,
    "folder": "folder",
    "missing": "missing.csv",
    "not-utf8": b"\xff\xfe\x00",
    "no-header": b"1,2\n3,4\n",
    "nan-values": b"time_s,angle_deg\nnan,inf\n0.1,nan\n",
    "one-sample": b"time_s,angle_deg\n0,10\n",
    "huge-values": b"time_s,angle_deg\n0,1e308\n0.01,-1e308\n0.02,1e308\n",
}


@pytest.mark.parametrize("case", sorted(BAD_RECORDINGS))
def test_bad_recordings_to_score(case, capsys, tmp_path, monkeypatch):
    content = BAD_RECORDINGS[case]
    if isinstance(content, bytes):
        (tmp_path / "rec.csv").write_bytes(content)
        name = "rec.csv"
    else:
        name = "" if content is None else content
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    start = time.perf_counter()
    code = main(["--score-performance", name, "--joint", "knee", "--grade", "IV"])
    err = capsys.readouterr().err.strip()
    assert code == 2, err
    assert len(err.splitlines()) == 1 and "Traceback" not in err and err.isprintable()
    assert time.perf_counter() - start < TIME_LIMIT_S
    assert sorted(p.name for p in tmp_path.iterdir()) == before
