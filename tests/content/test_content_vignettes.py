"""Case vignettes: enough of them, every answer and caution covered, keys defensible in form."""

import re
from collections import Counter

import pytest
from content_helpers import edit_entry

from mobsim.content import CaseAnswer, PrecautionGroup, load_precautions, load_vignettes
from mobsim.model import Condition, load_library

LIBRARY = load_library()
PAGE = load_precautions()
BANK = load_vignettes()
VIGNETTES = BANK.vignettes


def sentences(text: str) -> int:
    return len(re.findall(r"[.!?](\s|$)", text))


def test_every_vignette_loads_and_carries_a_source():
    assert BANK.errors == []
    assert len(VIGNETTES) >= 32
    assert len({v.id for v in VIGNETTES}) == len(VIGNETTES)
    for v in VIGNETTES:
        assert v.source.strip() and v.rationale.strip() and v.text.strip(), v.id


def test_keys_cover_all_four_answers_at_least_six_times():
    counts = Counter(v.answer for v in VIGNETTES)
    assert set(counts) == set(CaseAnswer)
    assert min(counts.values()) >= 6, counts


def test_every_consumer_caution_is_covered_by_a_vignette():
    tagged = {tag for v in VIGNETTES for tag in v.precautions}
    missing = [p.id for p in PAGE.cautions if p.id not in tagged]
    assert missing == []
    assert tagged <= PAGE.ids


def test_every_absolute_item_that_fits_a_limb_joint_is_covered():
    tagged = {tag for v in VIGNETTES for tag in v.precautions}
    # Collagen necrosis is a neck (atlanto-axial) concern; mobsim has no neck preset.
    limb = {p.id for p in PAGE.group(PrecautionGroup.ABSOLUTE)} - {"rheumatoid-collagen-necrosis"}
    assert limb <= tagged


def test_every_joint_preset_is_used():
    assert {v.joint_id for v in VIGNETTES} == set(LIBRARY.joints)


def test_texts_are_short_and_plain():
    for v in VIGNETTES:
        assert 2 <= sentences(v.text) <= 4, v.id
        assert len(v.text) <= 450, v.id
        assert 1 <= sentences(v.rationale) <= 2, v.id


def test_play_fits_the_answer_and_the_joint():
    for v in VIGNETTES:
        if v.answer is CaseAnswer.REFER:
            assert v.play_grade is None and v.available_limit is None, v.id
            continue
        assert v.play_grade in v.answer.grades, v.id
        if v.available_limit is not None:
            joint = LIBRARY.get(v.joint_id)
            assert 0.4 * joint.normal_range <= v.available_limit - joint.start, v.id
            assert v.available_limit <= joint.normal_end, v.id
            Condition.for_joint(joint, available_limit=v.available_limit)


def test_grade_v_vignettes_are_clear_cut():
    """V only for stiff, non-irritable cases with no precautions after III-IV plateaued."""
    for v in BANK.by_answer(CaseAnswer.V):
        assert v.precautions == (), v.id
        assert "no precautions" in v.text, v.id
        assert re.search(r"nothing in the last two|stopped gaining", v.text), v.id
        assert "trained" in v.text and "agrees" in v.text, v.id
        assert "III–IV is not the key" in v.rationale, v.id
        assert v.joint_id in {"ankle-dorsiflexion", "hip", "wrist-extension", "wrist-flexion"}


def test_grade_keys_explain_precautions_as_cautions():
    for v in VIGNETTES:
        if v.precautions and v.answer in (CaseAnswer.I_II, CaseAnswer.III_IV):
            assert re.search(r"caution|precaution|no longer stops", v.rationale), v.id


# ------------------------------------------------------------------ broken copies


@pytest.mark.parametrize(
    "vid,old,new,field,problem",
    [
        ("knee-sprain-irritable", 'answer = "I-II"', 'answer = "IV"', "answer", "must be one of"),
        ("elbow-sprain-night-pain", 'joint = "elbow"', 'joint = "toe"', "joint", "unknown joint"),
        ("hip-oa-stiff", "limit_deg = 90", "limit_deg = 30", "limit_deg", "below"),
        ("hip-oa-stiff", "limit_deg = 90", "limit_deg = 140", "limit_deg", "must lie in"),
        ("hip-oa-stiff", 'play_grade = "IV"', 'play_grade = "II"', "play_grade", "must be one of"),
        ("hip-oa-stiff", 'play_grade = "IV"\n', "", "limit_deg", "needs play_grade"),
        (
            "elbow-ankylosis",
            'answer = "refer"',
            'answer = "refer"\nplay_grade = "I"',
            "play_grade",
            "plays no grade",
        ),
        (
            "elbow-ankylosis",
            'precautions = ["ankylosis"]',
            'precautions = ["ankylos"]',
            "precautions",
            "unknown precaution id",
        ),
        (
            "elbow-ankylosis",
            'precautions = ["ankylosis"]',
            'precautions = "ankylosis"',
            "precautions",
            "must be a list",
        ),
        ("knee-pop-rapid-swelling", 'source = "', 'sauce = "', "sauce", "unknown key"),
        ("knee-pop-rapid-swelling", 'source = "', 'source = "   "\nx = "', "x", "unknown key"),
        (
            "knee-hot-swollen-fever",
            'source = "Active',
            'source = " "\n# "Active',
            "source",
            "must not be empty",
        ),
        ("knee-hot-swollen-fever", 'answer = "refer"\n', "", "answer", "missing"),
        (
            "ankle-plateau-runner",
            "limit_deg = 14",
            'limit_deg = "14"',
            "limit_deg",
            "must be a number",
        ),
    ],
)
def test_bad_entry_names_file_entry_and_field_and_others_load(
    write_copy, vid, old, new, field, problem
):
    path = write_copy("vignettes.toml", lambda s: edit_entry(s, f'id = "{vid}"', old, new))
    bank = load_vignettes(path)
    [error] = bank.errors
    assert (error.path.name, error.entry_id, error.field_name) == ("vignettes.toml", vid, field)
    assert problem in str(error)
    assert str(error).startswith(f"vignettes.toml: vignette '{vid}': field '{field}': ")
    assert len(bank.vignettes) == len(VIGNETTES) - 1
    assert bank.get(vid) is None


def test_entry_without_an_id_is_named_by_position(write_copy):
    bank = load_vignettes(
        write_copy("vignettes.toml", lambda s: s.replace('id = "knee-sprain-irritable"\n', "", 1))
    )
    [error] = bank.errors
    assert error.entry_id == "#1" and error.field_name == "id" and "missing" in str(error)
    assert len(bank.vignettes) == len(VIGNETTES) - 1


def test_duplicate_id_is_an_error(write_copy):
    bank = load_vignettes(
        write_copy(
            "vignettes.toml",
            lambda s: edit_entry(
                s, 'id = "hip-oa-stiff"', '"hip-oa-stiff"', '"knee-sprain-irritable"'
            ),
        )
    )
    [error] = bank.errors
    assert error.field_name == "id" and "already used" in str(error)


def test_invalid_toml_is_one_error_for_the_file(write_copy):
    unclosed = lambda s: s.replace('answer = "I-II"', 'answer = "I-II', 1)  # noqa: E731
    bank = load_vignettes(write_copy("vignettes.toml", unclosed))
    assert bank.vignettes == []
    [error] = bank.errors
    assert error.entry_id is None and error.field_name == "(file)"
    assert str(error).startswith("vignettes.toml: not valid TOML")


def test_unreadable_file_is_one_error(tmp_path):
    [error] = load_vignettes(tmp_path / "missing.toml").errors
    assert "cannot be read" in str(error)


def test_unknown_top_level_key_is_named_and_entries_still_load(write_copy):
    bank = load_vignettes(write_copy("vignettes.toml", lambda s: "vignete = 1\n" + s))
    [error] = bank.errors
    assert error.field_name == "vignete" and len(bank.vignettes) == len(VIGNETTES)


def test_joints_and_precaution_ids_can_be_passed_in():
    knee_only = {"knee": LIBRARY.get("knee")}
    bank = load_vignettes(joints=knee_only, precaution_ids=PAGE.ids)
    assert {v.joint_id for v in bank.vignettes} == {"knee"}
    assert all("unknown joint" in str(e) for e in bank.errors)
    assert len(bank.vignettes) + len(bank.errors) == len(VIGNETTES)


def test_a_directory_can_be_given_and_its_precautions_are_used(write_copy, tmp_path):
    write_copy("vignettes.toml")
    write_copy(
        "precautions.toml",
        lambda s: edit_entry(s, 'id = "ankylosis"', 'id = "ankylosis"', 'id = "bony-fusion"'),
    )
    bank = load_vignettes(tmp_path)
    [error] = bank.errors
    assert (error.entry_id, error.field_name) == ("elbow-ankylosis", "precautions")
    assert len(bank.vignettes) == len(VIGNETTES) - 1
