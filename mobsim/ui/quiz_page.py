"""Quiz mode: an unlabeled motion, name the grade, learn from the answer.

The quiz logic lives in mobsim.quiz (no Qt); this page only shows it. Keys, as
in Anki: 1–5 answer (key auto-repeat ignored, so a held key cannot answer
twice), Space/Enter next, U undo, R replay with labels, Esc end the quiz.
"""

from __future__ import annotations

import time
from html import escape

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

from mobsim.content import CaseAnswer, load_vignettes, stored_answer_values
from mobsim.model import Condition, Grade, GradeChoice, JointLibrary, Modifier, band, motion_for
from mobsim.quiz import DEFAULT_PROFILE, HistoryStore, Level, Marker, Summary, Tally
from mobsim.quiz.mixed import CASE, MixedQuiz
from mobsim.quiz.store import label_order
from mobsim.ui.joint_view import JointView
from mobsim.ui.plots import LiveTrace, Markers, MovementDiagram
from mobsim.ui.theme import Theme

MAX_DT = 0.1
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
GRADE_KEYS = {
    Qt.Key.Key_1: Grade.I,
    Qt.Key.Key_2: Grade.II,
    Qt.Key.Key_3: Grade.III,
    Qt.Key.Key_4: Grade.IV,
    Qt.Key.Key_5: Grade.V,
}


def _no_focus(button: QPushButton) -> QPushButton:
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


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

    def seed_value(self) -> int | None:
        text = self.seed.text().strip()
        if not text:
            return None
        if not text.isdigit():
            raise ValueError(f"the seed must be a whole number of 0 or more, not {text!r}")
        return int(text)


class QuizPage(QWidget):
    """Start → questions → summary. Owns its own motion clock."""

    leave_requested = Signal()

    def __init__(self, library: JointLibrary, store: HistoryStore, theme: Theme, parent=None):
        super().__init__(parent)
        self.library = library
        self.store = store
        self.theme = theme
        self.session: MixedQuiz | None = None
        bank = load_vignettes(joints=library)
        self.vignettes = bank.vignettes
        problems = [str(e) for e in bank.errors]
        self.summary: Summary | None = None
        self.case_summary: Summary | None = None
        self.time = 0.0
        self.shown_at = 0.0
        self.pending_grade: Grade | None = None
        self.revealed = False
        self._motion = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.start_screen = StartScreen()
        self.start_screen.start_requested.connect(self.start_from_screen)
        self._build_question()
        self.summary_view = QTextBrowser()
        summary_box = QWidget()
        sl = QVBoxLayout(summary_box)
        sl.addWidget(self.summary_view, 1)
        row = QHBoxLayout()
        again = _no_focus(QPushButton("New quiz  (N)"))
        again.clicked.connect(self.show_start)
        back = _no_focus(QPushButton("Back to the simulator  (Esc)"))
        back.clicked.connect(self.leave_requested)
        row.addWidget(again)
        row.addWidget(back)
        sl.addLayout(row)

        self.stack = QStackedWidget()
        for w in (self.start_screen, self.question_box, summary_box):
            self.stack.addWidget(w)
        notices = [store.notice] if store.notice else []
        if problems:
            notices.append("Some case vignettes were skipped: " + "; ".join(problems))
        self.notice_bar = QLabel("\n".join(notices))
        self.notice_bar.setObjectName("notice")
        self.notice_bar.setWordWrap(True)
        self.notice_bar.setVisible(bool(notices))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notice_bar)
        layout.addWidget(self.stack)
        self.apply_theme(theme)

    # ---------------------------------------------------------------- build
    def _build_question(self) -> None:
        self.header = QLabel()
        self.header.setObjectName("description")
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.joint_view = JointView(self.theme)
        self.diagram = MovementDiagram(self.theme)
        self.trace = LiveTrace(self.theme)
        self.trace.setXLink(self.diagram)
        plots = QSplitter(Qt.Orientation.Vertical)
        plots.addWidget(self.diagram)
        plots.addWidget(self.trace)
        views = QSplitter(Qt.Orientation.Horizontal)
        views.addWidget(self.joint_view)
        views.addWidget(plots)
        views.setSizes([520, 640])

        self.answer_buttons = QButtonGroup(self)
        answers = QHBoxLayout()
        for grade in Grade:
            b = _no_focus(QPushButton(f"{grade.label}  ({grade.value})"))
            b.setToolTip(f"Answer grade {grade.label} (key {grade.value})")
            self.answer_buttons.addButton(b, grade.value)
            answers.addWidget(b)
        self.answer_buttons.idClicked.connect(lambda gid: self.choose_grade(Grade(gid)))
        self.modifier_buttons = QButtonGroup(self)
        self.modifier_row = QHBoxLayout()
        self.modifier_label = QLabel("How deep into R1–L?")
        self.modifier_row.addWidget(self.modifier_label)
        for i, _modifier in enumerate(Modifier):
            b = _no_focus(QPushButton())
            self.modifier_buttons.addButton(b, i)
            self.modifier_row.addWidget(b)
        self.modifier_buttons.idClicked.connect(self._modifier_clicked)

        self.feedback = QFrame()
        self.feedback.setObjectName("feedback")
        self.headline = QLabel()
        self.headline.setObjectName("headline")
        self.headline.setWordWrap(True)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        fb_buttons = QHBoxLayout()
        self.replay_button = _no_focus(QPushButton("Replay with labels  (R)"))
        self.replay_button.clicked.connect(self.replay)
        self.undo_button = _no_focus(QPushButton("Undo  (U)"))
        self.undo_button.clicked.connect(self.undo)
        self.next_button = _no_focus(QPushButton("Next  (Space)"))
        self.next_button.clicked.connect(self.next_question)
        for b in (self.replay_button, self.undo_button, self.next_button):
            fb_buttons.addWidget(b)
        fl = QVBoxLayout(self.feedback)
        fl.addWidget(self.headline)
        fl.addWidget(self.explanation)
        fl.addLayout(fb_buttons)

        end = _no_focus(QPushButton("End quiz  (Esc)"))
        end.clicked.connect(self.end_quiz)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(end)
        self.question_box = QWidget()
        ql = QVBoxLayout(self.question_box)
        ql.setContentsMargins(0, 0, 0, 0)
        ql.addLayout(top)
        ql.addWidget(self.prompt)
        self.grade_answers = QWidget()
        ga = QVBoxLayout(self.grade_answers)
        ga.setContentsMargins(0, 0, 0, 0)
        ga.addLayout(answers)
        ga.addLayout(self.modifier_row)
        # The body shows the moving joint, or a patient case to read.
        self.case_text = QLabel()
        self.case_text.setObjectName("case_text")
        self.case_text.setWordWrap(True)
        self.case_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.case_buttons = QButtonGroup(self)
        case_row = QVBoxLayout()
        for answer in CaseAnswer:
            b = _no_focus(QPushButton(f"{answer.key}   {answer.label}"))
            b.setStyleSheet("text-align: left; padding: 8px 14px;")
            b.setToolTip(answer.meaning)
            self.case_buttons.addButton(b, answer.key)
            case_row.addWidget(b)
        self.case_buttons.idClicked.connect(lambda k: self.choose_case(CaseAnswer.from_key(k)))
        case_page = QWidget()
        cl = QVBoxLayout(case_page)
        cl.addWidget(self.case_text, 1)
        cl.addLayout(case_row)
        self.body = QStackedWidget()
        self.body.addWidget(views)
        self.body.addWidget(case_page)
        ql.addWidget(self.body, 1)
        ql.addWidget(self.grade_answers)
        ql.addWidget(self.feedback)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.joint_view.set_theme(theme)
        self.diagram.apply_theme(theme)
        self.trace.apply_theme(theme)
        self.setStyleSheet(
            f"QFrame#feedback {{ background: {theme.panel}; border-radius: 6px; }}"
            f"QLabel#headline {{ font-size: {theme.font_pt * 1.3:.1f}pt; font-weight: 700; }}"
            f"QLabel#notice {{ color: {theme.pain}; font-weight: 600; }}"
            f"QLabel#case_text {{ font-size: {theme.font_pt * 1.5:.1f}pt; padding: 12px; }}"
        )
        if self.session is not None:
            self._show_question(keep_clock=True)

    # ---------------------------------------------------------------- flow
    def show_start(self) -> None:
        profiles = self.store.profiles() or [DEFAULT_PROFILE]
        current = self.start_screen.profile.currentText() or profiles[0]
        self.start_screen.profile.clear()
        self.start_screen.profile.addItems(profiles)
        self.start_screen.profile.setCurrentText(current)
        self.start_screen.notice.setVisible(False)
        self.stack.setCurrentIndex(0)
        self.setFocus()

    def start_from_screen(self) -> None:
        s = self.start_screen
        try:
            seed = s.seed_value()
        except ValueError as exc:
            s.notice.setText(str(exc))
            s.notice.setVisible(True)
            return
        self.start(
            Level(s.level.currentData()),
            seed=seed,
            questions=s.count.currentData(),
            profile=s.profile.currentText().strip() or DEFAULT_PROFILE,
            case_ratio=s.kinds.currentData(),
        )

    def start(
        self,
        level: Level | str = Level.BASIC,
        *,
        seed: int | None = None,
        questions: int | None = None,
        profile: str | None = None,
        case_ratio: float = 0.0,
    ) -> None:
        self.session = MixedQuiz(
            self.library,
            level,
            seed=seed,
            questions=questions,
            profile=profile,
            store=self.store,
            case_ratio=case_ratio,
            vignettes=self.vignettes if case_ratio else None,
        )
        self.summary = self.case_summary = None
        self.stack.setCurrentIndex(1)
        self._show_question()
        self.setFocus()

    def _show_question(self, keep_clock: bool = False) -> None:
        s = self.session
        if not keep_clock:
            self.time = 0.0
            self.shown_at = time.perf_counter()
            self.trace.clear_trace()
            self.revealed = s.answered
        self.pending_grade = None
        self._show_modifiers(None)
        if s.kind == CASE:
            self._show_case()
        else:
            self._show_recognition()
        total = "until you stop" if s.total is None else f"of {s.total}"
        score = s.score
        where = (
            "Patient case"
            if s.kind == CASE
            else f"{s.question.joint.name}: {s.question.joint.motion}"
        )
        self.header.setText(
            f"Question {s.number} {total}  ·  {where}  ·  score {score.correct}/{score.answered}"
        )
        self.feedback.setVisible(s.answered)
        if s.answered:
            self._show_feedback()

    def _show_scene(self, joint, condition, grade_band, motion, marks, revealed: bool) -> None:
        """Put a joint on the views: the band and all markers only once revealed."""
        self._motion = motion
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

    def _show_recognition(self) -> None:
        s = self.session
        q = s.question
        self.body.setCurrentIndex(0)
        self.grade_answers.setVisible(True)
        self._show_scene(q.joint, q.condition, q.band(), q.motion(), q.markers, self.revealed)
        self.prompt.setText(
            "Which grade is this? Watch where it sits in the available range and how large it "
            "is. Press 1–5."
            if not s.answered
            else "Space for the next question."
        )
        for button in self.answer_buttons.buttons():
            button.setEnabled(not s.answered)

    def _show_case(self) -> None:
        s = self.session
        v = s.vignette
        self.grade_answers.setVisible(False)
        self.case_text.setText(v.text)
        for button in self.case_buttons.buttons():
            button.setEnabled(not s.answered)
        play = s.feedback.play if s.answered else None
        if play is None:
            self.body.setCurrentIndex(1)
            self._motion = None
            self.prompt.setText(
                "Read the case. How would you manage it? Press 1–6."
                if not s.answered
                else "Space for the next question."
            )
            return
        # Seen in the animation: the keyed grade on the case's joint and condition.
        joint = self.library.get(play.joint_id)
        condition = play.condition or Condition.for_joint(joint, play.available_limit)
        grade_band = band(play.grade, joint, condition)
        self.body.setCurrentIndex(0)
        self._show_scene(joint, condition, grade_band, motion_for(grade_band), frozenset(), True)
        self.prompt.setText(
            f"Here is grade {play.grade.label} on this patient's {joint.motion}. {v.text}"
        )

    def _show_feedback(self) -> None:
        s = self.session
        fb = s.feedback
        mark = "✓" if fb.correct else "✗"
        colour = self.theme.available_range if fb.correct else self.theme.pain
        self.headline.setText(f"{mark} {fb.headline}")
        self.headline.setStyleSheet(f"color: {colour};")
        if s.kind == CASE:
            self.explanation.setText(f"{fb.rationale} Rule: {fb.cue} (Source: {fb.source})")
        else:
            cue = f" Cue: {fb.cue}." if fb.cue else ""
            self.explanation.setText(fb.explanation + cue)
        self.replay_button.setVisible(self._motion is not None)
        self.next_button.setText("See the summary  (Space)" if s.finished else "Next  (Space)")

    def choose_case(self, answer: CaseAnswer | None) -> None:
        s = self.session
        if answer is None or s is None or s.answered or s.kind != CASE:
            return
        ms = (time.perf_counter() - self.shown_at) * 1000
        if s.answer_case(answer, ms) is not None:
            self.revealed = True
            self.time = 0.0
            self.trace.clear_trace()
            self._show_question(keep_clock=True)

    def choose_grade(self, grade: Grade) -> None:
        s = self.session
        if s is None or s.answered or s.kind == CASE or self.stack.currentIndex() != 1:
            return
        options = s.spec.modifiers_for(grade)
        if len(options) > 1:
            self.pending_grade = grade
            self._show_modifiers(options)
            return
        self._answer(GradeChoice(grade))

    def _show_modifiers(self, options) -> None:
        self._modifier_options = tuple(options or ())
        visible = bool(options)
        self.modifier_label.setVisible(visible)
        for i, b in enumerate(self.modifier_buttons.buttons()):
            b.setVisible(i < len(self._modifier_options))
            if i < len(self._modifier_options):
                m = self._modifier_options[i]
                name = f"{self.pending_grade.label}{m.symbol}" if self.pending_grade else ""
                b.setText(f"{name}  ({i + 1})")
                b.setToolTip(f"to {m.depth:.0%} of R1–L (key {i + 1})")

    def _modifier_clicked(self, index: int) -> None:
        if self.pending_grade is not None and index < len(self._modifier_options):
            self._answer(GradeChoice(self.pending_grade, self._modifier_options[index]))

    def _answer(self, choice: GradeChoice) -> None:
        ms = (time.perf_counter() - self.shown_at) * 1000
        if self.session.answer(choice, ms) is None:
            return
        self.revealed = True
        self._show_question(keep_clock=True)

    def next_question(self) -> None:
        s = self.session
        if s is None or not s.answered:
            return
        if s.finished:
            self.end_quiz()
            return
        s.next()
        self._show_question()

    def undo(self) -> None:
        if self.session is not None and self.session.undo() is not None:
            self._show_question()

    def replay(self) -> None:
        """Play the motion again from the start with the band and labels shown."""
        if self.session is None or not self.session.answered or self._motion is None:
            return
        self.time = 0.0
        self.trace.clear_trace()

    def end_quiz(self) -> None:
        if self.session is None:
            self.leave_requested.emit()
            return
        self.summary, self.case_summary = self.session.summaries()
        self.summary_view.setHtml(
            summary_html(self.summary, self.session, self.theme, self.case_summary)
        )
        self.stack.setCurrentIndex(2)
        self.setFocus()

    # ---------------------------------------------------------------- clock
    def step(self, dt: float) -> None:
        if self.stack.currentIndex() != 1 or self._motion is None:
            return
        self.time += min(max(dt, 0.0), MAX_DT)
        self.render_frame()

    def render_frame(self) -> None:
        angle = float(self._motion.angle([self.time])[0])
        self.joint_view.set_angle(angle)
        self.diagram.set_angle(angle)
        self.trace.push(self.time, angle)
        self.trace.redraw()

    def advance(self, seconds: float, fps: float = 60.0) -> None:
        for _ in range(int(round(seconds * fps))):
            self.step(1.0 / fps)

    # ---------------------------------------------------------------- keys
    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if event.isAutoRepeat():  # a held key must not answer twice
            event.accept()
            return
        key = event.key()
        page = self.stack.currentIndex()
        if page == 0 and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.start_from_screen()
        elif page == 1:
            self._question_key(key)
        elif page == 2 and key == Qt.Key.Key_N:
            self.show_start()
        elif key == Qt.Key.Key_Escape:
            self.leave_requested.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _question_key(self, key) -> None:
        if self.session.kind == CASE and Qt.Key.Key_1 <= key <= Qt.Key.Key_6:
            self.choose_case(CaseAnswer.from_key(key - Qt.Key.Key_0))
        elif key in GRADE_KEYS:
            if self.pending_grade is not None:
                index = list(GRADE_KEYS).index(key)
                self._modifier_clicked(index)
            else:
                self.choose_grade(GRADE_KEYS[key])
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.next_question()
        elif key == Qt.Key.Key_U:
            self.undo()
        elif key == Qt.Key.Key_R:
            self.replay()
        elif key == Qt.Key.Key_Escape:
            if self.pending_grade is not None:
                self.pending_grade = None
                self._show_modifiers(None)
            else:
                self.end_quiz()


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
