"""Regenerate the screenshots in doc/ from the real app (offscreen).

Usage: uv run python tools/screenshots.py [OUT_DIR]   (default: doc/)
Window screenshots go through the public `--screenshot` command; quiz
feedback and summary are driven like a student would, through the keys.
"""

import os
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]

SHOTS = {
    "accessory-knee-posterior-glide.png": [
        *("--screen", "accessory", "--joint", "knee-posterior-glide", "--grade", "III"),
        *("--at", "3.3"),
    ],
    "accessory-gh-inferior-glide.png": [
        *("--screen", "accessory", "--joint", "gh-inferior-glide", "--grade", "IV", "--at", "3"),
    ],
    "accessory-l3-pa-force.png": [
        *("--screen", "accessory", "--joint", "l3-central-pa", "--grade", "IV", "--at", "3"),
    ],
    "accessory-kaltenborn-III.png": [
        *("--grading", "kaltenborn", "--joint", "gh-inferior-glide", "--grade", "III"),
        *("--at", "4"),
    ],
    "screenshot.png": ["--joint", "knee", "--grade", "IV", "--limit", "90", "--at", "3"],
    "knee-I.png": ["--joint", "knee", "--grade", "I", "--at", "3"],
    "knee-III.png": ["--joint", "knee", "--grade", "III", "--at", "3"],
    "knee-V.png": ["--joint", "knee", "--grade", "V", "--at", "2.6"],
    "elbow-IV-stiff.png": ["--joint", "elbow", "--grade", "IV", "--limit", "100", "--at", "3"],
    "about-panel.png": ["--joint", "knee", "--grade", "II", "--about", "--size", "1440x860"],
    "projector-compare-1024x768.png": [
        "--theme",
        "projector",
        "--compare",
        "--joint",
        "knee",
        "--limit",
        "90",
        "--size",
        "1024x768",
    ],
    "projector-compare-1920x1080.png": [
        "--theme",
        "projector",
        "--compare",
        "--joint",
        "knee",
        "--limit",
        "90",
        "--size",
        "1920x1080",
    ],
    "projector-stiff-1024x768.png": [
        "--theme",
        "projector",
        "--joint",
        "elbow",
        "--grade",
        "IV",
        "--limit",
        "90",
        "--size",
        "1024x768",
        "--at",
        "3",
    ],
    "projector-stiff-1920x1080.png": [
        "--theme",
        "projector",
        "--joint",
        "elbow",
        "--grade",
        "IV",
        "--limit",
        "90",
        "--size",
        "1920x1080",
        "--at",
        "3",
    ],
    "projector-normal-vs-stiff-1920x1080.png": [
        "--theme",
        "projector",
        "--compare",
        "stiff",
        "--joint",
        "knee",
        "--grade",
        "IV",
        "--size",
        "1920x1080",
    ],
    "quiz-start.png": ["--quiz", "--level", "standard", "--seed", "7", "--questions", "5"],
}


def window_shots(out: Path) -> None:
    for name, args in SHOTS.items():
        subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--screenshot", str(out / name), *args],
            check=True,
        )


def quiz_shots(out: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from mobsim.model import Grade, Simulation, load_library
    from mobsim.quiz import HistoryStore
    from mobsim.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    lib = load_library()
    window = MainWindow(
        Simulation(lib.get("knee")),
        lib,
        settings=None,
        start_clock=False,
        history=HistoryStore.in_memory(),
    )
    window.resize(1280, 800)
    window.show()
    window.activateWindow()  # the keys are the window's shortcuts: it must be active
    while QApplication.activeWindow() is not window:
        app.processEvents()
    page = window.show_screen("quiz")
    page.start(level="standard", seed=7, questions=5, profile="demo")
    keys = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5]
    for i in range(5):
        page.advance(2.0)
        if i == 0:
            app.processEvents()
            window.grab().save(str(out / "quiz-question.png"))
        truth = page.session.question.grade
        wrong = Grade.III if truth is Grade.II else Grade.II
        answer = wrong if i in (0, 3) else truth
        QTest.keyClick(window, keys[answer.value - 1])
        page.advance(1.0)
        if i == 0:
            app.processEvents()
            window.grab().save(str(out / "quiz-feedback-wrong.png"))
        QTest.keyClick(window, Qt.Key.Key_Space)
    app.processEvents()
    window.grab().save(str(out / "quiz-summary.png"))
    # A patient case, answered wrongly, whose key is a grade range: the feedback plays it.
    from mobsim.content import CaseAnswer

    page.start(level="basic", seed=8, questions=10, case_ratio=1.0)
    while page.session.vignette.play_grade is None:
        QTest.keyClick(window, Qt.Key.Key_4)
        QTest.keyClick(window, Qt.Key.Key_Space)
    app.processEvents()
    window.grab().save(str(out / "case-question.png"))
    v = page.session.vignette
    medical = CaseAnswer.REFER_MEDICAL
    wrong = medical if v.answer is not medical else CaseAnswer.I_II
    QTest.keyClick(window, Qt.Key(Qt.Key.Key_0 + wrong.key))
    page.advance(2.0)
    app.processEvents()
    window.grab().save(str(out / "case-feedback.png"))
    window.show_screen("explore")
    window.show_precautions()
    from mobsim.ui.teaching import PrecautionsDialog

    dialog = window.findChild(PrecautionsDialog)
    app.processEvents()
    dialog.grab().save(str(out / "precautions.png"))
    dialog.close()
    window.close()


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "doc"
    target.mkdir(parents=True, exist_ok=True)
    window_shots(target)
    quiz_shots(target)
    print(f"screenshots written to {target}")
