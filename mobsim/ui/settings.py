"""Saved settings (QSettings, an INI file under the data directory).

A corrupt or foreign value falls back to its default silently: settings must
never stop the app from starting.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, fields
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from mobsim.model.grades import Convention, GradeChoice
from mobsim.model.joints import MIN_LIMIT_FRACTION, MIN_RESISTANCE_FRACTION
from mobsim.ui.theme import PROFILES, SCALE_RANGE

PERFORM_MOTIONS = ("angular", "accessory")


@dataclass
class Preferences:
    joint: str = "knee"
    grade: str = "I"
    convention: str = Convention.QUARTILE.value
    limit_fraction: float = 1.0  # L as a fraction of A–B
    resistance_fraction: float | None = None  # R1 as a fraction of A–L; None = preset's
    theme: str = "default"
    scale: float = 1.0
    about_panel: bool = False
    presenting: bool = False  # F9: the control panel and read-outs hidden (a lecture)
    keys_hint_shown: bool = False  # the first-launch hint of the keys is shown once
    geometry: QByteArray | None = None
    export_folder: str = ""  # where the last export went (the export dialogs start there)
    # The quiz start form's last choices (not the seed): mobsim.ui.screens.quiz_views.
    quiz_level: str = "basic"
    quiz_cases: float = 0.0  # share of patient cases
    quiz_accessory: float = 0.0  # share of the motion questions that are glides
    quiz_grading: str = "accessory"  # the glides' grades: accessory (Maitland) | kaltenborn
    quiz_length: int = 10  # questions; 0 = until the student stops
    quiz_profile: str = ""
    perform_motion: str = "angular"  # the perform screen asks for: angular | accessory
    perform_technique: str = ""  # the accessory technique it asks on ("" = the default)

    def quiz_choices(self) -> dict:
        """The start form's remembered choices, as StartScreen.prefill takes them."""
        return dict(
            level=self.quiz_level,
            case_ratio=self.quiz_cases,
            accessory=self.quiz_accessory,
            grading=self.quiz_grading,
            questions=self.quiz_length,  # 0: until the student stops
            profile=self.quiz_profile or None,
        )

    def remember_quiz(self, choices: dict) -> None:
        """What StartScreen.choices() says, kept for the next launch."""
        self.quiz_level = choices["level"]
        self.quiz_cases = float(choices["case_ratio"])
        self.quiz_accessory = float(choices["accessory"])
        self.quiz_grading = choices["grading"]
        self.quiz_length = choices["questions"] or 0
        self.quiz_profile = choices["profile"] or ""

    def capture(self, sim, geometry: QByteArray, about_panel: bool) -> Preferences:
        """What to remember of the running window."""
        self.joint = sim.joint.id
        self.grade = sim.choice.label
        self.convention = sim.convention.value
        self.limit_fraction = sim.condition.limit_fraction
        self.resistance_fraction = sim.condition.resistance_fraction
        self.geometry = geometry
        self.about_panel = about_panel
        return self


def _float_in(value, lo: float, hi: float) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if lo <= number <= hi else None


def _clean(raw: dict[str, object]) -> Preferences:
    prefs = Preferences()
    if isinstance(raw.get("joint"), str) and raw["joint"]:
        prefs.joint = raw["joint"]
    with contextlib.suppress(ValueError):
        prefs.grade = GradeChoice.parse(str(raw.get("grade", prefs.grade))).label
    if raw.get("convention") in {c.value for c in Convention}:
        prefs.convention = raw["convention"]
    if prefs.convention != Convention.RESISTANCE.value:
        prefs.grade = GradeChoice.parse(prefs.grade).grade.label
    limit = _float_in(raw.get("limit_fraction"), MIN_LIMIT_FRACTION, 1.0)
    if limit is not None:
        prefs.limit_fraction = limit
    prefs.resistance_fraction = _float_in(
        raw.get("resistance_fraction"), MIN_RESISTANCE_FRACTION, 1.0
    )
    if raw.get("theme") in PROFILES:
        prefs.theme = raw["theme"]
    scale = _float_in(raw.get("scale"), *SCALE_RANGE)
    if scale is not None:
        prefs.scale = scale
    prefs.about_panel = str(raw.get("about_panel")).lower() == "true"
    prefs.presenting = str(raw.get("presenting")).lower() == "true"
    prefs.keys_hint_shown = str(raw.get("keys_hint_shown")).lower() == "true"
    if isinstance(raw.get("export_folder"), str) and Path(raw["export_folder"]).is_dir():
        prefs.export_folder = raw["export_folder"]
    _clean_quiz(raw, prefs)
    if raw.get("perform_motion") in PERFORM_MOTIONS:
        prefs.perform_motion = raw["perform_motion"]
    if isinstance(raw.get("perform_technique"), str):
        prefs.perform_technique = raw["perform_technique"]
    if isinstance(raw.get("geometry"), QByteArray):
        prefs.geometry = raw["geometry"]
    return prefs


def _clean_quiz(raw: dict[str, object], prefs: Preferences) -> None:
    from mobsim.quiz.accessory import GLIDE_KINDS
    from mobsim.quiz.levels import Level
    from mobsim.quiz.store import profile_name

    if raw.get("quiz_level") in {level.value for level in Level}:
        prefs.quiz_level = raw["quiz_level"]
    for name in ("quiz_cases", "quiz_accessory"):
        share = _float_in(raw.get(name), 0.0, 1.0)
        if share is not None:
            setattr(prefs, name, share)
    if raw.get("quiz_grading") in GLIDE_KINDS:
        prefs.quiz_grading = raw["quiz_grading"]
    length = _float_in(raw.get("quiz_length"), 0, 1000)
    if length is not None and length == int(length):
        prefs.quiz_length = int(length)
    with contextlib.suppress(ValueError, AttributeError):
        prefs.quiz_profile = profile_name(raw.get("quiz_profile"))


class SettingsStore:
    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / "settings.ini"
        self._qsettings = QSettings(str(self.path), QSettings.Format.IniFormat)

    def load(self) -> Preferences:
        raw = {}
        for f in fields(Preferences):
            try:
                raw[f.name] = self._qsettings.value(f.name)
            except Exception:  # a foreign type the INI reader cannot decode
                raw[f.name] = None
        return _clean(raw)

    def save(self, prefs: Preferences) -> None:
        for f in fields(Preferences):
            value = getattr(prefs, f.name)
            if value is None:
                self._qsettings.remove(f.name)
            else:
                self._qsettings.setValue(f.name, value)
        self._qsettings.sync()
