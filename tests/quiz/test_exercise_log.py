"""The exercises in the quiz history: own kinds, one transaction each, undo, export."""

from __future__ import annotations

import csv

from mobsim.content import load_vignettes
from mobsim.model import Condition, GradeChoice, load_library
from mobsim.model.performance import Marking
from mobsim.quiz.diagram_task import StudentDiagram, mark, offered_tasks
from mobsim.quiz.exercise_log import (
    DIAGRAM,
    PERFORM,
    PERFORM_RETENTION,
    ExerciseLog,
    diagram_attempt,
    performance_attempt,
    summary_lines,
)
from mobsim.quiz.perform_task import FeedbackSchedule, PerformTask, Phase, Practice
from mobsim.quiz.store import HistoryStore

LIB = load_library()
KNEE = LIB.get("knee")
TASK = PerformTask(KNEE, Condition.for_joint(KNEE, 90.0), GradeChoice.parse("III"))


def performed(practice: Practice, matched: bool, as_grade: str | None):
    return practice.finish(Marking(90.0 if matched else 20.0, matched, {}, as_grade))


def test_performances_are_stored_as_their_own_kinds_with_the_schedule(tmp_path):
    store = HistoryStore.open(tmp_path)
    log = ExerciseLog(store, "ana")
    practice = Practice(FeedbackSchedule.TERMINAL)
    for matched, seen in ((True, "III"), (False, "IV"), (True, "III")):
        log.record(performance_attempt("ana", TASK, performed(practice, matched, seen), 10_000))
    practice.phase = Phase.RETENTION
    log.record(performance_attempt("ana", TASK, performed(practice, False, None), 10_000))

    s = store.summary("ana", kind=PERFORM)
    assert (s.attempts, s.correct) == (3, 2)
    assert s.confusion[("III", "IV")] == 1
    r = store.summary("ana", kind=PERFORM_RETENTION)
    assert (r.attempts, r.correct) == (1, 0)
    assert store.summary("ana").attempts == 0  # recognition statistics stay apart
    lines = summary_lines(store, "ana")
    assert any(line.startswith("Perform (practice): grade matched in 67% of 3") for line in lines)
    assert any("Retention against practice: -67 points" in line for line in lines)

    out = tmp_path / "history.csv"
    store.export_csv(out)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["kind"] for r in rows] == [PERFORM] * 3 + [PERFORM_RETENTION]
    assert rows[0]["level"] == "terminal" and rows[-1]["chosen_grade"] == "none"
    store.close()


def test_undo_removes_only_the_last_attempt():
    store = HistoryStore.in_memory()
    log = ExerciseLog(store, "ana")
    practice = Practice()
    log.record(performance_attempt("ana", TASK, performed(practice, True, "III"), 1))
    log.record(performance_attempt("ana", TASK, performed(practice, False, "II"), 1))
    assert log.undo()
    s = store.summary("ana", kind=PERFORM)
    assert (s.attempts, s.correct) == (1, 1)
    assert log.undo() and not log.undo()
    assert store.count() == 0


def test_a_marked_diagram_is_stored_with_its_case_numbers():
    bank = load_vignettes(joints=LIB)
    tasks, _ = offered_tasks(bank.vignettes, LIB.joints)
    task = tasks[0]
    key = task.key
    student = StudentDiagram(
        key.resistance_onset_deg,
        key.limit_deg,
        key.pain_onset_deg,
        key.limiting_factor,
        key.pain_at_limit,
        task.management,
    )
    marking = mark(task, student)
    assert marking.all_right
    store = HistoryStore.in_memory()
    log = ExerciseLog(store, "ana")
    log.record(diagram_attempt("ana", task, marking, 42_000))
    s = store.summary("ana", kind=DIAGRAM)
    assert (s.attempts, s.correct) == (1, 1)
    label = task.management.value
    assert s.confusion == {(label, label): 1}
    assert any(
        line.startswith("Diagrams: every point right in 100% of 1")
        for line in summary_lines(store, "ana")
    )
