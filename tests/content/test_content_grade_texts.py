"""Grade texts: every grade in both conventions, with a source; broken copies fail clearly."""

import pytest
from content_helpers import edit_entry

from mobsim.content import ContentError, load_grade_texts
from mobsim.model.grades import Convention, Grade, Modifier
from mobsim.model.motion import DEFAULT_FREQUENCY, THRUST_RISE_RANGE, THRUST_RISE_S

TEXTS = load_grade_texts()


def test_every_grade_loads_with_a_source_and_both_conventions():
    assert TEXTS.errors == []
    assert list(TEXTS.grades) == list(Grade)
    for text in TEXTS.grades.values():
        assert text.source.strip(), text.grade
        for convention in Convention:
            assert text.definition(convention).strip(), (text.grade, convention)
        for name in ("summary", "typical_use", "performed", "evidence"):
            assert getattr(text, name).strip(), (text.grade, name)
    assert TEXTS.overview is not None and TEXTS.overview.source.strip()


@pytest.mark.parametrize(
    "grade,quartile_words,resistance_words",
    [
        (
            Grade.I,
            ["small", "first quarter", "short of R1", "short of P1"],
            ["small", "short of R1"],
        ),
        (Grade.II, ["large", "first half", "short of R1", "short of P1"], ["large", "short of P1"]),
        (Grade.III, ["large", "second half", "up to the limit L"], ["large", "ending"]),
        (Grade.IV, ["small", "last quarter", "up to the limit L"], ["small", "ending"]),
        (
            Grade.V,
            ["thrust", "preload", "2–5° past L", "anatomical limit"],
            ["thrust", "2–5° past L", "anatomical limit"],
        ),
    ],
)
def test_definitions_name_what_each_convention_draws(grade, quartile_words, resistance_words):
    quartile = TEXTS.definition(grade, Convention.QUARTILE)
    resistance = TEXTS.definition(grade, Convention.RESISTANCE)
    for word in quartile_words:
        assert word in quartile, (grade, word)
    for word in resistance_words:
        assert word in resistance, (grade, word)


def test_use_follows_pain_versus_stiffness():
    for grade in (Grade.I, Grade.II):
        assert "Pain" in TEXTS.grades[grade].typical_use
    for grade in (Grade.III, Grade.IV):
        assert "Stiffness" in TEXTS.grades[grade].typical_use
    assert "Manipulation" in TEXTS.grades[Grade.V].typical_use


def test_performed_texts_quote_the_model_defaults():
    for grade, hz in DEFAULT_FREQUENCY.items():
        performed = TEXTS.grades[grade].performed
        assert f"{hz:g} Hz" in performed, grade
        assert "0.5–3 Hz" in performed, grade
        assert "patient can always stop" in performed, grade
    assert "0.9–1.2 Hz" in TEXTS.grades[Grade.III].performed
    assert "1.4–2.4 Hz" in TEXTS.grades[Grade.IV].performed
    thrust = TEXTS.grades[Grade.V].performed
    # The thrust's rise as the model performs it (Part 0: 80–150 ms), not a made-up range.
    lo, hi = (round(1000 * t) for t in THRUST_RISE_RANGE)
    assert f"{round(1000 * THRUST_RISE_S)} ms" in thrust and f"{lo}–{hi} ms" in thrust
    assert "cannot prevent" in thrust


def test_evidence_is_modest():
    for text in TEXTS.grades.values():
        assert "short-lived" in text.evidence, text.grade
    assert "4 sets" in TEXTS.grades[Grade.III].evidence


def test_modifiers_state_their_depth_into_r1_l():
    assert set(TEXTS.modifiers) == set(Modifier) - {Modifier.NONE}
    for modifier, text in TEXTS.modifiers.items():
        assert f"{modifier.depth:.0%}" in text.meaning, modifier
        assert "size stays the same" in text.meaning
        assert text.source.strip()


def test_glossary_explains_the_jargon_with_sources():
    assert "How easily symptoms flare" in TEXTS.glossary["irritability"].meaning
    for term in ("pain-dominant", "stiffness-dominant", "end-feel", "r1", "available-range"):
        assert term in TEXTS.glossary
    assert all(t.source.strip() for t in TEXTS.glossary.values())


def test_invalid_toml_is_one_clear_error_for_the_file(write_copy):
    path = write_copy("grades.toml", lambda s: s.replace("[[grade]]", "[[grade]", 1))
    texts = load_grade_texts(path)
    assert texts.grades == {}
    [error] = texts.errors
    assert error.entry_id is None and error.field_name == "(file)"
    assert str(error).startswith("grades.toml: not valid TOML")


@pytest.mark.parametrize(
    "marker,old,new,entry,field,problem",
    [
        ('grade = "II"', "summary = ", "sumary = ", "II", "sumary", "unknown key"),
        (
            'grade = "III"',
            "definition.quartile",
            "definition.quartle",
            "III",
            "definition.quartle",
            "unknown key",
        ),
        (
            'grade = "IV"',
            'summary = "Small',
            'summary = 4  # "Small',
            "IV",
            "summary",
            "must be text",
        ),
        ('grade = "V"', 'grade = "V"', 'grade = "VI"', "VI", "grade", "must be one of"),
        ('symbol = "+"', 'symbol = "+"', 'symbol = "+++"', "+++", "symbol", "must be one of"),
    ],
)
def test_bad_entry_names_file_entry_and_field_and_others_load(
    write_copy, marker, old, new, entry, field, problem
):
    path = write_copy("grades.toml", lambda s: edit_entry(s, marker, old, new))
    texts = load_grade_texts(path)
    bad = [e for e in texts.errors if e.entry_id == entry]
    assert len(bad) == 1, texts.errors
    error = bad[0]
    assert isinstance(error, ContentError)
    assert error.path.name == "grades.toml" and error.field_name == field
    assert problem in str(error)
    assert str(error).startswith("grades.toml: ")
    assert f"'{entry}'" in str(error) and f"field '{field}'" in str(error)
    assert len(texts.grades) + len(texts.modifiers) >= 8  # the rest still loads


def test_a_grade_left_out_is_named(write_copy):
    def drop_v(text):
        start = text.index('[[grade]]\ngrade = "V"')
        end = text.index("\n[[", start + 5)
        return text[:start] + text[end:]

    texts = load_grade_texts(write_copy("grades.toml", drop_v))
    assert Grade.V not in texts.grades and len(texts.grades) == 4
    assert any("grade V has no entry" in str(e) for e in texts.errors)


def test_a_directory_can_be_given():
    from mobsim.content import ASSET_DIR

    assert list(load_grade_texts(ASSET_DIR).grades) == list(Grade)
