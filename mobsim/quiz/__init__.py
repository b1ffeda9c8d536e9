"""Quiz logic: questions, scheduling, scoring and history. No Qt here."""

from mobsim.quiz.classroom import ClassQuiz
from mobsim.quiz.feedback import Cue, Feedback, cue_between, explain
from mobsim.quiz.levels import LEVELS, Level, LevelSpec, Marker, Variation, level_spec
from mobsim.quiz.practice import Leitner
from mobsim.quiz.questions import Item, Question, QuestionDeck, perform
from mobsim.quiz.session import Result, Score, Session
from mobsim.quiz.store import (
    DEFAULT_PROFILE,
    Attempt,
    HistoryStore,
    SessionScore,
    Summary,
    Tally,
    default_data_dir,
    export_history,
    profile_name,
)

__all__ = [
    "DEFAULT_PROFILE",
    "LEVELS",
    "Attempt",
    "ClassQuiz",
    "Cue",
    "Feedback",
    "HistoryStore",
    "Item",
    "Leitner",
    "Level",
    "LevelSpec",
    "Marker",
    "Question",
    "QuestionDeck",
    "Result",
    "Score",
    "Session",
    "SessionScore",
    "Summary",
    "Tally",
    "Variation",
    "cue_between",
    "default_data_dir",
    "explain",
    "export_history",
    "level_spec",
    "perform",
    "profile_name",
]
