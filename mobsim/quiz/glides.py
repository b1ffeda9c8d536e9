"""Accessory-glide questions inside the recognition quiz: ask, answer, undo, summary.

The glide counterpart of `Session` (mobsim.quiz.session): questions come from an
`AccessoryDeck` (mm, Maitland or Kaltenborn), Leitner boxes are kept per kind from
that kind's own history, and every answer is stored at once under its kind
("accessory" or "kaltenborn"), so its statistics stay apart from the angular ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from mobsim.model.grades import Grade
from mobsim.quiz.accessory import (
    KALTENBORN,
    AccessoryDeck,
    AccessoryQuestion,
    explain_accessory,
)
from mobsim.quiz.feedback import Feedback
from mobsim.quiz.levels import LevelSpec
from mobsim.quiz.practice import HISTORY_ANSWERS, Leitner
from mobsim.quiz.sitting import Sitting
from mobsim.quiz.store import Attempt, HistoryStore


@dataclass(frozen=True)
class GlideResult:
    question: AccessoryQuestion
    chosen: str  # the label answered: "IV", "IV+", or Kaltenborn "II"
    correct: bool
    response_ms: int
    feedback: Feedback
    attempt_id: int | None  # None if the store could not save it


class GlideSession(Sitting):
    """Glide questions of one kind for one quiz sitting (the quiz decides when to ask)."""

    def __init__(
        self,
        techniques,
        spec: LevelSpec,
        grading: str,
        *,
        seed: int,
        profile: str,
        store: HistoryStore,
        session_id: int,
        adaptive: bool = True,
    ):
        self.spec = spec
        self.kind = grading
        self.profile = profile
        self.store = store
        self.session_id = session_id
        self.adaptive = adaptive
        self.deck = AccessoryDeck(techniques, grading, spec, seed)
        past = store.recent_answers(profile, HISTORY_ANSWERS, kind=grading) if adaptive else []
        self._boxes_at_start = Leitner.replay(past)
        self._boxes = self._boxes_at_start.after([])
        self.results: list[GlideResult] = []
        self.question: AccessoryQuestion = self.deck.draw(self.weights())
        self.answered = False

    @property
    def is_kaltenborn(self) -> bool:
        return self.kind == KALTENBORN

    @property
    def feedback(self) -> Feedback | None:
        return self.results[-1].feedback if self.answered else None

    def weights(self) -> dict[Grade, float] | None:
        return self._boxes.weights() if self.adaptive else None

    def answer(self, chosen: str, response_ms: float) -> Feedback | None:
        """Mark the current question and store it; None if answered already or not a choice."""
        if self.answered:
            return None
        chosen = str(chosen)
        q = self.question
        try:
            feedback = explain_accessory(q, chosen)
        except ValueError:
            return None
        chosen = q.choice.__class__.parse(chosen).label
        ms = max(0, int(round(response_ms)))
        c = q.condition
        attempt_id = self.store.record(
            self.session_id,
            Attempt(
                profile=self.profile,
                level=q.level.value,
                joint=q.technique.id,
                available_limit=c.available_limit,
                resistance_onset=c.resistance_onset,
                convention="kaltenborn" if self.is_kaltenborn else q.convention.value,
                true_grade=q.answer,
                chosen_grade=chosen,
                correct=feedback.correct,
                response_ms=ms,
                question_seed=q.seed,
                kind=self.kind,
            ),
        )
        self.results.append(GlideResult(q, chosen, feedback.correct, ms, feedback, attempt_id))
        self._boxes = self._boxes_at_start.after(self.labels(r) for r in self.results)
        self.answered = True
        return feedback

    def next(self) -> AccessoryQuestion:
        if self.answered:
            self.question = self.deck.draw(self.weights())
            self.answered = False
        return self.question

    def labels(self, result: GlideResult) -> tuple[str, str]:
        return result.question.answer, result.chosen
