"""Launcher: `python main.py` opens mobsim; `python main.py --help` lists the options."""

import sys

from mobsim.cli import main

if __name__ == "__main__":
    sys.exit(main())
