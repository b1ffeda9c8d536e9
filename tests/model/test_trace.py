"""The model trace recorder: what was shown, with breaks kept, and what it measures."""

from __future__ import annotations

import numpy as np
import pytest

from mobsim.model.trace import MAX_GAP_S, TraceRecorder


def feed(recorder, t0, t1, fps=60.0, joint_id="knee", f=lambda t: 10 * np.sin(2 * np.pi * t)):
    for t in np.arange(t0, t1, 1 / fps):
        recorder.record(float(t), float(f(t)), joint_id)


def test_samples_come_back_oldest_first_and_latest_is_the_newest():
    rec = TraceRecorder(capacity=8)
    for i in range(5):
        rec.record(i * 0.1, float(i))
    times, angles = rec.recent()
    assert list(angles) == [0, 1, 2, 3, 4]
    assert rec.latest() == pytest.approx((0.4, 4.0))


def test_the_ring_keeps_only_the_newest_capacity_samples():
    rec = TraceRecorder(capacity=8)
    for i in range(20):
        rec.record(i * 0.01, float(i))
    times, angles = rec.recent()
    assert list(angles) == list(range(12, 20))
    assert list(rec.joins()) == [True] * 7 + [False]


def test_a_paused_clock_adds_nothing():
    rec = TraceRecorder()
    rec.record(1.0, 5.0)
    rec.record(1.0, 6.0)
    rec.record(0.5, 7.0)
    assert len(rec) == 1


def test_a_jump_in_time_is_a_break_not_a_line():
    """Time that passed on another screen (C, C, C) is never joined across."""
    rec = TraceRecorder()
    feed(rec, 0.0, 1.0)
    before = len(rec)
    feed(rec, 3.0, 4.0)
    joins = rec.joins()
    assert not joins[before - 1]  # the last sample before the gap joins nothing
    assert joins[: before - 1].all() and joins[before:-1].all()


def test_frames_within_the_gap_allowance_stay_joined():
    rec = TraceRecorder()
    rec.record(0.0, 0.0)
    rec.record(MAX_GAP_S * 0.9, 1.0)
    assert rec.joins()[0]


def test_a_new_joint_forgets_the_old_joints_history():
    rec = TraceRecorder()
    feed(rec, 0.0, 1.0, joint_id="knee")
    feed(rec, 1.0, 1.2, joint_id="pip-flexion")
    times, _ = rec.recent()
    assert times[0] >= 1.0 - 1e-9


def test_measured_amplitude_is_peak_to_peak_over_a_full_window():
    rec = TraceRecorder()
    feed(rec, 0.0, 0.5)
    assert rec.measured_amplitude(1.0) is None  # not a full period yet
    feed(rec, 0.5, 2.0)
    assert rec.measured_amplitude(1.0) == pytest.approx(20.0, abs=0.2)


def test_measured_amplitude_ignores_what_came_before_a_break():
    """A big swing before a break must not leak into the new segment's amplitude."""
    rec = TraceRecorder()
    feed(rec, 0.0, 2.0, f=lambda t: 40 * np.sin(2 * np.pi * t))
    feed(rec, 5.0, 5.5, f=lambda t: 5 * np.sin(2 * np.pi * t))
    assert rec.measured_amplitude(1.0) is None
    feed(rec, 5.5, 7.0, f=lambda t: 5 * np.sin(2 * np.pi * t))
    assert rec.measured_amplitude(1.0) == pytest.approx(10.0, abs=0.2)


def test_clear_and_break_here():
    rec = TraceRecorder()
    feed(rec, 0.0, 0.2)
    rec.break_here()
    n = len(rec)
    rec.record(0.21, 0.0)
    assert not rec.joins()[n - 1]
    rec.clear()
    assert len(rec) == 0 and rec.latest() is None
