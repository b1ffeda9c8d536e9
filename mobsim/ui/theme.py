"""The one source of colour and stroke width.

Profiles: `default` (dark, for a screen), `projector` (light, high contrast,
thick solid strokes, for lecture halls) and `colorblind` (Okabe–Ito palette).
Meaning is never carried by colour alone: every band also carries a label.
Pure data, so it is testable without Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from mobsim.model.grades import Grade

# Okabe & Ito (2008), "Color Universal Design": safe for the common colour-vision deficiencies.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    panel: str
    text: str
    muted_text: str
    grid: str
    bone_fill: str
    bone_outline: str
    fixed_fill: str
    anchor: str
    arrow: str
    normal_range: str  # A–B on the arc and the diagram
    available_range: str  # A–L
    lost_range: str  # L–B in a stiff joint
    margin: str  # para-physiological zone past L
    resistance: str  # R1 tick and the resistance curve
    pain: str  # P1
    needle: str  # live angle
    trace: str
    grades: dict[Grade, str]
    line_width: float  # ordinary strokes, px
    trace_width: float  # the live trace, px
    band_alpha: int  # 0–255 fill opacity of grade bands
    font_pt: float  # base text size
    antialias: bool

    def grade_colour(self, grade: Grade) -> str:
        return self.grades[grade]

    def scaled(self, factor: float) -> Theme:
        """The same profile with text and strokes scaled (Ctrl+= / Ctrl+−)."""
        return replace(
            self,
            line_width=self.line_width * factor,
            trace_width=self.trace_width * factor,
            font_pt=self.font_pt * factor,
        )


DEFAULT = Theme(
    name="default",
    background="#1e2126",
    panel="#262a30",
    text="#eceff4",
    muted_text="#a3abb8",
    grid="#4c5563",
    bone_fill="#efe6cf",
    bone_outline="#8a7d5c",
    fixed_fill="#c9c0a8",
    anchor="#9aa3b0",
    arrow="#ff8c42",
    normal_range="#5b6472",
    available_range="#8fbcbb",
    lost_range="#7a3b3b",
    margin="#b48ead",
    resistance="#ebcb8b",
    pain="#bf616a",
    needle="#ffffff",
    trace="#88c0d0",
    grades={
        Grade.I: "#a3be8c",
        Grade.II: "#81a1c1",
        Grade.III: "#ebcb8b",
        Grade.IV: "#d08770",
        Grade.V: "#b48ead",
    },
    line_width=2.0,
    trace_width=2.0,
    band_alpha=90,
    font_pt=11.0,
    antialias=True,
)

PROJECTOR = Theme(
    name="projector",
    background="#ffffff",
    panel="#f2f2f2",
    text="#000000",
    muted_text="#333333",
    grid="#9a9a9a",
    bone_fill="#f5ecd4",
    bone_outline="#000000",
    fixed_fill="#d9d2bd",
    anchor="#000000",
    arrow="#c0392b",
    normal_range="#7f7f7f",
    available_range="#006d5b",
    lost_range="#b03030",
    margin="#7b2d8b",
    resistance="#8a5a00",
    pain="#c00000",
    needle="#000000",
    trace="#003f8c",
    grades={
        Grade.I: "#1a7f37",
        Grade.II: "#0050b3",
        Grade.III: "#9a6700",
        Grade.IV: "#c2410c",
        Grade.V: "#7b2d8b",
    },
    line_width=4.0,
    trace_width=4.0,
    band_alpha=110,
    font_pt=14.0,
    antialias=False,
)

COLORBLIND = replace(
    DEFAULT,
    name="colorblind",
    arrow=OKABE_ITO["vermillion"],
    available_range=OKABE_ITO["bluish_green"],
    lost_range=OKABE_ITO["vermillion"],
    margin=OKABE_ITO["reddish_purple"],
    resistance=OKABE_ITO["yellow"],
    pain=OKABE_ITO["vermillion"],
    trace=OKABE_ITO["sky_blue"],
    grades={
        Grade.I: OKABE_ITO["bluish_green"],
        Grade.II: OKABE_ITO["sky_blue"],
        Grade.III: OKABE_ITO["yellow"],
        Grade.IV: OKABE_ITO["orange"],
        Grade.V: OKABE_ITO["reddish_purple"],
    },
)

PROFILES: dict[str, Theme] = {t.name: t for t in (DEFAULT, PROJECTOR, COLORBLIND)}
SCALE_RANGE = (0.75, 2.5)


def theme_named(name: str, scale: float = 1.0) -> Theme:
    """A profile by name (unknown names fall back to default), scaled."""
    lo, hi = SCALE_RANGE
    return PROFILES.get(name, DEFAULT).scaled(min(max(scale, lo), hi))
