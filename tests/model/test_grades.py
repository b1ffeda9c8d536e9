"""Property tests of the grade model over every preset, condition and convention."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mobsim.model import Condition, Convention, Grade, GradeChoice, Modifier, band, load_library

LIBRARY = load_library()
JOINTS = list(LIBRARY.joints.values())
OSCILLATIONS = [Grade.I, Grade.II, Grade.III, Grade.IV]

joints = st.sampled_from(JOINTS)
limit_fractions = st.floats(0.40, 1.0)
r1_fractions = st.floats(0.25, 1.0)
conventions = st.sampled_from(list(Convention))
modifiers = st.sampled_from(list(Modifier))


def condition_for(joint, limit_fraction, r1_fraction=None):
    return Condition.from_fractions(joint, limit_fraction, r1_fraction)


def all_bands(joint, condition, convention, modifier=Modifier.NONE):
    out = {}
    for g in Grade:
        m = (
            modifier
            if (convention is Convention.RESISTANCE and g.takes_modifier)
            else Modifier.NONE
        )
        out[g] = band(GradeChoice(g, m), joint, condition, convention)
    return out


def test_at_least_eight_presets_load():
    assert len(JOINTS) >= 8
    assert LIBRARY.errors == []


@settings(max_examples=400, deadline=None)
@given(joints, limit_fractions, r1_fractions, conventions, modifiers)
def test_grade_invariants(joint, lf, rf, convention, modifier):
    condition = condition_for(joint, lf, rf)
    bands = all_bands(joint, condition, convention, modifier)
    a, lim = condition.start, condition.available_limit
    eps = 1e-9
    for g in OSCILLATIONS:
        b = bands[g]
        assert a - eps <= b.low < b.high <= lim + eps, (g, b)
    v = bands[Grade.V]
    assert v.low == pytest.approx(lim)
    assert lim < v.high <= lim + joint.margin + eps
    assert v.high <= joint.anatomical_limit + eps
    small = max(bands[Grade.I].amplitude, bands[Grade.IV].amplitude)
    large = min(bands[Grade.II].amplitude, bands[Grade.III].amplitude)
    assert large >= 2.5 * small
    centres = [bands[g].centre for g in OSCILLATIONS]
    assert centres == sorted(centres) and len(set(centres)) == 4


@settings(max_examples=300, deadline=None)
@given(joints, limit_fractions, r1_fractions, modifiers)
def test_resistance_convention_keeps_i_and_ii_short_of_r1(joint, lf, rf, modifier):
    condition = condition_for(joint, lf, rf)
    bands = all_bands(joint, condition, Convention.RESISTANCE, modifier)
    r1 = condition.resistance_onset
    assert bands[Grade.II].high < r1
    assert bands[Grade.I].high < r1
    # III and IV end at the modifier's depth into R1–L.
    expected_end = r1 + modifier.depth * (condition.available_limit - r1)
    assert bands[Grade.III].high == pytest.approx(expected_end)
    assert bands[Grade.IV].high == pytest.approx(expected_end)


@settings(max_examples=300, deadline=None)
@given(joints, limit_fractions)
def test_quartile_convention_places_grades_in_their_quarters(joint, lf):
    condition = condition_for(joint, lf)
    bands = all_bands(joint, condition, Convention.QUARTILE)
    f = {g: (b.low_fraction, b.high_fraction) for g, b in bands.items()}
    assert f[Grade.I][1] <= 0.25
    assert f[Grade.II][1] <= 0.5
    assert f[Grade.III][0] >= 0.5 and f[Grade.III][1] == pytest.approx(1.0)
    assert f[Grade.IV][0] >= 0.75 and f[Grade.IV][1] == pytest.approx(1.0)


def test_modifiers_go_deeper_in_order():
    joint = LIBRARY.get("knee")
    condition = joint.stiff_condition(90)
    ends = [
        band(GradeChoice(Grade.IV, m), joint, condition, Convention.RESISTANCE).high
        for m in Modifier
    ]
    assert ends == sorted(ends) and len(set(ends)) == 5
    assert ends[0] == pytest.approx(condition.resistance_onset)
    assert ends[-1] == pytest.approx(90)


def test_grades_follow_the_available_limit_not_b():
    knee = LIBRARY.get("knee")
    stiff = band(Grade.IV, knee, knee.stiff_condition(90))
    normal = band(Grade.IV, knee, knee.normal_condition())
    assert stiff.high == pytest.approx(90) and normal.high == pytest.approx(130)
    assert stiff.low > 0.75 * 90


def test_modifier_needs_resistance_convention_and_grade_iii_or_iv():
    knee = LIBRARY.get("knee")
    with pytest.raises(ValueError, match="resistance convention"):
        band(GradeChoice(Grade.IV, Modifier.PLUS), knee, knee.normal_condition())
    with pytest.raises(ValueError, match="only grades III and IV"):
        GradeChoice(Grade.II, Modifier.PLUS)


@pytest.mark.parametrize(
    "text,label",
    [("iv", "IV"), ("3", "III"), ("IV+", "IV+"), ("III--", "III--"), ("IV\u2212", "IV-")],
)
def test_grade_parsing(text, label):
    assert GradeChoice.parse(text).label == label


@pytest.mark.parametrize("text", ["VI", "0", "", "IV+++", "II+"])
def test_bad_grades_are_refused(text):
    with pytest.raises(ValueError):
        GradeChoice.parse(text)
