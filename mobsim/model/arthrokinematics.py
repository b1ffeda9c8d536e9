"""The concave–convex rule: which way the moving bone rolls for a given glide.

This is the ONE place for the rule (Kaltenborn 2006; Physiopedia "Arthrokinematics"):

- a convex surface moving on a fixed concave one glides OPPOSITE to the bone's
  angular movement (the roll);
- a concave surface moving on a fixed convex one glides in the SAME direction.

Directions are anatomical words ("posterior", "inferior", "volar", ...). A technique
maps the roll direction of its moving bone to the physiological motion it belongs to
(e.g. the tibia moving posteriorly = knee flexion); the rule then says which motion a
glide serves.
"""

from __future__ import annotations

from enum import StrEnum

# Shown wherever the rule is shown: it is a teaching aid, not a prescription.
CAVEAT = (
    "The concave–convex rule is a teaching aid, not a prescription: in adhesive "
    "capsulitis a posterior glide gained more external rotation (31.3°) than an "
    "anterior glide (3.0°), against the rule's prediction (Johnson et al. 2007, "
    "JOSPT 37(3):88–99)."
)

OPPOSITE = {
    "anterior": "posterior",
    "posterior": "anterior",
    "superior": "inferior",
    "inferior": "superior",
    "cranial": "caudal",
    "caudal": "cranial",
    "medial": "lateral",
    "lateral": "medial",
    "volar": "dorsal",
    "dorsal": "volar",
    "palmar": "dorsal",
    "radial": "ulnar",
    "ulnar": "radial",
}
# "palmar" and "volar" are one direction; the rule answers with "volar".
_SAME = {"palmar": "volar"}

DIRECTIONS = tuple(sorted(OPPOSITE))


class MovingSurface(StrEnum):
    CONCAVE = "concave"
    CONVEX = "convex"


def normal_direction(direction: str) -> str:
    word = direction.strip().lower()
    if word not in OPPOSITE:
        raise ValueError(f"unknown direction {direction!r}: choose one of {', '.join(DIRECTIONS)}")
    return _SAME.get(word, word)


def roll_direction(glide: str, moving: MovingSurface) -> str:
    """The direction of the moving bone's angular movement that this glide serves."""
    glide = normal_direction(glide)
    if MovingSurface(moving) is MovingSurface.CONCAVE:
        return glide
    return normal_direction(OPPOSITE[glide])


def glide_for(roll: str, moving: MovingSurface) -> str:
    """The glide that accompanies (and restores) a roll in this direction."""
    roll = normal_direction(roll)
    if MovingSurface(moving) is MovingSurface.CONCAVE:
        return roll
    return normal_direction(OPPOSITE[roll])


def same_direction(moving: MovingSurface) -> bool:
    """Whether glide and roll go the same way (concave moving on convex)."""
    return MovingSurface(moving) is MovingSurface.CONCAVE
