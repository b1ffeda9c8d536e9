"""Case questions: answer keys 1-4, feedback, and the seeded picker. No Qt."""

import pytest

from mobsim.content import CaseAnswer, CasePicker, CasePlay, check, load_vignettes
from mobsim.model.grades import Grade

BANK = load_vignettes()
VIGNETTES = BANK.vignettes


def test_answers_have_keys_one_to_four_and_labels():
    assert [a.key for a in CaseAnswer] == [1, 2, 3, 4]
    assert [CaseAnswer.from_key(k) for k in "1234"] == list(CaseAnswer)
    assert CaseAnswer.from_key(3) is CaseAnswer.V
    assert CaseAnswer.from_key("5") is None and CaseAnswer.from_key("x") is None
    assert CaseAnswer.I_II.label == "Grades I–II"
    assert "refer or consult first" in CaseAnswer.REFER.label
    assert CaseAnswer.III_IV.grades == (Grade.III, Grade.IV)
    assert CaseAnswer.REFER.grades == ()


@pytest.mark.parametrize(
    "text,answer",
    [
        ("1", CaseAnswer.I_II),
        ("I-II", CaseAnswer.I_II),
        ("I–II", CaseAnswer.I_II),
        ("iii-iv", CaseAnswer.III_IV),
        ("v", CaseAnswer.V),
        ("Refer", CaseAnswer.REFER),
        (4, CaseAnswer.REFER),
    ],
)
def test_parse(text, answer):
    assert CaseAnswer.parse(text) is answer


def test_parse_rejects_unknown_answers():
    with pytest.raises(ValueError, match="choose 1 = I-II"):
        CaseAnswer.parse("IV")


def test_check_a_correct_answer():
    vignette = BANK.get("knee-stiff-after-brace")
    feedback = check(vignette, CaseAnswer.III_IV)
    assert feedback.correct and feedback.expected is feedback.chosen is CaseAnswer.III_IV
    assert feedback.headline == "Correct: Grades III–IV."
    assert feedback.rationale == vignette.rationale and feedback.source == vignette.source
    assert "Stiffness-dominant" in feedback.cue
    assert feedback.play == CasePlay("knee", 95.0, Grade.IV)
    joint_id, limit, grade = feedback.play  # usable as a plain tuple
    assert (joint_id, limit, grade) == ("knee", 95.0, Grade.IV)


def test_check_a_wrong_answer_names_both_choices():
    vignette = BANK.get("hip-cauda-equina-signs")
    feedback = check(vignette, 2)
    assert not feedback.correct
    assert feedback.chosen is CaseAnswer.III_IV and feedback.expected is CaseAnswer.REFER
    assert CaseAnswer.REFER.label in feedback.headline
    assert CaseAnswer.III_IV.label in feedback.headline
    assert "red flag" in feedback.cue
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
