"""The app's QApplication paints every fill on its own thread (no Qt fill pool).

Qt hands a fill of 96 or more scan lines to a pool of threads and waits for them;
on a two-core machine that cost more CPU than it saved (README, Performance). Each
check runs in a fresh process: Qt reads the switch once, at its first large fill.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from fresh_process import printed

# Fills a translucent strip 500 scan lines tall (as the trace's band is filled) and
# prints how many threads the process has before and after.
PAINT = textwrap.dedent(
    """
    import os, sys
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QBrush, QColor, QImage, QPainter
    from mobsim.ui.app import application

    def threads():
        return len(os.listdir("/proc/self/task"))

    app = application(serial_fills=sys.argv[1] == "serial")
    before = threads()
    image = QImage(900, 900, QImage.Format.Format_RGB32)
    image.fill(QColor(0, 0, 0))
    painter = QPainter(image)
    painter.fillRect(QRectF(101.9, 5, 38, 500), QBrush(QColor(200, 100, 50, 60)))
    painter.end()
    print(before, threads(), os.environ.get("QT_NO_GUI_THREADPOOL"))
    """
)


def run(mode: str, env: dict[str, str]) -> tuple[int, int, str]:
    before, after, value = printed(PAINT, mode, env=env, timeout=60)
    return int(before), int(after), value


@pytest.fixture
def env():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("QT_NO_GUI_THREADPOOL", None)
    return env


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc")
def test_the_app_starts_no_fill_threads(env):
    before, after, value = run("serial", env)
    assert value == "1"
    assert after == before, f"a large fill started {after - before} thread(s)"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc")
def test_qt_left_to_itself_starts_fill_threads(env):
    """The check above can fail: Qt's default does start threads for the same fill."""
    if (os.cpu_count() or 1) < 2:
        pytest.skip("Qt starts no pool on one core")
    before, after, value = run("pool", env)
    assert value == "None"
    assert after > before


def test_a_users_own_setting_is_kept(env):
    env["QT_NO_GUI_THREADPOOL"] = "yes"
    assert run("serial", env)[2] == "yes"
