"""Teaching content: grade texts, precautions, case vignettes and case questions. No Qt here."""

from mobsim.content.cases import CaseAnswer, CaseFeedback, CasePicker, CasePlay, check
from mobsim.content.grade_texts import (
    GradeText,
    GradeTexts,
    ModifierText,
    Overview,
    Term,
    load_grade_texts,
)
from mobsim.content.loading import ASSET_DIR, ContentError
from mobsim.content.precautions import (
    DEFAULT_DISCLAIMER,
    Precaution,
    PrecautionGroup,
    PrecautionPage,
    SourceConflict,
    load_precautions,
)
from mobsim.content.vignettes import Vignette, VignetteBank, load_vignettes

__all__ = [
    "ASSET_DIR",
    "CaseAnswer",
    "CaseFeedback",
    "CasePicker",
    "CasePlay",
    "ContentError",
    "DEFAULT_DISCLAIMER",
    "GradeText",
    "GradeTexts",
    "ModifierText",
    "Overview",
    "Precaution",
    "PrecautionGroup",
    "PrecautionPage",
    "SourceConflict",
    "Term",
    "Vignette",
    "VignetteBank",
    "check",
    "load_grade_texts",
    "load_precautions",
    "load_vignettes",
]
