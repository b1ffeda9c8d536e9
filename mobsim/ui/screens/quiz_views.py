"""The quiz screen's views: the start form, the question, the summary."""

from __future__ import annotations

from html import escape

import numpy as np
import pyqtgraph as pg
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

from mobsim.content import CaseAnswer, stored_answer_values
from mobsim.model import Grade, Modifier
from mobsim.quiz import Level, Marker, Summary, Tally
from mobsim.quiz.mixed import MixedQuiz
from mobsim.quiz.store import label_order
from mobsim.ui.controls import no_focus
from mobsim.ui.theme import Theme
from mobsim.ui.widgets import JointView, LiveTrace, Markers, MovementDiagram

# Watched cycles on the diagram: rows above the grade bar (at 0.12), below R2 (at 1.0).
WATCHED_Y0, WATCHED_STEP, WATCHED_ROWS = 0.3, 0.05, 8
QUESTION_KINDS = [
    ("Recognise the grade from the motion", 0.0),
    ("Mixed: one patient case in four", 0.25),
    ("Mixed: half patient cases", 0.5),
    ("Patient cases only: choose the grades to use", 1.0),
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
        form.addRow("Length", self.count)
        form.addRow("Seed", self.seed)
        title = QLabel("Self-test: name the grade")
        title.setObjectName("description")
        intro = QLabel(
            "A joint moves in some grade, unlabeled. Watch where the oscillation sits "
            "in the range and how large it is, then press 1–5. After each answer "
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

    def prefill(self, level=None, seed=None, questions=None, profile=None, case_ratio=None):
        """What --quiz --level ... asked for, ready to start with Enter."""
        if level is not None:
            self.level.setCurrentIndex(self.level.findData(Level(level).value))
        if seed is not None:
            self.seed.setText(str(seed))
        if questions is not None:
            index = self.count.findData(questions)
            if index < 0:
                self.count.addItem(f"{questions} questions", questions)
                index = self.count.count() - 1
            self.count.setCurrentIndex(index)
        if profile:
            self.profile.setCurrentText(profile)
        if case_ratio:
            best = min(
                range(self.kinds.count()), key=lambda i: abs(self.kinds.itemData(i) - case_ratio)
            )
            self.kinds.setCurrentIndex(best)

    def seed_value(self) -> int | None:
        text = self.seed.text().strip()
        if not text:
            return None
        if not text.isdigit():
            raise ValueError(f"the seed must be a whole number of 0 or more, not {text!r}")
        return int(text)


class QuestionView(QWidget):
    """One question: the unlabeled motion (or a case), the answer buttons, the feedback."""

    def __init__(self, theme: Theme, parent=None):
        super().__init__(parent)
        self.theme = theme
        self._watched = None  # the cycles watched, drawn on the diagram after the answer
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

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
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
        """After the answer: each cycle the student watched, as a thin bar stacked above
        the grade's nominal bar, so the two can be compared (empty: hide them)."""
        if self._watched is None:
            self._watched = pg.PlotCurveItem(connect="pairs")
            self._watched_label = pg.TextItem("what you watched", anchor=(0, 1))
            for item in (self._watched, self._watched_label):
                self.diagram.addItem(item, ignoreBounds=True)
        n = len(lows)
        self._watched.setVisible(n > 0)
        self._watched_label.setVisible(n > 0)
        if n == 0:
            return
        ys = WATCHED_Y0 + WATCHED_STEP * (np.arange(n) % WATCHED_ROWS)
        x = np.column_stack([lows, highs]).ravel()
        self._watched.setData(x, np.repeat(ys, 2))
        self._watched.setPen(pg.mkPen(self.theme.trace, width=max(2.0, self.theme.line_width)))
        self._watched_label.setColor(self.theme.trace)
        self._watched_label.setFont(self.diagram.font())
        self._watched_label.setPos(float(np.min(lows)), float(ys.max()) + 0.1)

    def watched(self) -> tuple[np.ndarray, np.ndarray] | None:
        """(lows, highs) of the watched cycles on the diagram, or None when none are shown."""
        if self._watched is None or not self._watched.isVisible():
            return None
        x, _ = self._watched.getData()
        return x[0::2], x[1::2]

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


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.0%}"


def _matrix_html(summary: Summary, labels: list[str], title: str) -> str:
    parts = [
        f"<h3>{escape(title)} (rows: right answer, columns: your answer)</h3>"
        "<table border='1' cellpadding='5' cellspacing='0'><tr><th></th>"
    ]
    parts += [f"<th>{escape(c)}</th>" for c in labels]
    parts.append("</tr>")
    for true in labels:
        cells = []
        for chosen in labels:
            n = summary.confusion.get((true, chosen), 0)
            text = "" if not n else (f"<b>{n}</b>" if true == chosen else str(n))
            cells.append(f"<td align='center'>{text}</td>")
        parts.append(f"<tr><th>{escape(true)}</th>{''.join(cells)}</tr>")
    parts.append("</table>")
    return "".join(parts)


def _tally_html(summary: Summary, labels: list[str], heading: str) -> str:
    parts = [
        f"<table border='1' cellpadding='4' cellspacing='0'><tr><th>{heading}</th>"
        "<th>asked</th><th>right</th><th>accuracy</th></tr>"
    ]
    for label in labels:
        tally = summary.per_grade.get(label, Tally(0, 0))
        parts.append(
            f"<tr><td>{escape(label)}</td><td>{tally.attempts}</td>"
            f"<td>{tally.correct}</td><td>{_pct(tally.accuracy)}</td></tr>"
        )
    parts.append("</table>")
    return "".join(parts)


def _trend_html(summary: Summary) -> str:
    if not summary.trend:
        return ""
    parts = [
        "<p><b>Your trend over past sessions</b></p><table border='1' cellpadding='4'"
        " cellspacing='0'><tr><th>started</th><th>level</th><th>answers</th>"
        "<th>accuracy</th><th>change</th></tr>"
    ]
    previous = None
    for past in summary.trend:
        change = ""
        if previous is not None and past.accuracy is not None:
            delta = round((past.accuracy - previous) * 100)
            change = f"{'▲' if delta > 0 else '▼' if delta < 0 else '='} {delta:+d} points"
        previous = past.accuracy if past.accuracy is not None else previous
        parts.append(
            f"<tr><td>{escape(past.started_at[:16].replace('T', ' '))}</td>"
            f"<td>{escape(past.level)}</td><td>{past.attempts}</td>"
            f"<td>{_pct(past.accuracy)}</td><td>{change}</td></tr>"
        )
    parts.append("</table>")
    return "".join(parts)


def summary_html(
    summary: Summary, session: MixedQuiz, theme: Theme, cases: Summary | None = None
) -> str:
    score = session.score
    answered = [x for x in (summary, cases) if x is not None and x.attempts]
    total_ms = sum(x.mean_response_ms * x.attempts for x in answered)
    ms = total_ms / score.answered if score.answered else None
    parts = [
        f"<h2>Quiz summary — {escape(session.profile)}, {session.level.value} level</h2>",
        f"<p style='font-size:{theme.font_pt * 1.4:.0f}pt'><b>Score: {score.correct} of "
        f"{score.answered} ({_pct(score.accuracy)})</b></p>",
        f"<p>Mean response time: {'—' if ms is None else f'{ms / 1000:.1f} s'}  ·  "
        f"seed {session.seed} (type it on the start screen to get the same quiz)</p>",
    ]
    if summary.attempts or not (cases and cases.attempts):
        grades = sorted(
            {label for pair in summary.confusion for label in pair} | {g.label for g in Grade},
            key=label_order,
        )
        parts += [
            f"<h3>Recognising grades: {summary.correct} of {summary.attempts} "
            f"({_pct(summary.accuracy)})</h3>",
            _tally_html(summary, grades, "true grade"),
            _matrix_html(summary, grades, "Confusion matrix"),
            _trend_html(summary),
        ]
    if cases is not None and cases.attempts:
        answers = stored_answer_values(label for pair in cases.confusion for label in pair)
        parts += [
            f"<h3>Patient cases: {cases.correct} of {cases.attempts} ({_pct(cases.accuracy)})</h3>",
            _tally_html(cases, answers, "right answer"),
            _matrix_html(cases, answers, "Case answers"),
            _trend_html(cases),
        ]
    if not session.store.saves and session.store.notice:
        parts.append(
            f"<p style='color:{theme.pain}'>These answers were not saved: "
            f"{escape(session.store.notice)}</p>"
        )
    return "".join(parts)
