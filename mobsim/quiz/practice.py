"""Adaptive practice: Leitner boxes per grade, so missed grades come back more often.

Each grade I–V sits in one of five boxes. A right answer moves the true grade up
one box; a wrong answer sends the true grade back to box 1 and moves the grade
that was chosen instead down one box, so both halves of a confusion pair (say II
taken for III) are practised. A grade's weight falls from 1 (box 1) to the floor
(box 5), so a mastered grade still appears, just less often. doc/model.md (§9)
explains the scheme to teachers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from mobsim.model.grades import Grade, GradeChoice

BOXES = 5
# A mastered grade (box 5) is still asked this often relative to a missed one (box 1).
FLOOR = 0.2
# How far back in a profile's history the boxes are rebuilt from at the start of a session.
HISTORY_ANSWERS = 200


def _weight(box: int) -> float:
    need = (BOXES - box) / (BOXES - 1)  # 1 in box 1, 0 in box 5
    return FLOOR + (1.0 - FLOOR) * need


def grade_of(label: str) -> Grade | None:
    """The grade a stored label names ("IV+" → IV); None for labels of other kinds."""
    try:
        return GradeChoice.parse(label).grade
    except ValueError:
        return None


@dataclass
class Leitner:
    boxes: dict[Grade, int] = field(default_factory=lambda: {g: 1 for g in Grade})

    def record(self, true: Grade, chosen: Grade | None) -> None:
        if chosen is true:
            self.boxes[true] = min(BOXES, self.boxes[true] + 1)
            return
        self.boxes[true] = 1
        if chosen is not None:
            self.boxes[chosen] = max(1, self.boxes[chosen] - 1)

    def weights(self) -> dict[Grade, float]:
        return {g: _weight(box) for g, box in self.boxes.items()}

    def after(self, answers: Iterable[tuple[str, str]]) -> Leitner:
        """A copy, moved on by (true label, chosen label) answers, oldest first."""
        leitner = Leitner(dict(self.boxes))
        for true_label, chosen_label in answers:
            true = grade_of(true_label)
            if true is not None:
                leitner.record(true, grade_of(chosen_label))
        return leitner

    @classmethod
    def replay(cls, answers: Iterable[tuple[str, str]]) -> Leitner:
        """Boxes after a sequence of (true label, chosen label), oldest first."""
        return cls().after(answers)
