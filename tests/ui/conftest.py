"""UI test support: fail any test that leaves a running QTimer or an open window behind.

After napari's test support (napari/utils/_testsupport.py): dangling timers and
windows leak between tests and hide bugs in close/cleanup paths.
"""

import gc

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from mobsim.model import Simulation, load_library
from mobsim.quiz import HistoryStore
from mobsim.ui.main_window import MainWindow
from mobsim.ui.settings import SettingsStore

_LIBRARY = load_library()


@pytest.fixture(autouse=True)
def _no_dangling_qt(qapp):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    yield
    # Let deleteLater() and close events run before we look.
    for _ in range(3):
        QApplication.processEvents()
    gc.collect()
    windows = [type(w).__name__ for w in QApplication.topLevelWidgets() if w.isVisible()]
    timers = {id(t): t for t in qapp.findChildren(QTimer) if t.isActive()}
    timers.update({id(t): t for t in _live_objects_with_timers()})
    for w in QApplication.topLevelWidgets():
        if w.isVisible():
            w.close()
    for timer in timers.values():
        timer.stop()
    problems = []
    if windows:
        problems.append(f"open windows left behind: {windows}")
    if timers:
        problems.append(f"running QTimers left behind: {len(timers)}")
    if problems:
        pytest.fail("; ".join(problems))


def _live_objects_with_timers():
    """Every live, running QTimer the garbage collector can see (parented or not)."""
    from PySide6.QtCore import QTimer

    out = []
    for obj in gc.get_objects():
        try:
            if isinstance(obj, QTimer) and obj.isActive():
                out.append(obj)
        except RuntimeError:  # C++ object already deleted
            continue
    return out


@pytest.fixture
def make_window(qtbot, tmp_path):
    def make(sim=None, start_clock=False, data_dir=tmp_path, size=(1280, 800)):
        store = SettingsStore(data_dir)
        window = MainWindow(
            sim or Simulation(_LIBRARY.get("knee")),
            _LIBRARY,
            store,
            store.load(),
            start_clock=start_clock,
            history=HistoryStore.in_memory(),
        )
        qtbot.addWidget(window)
        # The offscreen platform's screen is 800×800: the tests' windows are larger.
        window.look.room = QSize(1920, 1200)
        window.resize(*size)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
        return window

    return make
