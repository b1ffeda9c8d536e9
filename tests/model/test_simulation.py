import math

import numpy as np
import pytest

from mobsim.model import Convention, Grade, GradeChoice, Modifier, Simulation, band, load_library
from mobsim.model.simulation import MANUAL_STEP_S, MAX_DT

LIB = load_library()
KNEE = LIB.get("knee")


def run(sim, seconds, dt=1 / 60):
    out = []
    for _ in range(int(seconds / dt)):
        sim.step(dt)
        out.append(sim.angle)
    return np.array(out)


def test_step_caps_dt_before_the_speed_factor():
    sim = Simulation(KNEE)
    sim.set_speed(0.25)
    sim.step(5.0)  # a stall
    assert sim.time == pytest.approx(MAX_DT * 0.25)


def test_pause_and_manual_step():
    sim = Simulation(KNEE)
    sim.step(0.05)
    sim.set_playing(False)
    before = (sim.time, sim.angle)
    sim.step(0.05)
    assert (sim.time, sim.angle) == before
    sim.step_manual()
    assert sim.time == pytest.approx(before[0] + MANUAL_STEP_S)
    assert sim.angle != before[1]


def test_grade_change_eases_and_then_matches_the_new_band():
    sim = Simulation(KNEE)
    run(sim, 1.0)
    sim.set_grade(Grade.IV)
    assert sim.in_transition
    angles = run(sim, 3.0, dt=1 / 240)
    assert np.abs(np.diff(angles)).max() < 2.0  # no teleport: < 2° per 4 ms frame
    assert not sim.in_transition
    tail = angles[-240:]
    b = sim.band
    assert tail.min() == pytest.approx(b.low, abs=0.2) and tail.max() == pytest.approx(
        b.high, abs=0.2
    )


def test_joint_change_keeps_stiffness_fraction():
    sim = Simulation(KNEE, KNEE.stiff_condition(65))  # 50 % of B
    sim.set_joint(LIB.get("elbow"))
    assert sim.condition.available_limit == pytest.approx(75)


@pytest.mark.parametrize(
    "old_id, new_id",
    [
        ("pip-flexion", "mcp-flexion"),
        ("mcp-flexion", "pip-flexion"),
        ("knee", "ankle-dorsiflexion"),
    ],
)
def test_a_joint_change_never_shows_an_angle_the_new_joint_lacks(old_id, new_id):
    old, new = LIB.get(old_id), LIB.get(new_id)
    sim = Simulation(old)
    sim.set_grade(Grade.V)  # a thrust reaches past L into the margin: the worst case
    angles = run(sim, 3.0)
    sim.set_playing(False)
    while sim.angle < angles.max() - 1.0:  # stop near the old motion's furthest point
        sim.step_manual()
    where = (sim.angle - old.start) / (old.anatomical_limit - old.start)
    sim.set_playing(True)
    sim.set_joint(new)
    assert sim.in_transition
    # The blend starts at the same place in the new joint's range, not at the old angle.
    assert sim.angle == pytest.approx(new.start + where * (new.anatomical_limit - new.start))
    eased = run(sim, 1.0, dt=1 / 240)
    assert eased.min() >= new.start - 1e-9 and eased.max() <= new.anatomical_limit + 1e-9
    assert np.abs(np.diff(eased)).max() < 2.0  # still no teleport


def test_reset_all_from_another_joint_starts_inside_the_default_joint():
    sim = Simulation(KNEE)
    sim.set_joint(LIB.get("elbow"))  # 0–150°: reaches past the knee's 135°
    sim.set_grade(Grade.V)
    angles = run(sim, 3.0)
    sim.set_playing(False)
    while sim.angle < angles.max() - 1.0:
        sim.step_manual()
    assert sim.angle > KNEE.anatomical_limit
    sim.reset_all()
    assert sim.joint is KNEE
    eased = run(sim, 1.0, dt=1 / 240)
    assert eased.min() >= KNEE.start - 1e-9 and eased.max() <= KNEE.anatomical_limit + 1e-9


def test_quartile_drops_modifiers():
    sim = Simulation(KNEE, convention=Convention.RESISTANCE)
    sim.set_grade(GradeChoice(Grade.IV, Modifier.PLUS))
    assert sim.choice.label == "IV+"
    sim.set_convention(Convention.QUARTILE)
    assert sim.choice.label == "IV"
    with pytest.raises(ValueError):
        sim.set_modifier(Modifier.PLUS)


def test_reset_all_restores_defaults_without_a_jump():
    sim = Simulation(KNEE)
    sim.set_grade(Grade.IV)
    sim.set_speed(0.25)
    sim.set_playing(False)
    run(sim, 2)
    was = sim.angle
    sim.reset_all()
    assert (sim.grade, sim.speed, sim.playing, sim.time) == (Grade.I, 1.0, True, 0.0)
    assert sim.angle == pytest.approx(was)
    run(sim, 2)
    assert sim.band == band(Grade.I, KNEE, KNEE.normal_condition())


def test_listeners_hear_setting_changes_not_the_clock():
    sim = Simulation(KNEE)
    heard = []
    sim.subscribe(lambda: heard.append(sim.grade))
    sim.step(0.016)
    assert heard == []
    sim.set_grade(Grade.III)
    sim.set_frequency(1.5)
    assert heard == [Grade.III, Grade.III]
    assert sim.frequency == 1.5


def test_frequency_follows_the_grade_and_v_has_none():
    sim = Simulation(KNEE)
    assert sim.frequency == 2.0
    sim.set_grade(Grade.II)
    assert sim.frequency == 1.0
    sim.set_grade(Grade.V)
    assert sim.frequency is None and sim.period == pytest.approx(sim.thrust_period)
    with pytest.raises(ValueError):
        sim.set_frequency(1.0)


def test_jittered_steps_match_the_exact_clock():
    sim = Simulation(KNEE)
    sim.set_grade(Grade.II)
    rng = np.random.default_rng(1)
    dts = rng.uniform(0.005, 0.04, 20_000)
    for dt in dts:
        sim.step(float(dt))
    assert sim.time == pytest.approx(math.fsum(dts), abs=1e-6)
    assert not math.isnan(sim.angle)
