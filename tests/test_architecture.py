"""The model and the quiz import no Qt (DESIGN.md: the model knows nothing of the view)."""

import subprocess
import sys


def test_model_and_quiz_import_no_qt():
    code = (
        "import sys, mobsim.model, mobsim.quiz\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'pyqtgraph'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"Qt modules loaded: {out.stdout}"
