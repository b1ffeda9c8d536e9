import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mobsim.model import Condition, Convention, Grade, band, load_library, motion_for
from mobsim.model.motion import (
    FREQUENCY_RANGE,
    THRUST_RISE_S,
    Blend,
    Hold,
    Oscillation,
    Thrust,
    check_frequency,
)

LIBRARY = load_library()


def measured_period(t, y):
    """Mean spacing of upward crossings of the mid-line, interpolated."""
    mid = 0.5 * (y.min() + y.max())
    s = y - mid
    idx = np.nonzero((s[:-1] < 0) & (s[1:] >= 0))[0]
    crossings = t[idx] - s[idx] * (t[idx + 1] - t[idx]) / (s[idx + 1] - s[idx])
    return np.diff(crossings).mean()


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(list(LIBRARY.joints.values())),
    st.floats(0.4, 1.0),
    st.sampled_from([Grade.I, Grade.II, Grade.III, Grade.IV]),
    st.sampled_from(list(Convention)),
    st.floats(*FREQUENCY_RANGE),
)
def test_trace_period_is_one_over_frequency(joint, lf, grade, convention, freq):
    condition = Condition.from_fractions(joint, lf)
    b = band(grade, joint, condition, convention)
    t = np.arange(0, 20, 1 / 997)  # an awkward rate on purpose
    y = motion_for(b, freq).angle(t)
    assert not np.isnan(y).any()
    assert measured_period(t, y) == pytest.approx(1 / freq, rel=0.005)
    assert y.min() >= b.low - 1e-9 and y.max() <= b.high + 1e-9
    assert y.max() - y.min() == pytest.approx(b.amplitude, rel=0.01)


def test_oscillation_starts_at_low_and_peaks_at_half_period():
    osc = Oscillation.steady(10, 20, 2.0)
    assert osc.angle(np.array([0.0, 0.25, 0.5]))[:] == pytest.approx([10, 20, 10])


def test_frequency_outside_clinical_range_is_refused():
    with pytest.raises(ValueError, match="outside"):
        check_frequency(5)
    with pytest.raises(ValueError):
        Oscillation.steady(0, 10, 0.1)


def test_thrust_holds_a_preload_then_rises_in_80_to_150_ms():
    knee = LIBRARY.get("knee")
    condition = knee.stiff_condition(90)
    b = band(Grade.V, knee, condition)
    motion = motion_for(b)
    assert isinstance(motion, Thrust)
    t = np.arange(0, 10, 0.001)
    y = motion.angle(t)
    assert y.min() == pytest.approx(90) and y.max() == pytest.approx(b.high)
    assert 2 <= y.max() - 90 <= 5
    # Preload: held at L for at least 0.5 s before the impulse starts.
    moving = np.flatnonzero(y > 90 + 1e-9)
    assert t[moving[0]] >= 0.5 and t[moving[0]] == pytest.approx(motion.impulse_time, abs=0.002)
    first_peak = t[np.argmax(y[: int(motion.period * 1000)])]
    rise = first_peak - motion.impulse_time
    assert 0.08 <= rise <= 0.15 and rise == pytest.approx(THRUST_RISE_S, abs=0.002)
    assert motion.phase(motion.impulse_time + 0.01) == "impulse"
    assert motion.phase(0.1) == "preload"
    # It repeats with a pause: at rest at L for most of each period.
    assert np.mean(np.isclose(y, 90)) > 0.5


def test_blend_eases_without_jump():
    blend = Blend(Hold(100.0), Oscillation.steady(0, 10, 1.0), start=1.0, duration=0.8)
    t = np.arange(0, 3, 0.001)
    y = blend.angle(t)
    assert y[0] == 100 and y[-1] == pytest.approx(blend.b.angle(np.array([t[-1]]))[0])
    assert np.abs(np.diff(y)).max() < 0.5  # no step larger than a smooth 1 ms move
