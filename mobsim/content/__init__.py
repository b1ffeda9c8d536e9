"""Teaching content: grade texts, precautions, case vignettes and case questions. No Qt here."""

from mobsim.content.cases import (
    LEGACY_ANSWER_LABELS,
    MANAGEMENT_OPTIONS,
    CaseAnswer,
    CaseFeedback,
    CasePicker,
    CasePlay,
    answer_label,
    check,
    stored_answer_values,
)
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
from mobsim.content.vignettes import CaseDiagram, Vignette, VignetteBank, load_vignettes

__all__ = [
    "ASSET_DIR",
    "CaseDiagram",
    "LEGACY_ANSWER_LABELS",
    "MANAGEMENT_OPTIONS",
    "answer_label",
    "stored_answer_values",
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
