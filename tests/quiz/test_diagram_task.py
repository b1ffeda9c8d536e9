"""Build-the-diagram exercise: marking point by point (mobsim.quiz.diagram_task), no Qt."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from mobsim.content.cases import CaseAnswer
from mobsim.model import load_library
from mobsim.quiz.diagram_task import (
    INTENSITY_TOLERANCE,
    DiagramTask,
    StudentDiagram,
    clamp_to_range,
    mark,
    offered_tasks,
)

JOINTS = load_library().joints
KNEE = JOINTS["knee"]


@dataclass(frozen=True)
class Diagram:  # the shape of a case's [vignette.diagram]
    limit_deg: float
    resistance_onset_deg: float
    pain_onset_deg: float | None
    limiting_factor: str
    pain_at_limit: float | None
    source: str = "as examined in the case"


@dataclass(frozen=True)
class Case:
    id: str
    joint_id: str
    text: str
    answer: CaseAnswer
    rationale: str
    diagram: Diagram | None


PAINFUL = Case(
    "knee-irritable",
    "knee",
    "Bending hurts from 40°; pain stops it at 90° before firm resistance.",
    CaseAnswer.I_II,
    "Pain-dominant and irritable: grades I–II.",
    Diagram(90, 86, 40, "pain", None),
)
STIFF = Case(
    "knee-stiff",
    "knee",
    "Stiff from 60°, stops firmly at 100°, a little sore at the end.",
    CaseAnswer.III_IV,
    "Stiffness-dominant, not irritable: grades III–IV.",
    Diagram(100, 60, 85, "resistance", 0.3),
)


def task(case: Case) -> DiagramTask:
    tasks, notices = offered_tasks([case], JOINTS)
    assert not notices
    return tasks[0]


def test_the_case_diagram_itself_is_all_right():
    t = task(PAINFUL)
    d = PAINFUL.diagram
    student = StudentDiagram(
        d.resistance_onset_deg, d.limit_deg, d.pain_onset_deg, "pain", None, CaseAnswer.I_II
    )
    marking = mark(t, student)
    assert marking.all_right
    assert marking.score == 100
    assert set(marking.marks) == {"R1", "L", "P1", "limiting factor", "management"}


def test_tolerance_is_ten_percent_of_a_to_b_per_point():
    t = task(STIFF)
    tol = 0.10 * KNEE.normal_range
    inside = StudentDiagram(
        60 + tol - 0.5, 100 - tol + 0.5, 85, "resistance", 0.3, CaseAnswer.III_IV
    )
    assert mark(t, inside).all_right
    outside = StudentDiagram(60 + tol + 0.5, 100, 85, "resistance", 0.3, CaseAnswer.III_IV)
    marking = mark(t, outside)
    assert [name for name, m in marking.marks.items() if not m.passed] == ["R1"]
    r1 = marking.marks["R1"]
    assert r1.difference == pytest.approx(tol + 0.5)
    assert "later in the range" in r1.explanation and "tolerance" in r1.explanation


def test_a_pain_limited_case_drawn_as_resistance_limited_is_explained():
    t = task(PAINFUL)
    student = StudentDiagram(70, 90, 40, "resistance", 0.5, CaseAnswer.III_IV)
    marking = mark(t, student)
    factor = marking.marks["limiting factor"]
    assert not factor.passed
    assert "limited by pain" in factor.explanation
    assert not marking.marks["R1"].passed
    assert not marking.marks["management"].passed
    assert "grades I–II" in marking.marks["management"].explanation


def test_missing_or_extra_p1_is_explained():
    t = task(STIFF)
    none = mark(t, StudentDiagram(60, 100, None, "resistance", None, CaseAnswer.III_IV))
    assert "P1 missing" in none.marks["P1"].explanation
    assert "P′ missing" in none.marks["P′"].explanation
    painless = Case(
        "c", "knee", "x", CaseAnswer.III_IV, "", Diagram(100, 60, None, "resistance", None)
    )
    extra = mark(task(painless), StudentDiagram(60, 100, 50, "resistance", None, CaseAnswer.III_IV))
    assert not extra.marks["P1"].passed
    assert "no pain" in extra.marks["P1"].explanation


def test_pain_at_the_limit_has_its_own_tolerance():
    t = task(STIFF)
    ok = StudentDiagram(
        60, 100, 85, "resistance", 0.3 + INTENSITY_TOLERANCE - 0.01, CaseAnswer.III_IV
    )
    assert mark(t, ok).marks["P′"].passed
    far = StudentDiagram(60, 100, 85, "resistance", 0.9, CaseAnswer.III_IV)
    assert "more pain" in mark(t, far).marks["P′"].explanation


def test_a_case_without_diagram_numbers_is_not_offered_and_a_notice_says_so():
    bare = Case("no-numbers", "knee", "x", CaseAnswer.V, "", None)
    tasks, notices = offered_tasks([bare, STIFF], JOINTS)
    assert [t.case_id for t in tasks] == ["knee-stiff"]
    assert notices == [
        "Case 'no-numbers' has no movement diagram in the case data, so it is not offered here."
    ]


def test_a_handle_dragged_off_the_line_is_clamped_to_a_to_b():
    t = task(STIFF)
    assert clamp_to_range(t, -40) == KNEE.start
    assert clamp_to_range(t, 999) == KNEE.normal_end
    assert clamp_to_range(t, 70) == 70


def test_an_unknown_limiting_factor_is_refused():
    with pytest.raises(ValueError, match="resistance or pain"):
        StudentDiagram(60, 100, None, "spasm")


def test_every_case_with_diagram_numbers_is_offered_and_its_own_diagram_marks_all_right():
    from mobsim.content import load_vignettes

    bank = load_vignettes(joints=load_library())
    tasks, notices = offered_tasks(bank.vignettes, JOINTS)
    with_numbers = [v.id for v in bank.vignettes if v.diagram is not None]
    assert [t.case_id for t in tasks] == with_numbers and tasks
    assert len(notices) == len(bank.vignettes) - len(tasks)
    for t in tasks:
        k = t.key
        student = StudentDiagram(
            k.resistance_onset_deg,
            k.limit_deg,
            k.pain_onset_deg,
            k.limiting_factor,
            k.pain_at_limit,
            t.management,
        )
        assert mark(t, student).all_right, t.case_id
