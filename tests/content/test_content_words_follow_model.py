"""Words follow the model: every grade text is true of the band mobsim draws.

Walks every grade x convention x modifier over conditions with early and late R1,
with and without P1, and checks each claim a text makes ("short of R1", "up to the
limit L", "50% of the way from R1 to L", "first half", ...) against
`mobsim.model.grades.band(...)`. A text that says "to the limit" where the band
stops short of L fails here.
"""

import re

import pytest

from mobsim.content import load_grade_texts
from mobsim.model import load_library
from mobsim.model.grades import Convention, Grade, GradeChoice, Modifier, band
from mobsim.model.joints import Condition

TEXTS = load_grade_texts()
LIBRARY = load_library()
KNEE = LIBRARY.get("knee")
JOINTS = [LIBRARY.get(j) for j in ("knee", "ankle-dorsiflexion", "shoulder-abduction")]
EPS = 1e-6


def _conditions(joint):
    """Normal and stiff joints; R1 from 25 % to 95 % of A–L; P1 absent, early or late;
    limited by resistance or, where P1 is set, by pain."""
    for limit_share in (1.0, 0.7):
        for r1_share in (0.25, 0.4, 0.6, 0.8, 0.95):
            for p1_share in (None, 0.3, 0.9):
                factors = ["resistance"] if p1_share is None else ["resistance", "pain"]
                for factor in factors:
                    yield Condition.from_fractions(joint, limit_share, r1_share, p1_share, factor)


def _choices():
    for grade in Grade:
        for convention in Convention:
            modifiers = [Modifier.NONE]
            if grade.takes_modifier and convention is Convention.RESISTANCE:
                modifiers = list(Modifier)
            for modifier in modifiers:
                yield GradeChoice(grade, modifier), convention


def _texts(choice: GradeChoice, convention: Convention) -> dict[str, str]:
    entry = TEXTS.for_grade(choice.grade)
    texts = {
        "summary": entry.summary,
        "definition": entry.definition(convention, choice.modifier),
    }
    if choice.modifier is not Modifier.NONE:
        texts["modifier"] = TEXTS.modifiers[choice.modifier].meaning
    return texts


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= EPS * max(1.0, abs(b))


def contradictions(text: str, b, c: Condition, joint=KNEE) -> list[str]:
    """The claims in `text` that the band `b` on condition `c` makes false."""
    r1, p1, lim = c.resistance_onset, c.pain_onset, c.available_limit
    found = []

    def claim(pattern: str, holds: bool) -> None:
        if re.search(pattern, text) and not holds:
            found.append(pattern)

    if b.grade.is_thrust:
        past = b.high - lim
        for lo, hi in re.findall(r"(\d+)\u2013(\d+)\u00b0 past L", text):
            claim(rf"{lo}\u2013{hi}\u00b0 past L", float(lo) - EPS <= past <= float(hi) + EPS)
        claim(r"(from|at) the limit L", _near(b.low, lim))
        claim(r"never passes the anatomical limit", b.high <= joint.normal_end + joint.margin + EPS)
        return found
    claim(r"short of (R1|resistance)", b.high < r1 - EPS)
    claim(r"short of (P1|pain)|short of resistance and pain", p1 is None or b.high < p1 - EPS)
    claim(r"whichever comes first", b.high < min(r1, p1 if p1 is not None else r1) - EPS)
    claim(r"first quarter", b.high_fraction <= 0.25 + EPS)
    claim(r"first half", b.high_fraction <= 0.5 + EPS)
    claim(r"second half", b.low_fraction >= 0.5 - EPS)
    claim(r"last quarter", b.low_fraction >= 0.75 - EPS)
    claim(r"near the start", b.low_fraction < 0.25)
    claim(r"into resistance", b.high > r1 + EPS)
    claim(r"before R1", b.low < r1 - EPS)
    claim(
        r"(up to|reaching|ending at|ends at) (the limit )?L\b|to the limit\b|at the limit L",
        _near(b.high, lim),
    )
    claim(r"ending at R1|ends at R1", _near(b.high, r1))
    for share in re.findall(r"(\d+)% of the way from R1 to L", text):
        claim(
            rf"{share}% of the way from R1 to L", _near(b.high, r1 + int(share) / 100 * (lim - r1))
        )
    return found


@pytest.mark.parametrize(
    "choice,convention", list(_choices()), ids=lambda x: getattr(x, "label", getattr(x, "value", x))
)
def test_every_grade_text_is_true_of_the_band_shown(choice, convention):
    checked = 0
    for joint in JOINTS:
        for condition in _conditions(joint):
            b = band(choice, joint, condition, convention)
            for name, text in _texts(choice, convention).items():
                wrong = contradictions(text, b, condition, joint)
                assert not wrong, (joint.id, name, text, wrong, condition)
                checked += 1
    assert checked >= 3 * 50


def test_the_checker_catches_a_text_that_says_to_the_limit_where_the_band_stops_short():
    condition = Condition.for_joint(KNEE, available_limit=90.0, resistance_onset=45.0)
    plain_iii = band(GradeChoice(Grade.III), KNEE, condition, Convention.RESISTANCE)
    assert not _near(plain_iii.high, 90.0)
    assert contradictions("A large oscillation up to the limit L.", plain_iii, condition)
    assert contradictions("Ends 75% of the way from R1 to L.", plain_iii, condition)
    assert not contradictions("Ends 50% of the way from R1 to L.", plain_iii, condition)
    ii = band(Grade.II, KNEE, condition, Convention.RESISTANCE)
    assert contradictions("It goes into resistance.", ii, condition)
    assert not contradictions("It ends short of R1.", ii, condition)


FEEDBACK_CONDITIONS = {
    "stiff, no pain": Condition.from_fractions(KNEE, 0.7),
    "pain at half": Condition.from_fractions(KNEE, 0.7, 0.6, 0.5),
    "early pain": Condition.from_fractions(KNEE, 0.7, 0.6, 0.25),
    "early R1": Condition.from_fractions(KNEE, 0.7, 0.3),
}


@pytest.mark.parametrize("name", list(FEEDBACK_CONDITIONS))
@pytest.mark.parametrize("convention", list(Convention))
def test_the_quiz_feedback_says_nothing_the_band_contradicts(name, convention):
    """The feedback's phrase for each grade ("short of both R1 and P1, whichever comes
    first", "into resistance", "50% of the way from R1 to L", …) holds for the band the
    student was shown, with and without pain and with an early R1."""
    from mobsim.quiz import explain

    condition = FEEDBACK_CONDITIONS[name]
    modifiers = list(Modifier) if convention is Convention.RESISTANCE else [Modifier.NONE]
    for grade in Grade:
        for modifier in modifiers if grade.takes_modifier else [Modifier.NONE]:
            choice = GradeChoice(grade, modifier)
            b = band(choice, KNEE, condition, convention)
            text = explain(choice, choice, b, condition).explanation
            assert contradictions(text, b, condition) == [], (choice.display, text)
