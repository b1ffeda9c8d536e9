"""Ctrl+C (SIGINT) in the middle of an export: the destination keeps its old content or stays
absent, no temporary file is left, and one line says so. Real processes, real signals."""

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def partial_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".part")]


def start(*args: str, cwd=None) -> subprocess.Popen:
    """mobsim in its own process, offscreen."""
    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
        # A shell without job control starts background jobs with SIGINT ignored, and the
        # child would inherit that: give it the default disposition a terminal gives.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def interrupt_when_writing(args, folder: Path, min_bytes: int, timeout: float = 120.0):
    """Start mobsim, wait until its temporary file holds `min_bytes`, then send SIGINT."""
    proc = start(*args, cwd=folder)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            parts = partial_files(folder)
            if parts and parts[0].stat().st_size >= min_bytes:
                break
            if proc.poll() is not None:
                pytest.fail(f"finished before it could be interrupted: {proc.stderr.read()}")
            time.sleep(0.02)
        else:
            pytest.fail("the export never started writing")
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc.returncode, out, err.strip()


def assert_interrupted_cleanly(code, err, folder, dest, before):
    assert code == 130, err
    assert err.splitlines() == [err] and "Traceback" not in err, err
    assert "interrupted" in err
    assert partial_files(folder) == []
    if before is None:
        assert not dest.exists()
    else:
        assert dest.read_bytes() == before


@pytest.mark.parametrize("existing", [b"time_s,angle_deg\n0,1\n", None], ids=["old", "absent"])
def test_sigint_during_a_long_trace_export(tmp_path, existing):
    dest = tmp_path / "long.csv"
    if existing is not None:
        dest.write_bytes(existing)
    args = ["--export-trace", "long.csv", "--seconds", "3600", "--rate", "10000"]
    code, _, err = interrupt_when_writing(args, tmp_path, min_bytes=2_000_000)
    assert_interrupted_cleanly(code, err, tmp_path, dest, existing)


@pytest.mark.parametrize("existing", [b"GIF89a old slide", None], ids=["old", "absent"])
def test_sigint_during_a_gif_export(tmp_path, existing):
    dest = tmp_path / "slide.gif"
    if existing is not None:
        dest.write_bytes(existing)
    args = ["--export-gif", "slide.gif", "--cycles", "20", "--grade", "II", "--size", "640x360"]
    code, _, err = interrupt_when_writing(args, tmp_path, min_bytes=20_000)
    assert_interrupted_cleanly(code, err, tmp_path, dest, existing)


def interrupt_after(delay: float, *args: str, cwd=None) -> tuple[int, str]:
    """Start mobsim (offscreen), send SIGINT after `delay` s: (exit code, stderr)."""
    proc = start(*args, cwd=cwd)
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    return proc.returncode, err


@pytest.mark.parametrize("delay", [0.05, 0.2, 0.4, 0.7, 1.0, 1.4])
def test_ctrl_c_while_the_export_starts_up_keeps_the_old_file(tmp_path, delay):
    """In its first second and a half (Python, numpy and Qt loading, the window being
    built) Ctrl+C was lost (the export ran on and replaced the file), aborted the process
    in shiboken, or left tracebacks from inside Qt. Now it is noted and acted on."""
    dest = tmp_path / "old.gif"
    dest.write_bytes(b"OLD CONTENT\n")
    code, err = interrupt_after(delay, "--export-gif", str(dest), "--cycles", "20", cwd=tmp_path)
    assert code == 130, err
    assert err.strip() == "mobsim: interrupted; no file was changed", err
    assert dest.read_bytes() == b"OLD CONTENT\n"
    assert partial_files(tmp_path) == []


def test_ctrl_c_closes_the_running_window_as_ctrl_q_does(tmp_path):
    """It printed a traceback from inside Qt and the window ran on; now the window
    closes, saving its settings, and the process ends without a word."""
    code, err = interrupt_after(4.0, "--data-dir", str(tmp_path))  # up and running
    assert code == 0, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert (tmp_path / "settings.ini").exists()
