"""Pain in the model: P1, the limiting factor, the curves, the one marker set."""

import numpy as np
import pytest

from mobsim.model import Condition, ConditionError, Grade, band, load_library
from mobsim.model.curves import curve_points, pain_curve, resistance_curve
from mobsim.model.joints import TYPICAL_STIFF_FRACTION, LimitingFactor
from mobsim.model.markers import Marker, labels, marker_set
from mobsim.quiz import levels

LIBRARY = load_library()
KNEE = LIBRARY.get("knee")


def test_from_fractions_is_the_fractions_formula():
    c = Condition.from_fractions(KNEE, 0.5, 0.4, 0.2, LimitingFactor.PAIN)
    assert c.available_limit == pytest.approx(65)
    assert c.resistance_onset == pytest.approx(26)
    assert c.pain_onset == pytest.approx(13)
    assert c.is_pain_limited and c.limit_label == "P2"
    typical = Condition.typical_stiff(KNEE)
    assert typical.limit_fraction == pytest.approx(TYPICAL_STIFF_FRACTION)


@pytest.mark.parametrize(
    "kwargs,message",
    [
        (dict(available_limit=90, pain_onset=95), r"P1 = 95° must lie in \(0°, 90°\]"),
        (dict(available_limit=90, pain_onset=0), r"must lie in \(0°, 90°\]"),
        (
            dict(available_limit=90, pain_onset=5, limiting_factor="pain"),
            "no room for grade I short of P1 in this pain-limited condition",
        ),
        (dict(available_limit=90, limiting_factor="pain"), "needs a pain onset P1"),
    ],
)
def test_bad_pain_is_one_clear_error(kwargs, message):
    with pytest.raises(ConditionError, match=message):
        Condition.for_joint(KNEE, **kwargs)


def test_the_limiting_factor_reaches_the_top_line_at_l():
    pain_limited = Condition.for_joint(KNEE, 90, 60, 30, "pain")
    x = np.array([0.0, 30.0, 60.0, 90.0])
    assert pain_curve(pain_limited, x) == pytest.approx([0, 0, pain_curve(pain_limited, x)[2], 1])
    assert resistance_curve(pain_limited, x)[-1] == pytest.approx(pain_limited.resistance_at_limit)
    stiff = Condition.for_joint(KNEE, 90, 60, 30)
    assert resistance_curve(stiff, x)[-1] == pytest.approx(1)
    assert pain_curve(stiff, x)[-1] == pytest.approx(stiff.pain_at_limit)  # P′
    assert pain_curve(KNEE.normal_condition(), x) is None
    # Curves rise monotonically from their onset and stop at L.
    points = curve_points(pain_limited)
    for xs, ys in points.values():
        assert np.all(np.diff(ys) >= 0) and xs[-1] == pytest.approx(90)
    assert np.isnan(resistance_curve(stiff, np.array([100.0]))[0])


def test_pain_before_resistance_moves_i_and_ii_and_iii_iv_say_into_pain():
    c = Condition.for_joint(KNEE, 90, 60, 30, "pain")
    ii = band(Grade.II, KNEE, c)
    assert ii.high <= 30 - 0.02 * 90 + 1e-9
    assert ii.note and "pain" in ii.note
    assert band(Grade.IV, KNEE, c).into_pain and band(Grade.III, KNEE, c).into_pain
    assert not band(Grade.II, KNEE, c).into_pain


def test_one_marker_set_shared_by_the_quiz():
    assert levels.Marker is Marker
    assert labels(marker_set(["L", "A", "R1"])) == ["A", "R1", "L"]
    with pytest.raises(ValueError, match="unknown marker"):
        marker_set(["Q"])


def test_every_preset_says_its_flexor_side():
    assert {j.flexor_side for j in LIBRARY.joints.values()} <= {-1, 1}
    shoulder = LIBRARY.get("shoulder-abduction")
    assert "glenohumeral" in shoulder.motion.lower() and shoulder.normal_end == 120
    for joint in LIBRARY.joints.values():
        assert not any("DOMAIN" in text for text in joint.sources.values())


@pytest.mark.parametrize(
    "argv,message",
    [
        (["--limit", "90", "--p1", "95"], "must lie in (0°, 90°]"),
        (["--p1", "5", "--limiting", "pain"], "no room for grade I short of P1"),
        (["--limiting", "pain"], "needs a pain onset P1"),
    ],
)
def test_bad_pain_on_the_command_line_is_one_line(tmp_path, capsys, argv, message):
    from mobsim.cli import main

    out = tmp_path / "t.csv"
    assert main(["--joint", "knee", *argv, "--export-trace", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err and "Traceback" not in err
    assert not out.exists()


def test_a_pain_limited_knee_exports_from_the_command_line(tmp_path):
    from mobsim.cli import main

    out = tmp_path / "t.csv"
    argv = ["--joint", "knee", "--grade", "II", "--limit", "90", "--r1", "70", "--p1", "30"]
    assert main([*argv, "--limiting", "pain", "--export-trace", str(out), "--seconds", "2"]) == 0
    angles = [float(line.split(",")[1]) for line in out.read_text().splitlines()[1:]]
    assert max(angles) <= 30 - 0.02 * 90 + 1e-6  # grade II stays short of P1
