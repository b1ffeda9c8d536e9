"""The quiz screen's views: the start form, the question, the summary."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mobsim.content import CaseAnswer
from mobsim.model import Grade, Modifier
from mobsim.quiz import Level, Marker
from mobsim.quiz.accessory import ACCESSORY, KALTENBORN
from mobsim.ui.controls import no_focus
from mobsim.ui.screens.quiz_glide import GlidePage, WatchedOverlay
from mobsim.ui.theme import Theme
from mobsim.ui.widgets import JointView, LiveTrace, Markers, MovementDiagram

QUESTION_KINDS = [
    ("Recognise the grade from the motion", 0.0),
    ("Mixed: one patient case in four", 0.25),
    ("Mixed: half patient cases", 0.5),
    ("Patient cases only: choose the grades to use", 1.0),
]
GLIDE_SHARES = [
    ("none: joint angles only", 0.0),
    ("¼ of the motion questions", 0.25),
    ("½ of the motion questions", 0.5),
    ("all: glides only", 1.0),
]
GLIDE_GRADINGS = [
    ("Maitland I–V (oscillations, mm)", ACCESSORY),
    ("Kaltenborn I–III (sustained holds, mm)", KALTENBORN),
]
QUESTION_COUNTS = [
    ("5 questions", 5),
    ("10 questions", 10),
    ("20 questions", 20),
    ("until I stop", None),
]


class StartScreen(QWidget):
    start_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setObjectName("notice")
        self.profile = QComboBox()
        self.profile.setEditable(True)
        self.profile.setToolTip("Your name: each student keeps their own history")
        self.level = QComboBox()
        for level, text in (
            (Level.BASIC, "Basic: normal joints, A, R1 and L marked"),
            (Level.STANDARD, "Standard: stiff joints, markers shown"),
            (Level.EXPERT, "Expert: stiff joints, only L marked, ± grades"),
        ):
            self.level.addItem(text, level.value)
        self.kinds = QComboBox()
        for text, ratio in QUESTION_KINDS:
            self.kinds.addItem(text, ratio)
        self.glides = QComboBox()
        self.glides.setToolTip(
            "Accessory glides and traction in mm (knee, ankle, shoulder, wrist, MCP, hip, L3)"
        )
        for text, share in GLIDE_SHARES:
            self.glides.addItem(text, share)
        self.grading = QComboBox()
        self.grading.setToolTip("The grade system of the glide questions")
        for text, kind in GLIDE_GRADINGS:
            self.grading.addItem(text, kind)
        self.glides.currentIndexChanged.connect(self._sync_grading)
        self._sync_grading()
        self.count = QComboBox()
        for text, n in QUESTION_COUNTS:
            self.count.addItem(text, n)
        self.count.setCurrentIndex(1)
        self.seed = QLineEdit()
        self.seed.setPlaceholderText("optional: a number makes the quiz repeatable")
        self.start = QPushButton("Start quiz  (Enter)")
        self.start.clicked.connect(self.start_requested)
        form = QFormLayout()
        form.addRow("Student", self.profile)
        form.addRow("Level", self.level)
        form.addRow("Questions", self.kinds)
        form.addRow("Accessory glides", self.glides)
        form.addRow("Glide grades", self.grading)
        form.addRow("Length", self.count)
        form.addRow("Seed", self.seed)
        title = QLabel("Self-test: name the grade")
        title.setObjectName("description")
        intro = QLabel(
            "A joint moves in some grade, unlabeled. Watch where the oscillation sits "
            "in the range and how large it is, then press 1–5 (1–3 for a Kaltenborn "
            "glide: where the hold sits against the first stop). After each answer "
            "you see the band and why."
        )
        intro.setWordWrap(True)
        box = QVBoxLayout(self)
        box.addWidget(title)
        box.addWidget(intro)
        box.addWidget(self.notice)
        box.addLayout(form)
        box.addWidget(self.start)
        box.addStretch(1)

    def _sync_grading(self) -> None:
        self.grading.setEnabled(bool(self.glides.currentData()))

    def choices(self) -> dict:
        """The form's choices that are remembered between launches (not the seed)."""
        return dict(
            level=self.level.currentData(),
            case_ratio=self.kinds.currentData(),
            accessory=self.glides.currentData(),
            grading=self.grading.currentData(),
            questions=self.count.currentData(),
            profile=self.profile.currentText().strip() or None,
        )

    def prefill(
        self,
        level=None,
        seed=None,
        questions=None,
        profile=None,
        case_ratio=None,
        accessory=None,
        grading=None,
        **_,
    ):
        """What --quiz --level ... (or the last launch) asked for, ready to start with Enter.
        `grading` is "kaltenborn" or "accessory"/"maitland" (Maitland glides)."""
        if accessory is None and grading == KALTENBORN:
            accessory = 1.0  # Kaltenborn grades apply to glides only
        if accessory is not None:
            self.glides.setCurrentIndex(_nearest(self.glides, accessory))
        if grading is not None:
            kind = KALTENBORN if grading == KALTENBORN else ACCESSORY
            self.grading.setCurrentIndex(self.grading.findData(kind))
        if level is not None:
            self.level.setCurrentIndex(self.level.findData(Level(level).value))
        if seed is not None:
            self.seed.setText(str(seed))
        if questions is not None:  # 0 (a saved choice): until the student stops
            index = self.count.findData(questions or None)
            if index < 0:
                self.count.addItem(f"{questions} questions", questions)
                index = self.count.count() - 1
            self.count.setCurrentIndex(index)
        if profile:
            self.profile.setCurrentText(profile)
        if case_ratio is not None:
            self.kinds.setCurrentIndex(_nearest(self.kinds, case_ratio))

    def seed_value(self) -> int | None:
        text = self.seed.text().strip()
        if not text:
            return None
        if not text.isdigit():
            raise ValueError(f"the seed must be a whole number of 0 or more, not {text!r}")
        return int(text)


def _nearest(box: QComboBox, share: float) -> int:
    """The entry of a share combo box nearest to `share` (a flag may ask 0.3)."""
    return min(range(box.count()), key=lambda i: abs(box.itemData(i) - share))


class QuestionView(QWidget):
    """One question: the unlabeled motion (or a case), the answer buttons, the feedback."""

    def __init__(self, theme: Theme, parent=None):
        super().__init__(parent)
        self.theme = theme
        self.glide_page: GlidePage | None = None  # built with the first glide question
        self.header = QLabel()
        self.header.setObjectName("description")
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.joint_view = JointView(theme)
        self.diagram = MovementDiagram(theme)
        self.trace = LiveTrace(theme)
        self.trace.setXLink(self.diagram)
        plots = QSplitter(Qt.Orientation.Vertical)
        plots.addWidget(self.diagram)
        plots.addWidget(self.trace)
        self.views = QSplitter(Qt.Orientation.Horizontal)
        self.views.addWidget(self.joint_view)
        self.views.addWidget(plots)
        self.views.setSizes([520, 640])
        self.answer_buttons = QButtonGroup(self)
        answers = QHBoxLayout()
        for grade in Grade:
            b = no_focus(QPushButton(f"{grade.label}  ({grade.value})"))
            b.setToolTip(f"Answer grade {grade.label} (key {grade.value})")
            self.answer_buttons.addButton(b, grade.value)
            answers.addWidget(b)
        self.modifier_buttons = QButtonGroup(self)
        self.modifier_row = QHBoxLayout()
        self.modifier_label = QLabel("How deep into R1–L?")
        self.modifier_row.addWidget(self.modifier_label)
        for i, _modifier in enumerate(Modifier):
            b = no_focus(QPushButton())
            self.modifier_buttons.addButton(b, i)
            self.modifier_row.addWidget(b)
        self._build_feedback()
        self.end_button = no_focus(QPushButton("End quiz  (Esc)"))
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.end_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.prompt)
        self.grade_answers = QWidget()
        ga = QVBoxLayout(self.grade_answers)
        ga.setContentsMargins(0, 0, 0, 0)
        ga.addLayout(answers)
        ga.addLayout(self.modifier_row)
        self.body = QStackedWidget()  # the moving joint, or a patient case to read
        self.body.addWidget(self.views)
        self.body.addWidget(self._build_case_page())
        self._watched = WatchedOverlay(self.diagram)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.grade_answers)
        layout.addWidget(self.feedback)

    def _build_feedback(self) -> None:
        self.feedback = QFrame()
        self.feedback.setObjectName("feedback")
        self.headline = QLabel()
        self.headline.setObjectName("headline")
        self.headline.setWordWrap(True)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        row = QHBoxLayout()
        self.replay_button = no_focus(QPushButton("Replay with labels  (R)"))
        self.undo_button = no_focus(QPushButton("Undo  (U)"))
        self.next_button = no_focus(QPushButton("Next  (Space)"))
        for b in (self.replay_button, self.undo_button, self.next_button):
            row.addWidget(b)
        fl = QVBoxLayout(self.feedback)
        fl.addWidget(self.headline)
        fl.addWidget(self.explanation)
        fl.addLayout(row)

    def _build_case_page(self) -> QWidget:
        self.case_text = QLabel()
        self.case_text.setObjectName("case_text")
        self.case_text.setWordWrap(True)
        self.case_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.case_buttons = QButtonGroup(self)
        rows = QVBoxLayout()
        for answer in CaseAnswer:
            b = no_focus(QPushButton(f"{answer.key}   {answer.label}  \u2014  {answer.meaning}"))
            b.setStyleSheet("text-align: left; padding: 8px 14px;")
            self.case_buttons.addButton(b, answer.key)
            rows.addWidget(b)
        page = QWidget()
        cl = QVBoxLayout(page)
        cl.addWidget(self.case_text, 1)
        cl.addLayout(rows)
        return page

    def glide(self, technique) -> GlidePage:
        """The glide page (third in the body), built on first use."""
        if self.glide_page is None:
            self.glide_page = GlidePage(technique, self.theme)
            self.body.addWidget(self.glide_page)
        return self.glide_page

    def show_grade_buttons(self, labels: list[str]) -> None:
        """One button per answer (I–V, or Kaltenborn's I–III with their names)."""
        for button in self.answer_buttons.buttons():
            n = self.answer_buttons.id(button)
            button.setVisible(n <= len(labels))
            if n <= len(labels):
                button.setText(f"{labels[n - 1]}  ({n})")

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        if self.glide_page is not None:
            self.glide_page.apply_theme(theme)
        self.joint_view.set_theme(theme)
        self.diagram.apply_theme(theme)
        self.trace.apply_theme(theme)
        self.setStyleSheet(
            f"QFrame#feedback {{ background: {theme.panel}; border-radius: 6px; }}"
            f"QLabel#headline {{ font-size: {theme.font_pt * 1.3:.1f}pt; font-weight: 700; }}"
            f"QLabel#case_text {{ font-size: {theme.font_pt * 1.5:.1f}pt; padding: 12px; }}"
        )

    def show_scene(self, joint, condition, grade_band, marks, revealed: bool) -> None:
        """Put a joint on the views: the band and all markers only once revealed."""
        shown = (
            Markers()
            if revealed
            else Markers(
                a=Marker.A in marks,
                r1=Marker.R1 in marks,
                l=Marker.L in marks,
                b=Marker.B in marks,
                p1=False,
            )
        )
        visible_band = grade_band if revealed else None
        self.joint_view.set_markers(a=shown.a, r1=shown.r1, l=shown.l, b=shown.b, p1=False)
        self.joint_view.set_scene(joint, condition, visible_band)
        self.joint_view.set_band_visible(revealed)
        self.joint_view.set_labels_visible(True)
        self.diagram.set_scene(joint, condition, visible_band, shown)
        self.trace.set_scene(joint, condition, visible_band, shown)

    def show_watched(self, lows, highs) -> None:
        """After the answer: the cycles the student watched, above the nominal bar."""
        self._watched.show(lows, highs, self.theme)

    def watched(self) -> tuple[np.ndarray, np.ndarray] | None:
        """(lows, highs) of the watched cycles on the diagram, or None when none are shown."""
        return self._watched.shown()

    def show_modifiers(self, grade: Grade | None, options) -> None:
        self.modifier_label.setVisible(bool(options))
        for i, b in enumerate(self.modifier_buttons.buttons()):
            b.setVisible(i < len(options))
            if i < len(options):
                m = options[i]
                name = f"{grade.label}{m.symbol}" if grade else ""
                b.setText(f"{name}  ({i + 1})")
                b.setToolTip(f"to {m.depth:.0%} of R1–L (key {i + 1})")

    def draw(self, time: float, angle: float) -> None:
        self.joint_view.set_angle(angle)
        self.diagram.set_angle(angle)
        self.trace.push(time, angle)
        self.trace.redraw()


class SummaryView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = QTextBrowser()
        self.again_button = no_focus(QPushButton("New quiz  (N)"))
        self.back_button = no_focus(QPushButton("Back to the simulator  (Esc)"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        row = QHBoxLayout()
        row.addWidget(self.again_button)
        row.addWidget(self.back_button)
        layout.addLayout(row)
