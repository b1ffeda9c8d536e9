"""The Screen base: a model, a view widget, the QActions it declares, step(dt) and render()."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from mobsim.model import JointLibrary
from mobsim.model.lecture import Lecture
from mobsim.model.simulation import Simulation
from mobsim.ui.theme import Theme


@dataclass
class ScreenContext:
    """What every screen may use: the shared models and the current theme."""

    sim: Simulation
    library: JointLibrary
    lecture: Lecture
    theme: Theme
    history: Callable[[], object]  # opens the quiz history store on first use
    options: dict = field(default_factory=dict)  # start-up options (e.g. the quiz's --level)
    prefs: object | None = None  # the saved Preferences a screen may read and change


def make_action(owner, menu: str, text: str, keys, slot, repeat: bool = False) -> QAction:
    """A key: `menu` names the menu it appears in; auto-repeat is off unless asked,
    so a held key acts once."""
    action = QAction(text, owner)
    action.setProperty("menu", menu)
    if keys:
        keys = keys if isinstance(keys, list) else [keys]
        action.setShortcuts([QKeySequence(k) for k in keys])
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setAutoRepeat(repeat)
    action.setStatusTip(text)
    action.triggered.connect(lambda _=False: slot())
    return action


class Screen(QObject):
    """One screen. Subclasses set `name`/`title`, build `self.widget` and declare actions."""

    name: ClassVar[str] = ""
    title: ClassVar[str] = ""
    keys_hint: ClassVar[str] = "Tip: ? or F1 lists the keys of this screen."  # first launch
    moving_changed = Signal()  # the clock re-checks is_moving()
    status = Signal(str)  # a message for the window's status bar
    switch_to = Signal(str)  # ask the window to show another screen

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.theme = context.theme
        self.widget: QWidget = QWidget()
        self._actions: list[QAction] = []

    # ------------------------------------------------------------ actions
    def action(
        self,
        menu: str,
        text: str,
        keys: str | list[str] | None,
        slot: Callable[[], object],
        *,
        repeat: bool = False,
    ) -> QAction:
        """Declare one of this screen's keys (see make_action)."""
        action = make_action(self, menu, text, keys, slot, repeat)
        self._actions.append(action)
        return action

    def actions(self) -> list[QAction]:
        return list(self._actions)

    # ------------------------------------------------------------ life cycle
    @property
    def stage(self) -> QWidget:
        """What a slide export (PNG, GIF) shows."""
        return self.widget

    def activate(self) -> None:
        """Called when the screen becomes current."""

    def deactivate(self) -> None:
        """Called when another screen becomes current."""

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme

    def set_presenting(self, presenting: bool) -> None:
        """Presentation (F9): hide what a lecture from the keyboard does not need."""

    def close(self) -> None:
        """Disconnect from the models (the window is closing)."""

    # ------------------------------------------------------------ clock
    def is_moving(self) -> bool:
        return False

    def step(self, dt: float) -> None:
        """Advance the screen's model by a measured, capped frame time."""

    def render(self) -> None:
        """Draw the current instant."""

    def refresh_readouts(self) -> None:
        """Bring any text read-outs up to this instant (they normally run at ~10 Hz)."""

    def advance(self, seconds: float, fps: float = 60.0) -> None:
        """Headless: run `seconds` at a steady frame rate (screenshots, tests)."""
        for _ in range(int(round(seconds * fps))):
            self.step(1.0 / fps)
            self.render()
