"""Quiz levels: which joints, which markers, which convention, how varied the performer.

doc/model.md (§9) explains each choice to teachers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from mobsim.model.grades import Convention, Grade, GradeChoice, Modifier
from mobsim.model.markers import Marker


class Level(Enum):
    BASIC = "basic"
    STANDARD = "standard"
    EXPERT = "expert"

    @classmethod
    def parse(cls, text: str) -> Level:
        try:
            return cls(text.strip().lower())
        except ValueError:
            names = ", ".join(level.value for level in cls)
            raise ValueError(f"unknown level {text!r}: choose {names}") from None


__all__ = ["LEVELS", "Level", "LevelSpec", "Marker", "Variation", "level_spec"]


@dataclass(frozen=True)
class Variation:
    """How far a performance strays from the nominal band; always clipped to the definition.

    Cycle-to-cycle values follow the measured within-therapist CV of 10–13 % (Wholohan &
    Jedynak 2022, J Chiropr Med).
    Performer offsets are drawn once per question; between-therapist spread is much
    larger in force (41–77 %), but the grade must stay recognisable, so the offset
    grows with the level instead and the definition bounds it.
    """

    amplitude_cv: float = 0.12  # cycle to cycle
    position_sd: float = 0.12  # cycle to cycle, as a fraction of the amplitude
    performer_amplitude_sd: float = 0.05  # log-normal factor on the amplitude
    performer_position_sd: float = 0.05  # shift, as a fraction of the amplitude


# III−− ends at R1, only ~6 % of A–L deeper than II ends (10 % short of R1), with the
# same large amplitude: by sight it *is* II. Expert never asks it (doc/model.md (§9)).
EXPERT_MODIFIERS = {
    Grade.III: (Modifier.MINUS, Modifier.NONE, Modifier.PLUS, Modifier.PLUS_PLUS),
    Grade.IV: tuple(Modifier),
}


@dataclass(frozen=True)
class LevelSpec:
    """One quiz level. Tempo is never a grade cue: every level draws each question's
    frequency from the one QUIZ_FREQUENCY_RANGE (mobsim.quiz.questions), and R1 is
    drawn per question from `resistance_fraction`, so no fixed share of L gives a
    grade or a depth away."""

    level: Level
    title: str
    # Available limit L as a fraction of B, drawn per question; None = normal joint (L = B).
    limit_fraction: tuple[float, float] | None
    markers: frozenset[Marker]
    convention: Convention
    modifiers: bool
    variation: Variation
    # R1 as a fraction of A–L, drawn per question.
    resistance_fraction: tuple[float, float] = (0.45, 0.80)
    # Share of oscillation questions with pain: half pain-limited (P1 before R1,
    # P2 at L), half with P1 after R1 (P′ at L). P1 is then marked.
    pain_share: float = 0.0

    def modifiers_for(self, grade: Grade) -> tuple[Modifier, ...]:
        """The modifiers this level asks for `grade` (just NONE below expert)."""
        if not self.modifiers:
            return (Modifier.NONE,)
        return EXPERT_MODIFIERS.get(grade, (Modifier.NONE,))

    @property
    def choices(self) -> tuple[GradeChoice, ...]:
        """Every grade this level can ask, in order: what the answer buttons offer."""
        return tuple(GradeChoice(g, m) for g in Grade for m in self.modifiers_for(g))

    def with_convention(self, convention: Convention | None) -> LevelSpec:
        """The instructor's convention for basic/standard; expert needs resistance for ±."""
        if convention is None or convention is self.convention:
            return self
        if self.modifiers:
            raise ValueError("the expert level uses the resistance convention (± grades)")
        return replace(self, convention=convention)


LEVELS = {
    Level.BASIC: LevelSpec(
        Level.BASIC,
        "Basic: normal joints, A, R1 and L marked",
        limit_fraction=None,
        markers=frozenset({Marker.A, Marker.R1, Marker.L}),
        convention=Convention.QUARTILE,
        modifiers=False,
        variation=Variation(performer_amplitude_sd=0.05, performer_position_sd=0.05),
        resistance_fraction=(0.45, 0.80),
    ),
    Level.STANDARD: LevelSpec(
        Level.STANDARD,
        "Standard: stiff or painful joints, markers shown",
        limit_fraction=(0.40, 0.90),
        markers=frozenset({Marker.A, Marker.R1, Marker.L, Marker.B}),
        convention=Convention.QUARTILE,
        modifiers=False,
        variation=Variation(performer_amplitude_sd=0.10, performer_position_sd=0.10),
        resistance_fraction=(0.35, 0.85),
        pain_share=0.3,
    ),
    Level.EXPERT: LevelSpec(
        Level.EXPERT,
        "Expert: stiff or painful joints, R1 and L marked, ± grades",
        limit_fraction=(0.40, 0.90),
        markers=frozenset({Marker.R1, Marker.L}),
        convention=Convention.RESISTANCE,
        modifiers=True,
        variation=Variation(performer_amplitude_sd=0.20, performer_position_sd=0.25),
        resistance_fraction=(0.35, 0.75),
        pain_share=0.3,
    ),
}


def level_spec(level: Level | str, convention: Convention | None = None) -> LevelSpec:
    if isinstance(level, str):
        level = Level.parse(level)
    return LEVELS[level].with_convention(convention)
