"""Content errors are shown at start-up and under Help ▸ About mobsim (with version, sources)."""

import shutil

import pytest

from mobsim import __version__
from mobsim.content import loading
from mobsim.model import Simulation, load_library
from mobsim.model.assets import asset_root
from mobsim.startup import startup_problems

LIBRARY = load_library()


@pytest.fixture
def broken_grades(tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(asset_root() / "content", content)
    text = (content / "grades.toml").read_text()
    (content / "grades.toml").write_text(text.replace('grade = "III"', 'grade = "III"\nbogus = 1'))
    monkeypatch.setattr(loading, "ASSET_DIR", content)
    return content


def test_the_bundled_files_have_no_problem():
    assert startup_problems(LIBRARY) == []


def test_a_grades_toml_error_is_collected_with_file_entry_and_field(broken_grades):
    problems = startup_problems(LIBRARY)
    assert len(problems) == 1
    assert "grades.toml" in problems[0] and "'III'" in problems[0] and "bogus" in problems[0]


def test_an_unreadable_content_file_is_collected(broken_grades):
    (broken_grades / "precautions.toml").write_bytes(b"\xff\xfe")
    problems = startup_problems(LIBRARY)
    assert any("precautions.toml" in p and "UTF-8" in p for p in problems)


def test_problems_are_shown_at_start_up_and_in_about(qtbot, monkeypatch, broken_grades):
    from PySide6.QtWidgets import QMessageBox

    from mobsim.ui.app import show_startup_problems
    from mobsim.ui.dialogs import AboutDialog
    from mobsim.ui.main_window import MainWindow

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args))
    window = MainWindow(Simulation(LIBRARY.get("knee")), LIBRARY, None, start_clock=False)
    qtbot.addWidget(window)
    show_startup_problems(window, startup_problems(LIBRARY))
    (args,) = shown
    assert "grades.toml" in args[2] and "bogus" in args[2]
    assert "About mobsim" in window.statusBar().currentMessage()
    about = AboutDialog(window.startup_problems, window)
    qtbot.addWidget(about)
    text = about.text.toPlainText()
    assert f"mobsim {__version__}" in text
    assert "Hengeveld" in text and "Kisner" in text and "Kaltenborn" in text
    assert "Problems at start-up" in text and "bogus" in text
    assert "DOMAIN" not in text and "issue" not in text.lower()
    # The window's Help menu offers it.
    titles = [a.text() for a in window.actions()]
    assert "About mobsim" in titles


def test_about_without_problems_says_none(qtbot):
    from mobsim.ui.dialogs import AboutDialog

    about = AboutDialog([])
    qtbot.addWidget(about)
    assert "Problems at start-up" not in about.text.toPlainText()
