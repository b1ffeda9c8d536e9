"""Where the bundled data lives: inside the installed package, or in the checkout.

The wheel (and the standalone build) carry `assets/` as `mobsim/assets`; a checkout keeps
it at the top level (the design card). Qt-free: model, content and CLI all use this.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def asset_root() -> Path:
    """The folder holding `joints/` and `content/`."""
    try:
        packaged = Path(str(resources.files("mobsim") / "assets"))
    except (ModuleNotFoundError, TypeError):  # no package metadata (odd freezers)
        packaged = Path(__file__).resolve().parents[1] / "assets"
    if (packaged / "joints").is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "assets"
