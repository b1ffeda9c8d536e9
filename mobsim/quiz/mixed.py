"""A quiz that mixes recognition questions with case questions at a chosen ratio.

Recognition questions come from `Session` (adaptive, seeded): angular motions,
and, at `accessory_ratio`, accessory glides in mm (`GlideSession`, Maitland or
Kaltenborn). Case questions come from the vignette bank (`mobsim.content`). All
are stored in the same history under their own `kind` (recognition, accessory,
kaltenborn, case), so each keeps its own statistics.

Which kind comes next: a case at `case_ratio`; otherwise a glide at
`accessory_ratio` (a share of the motion questions); otherwise an angular motion.
Each of the two draws has its own random stream, so adding glides never changes
which questions of a seed are cases.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mobsim.content import CaseAnswer, CaseFeedback, CasePicker, Vignette, check
from mobsim.model.joints import Condition
from mobsim.model.library import JointLibrary
from mobsim.quiz.accessory import ACCESSORY, GLIDE_KINDS
from mobsim.quiz.feedback import Feedback
from mobsim.quiz.glides import GlideSession
from mobsim.quiz.levels import Level
from mobsim.quiz.session import Score, Session
from mobsim.quiz.store import Attempt, HistoryStore, Summary

RECOGNITION = "recognition"
CASE = "case"


@dataclass(frozen=True)
class CaseResult:
    vignette: Vignette
    chosen: CaseAnswer
    correct: bool
    response_ms: int
    feedback: CaseFeedback
    attempt_id: int | None


class MixedQuiz:
    """Recognition and case questions in one quiz; `kind` says which is showing."""

    def __init__(
        self,
        library: JointLibrary,
        level: Level | str = Level.BASIC,
        *,
        seed: int | None = None,
        questions: int | None = None,
        profile: str | None = None,
        store: HistoryStore | None = None,
        case_ratio: float = 0.0,
        vignettes: list[Vignette] | None = None,
        accessory_ratio: float = 0.0,
        grading: str = ACCESSORY,
        adaptive: bool = True,
    ):
        if not 0.0 <= case_ratio <= 1.0:
            raise ValueError(f"case ratio must be 0–1, got {case_ratio}")
        if not 0.0 <= accessory_ratio <= 1.0:
            raise ValueError(f"accessory share must be 0–1, got {accessory_ratio}")
        if case_ratio > 0 and not vignettes:
            raise ValueError("case questions need at least one vignette")
        if grading not in GLIDE_KINDS:
            raise ValueError(f"glide grading must be one of {', '.join(GLIDE_KINDS)}")
        if accessory_ratio > 0 and not library.techniques:
            raise ValueError("accessory questions need at least one accessory technique preset")
        self.library = library
        self.recognition = Session(
            library, level, seed=seed, profile=profile, store=store, adaptive=adaptive
        )
        self.accessory_ratio = accessory_ratio
        self.glides = (
            GlideSession(
                library.techniques.values(),
                self.recognition.spec,
                grading,
                seed=self.recognition.seed + 2,
                profile=self.recognition.profile,
                store=self.recognition.store,
                session_id=self.recognition.session_id,
                adaptive=adaptive,
            )
            if accessory_ratio > 0
            else None
        )
        self._glide_rng = np.random.default_rng(self.recognition.seed + 3)
        self.total = questions
        self.case_ratio = case_ratio
        self.vignettes = list(vignettes or [])
        self.cases = CasePicker(self.vignettes, self.recognition.seed) if vignettes else None
        self._rng = np.random.default_rng(self.recognition.seed + 1)
        self.order: list[str] = []  # kinds answered, oldest first (undo goes backwards)
        self.case_results: list[CaseResult] = []
        self.vignette: Vignette | None = None
        self.kind = self._draw_kind()
        if self.kind == CASE:
            self.vignette = self.cases.pick()
        self.answered = False

    # ------------------------------------------------------------ state
    @property
    def store(self) -> HistoryStore:
        return self.recognition.store

    @property
    def profile(self) -> str:
        return self.recognition.profile

    @property
    def seed(self) -> int:
        return self.recognition.seed

    @property
    def level(self) -> Level:
        return self.recognition.level

    @property
    def spec(self):
        return self.recognition.spec

    @property
    def question(self):
        return self.recognition.question

    @property
    def glide_question(self):
        """The current accessory question (mm), or None in a quiz without glides."""
        return None if self.glides is None else self.glides.question

    @property
    def is_glide(self) -> bool:
        return self.kind in GLIDE_KINDS

    @property
    def score(self) -> Score:
        rec = self.recognition.score
        cases = sum(r.correct for r in self.case_results)
        glides = [] if self.glides is None else self.glides.results
        return Score(
            rec.answered + len(self.case_results) + len(glides),
            rec.correct + cases + sum(r.correct for r in glides),
        )

    @property
    def number(self) -> int:
        return len(self.order) + (0 if self.answered else 1)

    @property
    def finished(self) -> bool:
        return self.total is not None and self.answered and len(self.order) >= self.total

    @property
    def feedback(self) -> Feedback | CaseFeedback | None:
        if not self.answered:
            return None
        if self.kind == CASE:
            return self.case_results[-1].feedback
        return self.glides.feedback if self.is_glide else self.recognition.feedback

    def _draw_kind(self) -> str:
        if self.cases is not None and self.case_ratio > 0 and self._rng.random() < self.case_ratio:
            return CASE
        if self.glides is not None and self._glide_rng.random() < self.accessory_ratio:
            return self.glides.kind
        return RECOGNITION

    # ------------------------------------------------------------ actions
    def answer(self, chosen, response_ms: float) -> Feedback | None:
        """A grade for a motion question, angular or glide (None if not one, or answered)."""
        if self.answered or self.kind == CASE:
            return None
        if self.is_glide:
            label = chosen.label if hasattr(chosen, "label") else str(chosen)
            feedback = self.glides.answer(label, response_ms)
        else:
            feedback = self.recognition.answer(chosen, response_ms)
        if feedback is not None:
            self.answered = True
            self.order.append(self.kind)
        return feedback

    def answer_case(self, chosen: CaseAnswer, response_ms: float) -> CaseFeedback | None:
        if self.answered or self.kind != CASE:
            return None
        v = self.vignette
        feedback = check(v, chosen)
        joint = self.library.get(v.joint_id)
        condition = v.condition or Condition.for_joint(joint)  # no diagram: the normal joint
        attempt_id = self.store.record(
            self.recognition.session_id,
            Attempt(
                profile=self.profile,
                level=self.level.value,
                joint=v.joint_id,
                available_limit=condition.available_limit,
                resistance_onset=condition.resistance_onset,
                convention=self.spec.convention.value,
                true_grade=v.answer.value,
                chosen_grade=chosen.value,
                correct=feedback.correct,
                response_ms=max(0, int(round(response_ms))),
                question_seed=self.vignettes.index(v),
                kind=CASE,
            ),
        )
        self.case_results.append(
            CaseResult(v, chosen, feedback.correct, int(response_ms), feedback, attempt_id)
        )
        self.order.append(CASE)
        self.answered = True
        return feedback

    def next(self) -> str | None:
        """Move on; the kind of the new question, or None when the quiz is over."""
        if not self.answered:
            return self.kind
        if self.finished:
            return None
        self.kind = self._draw_kind()
        if self.kind == CASE:
            self.vignette = self.cases.pick()
        elif self.is_glide:
            self.glides.next()
        elif self.recognition.answered:
            self.recognition.next()
        self.answered = False
        return self.kind

    def undo(self) -> str | None:
        """Take back the last answer, of either kind, and show that question again."""
        if not self.order:
            return None
        kind = self.order.pop()
        if kind == RECOGNITION:
            self.recognition.undo()
        elif kind in GLIDE_KINDS:
            self.glides.undo()
        else:
            last = self.case_results.pop()
            if last.attempt_id is not None:
                self.store.remove(last.attempt_id)
            self.vignette = last.vignette
        self.kind = kind
        self.answered = False
        return kind

    def summaries(self) -> tuple[Summary, Summary]:
        """(recognition, case) summaries of this quiz, each with its own trend."""
        sid = self.recognition.session_id
        return (self.recognition.summary(), self.store.summary(self.profile, sid, kind=CASE))

    def summaries_by_kind(self) -> dict[str, Summary]:
        """Every kind this quiz can ask, each summarised apart with its own trend:
        recognition (angular), the glide kind (if glides are on), case."""
        recognition, cases = self.summaries()
        out = {RECOGNITION: recognition}
        if self.glides is not None:
            out[self.glides.kind] = self.glides.summary()
        out[CASE] = cases
        return out
