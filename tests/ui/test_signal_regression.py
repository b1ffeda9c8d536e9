"""PySide6 6.12.0 loses a reference to True on every Signal.emit(); CPython 3.11 then
aborts with 'Fatal Python error: bool_dealloc' after a few thousand emits. The pin
pyside6-essentials<6.12 avoids it. This test makes lifting the pin safe: it runs
100,000 emits in a subprocess (an abort would kill pytest itself)."""

import subprocess
import sys

CODE = """
import os
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

class Emitter(QObject):
    flag = Signal(bool)

app = QApplication([])
e = Emitter()
seen = []
e.flag.connect(lambda v: seen.append(v))
for i in range(100_000):
    e.flag.emit(True)
print(len(seen), all(seen))
"""


def test_100k_signal_emits_do_not_abort():
    proc = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["100000", "True"]
