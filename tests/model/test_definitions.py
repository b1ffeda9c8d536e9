"""The tolerance definitions: each nominal band is its own grade and no other."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mobsim.model import Condition, Convention, Grade, GradeChoice, Modifier, band, load_library
from mobsim.model.definitions import (
    LARGE_MIN,
    SMALL_MAX,
    Rulebook,
    fits,
    identify,
)

LIBRARY = load_library()
JOINTS = list(LIBRARY.joints.values())
KNEE = LIBRARY.get("knee")


def condition_for(joint, limit_fraction, r1_fraction=None):
    return Condition.from_fractions(joint, limit_fraction, r1_fraction)


def demonstrated(rules, joint):
    """Every demonstrable choice with the choice the rulebook should name for it."""
    for grade in Grade:
        mods = (
            list(Modifier)
            if (rules.convention is Convention.RESISTANCE and grade.takes_modifier)
            else [Modifier.NONE]
        )
        for m in mods:
            real = GradeChoice(grade, m)
            expected = real if (rules.modifiers or m is Modifier.NONE) else GradeChoice(grade)
            yield real, expected


def check_nominal_bands(joint, condition):
    rulebooks = [
        Rulebook(condition, Convention.QUARTILE, margin=joint.margin),
        Rulebook(condition, Convention.RESISTANCE, margin=joint.margin),
    ]
    if 1 - condition.resistance_fraction >= 0.1:
        rulebooks.append(Rulebook(condition, Convention.RESISTANCE, True, joint.margin))
    checked = 0
    for rules in rulebooks:
        for real, expected in demonstrated(rules, joint):
            b = band(real, joint, condition, rules.convention)
            thrust = real.grade.is_thrust
            assert rules.identify(b.low, b.high, thrust) == expected, (joint.id, rules, real)
            others = [c for c in rules.choices() if rules.fits(c, b.low, b.high, thrust)]
            assert others == [expected]
            checked += 1
    return checked


@pytest.mark.parametrize("joint", JOINTS, ids=lambda j: j.id)
def test_every_nominal_band_fits_its_own_grade_and_no_other(joint):
    # L from 40 % to 100 % of B, the preset's R1, both conventions, every modifier.
    checked = sum(
        check_nominal_bands(joint, condition_for(joint, lf)) for lf in np.linspace(0.40, 1.0, 25)
    )
    assert checked == 25 * (5 + 13 + 13)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(JOINTS), st.floats(0.40, 1.0), st.floats(0.25, 1.0))
def test_nominal_bands_fit_for_any_r1(joint, lf, rf):
    # An early R1 shrinks the resistance bands; the definitions shrink with them.
    assert check_nominal_bands(joint, condition_for(joint, lf, rf)) > 0


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(JOINTS),
    st.floats(0.40, 1.0),
    st.floats(0.3, 0.9),
    st.sampled_from(list(Convention)),
    st.booleans(),
    st.floats(0.0, 1.0),
    st.floats(0.0, 1.0),
)
def test_no_performance_fits_two_grades(joint, lf, rf, convention, modifiers, a, b):
    condition = condition_for(joint, lf, rf)
    modifiers = modifiers and convention is Convention.RESISTANCE
    rules = Rulebook(condition, convention, modifiers, joint.margin)
    low, high = sorted((a, b))
    span = condition.available_range
    low, high = condition.start + low * span, condition.start + high * span
    assert sum(rules.fits(c, low, high) for c in rules.choices()) <= 1


def test_small_and_large_are_clearly_apart():
    assert LARGE_MIN / SMALL_MAX >= 1.5
    for rf in (0.25, 0.4, 0.6, 0.9):
        rules = Rulebook(condition_for(KNEE, 0.7, rf), Convention.RESISTANCE)
        small, large = rules.small(), rules.large()
        assert large[0] >= 1.5 * small[1]
        nominal_small = band(Grade.I, KNEE, rules.condition, Convention.RESISTANCE)
        assert small[0] < nominal_small.amplitude_fraction < small[1]


def test_quartile_regions_on_a_stiff_knee():
    stiff = KNEE.stiff_condition(90)
    # Grade IV sits at L = 90°, not at B = 130°.
    assert fits(Grade.IV, 81, 90, stiff)
    assert not fits(Grade.IV, 121, 130, stiff)
    assert identify(81, 90, stiff) == GradeChoice(Grade.IV)
    assert identify(3, 12, stiff) == GradeChoice(Grade.I)
    assert identify(5, 42, stiff) == GradeChoice(Grade.II)
    assert identify(50, 89, stiff) == GradeChoice(Grade.III)
    # Small at mid-range, or large across the middle: no grade at all.
    assert identify(40, 49, stiff) is None
    assert identify(30, 70, stiff) is None
    # Between small and large (20 % of A–L): neither.
    assert identify(72, 90, stiff) is None
    # III must reach into end range (≥ 90 % of A–L).
    assert identify(46, 78, stiff) is None


def test_resistance_regions_hinge_on_r1():
    c = KNEE.stiff_condition(90)  # R1 = 54°
    assert c.resistance_onset == pytest.approx(54)
    assert identify(10, 50, c, Convention.RESISTANCE) == GradeChoice(Grade.II)
    assert identify(20, 55, c, Convention.RESISTANCE) == GradeChoice(Grade.III)
    assert identify(42, 51, c, Convention.RESISTANCE) == GradeChoice(Grade.I)
    assert identify(44, 53.5, c, Convention.RESISTANCE) is None  # touching R1: neither
    assert identify(50, 58, c, Convention.RESISTANCE) == GradeChoice(Grade.IV)
    # With ± grades the end's depth into R1–L decides: 81° is 75 % of 54–90°.
    rules = Rulebook(c, Convention.RESISTANCE, modifiers=True)
    assert rules.identify(72, 81) == GradeChoice(Grade.IV, Modifier.PLUS)
    assert rules.identify(45, 81) == GradeChoice(Grade.III, Modifier.PLUS)
    # 12.5 % deep lies in the gap between −− and −: no grade.
    assert rules.identify(50, 54 + 0.125 * 36) is None
    # Without ± grades a plain IV is anywhere in R1–L.
    assert fits(GradeChoice(Grade.IV), 72, 81, c, Convention.RESISTANCE)
    assert not fits(GradeChoice(Grade.IV), 72, 81, c, Convention.RESISTANCE, modifiers=True)


def test_per_cycle_arrays_must_all_fit():
    c = KNEE.stiff_condition(90)
    lows, highs = np.array([81.0, 80.0, 82.0]), np.array([90.0, 89.0, 90.0])
    assert fits(Grade.IV, lows, highs, c)
    highs[1] = 91.0  # one cycle past L
    assert not fits(Grade.IV, lows, highs, c)


def test_grade_v_is_a_thrust_from_l_within_the_margin():
    c = KNEE.stiff_condition(90)
    rules = Rulebook(c, margin=KNEE.margin)
    v = band(Grade.V, KNEE, c)
    assert rules.identify(v.low, v.high, thrust=True) == GradeChoice(Grade.V)
    # Same numbers as an oscillation: not V, and past L so no I–IV either.
    assert rules.identify(v.low, v.high, thrust=False) is None
    # Past the margin, or not starting at L: not V.
    assert not rules.fits(Grade.V, 90, 90 + KNEE.margin + 0.5, thrust=True)
    assert not rules.fits(Grade.V, 85, 87, thrust=True)
    # A thrust is never I–IV.
    assert not rules.fits(Grade.IV, 81, 90, thrust=True)


def test_modifiers_need_the_resistance_convention_and_room():
    c = KNEE.stiff_condition(90)
    with pytest.raises(ValueError, match="resistance convention"):
        Rulebook(c, Convention.QUARTILE, modifiers=True)
    with pytest.raises(ValueError, match="resistance convention"):
        Rulebook(c).definition(GradeChoice(Grade.IV, Modifier.PLUS))
    late_r1 = Condition.for_joint(KNEE, 90, resistance_onset=88)
    with pytest.raises(ValueError, match="before L"):
        Rulebook(late_r1, Convention.RESISTANCE, modifiers=True)


@pytest.mark.parametrize("limiting", ["pain", "resistance"])
def test_nominal_bands_fit_their_own_region_with_pain(limiting):
    """I/II regions stay short of P1 too: every nominal band is its own grade only."""
    checked = 0
    for joint in JOINTS:
        for lf, rf, pf in ((1.0, 0.6, 0.3), (0.6, 0.8, 0.2), (0.7, 0.4, 0.7), (0.5, 0.5, 0.45)):
            c = Condition.from_fractions(joint, lf, rf, pf, limiting)
            checked += check_nominal_bands(joint, c)
            rules = Rulebook(c, Convention.QUARTILE, margin=joint.margin)
            ceiling = min(rf, pf) - 0.02
            for grade in (Grade.I, Grade.II):
                assert rules.definition(grade).high[1] <= ceiling + 1e-9
    assert checked > 100
