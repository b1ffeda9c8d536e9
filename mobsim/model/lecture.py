"""What a lecture adds to the demonstration: hidden labels, a class quiz, a compare mode.

One resettable model (after PhET's screen models) so that every view reads one
truth: pressing H during a mystery, or N after a reveal, can never leave one
view thinking the grade is hidden and another showing it.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

ASK = "Class quiz: which grade is this? (A reveals the answer)"


class CompareMode(StrEnum):
    OFF = "off"
    GRADES = "grades"  # all five grades side by side
    STIFF = "stiff"  # the grade on a normal and on a stiff joint

    def next(self) -> CompareMode:
        modes = list(CompareMode)
        return modes[(modes.index(self) + 1) % len(modes)]


class Lecture:
    """labels_hidden, mystery (the grade on screen is the class's question), the reveal
    text (which belongs to the scene it named), and the compare mode."""

    def __init__(self):
        self._listeners: list[Callable[[], None]] = []
        self.reset()

    def reset(self) -> None:
        self.labels_hidden = False
        self.mystery = False
        self.revealed: str | None = None
        self.compare = CompareMode.OFF
        self._changed()

    def subscribe(self, callback: Callable[[], None]) -> None:
        self._listeners.append(callback)

    def unsubscribe(self, callback: Callable[[], None]) -> None:
        if callback in self._listeners:
            self._listeners.remove(callback)

    def _changed(self) -> None:
        for callback in list(getattr(self, "_listeners", ())):
            callback()

    # ------------------------------------------------------------ derived
    @property
    def labels_visible(self) -> bool:
        return not self.labels_hidden

    @property
    def band_hidden(self) -> bool:
        """During a mystery the band itself would give the answer away."""
        return self.mystery

    @property
    def banner(self) -> str | None:
        if self.mystery:
            return ASK
        return self.revealed

    # ------------------------------------------------------------ commands
    def set_labels_hidden(self, hidden: bool) -> None:
        """H. Showing the labels during a mystery ends it, without a reveal."""
        self.labels_hidden = bool(hidden)
        if not hidden:
            self.mystery = False
        self.revealed = None
        self._changed()

    def toggle_labels(self) -> None:
        self.set_labels_hidden(not self.labels_hidden)

    def start_mystery(self) -> None:
        self.mystery = True
        self.labels_hidden = True
        self.revealed = None
        self._changed()

    def reveal(self, text: str) -> bool:
        """A: the answer and why; False when no mystery is playing."""
        if not self.mystery:
            return False
        self.mystery = False
        self.labels_hidden = False
        self.revealed = text
        self._changed()
        return True

    def scene_changed(self) -> None:
        """A new joint, grade or condition: a reveal no longer describes what is shown."""
        if self.revealed is not None:
            self.revealed = None
            self._changed()

    def clear_reveal(self) -> None:
        self.scene_changed()

    def set_compare(self, mode: CompareMode) -> None:
        self.compare = CompareMode(mode)
        self._changed()

    def cycle_compare(self) -> None:
        self.set_compare(self.compare.next())
