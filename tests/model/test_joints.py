"""Preset loading: every field validated, one clear error per bad file, others still load."""

import shutil

import pytest

from mobsim.model import Condition, ConditionError, JointFileError, load_joint, load_library
from mobsim.model.joints import ASSET_DIR

KNEE = (ASSET_DIR / "knee.toml").read_text()


def test_every_preset_names_a_source_for_every_number():
    for joint in load_library().joints.values():
        for key in (
            "start_deg",
            "normal_end_deg",
            "margin_deg",
            "resistance_onset_deg",
            "segment_lengths",
        ):
            assert joint.sources[key].strip(), (joint.id, key)


@pytest.mark.parametrize(
    "edit,field,problem",
    [
        (lambda s: s.replace('motion = "knee flexion"\n', ""), "motion", "missing"),
        (
            lambda s: s.replace("normal_end_deg = 130", 'normal_end_deg = "130"'),
            "range.normal_end_deg",
            "must be a number",
        ),
        (
            lambda s: s.replace("start_deg = 0", "start_deg = 140"),
            "range.normal_end_deg",
            "greater than start",
        ),
        (lambda s: s.replace("[range]", "[range\n"), "(file)", "not valid TOML"),
        (
            lambda s: s.replace("margin_deg = 5", "margin_deg = 5\nmargn = 3"),
            "range.margn",
            "unknown key",
        ),
        (
            lambda s: s.replace('shape = "long_bone"', 'shape = "blob"', 1),
            "fixed_segment.shape",
            "must be one of",
        ),
        (
            lambda s: s.split("[sources]")[0] + '[sources]\nstart_deg = "x"\n',
            "sources.normal_end_deg",
            "missing",
        ),
        (
            lambda s: s.replace("length_cm = 43", "length_cm = true", 1),
            "fixed_segment.length_cm",
            "must be a number",
        ),
        (
            lambda s: s.replace("direction = -1", "direction = 2"),
            "orientation.direction",
            "1 or -1",
        ),
        (  # a drawn width needs its source like every other number
            lambda s: "\n".join(x for x in s.splitlines() if not x.startswith("segment_widths")),
            "sources.segment_widths",
            "missing",
        ),
        (
            lambda s: s.replace("width_cm = 7.3", "width_cm = 40", 1),
            "fixed_segment.width_cm",
            "5–80 % of length_cm",
        ),
        (
            lambda s: s.replace("width_cm = 7.3", "width_cm = 7.3\ndistal_cm = 3", 1),
            "fixed_segment.distal_cm",
            "a list",
        ),
        (
            lambda s: s.replace("width_cm = 7.3", 'width_cm = 7.3\ndistal_cm = [3, "x"]', 1),
            "fixed_segment.distal_cm",
            "must hold numbers",
        ),
        (
            lambda s: s.replace("width_cm = 7.3", "width_cm = 7.3\ndistal_cm = [900]", 1),
            "fixed_segment.distal_cm",
            "5–200 %",
        ),
    ],
)
def test_broken_file_names_file_and_field(tmp_path, edit, field, problem):
    path = tmp_path / "broken.toml"
    path.write_text(edit(KNEE))
    with pytest.raises(JointFileError) as info:
        load_joint(path)
    assert info.value.field_name == field
    assert problem in str(info.value)
    assert str(info.value).startswith("broken.toml: field")


def test_a_preset_without_drawn_widths_needs_no_width_source(tmp_path):
    lines = [x for x in KNEE.splitlines() if not x.startswith(("segment_widths", "width_cm"))]
    path = tmp_path / "plain.toml"
    path.write_text("\n".join(lines) + "\n")
    joint = load_joint(path)
    assert joint.fixed_segment.width_cm is None and joint.moving_segment.distal_cm == ()


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    for p in ASSET_DIR.glob("*.toml"):
        shutil.copy(p, tmp_path)
    (tmp_path / "zz_bad.toml").write_text("id = 3\n")
    (tmp_path / "aa_dup.toml").write_text(KNEE)
    lib = load_library(tmp_path)
    assert len(lib.joints) + len(lib.techniques) == len(list(ASSET_DIR.glob("*.toml")))
    names = sorted(e.path.name for e in lib.errors)
    assert names == ["knee.toml", "zz_bad.toml"]  # aa_dup loads first and takes the id


def test_unreadable_file_is_a_clear_error(tmp_path):
    with pytest.raises(JointFileError, match="cannot be read"):
        load_joint(tmp_path / "missing.toml")


def test_condition_validation():
    knee = load_library().get("knee")
    assert Condition.for_joint(knee).available_limit == 130
    with pytest.raises(ConditionError, match="available limit"):
        Condition.for_joint(knee, available_limit=140)
    with pytest.raises(ConditionError, match="below"):
        Condition.for_joint(knee, available_limit=30)
    with pytest.raises(ConditionError, match="resistance onset"):
        Condition.for_joint(knee, available_limit=90, resistance_onset=95)
    with pytest.raises(ConditionError, match="resistance onset"):
        Condition.for_joint(knee, available_limit=90, resistance_onset=10)
    with pytest.raises(ConditionError, match="pain onset"):
        Condition.for_joint(knee, available_limit=90, pain_onset=100)
    stiff = Condition.for_joint(knee, available_limit=90)
    assert stiff.resistance_onset == pytest.approx(78 * 90 / 130)
