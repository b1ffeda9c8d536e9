"""Accessory techniques in mm: presets, bands, Kaltenborn zones, the concave–convex rule."""

import re
import shutil

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mobsim.model import arthrokinematics as rule
from mobsim.model.accessory import (
    MIN_TOE_END_FRACTION,
    TOE_SHARE,
    ResistanceModel,
    accessory_band,
    compare_joint,
    condition_for,
    force_band,
    force_n,
    resistance,
    thrust_excursion,
)
from mobsim.model.arthrokinematics import MovingSurface
from mobsim.model.grades import Convention, Grade, GradeChoice, Modifier
from mobsim.model.joints import ASSET_DIR, ConditionError, JointFileError
from mobsim.model.kaltenborn import (
    KaltenbornGrade,
    Zones,
    kaltenborn_band,
    motion_for,
)
from mobsim.model.library import load_joint, load_library
from mobsim.model.motion import motion_for as maitland_motion
from mobsim.model.motion import trace

LIBRARY = load_library()
TECHNIQUES = list(LIBRARY.techniques.values())
OSCILLATIONS = [Grade.I, Grade.II, Grade.III, Grade.IV]
# The R2 margin: I–II end at least 2 % of A–L short of R1.
MARGIN = 0.02

techniques = st.sampled_from(TECHNIQUES)
limit_fractions = st.floats(0.40, 1.0)
toe_fractions = st.floats(MIN_TOE_END_FRACTION, 0.95)
conventions = st.sampled_from(list(Convention))
modifiers = st.sampled_from(list(Modifier))


def condition(technique, limit_fraction, toe_fraction):
    lim = limit_fraction * technique.available_mm
    return condition_for(technique, available_limit=lim, toe_end=toe_fraction * lim)


def all_bands(technique, cond, convention, modifier=Modifier.NONE):
    out = {}
    for g in Grade:
        takes = convention is Convention.RESISTANCE and g in (Grade.III, Grade.IV)
        out[g] = accessory_band(
            GradeChoice(g, modifier if takes else Modifier.NONE), technique, cond, convention
        )
    return out


def test_the_required_techniques_load_without_errors():
    assert LIBRARY.errors == []
    assert len(TECHNIQUES) >= 8
    described = {t.description: t.serves for t in TECHNIQUES}
    assert described["posterior glide of the tibia on the femur"] == "knee flexion"
    assert described["anterior glide of the tibia on the femur"] == "knee extension"
    assert described["posterior glide of the talus on the tibia and fibula (mortise)"] == (
        "ankle dorsiflexion"
    )
    assert "abduction" in described["inferior glide of the humerus on the scapula (glenoid)"]
    assert "flexion" in described["posterior glide of the humerus on the scapula (glenoid)"]
    joints = " ".join(t.joint for t in TECHNIQUES)
    for name in ("radiocarpal", "metacarpophalangeal", "L3"):
        assert name in joints
    assert any(t.is_traction for t in TECHNIQUES)
    assert LIBRARY.get("knee").motion == "knee flexion"  # angular presets unaffected


def test_every_number_names_a_source():
    for t in TECHNIQUES:
        keys = ["available_mm", "toe_end_mm", "thrust_mm", "margin_mm"]
        keys += ["concave"] if t.concave_bone else ["serves"]
        keys += ["force_at_limit_n"] if t.has_force else []
        for key in keys:
            assert len(t.sources[key].strip()) > 10, (t.id, key)
        for ref in t.force_references:
            assert ref.source.strip() and ref.low_n <= ref.high_n


def test_witt_and_talbott_figures_fit_the_inferior_glenohumeral_glide():
    gh = LIBRARY.techniques["gh-inferior-glide"]
    zones = Zones.of(gh.normal_condition())
    assert zones.first_stop == pytest.approx(2.44)  # Kaltenborn II, Witt & Talbott 2016
    assert zones.first_stop < 3.64 < zones.second_stop  # their grade III is in the transition zone


pain_fractions = st.one_of(st.none(), st.floats(0.2, 1.0))


@settings(max_examples=400, deadline=None)
@given(techniques, limit_fractions, toe_fractions, conventions, modifiers, pain_fractions)
def test_maitland_invariants_in_mm(technique, lf, tf, convention, modifier, pf):
    cond = condition(technique, lf, tf)
    if pf is not None:
        lim = cond.available_limit
        cond = condition_for(technique, lim, cond.resistance_onset, pf * lim)
    bands = all_bands(technique, cond, convention, modifier)
    a, lim, r1 = cond.start, cond.available_limit, cond.resistance_onset
    first_onset = r1 if pf is None else min(r1, cond.pain_onset)
    eps = 1e-9
    for g in OSCILLATIONS:
        b = bands[g]
        assert a - eps <= b.low < b.high <= lim + eps, (g, b)
    for g in (Grade.I, Grade.II):  # short of R1 and of P1, whichever comes first
        assert bands[g].high <= first_onset - MARGIN * (lim - a) + eps, (g, bands[g], r1)
    for g in (Grade.III, Grade.IV):  # "into pain" is said wherever III/IV pass P1
        passes = pf is not None and bands[g].high > cond.pain_onset + eps
        assert bands[g].into_pain is passes
    for g in (Grade.III, Grade.IV):
        assert bands[g].high > r1 or (
            convention is Convention.RESISTANCE and modifier is Modifier.MINUS_MINUS
        )
    v = bands[Grade.V]
    assert v.low == pytest.approx(lim)
    assert v.high - v.low == pytest.approx(thrust_excursion(technique))
    assert v.high <= technique.anatomical_limit + eps
    small = max(bands[Grade.I].amplitude, bands[Grade.IV].amplitude)
    large = min(bands[Grade.II].amplitude, bands[Grade.III].amplitude)
    assert large >= 2.5 * small
    centres = [bands[g].centre for g in OSCILLATIONS]
    assert centres == sorted(centres) and len(set(centres)) == 4


def test_thrust_excursion_is_the_same_mm_on_a_stiff_technique():
    knee = LIBRARY.techniques["knee-posterior-glide"]
    normal = accessory_band(Grade.V, knee, knee.normal_condition())
    stiff = accessory_band(Grade.V, knee, condition_for(knee, available_limit=2.5))
    assert normal.amplitude == pytest.approx(stiff.amplitude) == pytest.approx(knee.thrust_mm)
    assert stiff.low == pytest.approx(2.5)


def test_motion_of_a_band_is_in_mm_and_stays_in_it():
    l3 = LIBRARY.techniques["l3-central-pa"]
    b = accessory_band(Grade.IV, l3, l3.normal_condition())
    _, mm = trace(maitland_motion(b), 4.0)
    assert mm.min() == pytest.approx(b.low, abs=1e-6)
    assert mm.max() == pytest.approx(b.high, abs=1e-3)


def test_toe_end_before_half_of_l_is_refused():
    knee = LIBRARY.techniques["knee-posterior-glide"]
    with pytest.raises(ConditionError, match="toe region"):
        condition_for(knee, toe_end=2.0)
    with pytest.raises(ConditionError, match="available limit L = 9 mm"):
        condition_for(knee, available_limit=9.0)


# ------------------------------------------------------------------ resistance and force


@settings(max_examples=200, deadline=None)
@given(techniques, limit_fractions, toe_fractions)
def test_toe_region_curve_starts_at_a_and_steepens_past_r1(technique, lf, tf):
    cond = condition(technique, lf, tf)
    x = np.linspace(cond.start, cond.available_limit, 401)
    toe = resistance(x, cond)
    classic = resistance(x, cond, ResistanceModel.CLASSIC)
    assert np.all(np.diff(toe) >= -1e-12) and toe[0] == 0 and toe[-1] == pytest.approx(1.0)
    assert resistance(cond.start + 0.05 * cond.available_range, cond) > 0  # from the start
    assert resistance(cond.resistance_onset, cond) == pytest.approx(TOE_SHARE)
    slope = np.diff(toe) / np.diff(x)
    before = slope[x[1:] < cond.resistance_onset].max()
    after = slope[x[:-1] > cond.resistance_onset].min()
    assert after > before  # stiffness rises where the toe region ends
    assert np.all(classic[x <= cond.resistance_onset] == 0) and classic[-1] == pytest.approx(1)


def test_spinal_pa_has_force_on_both_axes():
    l3 = LIBRARY.techniques["l3-central-pa"]
    cond = l3.normal_condition()
    assert force_n(l3, cond.available_limit, cond) == pytest.approx(l3.force_at_limit_n)
    assert 0 < force_n(l3, 0.4, cond) < 0.2 * l3.force_at_limit_n  # resistance from the start
    forces = {g: force_band(l3, accessory_band(g, l3, cond), cond) for g in OSCILLATIONS}
    assert forces[Grade.II][1] < forces[Grade.III][1]
    assert forces[Grade.I][1] < forces[Grade.IV][0]
    labels = " ".join(r.source for r in l3.force_references)
    for author in ("Simmonds", "Snodgrass", "Pentelka"):
        assert author in labels
    knee = LIBRARY.techniques["knee-posterior-glide"]
    with pytest.raises(ValueError, match="no force"):
        force_n(knee, 1.0, knee.normal_condition())


# ------------------------------------------------------------------ Kaltenborn


@settings(max_examples=300, deadline=None)
@given(techniques, limit_fractions, toe_fractions)
def test_kaltenborn_zones(technique, lf, tf):
    cond = condition(technique, lf, tf)
    zones = Zones.of(cond)
    bands = {g: kaltenborn_band(g, cond) for g in KaltenbornGrade}
    assert bands[KaltenbornGrade.I].high < zones.first_stop  # no appreciable separation
    assert bands[KaltenbornGrade.I].high <= 0.25 * (zones.first_stop - zones.start) + 1e-9
    assert bands[KaltenbornGrade.II].high == pytest.approx(zones.first_stop)
    iii = bands[KaltenbornGrade.III].high
    assert zones.first_stop < iii < zones.second_stop
    for g, b in bands.items():
        _, mm = trace(motion_for(b), 30.0, rate=50)
        assert mm.max() <= zones.second_stop + 1e-9, g
        assert mm.min() >= zones.start - 1e-9, g


def test_kaltenborn_grades_are_sustained_not_oscillatory():
    gh = LIBRARY.techniques["gh-inferior-glide"]
    b = kaltenborn_band(KaltenbornGrade.III, gh.normal_condition())
    t, mm = trace(motion_for(b), 20.0, rate=100)
    held = np.isclose(mm, b.high, atol=1e-6)
    longest, run = 0, 0
    for h in held:
        run = run + 1 if h else 0
        longest = max(longest, run)
    assert longest / 100 >= 5.0  # holds for seconds
    rises = np.sum(np.diff((mm > b.low + 0.5 * b.amplitude).astype(int)) == 1)
    assert rises <= 2  # at most two stretches in 20 s: not a 0.5–3 Hz oscillation
    assert b.low == pytest.approx(kaltenborn_band(KaltenbornGrade.I, gh.normal_condition()).high)


@pytest.mark.parametrize("text", ["IV", "V", "0", "4", "x"])
def test_kaltenborn_has_three_grades(text):
    with pytest.raises(ValueError, match="Kaltenborn grades are I, II and III"):
        KaltenbornGrade.parse(text)


# ------------------------------------------------------------------ the concave–convex rule


@pytest.mark.parametrize(
    "joint,moving,glide,motions,expected",
    [
        # DOMAIN §5, Hall & Brody 2005: concave tibia; posterior glide -> flexion.
        (
            "knee",
            "concave",
            "posterior",
            {"posterior": "flexion", "anterior": "extension"},
            "flexion",
        ),
        (
            "knee",
            "concave",
            "anterior",
            {"posterior": "flexion", "anterior": "extension"},
            "extension",
        ),
        # Convex talus: posterior glide -> dorsiflexion; anterior -> plantarflexion.
        ("talocrural", "convex", "posterior", {"anterior": "DF", "posterior": "PF"}, "DF"),
        ("talocrural", "convex", "anterior", {"anterior": "DF", "posterior": "PF"}, "PF"),
        # Convex humeral head: posterior glide -> flexion/IR; anterior -> extension/ER.
        ("GH", "convex", "posterior", {"anterior": "flex+IR", "posterior": "ext+ER"}, "flex+IR"),
        ("GH", "convex", "anterior", {"anterior": "flex+IR", "posterior": "ext+ER"}, "ext+ER"),
        (
            "GH",
            "convex",
            "inferior",
            {"superior": "abduction", "inferior": "adduction"},
            "abduction",
        ),
        # Concave radial head: dorsal glide -> extension; volar -> flexion.
        ("humeroradial", "concave", "dorsal", {"dorsal": "ext", "volar": "flex"}, "ext"),
        ("humeroradial", "concave", "volar", {"dorsal": "ext", "volar": "flex"}, "flex"),
        # Convex femoral head: posterior glide -> flexion/IR.
        ("hip", "convex", "posterior", {"anterior": "flex+IR", "posterior": "ext+ER"}, "flex+IR"),
        # Concave phalanx: glide in the same direction as the movement.
        ("MCP", "concave", "palmar", {"volar": "flexion", "dorsal": "extension"}, "flexion"),
        ("MCP", "concave", "dorsal", {"volar": "flexion", "dorsal": "extension"}, "extension"),
    ],
)
def test_concave_convex_rule_matches_the_textbook_examples(joint, moving, glide, motions, expected):
    assert motions[rule.roll_direction(glide, MovingSurface(moving))] == expected, joint
    assert rule.glide_for(rule.roll_direction(glide, moving), moving) == rule.normal_direction(
        glide
    )


def test_rule_is_shown_with_its_caveat():
    assert "Johnson" in rule.CAVEAT and "2007" in rule.CAVEAT and "teaching aid" in rule.CAVEAT


def test_presets_follow_the_rule():
    for t in TECHNIQUES:
        if t.roll is None:
            continue
        same = t.moving_surface is MovingSurface.CONCAVE
        assert (t.roll == t.direction) is same, t.id


# ------------------------------------------------------------------ bad files

KNEE_GLIDE = (ASSET_DIR / "acc-knee-posterior-glide.toml").read_text()


@pytest.mark.parametrize(
    "edit,field,problem",
    [
        (
            lambda s: s.replace("available_mm = 5.0", "available_mm = 0"),
            "translation.available_mm",
            "more than 0",
        ),
        (
            lambda s: s.replace("available_mm = 5.0", "available_mm = -3"),
            "translation.available_mm",
            "more than 0",
        ),
        (lambda s: s.replace('concave = "tibia"\n', ""), "bones.concave", "missing"),
        (lambda s: s.replace('concave = "tibia"', 'concave = "patella"'), "bones.concave", "fixed"),
        (
            lambda s: s.replace('direction = "posterior"', 'direction = "backwards"'),
            "direction",
            "unknown direction",
        ),
        (
            lambda s: s.replace("toe_end_mm = 2.75", "toe_end_mm = 1.0"),
            "translation.toe_end_mm",
            "must lie in",
        ),
        (lambda s: s.replace('posterior = "knee flexion"\n', ""), "roll.posterior", "missing"),
        (lambda s: s.replace('kind = "accessory"', 'kind = "gliding"'), "kind", "must be"),
        (
            lambda s: re.sub(r'(?m)^thrust_mm = ".*"$', 'thrust_mm = " "', s),
            "sources.thrust_mm",
            "must not be empty",
        ),
    ],
)
def test_broken_accessory_file_names_file_and_field(tmp_path, edit, field, problem):
    path = tmp_path / "broken.toml"
    path.write_text(edit(KNEE_GLIDE))
    with pytest.raises(JointFileError) as info:
        load_joint(path)
    assert info.value.field_name == field
    assert problem in str(info.value)
    assert str(info.value).startswith("broken.toml: field")


def test_a_bad_accessory_file_does_not_stop_the_others(tmp_path):
    for p in ASSET_DIR.glob("*.toml"):
        shutil.copy(p, tmp_path)
    bad = KNEE_GLIDE.replace('concave = "tibia"\n', "").replace("knee-posterior-glide", "bad")
    (tmp_path / "zz_bad.toml").write_text(bad)
    lib = load_library(tmp_path)
    assert [e.path.name for e in lib.errors] == ["zz_bad.toml"]
    assert set(lib.techniques) == set(LIBRARY.techniques)
    assert set(lib.joints) == set(LIBRARY.joints)


# ------------------------------------------------------------------ compare link


@pytest.mark.parametrize(
    "value,problem",
    [
        ('"kneee"', "no angular preset 'kneee' was loaded"),
        ('"gh-posterior-glide"', "is an accessory technique, not an angular preset"),
    ],
)
def test_a_bad_angular_preset_names_file_and_field_and_the_rest_loads(tmp_path, value, problem):
    for p in ASSET_DIR.glob("*.toml"):
        shutil.copy(p, tmp_path)
    path = tmp_path / "acc-knee-posterior-glide.toml"
    path.write_text(KNEE_GLIDE.replace('angular_preset = "knee"', f"angular_preset = {value}"))
    lib = load_library(tmp_path)
    [error] = lib.errors
    assert str(error).startswith("acc-knee-posterior-glide.toml: field 'angular_preset'")
    assert problem in str(error)
    assert set(lib.techniques) == set(LIBRARY.techniques)  # it still loads, and the rest
    assert set(lib.joints) == set(LIBRARY.joints)
    joint, why = compare_joint(lib.techniques["knee-posterior-glide"], lib.joints)
    assert joint is None and "did not load" in why


def test_an_angular_preset_must_be_an_id(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text(KNEE_GLIDE.replace('angular_preset = "knee"', 'angular_preset = "knee flex!"'))
    with pytest.raises(JointFileError) as info:
        load_joint(path)
    assert info.value.field_name == "angular_preset"


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def test_every_compare_link_names_the_motion_the_glide_serves():
    """A linked angular preset's motion is the served motion (every word of it appears
    in what the glide serves); an unlinked glide has no preset that would fit."""
    for t in LIBRARY.techniques.values():
        joint, why = compare_joint(t, LIBRARY.joints)
        fits = [j.id for j in LIBRARY.joints.values() if words(j.motion) <= words(t.serves)]
        if t.angular_preset is None:
            assert joint is None and fits == [] and why, t.id
            assert (t.serves in why) or ("traction" in why), t.id
        else:
            assert joint is not None and joint.id in fits, t.id
    linked = {t.id: t.angular_preset for t in LIBRARY.techniques.values()}
    assert linked["gh-inferior-glide"] == "shoulder-abduction"
    assert linked["l3-central-pa"] is None and linked["gh-posterior-glide"] is None
