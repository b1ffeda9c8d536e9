"""Precautions page: the caution list, the clinical lists, conflicts, disclaimer."""

import pytest
from content_helpers import edit_entry

from mobsim.content import DEFAULT_DISCLAIMER, PrecautionGroup, load_precautions

PAGE = load_precautions()

CONSUMER_IDS = [
    "acute-fractures",
    "herniated-discs",
    "decreased-bone-density",
    "sensory-issues",
    "hypermobility-disorders",
    "blood-thinners",
]


def test_every_entry_loads_and_carries_a_source():
    assert PAGE.errors == []
    for item in PAGE.precautions:
        assert item.source.strip() and item.title.strip() and item.text.strip(), item.id
    for conflict in PAGE.conflicts:
        assert conflict.source.strip(), conflict.id
    assert PAGE.source.strip()


def test_consumer_caution_list_is_the_source_list_in_order():
    assert [p.id for p in PAGE.cautions] == CONSUMER_IDS
    assert all(p.case_rule for p in PAGE.cautions)


def test_clinical_lists_split_absolute_and_relative():
    ids = {g: {p.id for p in PAGE.group(g)} for g in PrecautionGroup}
    assert ids[PrecautionGroup.ABSOLUTE] == {
        "rheumatoid-collagen-necrosis",
        "recent-or-unhealed-fracture",
        "ankylosis",
        "cervical-arterial-dysfunction",
        "active-inflammatory-or-infective-arthritis",
        "malignancy",
    }
    assert ids[PrecautionGroup.RELATIVE] == {
        "pregnancy",
        "history-of-malignancy",
        "hypermobility",
        "osteoporosis",
        "neurological-signs",
        "spondylolisthesis",
        "dizziness",
    }
    assert len(ids[PrecautionGroup.SPINAL]) == 5
    assert len(ids[PrecautionGroup.GUIDELINE]) == 10
    assert "bleeding-disorders" in ids[PrecautionGroup.GUIDELINE]
    assert ids[PrecautionGroup.TEXTBOOK] == {
        "effusion-haemarthrosis",
        "recent-surgery",
        "joint-replacement",
        "deep-vein-thrombosis",
    }


def test_cervical_arterial_dysfunction_is_named_as_the_framework_names_it():
    item = next(p for p in PAGE.precautions if p.id == "cervical-arterial-dysfunction")
    assert item.title == "Cervical arterial dysfunction"
    assert "Rushton et al. 2023" in item.source and "neck" in item.text
    assert "emergency" in item.case_rule
    for p in PAGE.precautions:
        assert "vertebrobasilar" not in (p.title + p.text + p.source).lower(), p.id


def test_page_is_labelled_teaching_content_not_patient_advice():
    assert "Teaching content" in PAGE.disclaimer
    assert "not advice for a patient" in PAGE.disclaimer
    for option in ("do not mobilise", "manage it another way", "refer for medical review"):
        assert option in PAGE.rule, option
    assert "call emergency services" in PAGE.rule


def test_conflicts_are_stated_with_mobsim_choice():
    by_id = {c.id: c for c in PAGE.conflicts}
    disc = by_id["disc-herniation"]
    assert "contraindication" in disc.sources_say and "indication" in disc.sources_say
    assert "precaution" in disc.mobsim_models and "hard stop" in disc.mobsim_models
    assert "cauda equina" in disc.mobsim_models
    sensory = by_id["sensory-impairment"]
    assert "caution, not an absolute" in sensory.mobsim_models
    for conflict in PAGE.conflicts:
        assert set(conflict.related) <= PAGE.ids


def test_invalid_toml_keeps_the_disclaimer(write_copy):
    page = load_precautions(write_copy("precautions.toml", lambda s: s + "\n[[precaution\n"))
    assert page.precautions == [] and page.disclaimer == DEFAULT_DISCLAIMER
    [error] = page.errors
    assert error.field_name == "(file)" and "not valid TOML" in str(error)


@pytest.mark.parametrize(
    "marker,old,new,entry,field,problem",
    [
        (
            'id = "ankylosis"',
            'group = "absolute"',
            'group = "absolut"',
            "ankylosis",
            "group",
            "must be one of",
        ),
        (
            'id = "cord-tumours"',
            'source = "',
            'source = "  "\n#',
            "cord-tumours",
            "source",
            "must not be empty",
        ),
        ('id = "osteomyelitis"', 'title = "', 'titel = "', "osteomyelitis", "titel", "unknown key"),
        (
            'id = "dizziness"',
            'title = "Dizziness"',
            'title = ["Dizziness"]',
            "dizziness",
            "title",
            "must be text",
        ),
        (
            'id = "sensory-impairment"',
            '"sensory-issues"',
            '"sensory-isues"',
            "sensory-impairment",
            "related",
            "unknown precaution id",
        ),
    ],
)
def test_bad_entry_names_file_entry_and_field_and_others_load(
    write_copy, marker, old, new, entry, field, problem
):
    page = load_precautions(
        write_copy("precautions.toml", lambda s: edit_entry(s, marker, old, new))
    )
    [error] = page.errors
    assert (error.path.name, error.entry_id, error.field_name) == ("precautions.toml", entry, field)
    assert problem in str(error)
    assert str(error).startswith("precautions.toml: ") and f"field '{field}'" in str(error)
    assert len(page.precautions) + len(page.conflicts) == (
        len(PAGE.precautions) + len(PAGE.conflicts) - 1
    )


def test_duplicate_id_is_an_error(write_copy):
    page = load_precautions(
        write_copy(
            "precautions.toml",
            lambda s: edit_entry(
                s,
                'id = "spondylolisthesis-at-level"',
                '"spondylolisthesis-at-level"',
                '"spondylolisthesis"',
            ),
        )
    )
    [error] = page.errors
    assert error.field_name == "id" and "already used" in str(error)
