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
