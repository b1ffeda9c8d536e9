"""Case questions: six management options on keys 1-6, feedback, and the seeded picker. No Qt."""

import pytest

from mobsim.content import (
    LEGACY_ANSWER_LABELS,
    MANAGEMENT_OPTIONS,
    CaseAnswer,
    CasePicker,
    CasePlay,
    answer_label,
    check,
    load_vignettes,
    stored_answer_values,
)
from mobsim.model.grades import Grade

BANK = load_vignettes()
VIGNETTES = BANK.vignettes


def test_six_management_options_in_order_with_keys_labels_and_meanings():
    assert tuple(CaseAnswer) == MANAGEMENT_OPTIONS
    assert [a.value for a in MANAGEMENT_OPTIONS] == [
        "I-II",
        "III-IV",
        "V",
        "do-not-mobilise",
        "refer-emergency",
        "refer-medical",
    ]
    assert [a.key for a in CaseAnswer] == [1, 2, 3, 4, 5, 6]
    assert [CaseAnswer.from_key(k) for k in "123456"] == list(CaseAnswer)
    assert CaseAnswer.from_key("7") is None and CaseAnswer.from_key("x") is None
    assert CaseAnswer.I_II.label == "Grades I–II"
    assert "Do not mobilise" in CaseAnswer.DO_NOT_MOBILISE.label
    assert "emergency" in CaseAnswer.REFER_EMERGENCY.label
    assert "emergency services" in CaseAnswer.REFER_EMERGENCY.meaning
    assert "urgent or routine" in CaseAnswer.REFER_MEDICAL.meaning
    assert "Manage otherwise" in CaseAnswer.DO_NOT_MOBILISE.meaning
    for answer in CaseAnswer:
        assert answer.label and answer.meaning and answer.rule, answer
        assert "\n" not in answer.meaning and len(answer.meaning) <= 90, answer
    assert len({a.label for a in CaseAnswer}) == 6
    assert CaseAnswer.III_IV.grades == (Grade.III, Grade.IV)
    for answer in (
        CaseAnswer.DO_NOT_MOBILISE,
        CaseAnswer.REFER_EMERGENCY,
        CaseAnswer.REFER_MEDICAL,
    ):
        assert answer.grades == ()
    assert [a for a in CaseAnswer if a.is_referral] == [
        CaseAnswer.REFER_EMERGENCY,
        CaseAnswer.REFER_MEDICAL,
    ]


@pytest.mark.parametrize(
    "text,answer",
    [
        ("1", CaseAnswer.I_II),
        ("I-II", CaseAnswer.I_II),
        ("I–II", CaseAnswer.I_II),
        ("iii-iv", CaseAnswer.III_IV),
        ("v", CaseAnswer.V),
        ("do-not-mobilise", CaseAnswer.DO_NOT_MOBILISE),
        ("Refer-Emergency", CaseAnswer.REFER_EMERGENCY),
        (5, CaseAnswer.REFER_EMERGENCY),
        (6, CaseAnswer.REFER_MEDICAL),
    ],
)
def test_parse(text, answer):
    assert CaseAnswer.parse(text) is answer


def test_parse_rejects_unknown_answers_and_the_old_refer():
    with pytest.raises(ValueError, match="choose 1 = I-II"):
        CaseAnswer.parse("IV")
    with pytest.raises(ValueError, match="6 = refer-medical"):
        CaseAnswer.parse("refer")


def test_older_stored_answers_still_have_a_label_and_a_column():
    assert answer_label("refer") == LEGACY_ANSWER_LABELS["refer"]
    assert answer_label("refer-emergency") == CaseAnswer.REFER_EMERGENCY.label
    assert answer_label("something-else") == "something-else"
    values = stored_answer_values(["refer", "I-II"])
    assert values[:6] == [a.value for a in CaseAnswer] and values[6:] == ["refer"]
    assert stored_answer_values() == [a.value for a in CaseAnswer]


def test_check_a_correct_answer():
    vignette = BANK.get("knee-stiff-after-brace")
    feedback = check(vignette, CaseAnswer.III_IV)
    assert feedback.correct and feedback.expected is feedback.chosen is CaseAnswer.III_IV
    assert feedback.headline == "Correct: Grades III–IV."
    assert feedback.rationale == vignette.rationale and feedback.source == vignette.source
    assert "Stiffness-dominant" in feedback.cue
    assert feedback.play == CasePlay("knee", 95.0, Grade.IV, vignette.condition)
    assert feedback.play.condition.available_limit == 95.0
    assert feedback.play.condition.resistance_onset == 70.0


def test_check_a_wrong_answer_names_both_choices():
    vignette = BANK.get("hip-cauda-equina-signs")
    feedback = check(vignette, 2)
    assert not feedback.correct
    assert feedback.chosen is CaseAnswer.III_IV and feedback.expected is CaseAnswer.REFER_EMERGENCY
    assert CaseAnswer.REFER_EMERGENCY.label in feedback.headline
    assert CaseAnswer.III_IV.label in feedback.headline
    assert "emergency services" in feedback.cue
    assert feedback.play is None
    assert "cauda equina" in feedback.rationale


def test_check_is_right_for_every_vignette_and_only_its_key():
    for vignette in VIGNETTES:
        results = {answer: check(vignette, answer).correct for answer in CaseAnswer}
        assert [a for a, ok in results.items() if ok] == [vignette.answer], vignette.id
        play = check(vignette, "1").play
        if vignette.play_grade is None:
            assert play is None
        else:
            assert play.joint_id == vignette.joint_id
            assert play.grade in vignette.answer.grades
            assert play.condition is vignette.condition is not None


def test_picker_is_reproducible_for_a_seed():
    a, b = CasePicker(VIGNETTES, seed=7), CasePicker(VIGNETTES, seed=7)
    seq_a = [a.pick().id for _ in range(200)]
    seq_b = [b.pick().id for _ in range(200)]
    assert seq_a == seq_b
    c = CasePicker(VIGNETTES, seed=8)
    assert [c.pick().id for _ in range(200)] != seq_a


@pytest.mark.parametrize("seed", range(20))
def test_picker_never_repeats_at_once_and_covers_every_vignette_each_round(seed):
    picker = CasePicker(VIGNETTES, seed=seed)
    picks = [picker.pick() for _ in range(5 * len(VIGNETTES) + 3)]
    assert all(x is not y for x, y in zip(picks, picks[1:], strict=False))
    for start in range(0, 5 * len(VIGNETTES), len(VIGNETTES)):
        round_ = picks[start : start + len(VIGNETTES)]
        assert {v.id for v in round_} == {v.id for v in VIGNETTES}
    assert picker.last is picks[-1]


def test_picker_with_two_vignettes_alternates():
    picker = CasePicker(VIGNETTES[:2], seed=1)
    picks = [picker.pick().id for _ in range(50)]
    assert all(x != y for x, y in zip(picks, picks[1:], strict=False))


def test_picker_edge_cases():
    one = CasePicker(VIGNETTES[:1], seed=0)
    assert one.pick() is one.pick() is VIGNETTES[0]
    with pytest.raises(ValueError):
        CasePicker([], seed=0)
