"""The history's score column: a version-1 file (made here, as the old mobsim made it)
is migrated on opening, keeps every old answer, and then stores, undoes and exports scores."""

from __future__ import annotations

import csv
import sqlite3

from mobsim.model import Condition, GradeChoice, load_library
from mobsim.model.performance import Criterion, Marking
from mobsim.quiz.exercise_log import PERFORM, ExerciseLog, performance_attempt, summary_lines
from mobsim.quiz.perform_task import AttemptResult, FeedbackSchedule, PerformTask, Phase
from mobsim.quiz.store import HISTORY_FILE, SCHEMA_VERSION, HistoryStore, export_history

# The schema as mobsim wrote it at version 1 (no score column).
VERSION_1 = """
CREATE TABLE profiles (name TEXT PRIMARY KEY, created_at TEXT NOT NULL);
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY, profile TEXT NOT NULL REFERENCES profiles(name),
    level TEXT NOT NULL, convention TEXT NOT NULL, seed INTEGER, started_at TEXT NOT NULL);
CREATE TABLE attempts (
    id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL REFERENCES sessions(id),
    answered_at TEXT NOT NULL, profile TEXT NOT NULL, level TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'recognition', joint TEXT NOT NULL,
    available_limit REAL NOT NULL, resistance_onset REAL NOT NULL, convention TEXT NOT NULL,
    true_grade TEXT NOT NULL, chosen_grade TEXT NOT NULL,
    correct INTEGER NOT NULL CHECK (correct IN (0, 1)), response_ms INTEGER NOT NULL,
    question_seed INTEGER NOT NULL);
INSERT INTO profiles VALUES ('ana', '2026-01-01T10:00:00');
INSERT INTO sessions VALUES (1, 'ana', 'terminal', 'quartile', NULL, '2026-01-01T10:00:00');
INSERT INTO attempts VALUES (1, 1, '2026-01-01T10:01:00', 'ana', 'terminal', 'perform', 'knee',
    90, 54, 'quartile', 'III', 'III', 1, 10000, 0);
INSERT INTO attempts VALUES (2, 1, '2026-01-01T10:02:00', 'ana', 'basic', 'recognition', 'knee',
    90, 54, 'quartile', 'II', 'I', 0, 3100, 7);
PRAGMA user_version = 1;
"""

KNEE = load_library().get("knee")


def old_history(folder) -> None:
    db = sqlite3.connect(folder / HISTORY_FILE)
    db.executescript(VERSION_1)
    db.close()


def columns(path) -> list[str]:
    db = sqlite3.connect(path)
    try:
        return [row[1] for row in db.execute("PRAGMA table_info(attempts)")]
    finally:
        db.close()


def version(path) -> int:
    db = sqlite3.connect(path)
    try:
        return db.execute("PRAGMA user_version").fetchone()[0]
    finally:
        db.close()


def marked(score: float, matched: bool = True) -> AttemptResult:
    words = Criterion("amplitude", 0.4, (0.25, 0.6), 1.0, True, "amplitude right")
    marking = Marking(score, matched, {"amplitude": words}, "III" if matched else None)
    return AttemptResult(marking, Phase.PRACTICE, FeedbackSchedule.TERMINAL, True)


def task() -> PerformTask:
    return PerformTask(KNEE, Condition.for_joint(KNEE, 90.0), GradeChoice.parse("III"))


def test_a_version_1_file_is_migrated_and_keeps_its_answers(tmp_path):
    old_history(tmp_path)
    path = tmp_path / HISTORY_FILE
    assert "score" not in columns(path)
    store = HistoryStore.open(tmp_path)
    assert store.saves and store.notice is None
    assert store.count() == 2
    assert store.summary("ana", kind=PERFORM).attempts == 1
    assert store.scores("ana", PERFORM).count == 0  # an old answer has no score
    store.close()
    assert "score" in columns(path)
    assert version(path) == SCHEMA_VERSION == 2
    assert not list(tmp_path.glob("*unreadable*"))  # migrated, not moved aside


def test_scores_are_stored_undone_summarised_and_exported_after_migration(tmp_path):
    old_history(tmp_path)
    store = HistoryStore.open(tmp_path)
    log = ExerciseLog(store, "ana")
    for score in (40.0, 62.5):
        log.record(performance_attempt("ana", task(), marked(score), 10_000))
    log.sessions.clear()  # a later session
    log.record(performance_attempt("ana", task(), marked(90.0), 10_000))
    log.record(performance_attempt("ana", task(), marked(10.0, matched=False), 10_000))
    assert log.undo()  # U removes the 10
    scores = store.scores("ana", PERFORM)
    assert scores.count == 3
    assert scores.mean == (40.0 + 62.5 + 90.0) / 3
    assert [round(m, 2) for _, m in scores.by_session] == [51.25, 90.0]
    lines = summary_lines(store, "ana")
    assert "Perform score (practice): mean 64/100 over 3; trend by session: 51 → 90." in lines
    store.close()

    out = tmp_path / "history.csv"
    count, notice = export_history(tmp_path, out)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert count == 5 and notice is None
    assert [r["score"] for r in rows] == ["", "", "40.0", "62.5", "90.0"]


def test_a_version_1_file_is_exported_as_it_is_without_migrating(tmp_path):
    old_history(tmp_path)
    out = tmp_path / "old.csv"
    count, _ = export_history(tmp_path, out)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert count == 2 and [r["score"] for r in rows] == ["", ""]
    assert version(tmp_path / HISTORY_FILE) == 1  # export only reads


def test_a_version_1_file_lacking_an_old_column_is_still_moved_aside(tmp_path):
    db = sqlite3.connect(tmp_path / HISTORY_FILE)
    db.executescript(VERSION_1.replace("question_seed INTEGER NOT NULL);", "x INTEGER);"))
    db.close()
    store = HistoryStore.open(tmp_path)
    assert "moved aside" in (store.notice or "")
    assert store.saves
    store.close()


def test_a_scored_attempt_kept_in_memory_counts_too():
    store = HistoryStore.in_memory()
    log = ExerciseLog(store, "bo")
    log.record(performance_attempt("bo", task(), marked(77.0), 10_000))
    assert store.scores("bo", PERFORM).mean == 77.0
    assert store.scores("bo", "perform-retention").count == 0
    store.close()
