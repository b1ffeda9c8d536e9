"""Launcher: `python main.py` opens mobsim; `python main.py --help` lists the options."""

import sys

from mobsim.interrupt import sigint_noted

with sigint_noted() as interrupted:  # loading mobsim (and numpy): nothing started yet
    from mobsim.cli import main
if interrupted:
    print("mobsim: interrupted; no file was changed", file=sys.stderr)
    sys.exit(130)

if __name__ == "__main__":
    sys.exit(main())
