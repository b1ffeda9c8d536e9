"""Case questions: answer choices, a seeded vignette picker, and feedback. No Qt here."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

from mobsim.model.grades import Grade

if TYPE_CHECKING:
    from mobsim.content.vignettes import Vignette


class CaseAnswer(Enum):
    """The four choices of a case question, answered with keys 1–4."""

    I_II = "I-II"
    III_IV = "III-IV"
    V = "V"
    REFER = "refer"

    @property
    def key(self) -> int:
        return _KEYS[self]

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def grades(self) -> tuple[Grade, ...]:
        """Grades this answer allows; empty for 'do not mobilise'."""
        return _GRADES[self]

    @property
    def rule(self) -> str:
        """The cue that keys this answer, in one line (shown in feedback)."""
        return _RULES[self]

    @classmethod
    def from_key(cls, key: int | str) -> CaseAnswer | None:
        """The answer for keyboard key 1–4, or None for any other key."""
        text = str(key).strip()
        return next((a for a in cls if str(a.key) == text), None)

    @classmethod
    def parse(cls, text: str | int) -> CaseAnswer:
        """'1'–'4', 'I-II' (hyphen or en dash), 'III-IV', 'V' or 'refer'."""
        by_key = cls.from_key(text)
        if by_key is not None:
            return by_key
        raw = str(text).strip().replace("\u2013", "-").replace(" ", "")
        for answer in cls:
            if raw.upper() == answer.value.upper():
                return answer
        choices = ", ".join(f"{a.key} = {a.value}" for a in cls)
        raise ValueError(f"unknown case answer {text!r}: choose {choices}")


_KEYS = {CaseAnswer.I_II: 1, CaseAnswer.III_IV: 2, CaseAnswer.V: 3, CaseAnswer.REFER: 4}
_LABELS = {
    CaseAnswer.I_II: "Grades I\u2013II",
    CaseAnswer.III_IV: "Grades III\u2013IV",
    CaseAnswer.V: "Grade V (manipulation)",
    CaseAnswer.REFER: "Do not mobilise: refer or consult first",
}
_GRADES = {
    CaseAnswer.I_II: (Grade.I, Grade.II),
    CaseAnswer.III_IV: (Grade.III, Grade.IV),
    CaseAnswer.V: (Grade.V,),
    CaseAnswer.REFER: (),
}
_RULES = {
    CaseAnswer.I_II: "Pain-dominant or irritable (flares easily, slow to settle): "
    "grades I\u2013II.",
    CaseAnswer.III_IV: "Stiffness-dominant and not irritable: grades III\u2013IV.",
    CaseAnswer.V: "Stiff, not irritable, no precautions, and grades III\u2013IV have stopped "
    "helping: one grade V thrust, by a trained clinician.",
    CaseAnswer.REFER: "A red flag, an absolute contraindication, or a guideline item that is "
    "active or unstable: do not mobilise; refer or consult first.",
}


class CasePlay(NamedTuple):
    """What the feedback can animate: grade on this joint at this available limit."""

    joint_id: str
    available_limit: float | None  # None: the normal joint (L = B)
    grade: Grade


@dataclass(frozen=True)
class CaseFeedback:
    correct: bool
    chosen: CaseAnswer
    expected: CaseAnswer
    headline: str
    cue: str  # the general rule that keys the expected answer
    rationale: str
    source: str
    play: CasePlay | None = None


def play_for(vignette: Vignette) -> CasePlay | None:
    if vignette.play_grade is None:
        return None
    return CasePlay(vignette.joint_id, vignette.available_limit, vignette.play_grade)


def check(vignette: Vignette, answer: CaseAnswer | int | str) -> CaseFeedback:
    """Mark `answer` against the vignette's key and explain the key."""
    chosen = answer if isinstance(answer, CaseAnswer) else CaseAnswer.parse(answer)
    expected = vignette.answer
    correct = chosen is expected
    if correct:
        headline = f"Correct: {expected.label}."
    else:
        headline = (
            f"Not this one: the answer is \u201c{expected.label}\u201d, "
            f"not \u201c{chosen.label}\u201d."
        )
    return CaseFeedback(
        correct,
        chosen,
        expected,
        headline,
        expected.rule,
        vignette.rationale,
        vignette.source,
        play_for(vignette),
    )


class CasePicker:
    """Seeded order of vignettes: each round is a shuffle of all of them, and the
    same vignette never comes twice in a row (when there are at least two)."""

    def __init__(self, vignettes: Sequence[Vignette], seed: int | None = None):
        if not vignettes:
            raise ValueError("no vignettes to pick from")
        self._vignettes = list(vignettes)
        self._rng = random.Random(seed)
        self._round: list[Vignette] = []
        self.last: Vignette | None = None

    def pick(self) -> Vignette:
        if not self._round:
            self._round = self._new_round()
        self.last = self._round.pop()
        return self.last

    def _new_round(self) -> list[Vignette]:
        order = list(self._vignettes)
        self._rng.shuffle(order)
        # pick() pops from the end; keep the previous vignette off that end.
        if len(order) > 1 and self.last is not None and order[-1] is self.last:
            swap = self._rng.randrange(len(order) - 1)
            order[-1], order[swap] = order[swap], order[-1]
        return order
