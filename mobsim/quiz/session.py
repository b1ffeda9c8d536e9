"""One sitting of the quiz: ask, answer, feedback, undo, next, score.

Qt-free, like Anki's scheduler: the quiz screen calls these methods and shows the
results. Every answer is stored at once (one transaction), so nothing answered is
lost if the program dies.
"""

from __future__ import annotations

from dataclasses import dataclass

from mobsim.model.grades import Convention, Grade, GradeChoice
from mobsim.model.library import JointLibrary
from mobsim.quiz.feedback import Feedback, explain
from mobsim.quiz.levels import Level, LevelSpec, level_spec
from mobsim.quiz.practice import HISTORY_ANSWERS, Leitner
from mobsim.quiz.questions import Question, QuestionDeck
from mobsim.quiz.sitting import Sitting
from mobsim.quiz.store import DEFAULT_PROFILE, Attempt, HistoryStore, accuracy


@dataclass(frozen=True)
class Result:
    question: Question
    chosen: GradeChoice
    correct: bool
    response_ms: int
    feedback: Feedback
    attempt_id: int | None  # None if the store could not save it


@dataclass(frozen=True)
class Score:
    answered: int
    correct: int

    @property
    def accuracy(self) -> float | None:
        return accuracy(self.correct, self.answered)


class Session(Sitting):
    """A quiz of `questions` questions, or until the student stops (None).

    Flow: `question` is shown; `answer()` marks it and returns the feedback;
    `next()` moves on; `undo()` takes the last answer back. `answer()` refuses a
    second answer to the same question by returning None.
    """

    def __init__(
        self,
        library: JointLibrary,
        level: Level | str | LevelSpec = Level.BASIC,
        *,
        seed: int | None = None,
        questions: int | None = None,
        profile: str | None = None,
        store: HistoryStore | None = None,
        convention: Convention | None = None,
        adaptive: bool = True,
    ):
        if questions is not None and questions < 1:
            raise ValueError(f"a quiz needs at least 1 question, got {questions}")
        self.spec = level if isinstance(level, LevelSpec) else level_spec(level, convention)
        self.total = questions
        self.profile = profile or DEFAULT_PROFILE
        self.store = store if store is not None else HistoryStore.in_memory()
        self.adaptive = adaptive
        self.deck = QuestionDeck(self.spec, library, seed)
        self.results: list[Result] = []
        # Boxes start from the profile's recent history, then follow this session.
        past = self.store.recent_answers(self.profile, HISTORY_ANSWERS) if adaptive else []
        self._boxes_at_start = Leitner.replay(past)
        self._boxes = self._boxes_at_start.after([])
        self.session_id = self.store.start_session(
            self.profile, self.spec.level.value, self.spec.convention.value, self.deck.seed
        )
        self.question: Question = self.deck.draw(self.weights())
        self.answered = False

    @property
    def seed(self) -> int:
        return self.deck.seed

    @property
    def level(self) -> Level:
        return self.spec.level

    # ------------------------------------------------------------ state
    @property
    def can_answer(self) -> bool:
        return not self.answered

    @property
    def feedback(self) -> Feedback | None:
        """Feedback on the current question, once it is answered."""
        return self.results[-1].feedback if self.answered else None

    @property
    def score(self) -> Score:
        return Score(len(self.results), sum(r.correct for r in self.results))

    @property
    def remaining(self) -> int | None:
        """Questions still to answer (None: until the student stops)."""
        return None if self.total is None else self.total - len(self.results)

    @property
    def finished(self) -> bool:
        return self.total is not None and self.answered and len(self.results) >= self.total

    @property
    def number(self) -> int:
        """1-based number of the current question."""
        return len(self.results) + (0 if self.answered else 1)

    def weights(self) -> dict[Grade, float] | None:
        """How likely each grade is next (Leitner boxes); None when not adaptive."""
        if not self.adaptive:
            return None
        return self._boxes.weights()

    # ------------------------------------------------------------ actions
    def answer(self, chosen: GradeChoice | Grade | str, response_ms: float) -> Feedback | None:
        """Mark the current question and store the attempt; None if already answered."""
        if self.answered:
            return None
        chosen = _as_choice(chosen)
        q = self.question
        correct = chosen == q.choice
        feedback = explain(q.choice, chosen, q.band(), q.condition, q.watched())
        ms = max(0, int(round(response_ms)))
        attempt_id = self.store.record(
            self.session_id,
            Attempt(
                profile=self.profile,
                level=q.level.value,
                joint=q.joint_id,
                available_limit=q.condition.available_limit,
                resistance_onset=q.condition.resistance_onset,
                convention=q.convention.value,
                true_grade=q.choice.label,
                chosen_grade=chosen.label,
                correct=correct,
                response_ms=ms,
                question_seed=q.seed,
            ),
        )
        self.results.append(Result(q, chosen, correct, ms, feedback, attempt_id))
        self._boxes.record(q.grade, chosen.grade)
        self.answered = True
        return feedback

    def next(self) -> Question | None:
        """The next question; the same one while unanswered; None when the quiz is over."""
        if not self.answered:
            return self.question
        if self.finished:
            return None
        self.question = self.deck.draw(self.weights())
        self.answered = False
        return self.question

    def labels(self, result: Result) -> tuple[str, str]:
        return result.question.choice.label, result.chosen.label


def _as_choice(chosen: GradeChoice | Grade | str) -> GradeChoice:
    if isinstance(chosen, GradeChoice):
        return chosen
    if isinstance(chosen, Grade):
        return GradeChoice(chosen)
    return GradeChoice.parse(chosen)
