"""The model, the quiz and the content import no Qt (DESIGN.md: the model knows no view)."""

import subprocess
import sys


def test_model_quiz_and_content_import_no_qt():
    code = (
        "import sys, mobsim.model, mobsim.quiz, mobsim.content\n"
        "mobsim.content.load_vignettes(); mobsim.content.load_grade_texts()\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'pyqtgraph'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"Qt modules loaded: {out.stdout}"


def _lines(path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_the_window_is_an_assembly_point_and_no_ui_file_grows_past_500_lines():
    """Issue 11's limits: MainWindow ≤ 250 lines, no file in mobsim/ui over 500."""
    from pathlib import Path

    ui = Path(__file__).resolve().parents[1] / "mobsim" / "ui"
    assert _lines(ui / "main_window.py") <= 250
    files = sorted(ui.rglob("*.py"))
    assert len(files) > 20  # the screens and widgets are there to be counted
    too_long = {str(p.relative_to(ui)): _lines(p) for p in files if _lines(p) > 500}
    assert too_long == {}
