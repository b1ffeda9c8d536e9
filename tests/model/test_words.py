"""Words follow the model: every caption is true of the band actually shown.

Walks every grade × convention × modifier × (normal, stiff, pain-limited, pain
after R1) on every preset and fails on a phrase that contradicts the band.
"""

import pytest

from mobsim.model import Condition, Convention, Grade, GradeChoice, Modifier, band, load_library
from mobsim.model.describe import describe

LIBRARY = load_library()


def conditions(joint):
    yield "normal", joint.normal_condition()
    yield "stiff", Condition.from_fractions(joint, 0.6)
    yield "early R1", Condition.from_fractions(joint, 0.7, 0.3)
    yield "pain-limited", Condition.from_fractions(joint, 0.6, 0.8, 0.3, "pain")
    yield "pain after R1", Condition.from_fractions(joint, 0.8, 0.5, 0.7)
    yield "R1 at L", Condition.from_fractions(joint, 0.6, 1.0, 0.4, "pain")


def choices(convention):
    for grade in Grade:
        mods = (
            list(Modifier)
            if convention is Convention.RESISTANCE and grade.takes_modifier
            else [Modifier.NONE]
        )
        for m in mods:
            yield GradeChoice(grade, m)


CASES = [
    (joint, name, c, convention, choice)
    for joint in LIBRARY.joints.values()
    for name, c in conditions(joint)
    for convention in Convention
    for choice in choices(convention)
]


def contradictions(text: str, b, c) -> list[str]:
    eps = 1e-6
    found = []
    r1, p1, lim = c.resistance_onset, c.pain_onset, c.available_limit
    says = text.lower()
    if ("to the limit" in says or "up to l" in says) and not b.high >= lim - eps:
        found.append("says it reaches the limit but stops short of L")
    if "short of the limit" in says and b.high >= lim - eps:
        found.append("says short of the limit but reaches L")
    if "short of resistance" in says and not b.high < r1:
        found.append("says short of resistance but reaches R1")
    if "short of pain" in says and not (p1 is not None and b.high < p1):
        found.append("says short of pain but reaches P1")
    if "into resistance" in says and b.high < r1 - eps:
        found.append("says into resistance but stays short of R1")
    if ("into pain" in says) != b.into_pain:
        found.append("into pain label disagrees with the band")
    if "(r2)" in says and c.is_pain_limited:
        found.append("names R2 at L on a pain-limited joint")
    if "(p2)" in says and not c.is_pain_limited:
        found.append("names P2 at L on a resistance-limited joint")
    if b.grade.is_short_of_onset and "short of" not in says:
        found.append("grade I/II text does not say it stays short of resistance")
    if b.note and b.note.rstrip(".").lower()[1:] not in says:
        found.append("band was shortened or moved but the text does not say why")
    if b.grade.is_thrust and "past" not in says:
        found.append("grade V text does not say it goes past L")
    return found


def test_every_caption_is_true_of_its_band():
    bad = []
    for joint, name, c, convention, choice in CASES:
        b = band(choice, joint, c, convention)
        text = describe(b, c)
        for problem in contradictions(text, b, c):
            bad.append(f"{joint.id}/{name}/{convention.value}/{choice.label}: {problem}: {text}")
    assert not bad, "\n".join(bad[:20])
    assert len(CASES) > 500


def test_the_checker_catches_a_contradiction():
    knee = LIBRARY.get("knee")
    c = Condition.from_fractions(knee, 0.7, 0.5)
    plain_iii = band(GradeChoice(Grade.III), knee, c, Convention.RESISTANCE)
    assert not plain_iii.reaches_limit
    assert contradictions("large oscillation up to the limit", plain_iii, c)
    ii = band(Grade.II, knee, Condition.from_fractions(knee, 0.7, 0.5, 0.2, "pain"))
    assert "short of pain" in describe(ii, Condition.from_fractions(knee, 0.7, 0.5, 0.2, "pain"))


@pytest.mark.parametrize("convention", list(Convention))
def test_pain_limited_iv_says_into_pain_and_p2(convention):
    knee = LIBRARY.get("knee")
    c = Condition.from_fractions(knee, 0.7, 0.8, 0.3, "pain")
    mod = Modifier.PLUS_PLUS if convention is Convention.RESISTANCE else Modifier.NONE
    text = describe(band(GradeChoice(Grade.IV, mod), knee, c, convention), c)
    assert "into pain" in text and "(P2)" in text
