"""Class quiz for lectures: a mystery grade on the instructor's joint, then the reveal.

Reuses the self-test quiz's feedback, so the class hears the same explanation
a student gets after answering.
"""

from __future__ import annotations

import numpy as np

from mobsim.model.grades import Band, Grade
from mobsim.model.joints import Condition
from mobsim.quiz.feedback import explain


class ClassQuiz:
    """Picks mystery grades (never the same twice in a row) and words the reveal."""

    def __init__(self, seed: int | None = None):
        self._rng = np.random.default_rng(seed)
        self.mystery: Grade | None = None

    def pick(self, showing: Grade | None = None) -> Grade:
        """A random grade, different from the last mystery and from what is on screen."""
        avoid = {self.mystery, showing}
        options = [g for g in Grade if g not in avoid] or list(Grade)
        self.mystery = options[int(self._rng.integers(len(options)))]
        return self.mystery

    def reveal(self, band: Band, condition: Condition) -> tuple[str, str]:
        """(headline, explanation) for the grade on screen."""
        feedback = explain(band.choice, band.choice, band, condition)
        self.mystery = None
        return f"It was grade {band.choice.display}.", feedback.explanation
