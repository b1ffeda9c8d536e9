"""Screens, after PhET's Sim → Screen: each is a Qt-free model plus a view built from it.

A screen declares its keys as QActions; the main window only switches screens,
builds the menus and the keyboard help from the current screen's actions, and
owns the status bar. The one clock (`mobsim.ui.clock`) steps the current screen.

Adding a screen is one module and one registry line:

1. Write `mobsim/ui/screens/<name>.py` with a subclass of `screens.base.Screen`:
   set `name` and `title = SCREENS[name]`; build the view in `__init__` (`self.widget`);
   declare keys with `self.action(menu, text, keys, slot)`; implement
   `is_moving()`, `step(dt)` and `render()`; connect to the model's events in
   `__init__` and disconnect in `close()`. End the module with `SCREEN = YourScreen`.
2. Add `"<name>": "its menu title"` to `SCREENS` below (and drop it from `PLANNED`).
   The title lives here so the menus list every screen without importing any.

`--screen <name>` then opens it and `--screen <name> --screenshot x.png` renders it.
"""

from __future__ import annotations

from importlib import import_module

# Built screens, in menu order, with their menu titles.
SCREENS: dict[str, str] = {
    "explore": "Explore: one joint, one grade",
    "compare": "Compare: all grades, or normal vs stiff",
    "quiz": "Self-test quiz (students)",
    "accessory": "Accessory glides (mm)",
    "diagram": "Build the movement diagram (cases)",
    "perform": "Perform the grade (students)",
}
# Named in the command-line contract, not built yet: --screen gives one clear line.
PLANNED: tuple[str, ...] = ()


def screen_class(name: str):
    """The Screen subclass registered under `name` (KeyError if not built)."""
    if name not in SCREENS:
        raise KeyError(name)
    return import_module(f"mobsim.ui.screens.{name}").SCREEN
