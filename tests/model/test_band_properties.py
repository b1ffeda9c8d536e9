"""Property tests (hypothesis) of the R2 band and thrust rules.

Over every preset, condition (stiff and pain-limited, R1 from 25 % to 100 % of
A–L, P1 anywhere the model allows) and convention:
I/II never reach R1 or P1; III/IV reach into resistance; V goes 2–5° past L,
never past the anatomical limit, with a peak acceleration at least twice every
oscillating grade's at the demo frequencies; large ≥ 2.5 × small.
"""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mobsim.model import Condition, Convention, Grade, GradeChoice, Modifier, band, load_library
from mobsim.model.grades import ONSET_MARGIN
from mobsim.model.joints import MIN_PAIN_FRACTION, LimitingFactor
from mobsim.model.motion import DEFAULT_FREQUENCY, motion_for

LIBRARY = load_library()
JOINTS = list(LIBRARY.joints.values())
EPS = 1e-9


@st.composite
def conditions(draw):
    joint = draw(st.sampled_from(JOINTS))
    lf = draw(st.floats(0.40, 1.0))
    rf = draw(st.floats(0.25, 1.0))
    pain = draw(st.sampled_from(["none", "resistance", "pain"]))
    if pain == "none":
        return joint, Condition.from_fractions(joint, lf, rf)
    pf = draw(st.floats(MIN_PAIN_FRACTION, 1.0))
    return joint, Condition.from_fractions(joint, lf, rf, pf, LimitingFactor(pain))


def bands_for(joint, condition, convention, modifier):
    out = {}
    for g in Grade:
        m = modifier if convention is Convention.RESISTANCE and g.takes_modifier else Modifier.NONE
        out[g] = band(GradeChoice(g, m), joint, condition, convention)
    return out


def peak_acceleration(motion, seconds, dt=2e-4):
    """Largest |second difference| of the sampled motion: measured, not the formula."""
    t = np.arange(0.0, seconds, dt)
    y = motion.angle(t)
    return float(np.abs(np.diff(y, 2)).max() / dt**2)


@settings(max_examples=300, deadline=None)
@given(conditions(), st.sampled_from(list(Convention)), st.sampled_from(list(Modifier)))
def test_bands_respect_r1_and_p1(jc, convention, modifier):
    joint, c = jc
    bands = bands_for(joint, c, convention, modifier)
    span = c.available_range
    onset = min(c.resistance_onset, c.pain_onset if c.pain_onset is not None else np.inf)
    for g in (Grade.I, Grade.II):
        b = bands[g]
        assert b.high <= onset - ONSET_MARGIN * span + EPS * span, (g, b, c)
        assert c.start - EPS <= b.low < b.high
    for g in (Grade.III, Grade.IV):
        b = bands[g]
        assert b.high <= c.available_limit + EPS and b.low < b.high
        assert b.high >= c.resistance_onset - EPS, (g, b, c)  # reaches resistance
        depth = b.choice.modifier.depth if convention is Convention.RESISTANCE else 1.0
        if depth > 0 and c.resistance_fraction < 1.0 - 1e-6:
            assert b.high > c.resistance_onset, (g, b, c)  # passes R1
        assert b.into_pain == (c.pain_onset is not None and b.high > c.pain_onset + EPS)
    small = max(bands[Grade.I].amplitude, bands[Grade.IV].amplitude)
    large = min(bands[Grade.II].amplitude, bands[Grade.III].amplitude)
    assert large >= 2.5 * small


@settings(max_examples=120, deadline=None)
@given(conditions(), st.sampled_from(list(Convention)), st.sampled_from(list(Modifier)))
def test_grade_v_is_a_visible_thrust_that_outpaces_every_oscillation(jc, convention, modifier):
    joint, c = jc
    bands = bands_for(joint, c, convention, modifier)
    v = bands[Grade.V]
    excursion = v.high - v.low
    assert v.low == c.available_limit
    assert 2.0 - EPS <= excursion <= 5.0 + EPS
    assert v.high <= joint.anatomical_limit + EPS
    thrust = motion_for(v)
    v_acc = peak_acceleration(thrust, thrust.period)
    for g in (Grade.I, Grade.II, Grade.III, Grade.IV):
        osc = motion_for(bands[g], DEFAULT_FREQUENCY[g])
        acc = peak_acceleration(osc, 1.0 / DEFAULT_FREQUENCY[g])
        assert v_acc >= 2.0 * acc, (joint.id, g, v_acc, acc)
