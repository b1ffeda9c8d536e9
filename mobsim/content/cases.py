"""Case questions: the management options, a seeded vignette picker, and feedback. No Qt."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

from mobsim.model.grades import Grade
from mobsim.model.joints import Condition

if TYPE_CHECKING:
    from mobsim.content.vignettes import Vignette


class CaseAnswer(Enum):
    """The six management options of a case question, answered with keys 1–6.

    The values are stable strings: they are what the quiz history stores.
    """

    I_II = "I-II"
    III_IV = "III-IV"
    V = "V"
    DO_NOT_MOBILISE = "do-not-mobilise"
    REFER_EMERGENCY = "refer-emergency"
    REFER_MEDICAL = "refer-medical"

    @property
    def key(self) -> int:
        return list(CaseAnswer).index(self) + 1

    @property
    def label(self) -> str:
        return _OPTIONS[self][0]

    @property
    def meaning(self) -> str:
        """What choosing this option means, in one line."""
        return _OPTIONS[self][1]

    @property
    def grades(self) -> tuple[Grade, ...]:
        """Grades this answer allows; empty for the options that mobilise nothing."""
        return _GRADES.get(self, ())

    @property
    def is_referral(self) -> bool:
        return self in (CaseAnswer.REFER_EMERGENCY, CaseAnswer.REFER_MEDICAL)

    @property
    def rule(self) -> str:
        """The cue that keys this answer, in one line (shown in feedback)."""
        return _RULES[self]

    @classmethod
    def from_key(cls, key: int | str) -> CaseAnswer | None:
        """The answer for keyboard key 1–6, or None for any other key."""
        text = str(key).strip()
        return next((a for a in cls if str(a.key) == text), None)

    @classmethod
    def parse(cls, text: str | int) -> CaseAnswer:
        """'1'–'6', or a stored value: 'I-II' (hyphen or en dash), 'III-IV', 'V',
        'do-not-mobilise', 'refer-emergency', 'refer-medical'."""
        by_key = cls.from_key(text)
        if by_key is not None:
            return by_key
        raw = str(text).strip().replace("\u2013", "-").replace(" ", "")
        for answer in cls:
            if raw.upper() == answer.value.upper():
                return answer
        choices = ", ".join(f"{a.key} = {a.value}" for a in cls)
        raise ValueError(f"unknown case answer {text!r}: choose {choices}")


# Key order, label and meaning: the UI renders these with keys 1–6.
_OPTIONS = {
    CaseAnswer.I_II: (
        "Grades I\u2013II",
        "Mobilise gently, short of resistance and short of pain.",
    ),
    CaseAnswer.III_IV: (
        "Grades III\u2013IV",
        "Mobilise into resistance to gain range.",
    ),
    CaseAnswer.V: (
        "Grade V (thrust)",
        "One high-velocity, small-amplitude thrust at the limit, by a trained clinician.",
    ),
    CaseAnswer.DO_NOT_MOBILISE: (
        "Do not mobilise this joint now",
        "Manage otherwise: protect, exercise, educate, or treat another structure.",
    ),
    CaseAnswer.REFER_EMERGENCY: (
        "Refer \u2014 emergency",
        "Stop and call emergency services now.",
    ),
    CaseAnswer.REFER_MEDICAL: (
        "Refer \u2014 medical review",
        "Arrange an urgent or routine medical review before manual therapy here.",
    ),
}
MANAGEMENT_OPTIONS: tuple[CaseAnswer, ...] = tuple(CaseAnswer)

# Values written by older versions, before "refer" was split in three. They
# still load and display; they are never offered as an answer.
LEGACY_ANSWER_LABELS = {"refer": "Do not mobilise or refer (older answer)"}

_GRADES = {
    CaseAnswer.I_II: (Grade.I, Grade.II),
    CaseAnswer.III_IV: (Grade.III, Grade.IV),
    CaseAnswer.V: (Grade.V,),
}
_RULES = {
    CaseAnswer.I_II: "Pain-dominant or irritable (pain limits the movement, or symptoms flare "
    "easily and settle slowly): grades I\u2013II, short of resistance and pain.",
    CaseAnswer.III_IV: "Stiffness-dominant and not irritable (resistance limits the movement): "
    "grades III\u2013IV.",
    CaseAnswer.V: "A thrust only where a trial or textbook supports it for this presentation, "
    "after end-feel, dosage and accessory direction have been reassessed.",
    CaseAnswer.DO_NOT_MOBILISE: "Mobilising this joint now would not help or could harm, yet "
    "nothing needs a doctor first: manage it another way.",
    CaseAnswer.REFER_EMERGENCY: "Signs of a condition that threatens life or limb within hours: "
    "stop and call emergency services.",
    CaseAnswer.REFER_MEDICAL: "A red flag, an unhealed or suspected fracture, or an active or "
    "unstable medical problem: a doctor must assess it first (urgently or routinely).",
}


def answer_label(value: str) -> str:
    """The label for a stored answer value, including values from older versions."""
    try:
        return CaseAnswer(value).label
    except ValueError:
        return LEGACY_ANSWER_LABELS.get(value, value)


def stored_answer_values(seen: Iterable[str] = ()) -> list[str]:
    """Stored values to tabulate: every option in key order, then any older value seen."""
    values = [a.value for a in CaseAnswer]
    return values + sorted(set(seen) - set(values))


class CasePlay(NamedTuple):
    """What the feedback can animate: grade on this joint, in the case's own condition."""

    joint_id: str
    available_limit: float | None  # None: the normal joint (L = B)
    grade: Grade
    condition: Condition | None = None  # the case's diagram (L, R1, P1, limiting factor)


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
    return CasePlay(
        vignette.joint_id, vignette.available_limit, vignette.play_grade, vignette.condition
    )


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
