"""Run a snippet in a fresh Python process: for what Qt reads once per process (an
environment variable, a scale factor) and a test's own QApplication cannot change."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def printed(code: str, *args: str, env: dict[str, str], timeout: float = 120) -> list[str]:
    """The words `code` prints, run with `args` from the repository's root; a failing
    snippet fails the test with its traceback."""
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.split()
