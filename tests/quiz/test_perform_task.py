"""Perform-the-grade exercise: task, recorder and feedback schedules (no Qt)."""

from __future__ import annotations

import numpy as np
import pytest

from mobsim.model import Condition, Convention, GradeChoice, band, load_library
from mobsim.model.motion import motion_for
from mobsim.model.performance import RecordingError, score_performance
from mobsim.quiz.perform_task import (
    DEFAULT_SCHEDULE,
    FeedbackSchedule,
    PerformTask,
    Phase,
    Practice,
    Recorder,
)

KNEE = load_library().get("knee")
STIFF = Condition.for_joint(KNEE, 90.0)


def task(grade="III", condition=STIFF, convention=Convention.QUARTILE) -> PerformTask:
    return PerformTask(KNEE, condition, GradeChoice.parse(grade), convention)


def test_the_prompt_names_grade_joint_and_condition():
    assert task().prompt == "Perform grade III knee flexion — knee stiff at 90°"
    painful = Condition.for_joint(KNEE, 90.0, pain_onset=50.0)
    plus = task("IV+", painful, Convention.RESISTANCE).prompt
    assert (
        plus == "Perform grade IV+ knee flexion — knee stiff at 90°, painful from 50° "
        "(resistance convention)"
    )


def test_a_recorded_performance_is_marked_by_the_shared_rule():
    t = task()
    rec = Recorder(t.reachable)
    motion = motion_for(band(t.choice, KNEE, STIFF))
    for time in np.arange(0, 12, 1 / 60):  # 60 Hz input for longer than the recording
        rec.add(time, float(motion.angle(np.array([time]))[0]))
    assert rec.done and rec.elapsed == pytest.approx(10.0, abs=0.02)
    assert rec.received == len(np.arange(0, 12, 1 / 60))
    marking = score_performance(rec.recording(), t.target)
    assert marking.grade_matched and marking.score >= 90


def test_a_drag_past_the_arc_is_clamped_to_the_stop():
    t = task()
    rec = Recorder(t.reachable)
    assert rec.add(0.0, 150.0) == 90.0  # L: the stiff knee stops there
    assert rec.add(0.1, -30.0) == KNEE.start
    thrust = task("V")
    assert Recorder(thrust.reachable).add(0.0, 500.0) == pytest.approx(
        min(90.0 + KNEE.margin, KNEE.anatomical_limit)
    )


def test_a_stopped_recording_that_is_too_short_is_refused():
    rec = Recorder(task().reachable)
    rec.add(0.0, 50.0)
    rec.add(1.0, 60.0)
    rec.stop()
    assert rec.done
    with pytest.raises(RecordingError, match="at least 2 s"):
        rec.recording()


def test_metronome_follows_the_demo_frequency_and_is_off_for_a_thrust():
    assert task("III").metronome_hz == 1.0
    assert task("IV").metronome_hz == 2.0
    assert task("V").metronome_hz is None


def marking(score: float):
    from mobsim.model.performance import Marking

    return Marking(score, score >= 80, {})


def test_self_controlled_is_the_default_and_shows_only_on_request():
    practice = Practice()
    assert practice.schedule is DEFAULT_SCHEDULE is FeedbackSchedule.SELF_CONTROLLED
    result = practice.finish(marking(70))
    assert not result.shown and not practice.live
    assert practice.request().score == 70
    assert practice.attempts[-1].shown


def test_concurrent_is_live_and_terminal_is_not():
    assert Practice(FeedbackSchedule.CONCURRENT).live
    terminal = Practice(FeedbackSchedule.TERMINAL)
    assert not terminal.live
    assert all(terminal.finish(marking(s)).shown for s in (10, 90, 95))


def test_faded_feedback_comes_less_often_as_the_student_succeeds():
    practice = Practice(FeedbackSchedule.FADED)
    shown = [practice.finish(marking(90)).shown for _ in range(12)]
    assert shown[:3] == [True, True, False]  # every attempt until two successes, then gaps
    assert sum(shown[:6]) > sum(shown[6:])  # then the gaps grow
    assert practice.fade_gap() == 4


def test_retention_gives_no_feedback_and_is_compared_with_practice():
    practice = Practice(FeedbackSchedule.TERMINAL)
    practice.finish(marking(80))
    practice.finish(marking(90))
    practice.phase = Phase.RETENTION
    result = practice.finish(marking(70))
    assert not result.shown and not practice.live
    assert practice.request() is None
    assert practice.retention_vs_practice() == (
        "Practice mean 85, retention mean 70 (-15 points without feedback)."
    )
