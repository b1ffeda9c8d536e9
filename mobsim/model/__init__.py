"""The Qt-free model: grades, joints, motion and the running simulation."""

from mobsim.model.grades import Band, Convention, Grade, GradeChoice, Modifier, band
from mobsim.model.joints import (
    Condition,
    ConditionError,
    JointFileError,
    JointOrientation,
    JointSpec,
    LimitingFactor,
)
from mobsim.model.library import JointLibrary, load_joint, load_library
from mobsim.model.motion import DEFAULT_FREQUENCY, FREQUENCY_RANGE, motion_for, trace
from mobsim.model.simulation import Simulation

__all__ = [
    "Band",
    "Condition",
    "ConditionError",
    "Convention",
    "DEFAULT_FREQUENCY",
    "FREQUENCY_RANGE",
    "Grade",
    "GradeChoice",
    "JointFileError",
    "JointLibrary",
    "JointOrientation",
    "JointSpec",
    "LimitingFactor",
    "Modifier",
    "Simulation",
    "band",
    "load_joint",
    "load_library",
    "motion_for",
    "trace",
]
