"""The accessory screen's model: grades by key, easing, clock, events."""

import pytest

from mobsim.model import load_library
from mobsim.model.accessory_demo import KALTENBORN, MAX_DT, AccessoryDemo
from mobsim.model.grades import Grade
from mobsim.model.kaltenborn import KaltenbornGrade

TECHNIQUES = load_library().techniques


def run(demo, seconds, fps=60):
    for _ in range(int(seconds * fps)):
        demo.step(1 / fps)


def test_grade_keys_follow_the_grade_system():
    demo = AccessoryDemo(TECHNIQUES["knee-posterior-glide"])
    demo.set_grade(4)
    assert demo.choice.grade is Grade.IV and demo.grade_count == 5
    demo.set_grading(KALTENBORN)
    assert demo.grade_count == 3
    demo.set_grade(4)  # no Kaltenborn IV: ignored
    assert demo.kaltenborn is KaltenbornGrade.I
    demo.set_grade(3)
    assert demo.kaltenborn is KaltenbornGrade.III
    assert demo.grade_label == "Kaltenborn III: stretch"


def test_a_grade_change_eases_then_stays_in_the_band():
    demo = AccessoryDemo(TECHNIQUES["gh-inferior-glide"])
    run(demo, 1.3)
    before = demo.translation
    demo.set_grade(4)
    demo.step(1 / 60)
    assert abs(demo.translation - before) < 0.1  # no teleport
    run(demo, 1.0)
    seen = []
    for _ in range(120):
        demo.step(1 / 60)
        seen.append(demo.translation)
    band = demo.band
    assert min(seen) >= band.low - 1e-6 and max(seen) <= band.high + 1e-6


def test_stalled_frame_is_capped_and_pause_stops_the_clock():
    demo = AccessoryDemo(TECHNIQUES["mcp-volar-glide"])
    demo.step(5.0)
    assert demo.time == pytest.approx(MAX_DT)
    demo.toggle_playing()
    demo.step(0.05)
    assert demo.time == pytest.approx(MAX_DT)


def test_playback_events_do_not_rebuild_the_scene():
    demo = AccessoryDemo(TECHNIQUES["l3-central-pa"])
    scene, playback = [], []
    demo.subscribe(lambda: scene.append(1))
    demo.subscribe(lambda: playback.append(1), playback=True)
    demo.toggle_playing()
    demo.toggle_slow()
    assert scene == [] and len(playback) == 2
    demo.set_grade(2)
    demo.toggle_compare()
    assert len(scene) == 2


def test_force_read_out_only_for_spinal_pa():
    assert AccessoryDemo(TECHNIQUES["knee-anterior-glide"]).force is None
    demo = AccessoryDemo(TECHNIQUES["l3-central-pa"])
    demo.set_grade(4)
    run(demo, 2.0)
    assert 100 < demo.force <= TECHNIQUES["l3-central-pa"].force_at_limit_n
