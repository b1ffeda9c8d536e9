"""No reachable display: one helpful line and exit 2, never Qt's abort (exit 134)."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mobsim.display import display_problem

ROOT = Path(__file__).resolve().parents[1]
HELP = "set QT_QPA_PLATFORM=offscreen"


def launch(env_changes, *args):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env.update(env_changes)
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.mark.parametrize(
    "env_changes,why",
    [
        ({}, "DISPLAY and WAYLAND_DISPLAY are unset"),
        ({"DISPLAY": ":77"}, "cannot connect to the X display :77"),
        ({"QT_QPA_PLATFORM": "bogus"}, "QT_QPA_PLATFORM=bogus names no Qt platform"),
        ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":77"}, "cannot connect to the X display :77"),
        ({"WAYLAND_DISPLAY": "wayland-77", "XDG_RUNTIME_DIR": "/tmp"}, "Wayland display"),
    ],
    ids=["unset", "dead-x", "bogus-platform", "xcb-dead-x", "dead-wayland"],
)
def test_an_unreachable_display_is_one_line_and_exit_2(env_changes, why):
    proc = launch(env_changes, "--joint", "knee")
    err = proc.stderr.strip()
    assert proc.returncode == 2, err
    assert err.splitlines() == [err] and "Traceback" not in err
    assert err.startswith("mobsim: no display found") and why in err and HELP in err


def test_a_bogus_platform_is_caught_for_screenshots_too(tmp_path):
    proc = launch({"QT_QPA_PLATFORM": "bogus"}, "--screenshot", str(tmp_path / "x.png"))
    assert proc.returncode == 2 and "names no Qt platform" in proc.stderr
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize("spec", ["linuxfb", "eglfs", "minimalegl", "linuxfb;offscreen"])
def test_a_device_platform_without_its_device_is_one_line_and_exit_2(spec, tmp_path):
    """They passed as headless, then Qt aborted (eglfs, 134) or crashed (linuxfb, 139)."""
    import mobsim.display as display

    device = display.DEVICES[spec.split(";")[0]][0]
    if display._device_present(device):
        pytest.skip(f"this machine has {device}")
    proc = launch({"QT_QPA_PLATFORM": spec}, "--screenshot", str(tmp_path / "x.png"))
    err = proc.stderr.strip()
    assert proc.returncode == 2, err
    assert err.splitlines() == [err] and "needs" in err and device in err
    assert not (tmp_path / "x.png").exists()


def test_headless_platforms_and_fallback_lists_pass(monkeypatch):
    for spec in ("offscreen", "minimal", "vnc:size=800x600", "bogus;offscreen"):
        monkeypatch.setenv("QT_QPA_PLATFORM", spec)
        assert display_problem() is None, spec


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")
def test_a_running_x_server_is_reachable(monkeypatch):
    number = 90 + os.getpid() % 9
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        monkeypatch.setenv("DISPLAY", f":{number}")
        deadline = time.monotonic() + 10
        while display_problem() is not None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert display_problem() is None
        monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
        assert display_problem() is None
    finally:
        server.terminate()
        server.wait(timeout=10)
    monkeypatch.setenv("DISPLAY", f":{number}")
    assert display_problem() is not None  # gone again
