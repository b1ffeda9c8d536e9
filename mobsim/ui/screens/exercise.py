"""What the two exercise screens (diagram, perform) share: their attempt log."""

from __future__ import annotations

from mobsim.quiz import DEFAULT_PROFILE
from mobsim.quiz.exercise_log import ExerciseLog
from mobsim.ui.screens.base import Screen


class ExerciseScreen(Screen):
    """A screen whose attempts go into the quiz history as their own kind."""

    _log: ExerciseLog | None = None

    @property
    def log(self) -> ExerciseLog:
        """The history, opened on first use (the quiz's profile, or the default)."""
        if self._log is None:
            profile = self.context.options.get("quiz", {}).get("profile") or DEFAULT_PROFILE
            self._log = ExerciseLog(self.context.history(), profile)
        return self._log
