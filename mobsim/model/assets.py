"""Where the bundled data lives: inside the installed package, or in the checkout.

The wheel and the standalone build carry `assets/` as `mobsim/assets`; a checkout keeps
it at the top level (the design card). Qt-free: model, content and CLI all use this.
"""

from __future__ import annotations

from contextlib import suppress
from importlib import resources
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]  # .../mobsim


def asset_root() -> Path:
    """The folder holding `joints/` and `content/`: packaged first, then the checkout."""
    candidates = []
    with suppress(ModuleNotFoundError, TypeError, ValueError):  # frozen builds: no loader
        candidates.append(Path(str(resources.files("mobsim") / "assets")))
    candidates += [_PACKAGE / "assets", _PACKAGE.parent / "assets"]
    for folder in candidates:
        if (folder / "joints").is_dir():
            return folder
    return candidates[-1]  # the checkout's place; loaders then report what is missing
