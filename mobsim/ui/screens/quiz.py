"""Quiz screen: an unlabeled motion, name the grade, learn from the answer.

The quiz logic lives in mobsim.quiz (no Qt); this screen shows it. Keys, as in
Anki, are QActions with auto-repeat off (a held key cannot answer twice):
1–5 answer (1–3 for a Kaltenborn glide), Space/Enter next, U undo, R replay with
labels, Esc end the quiz. Motion questions are joint angles or, at the chosen
share, accessory glides in mm (quiz_glide.GlidePage).
The one clock steps the motion, so pause (K) and slow motion (S) apply here too.
"""

from __future__ import annotations

import time

from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout

from mobsim.content import CaseAnswer, load_vignettes
from mobsim.model import Condition, Grade, GradeChoice, band, motion_for
from mobsim.model.kaltenborn import KaltenbornGrade
from mobsim.model.simulation import SPEEDS
from mobsim.quiz import DEFAULT_PROFILE, Level, Summary
from mobsim.quiz.accessory import ACCESSORY
from mobsim.quiz.mixed import CASE, MixedQuiz
from mobsim.ui.screens import SCREENS
from mobsim.ui.screens.base import Screen, ScreenContext
from mobsim.ui.screens.quiz_pages import open_page
from mobsim.ui.screens.quiz_summary import summary_html
from mobsim.ui.screens.quiz_views import QuestionView, StartScreen, SummaryView
from mobsim.ui.theme import Theme

START, QUESTION, SUMMARY = "start", "question", "summary"
ANSWER_KEYS = 6  # grades 1–5; a case question may offer more options


class QuizScreen(Screen):
    name = "quiz"
    title = SCREENS["quiz"]

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(context, parent)
        self.library = context.library
        self._store = None
        bank = load_vignettes(joints=self.library)
        self.vignettes = bank.vignettes
        self.problems = [str(e) for e in bank.errors]
        self.session: MixedQuiz | None = None
        self.summary: Summary | None = None
        self.case_summary: Summary | None = None
        self.summaries: dict[str, Summary] = {}
        self.time = 0.0
        self.playing = True
        self.speed = SPEEDS[0]
        self.shown_at = 0.0
        self.pending_grade: Grade | None = None
        self.modifier_options: tuple = ()
        self.revealed = False
        self._motion = None
        self._build(context.theme)
        self._declare_actions()
        self.start_screen.prefill(**context.options.get("saved_quiz", {}))
        self.start_screen.prefill(**context.options.get("quiz", {}))
        self.show_page(START)
        open_page(self, context.options.get("quiz", {}).get("page"))  # --quiz-page

    # ------------------------------------------------------------ build
    def _build(self, theme: Theme) -> None:
        self.start_screen = StartScreen()
        self.start_screen.start_requested.connect(self.start_from_screen)
        self.question = QuestionView(theme)
        q = self.question
        q.answer_buttons.idClicked.connect(lambda gid: self.choose_grade(Grade(gid)))
        q.modifier_buttons.idClicked.connect(self._modifier_clicked)
        q.case_buttons.idClicked.connect(lambda k: self.choose_case(CaseAnswer.from_key(k)))
        q.replay_button.clicked.connect(self.replay)
        q.undo_button.clicked.connect(self.undo)
        q.next_button.clicked.connect(self.next_question)
        q.end_button.clicked.connect(self.end_quiz)
        self.summary_view = SummaryView()
        self.summary_view.again_button.clicked.connect(lambda: self.show_page(START))
        self.summary_view.back_button.clicked.connect(lambda: self.switch_to.emit("explore"))
        self.pages = {START: self.start_screen, QUESTION: self.question, SUMMARY: self.summary_view}
        self.stack = QStackedWidget()
        for page in self.pages.values():
            self.stack.addWidget(page)
        self.notice_bar = QLabel()
        self.notice_bar.setObjectName("notice")
        self.notice_bar.setWordWrap(True)
        self.notice_bar.setVisible(False)
        layout = QVBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notice_bar)
        layout.addWidget(self.stack)
        self.apply_theme(theme)

    def _declare_actions(self) -> None:
        add = self.action
        self.answer_actions = [
            add("&Answer", text, str(n), lambda n=n: self.answer_key(n))
            for n, text in self._answer_texts()
        ]
        self.start_action = add(
            "&Answer", "Start the quiz", ["Return", "Enter"], self.start_from_screen
        )
        self.next_action = add(
            "&Answer", "Next question", ["Space", "Return", "Enter"], self.next_question
        )
        self.undo_action = add("&Answer", "Undo the last answer", "U", self.undo)
        self.replay_action = add("&Answer", "Replay with the band and labels", "R", self.replay)
        self.again_action = add(
            "&Answer", "New quiz (from the summary)", "N", lambda: self.show_page(START)
        )
        self.escape_action = add(
            "&Answer", "Back out: cancel a depth choice, end the quiz, leave", "Esc", self.escape
        )
        self.pause_action = add("&Motion", "Pause / resume the motion", "K", self.toggle_playing)
        self.slow_action = add("&Motion", "Slow motion ×¼", "S", self.toggle_slow)

    @staticmethod
    def _answer_texts():
        for n in range(1, ANSWER_KEYS + 1):
            grade = f"grade {Grade(n).label}, " if n <= len(Grade) else ""
            if n <= len(KaltenbornGrade):
                grade = f"grade {Grade(n).label} (Maitland or Kaltenborn), "
            yield n, f"Answer {n}: {grade}case option {n}, or depth {n}"

    @property
    def store(self):
        if self._store is None:
            self._store = self.context.history()
            notices = [self._store.notice] if self._store.notice else []
            if self.problems:
                notices.append("Some case vignettes were skipped: " + "; ".join(self.problems))
            self.notice_bar.setText("\n".join(notices))
            self.notice_bar.setVisible(bool(notices))
        return self._store

    def _no_cases_notice(self) -> str:
        why = "; ".join(self.problems) if self.problems else "the vignettes file has none"
        return f"No patient case could be loaded ({why}): recognition questions only."

    def _show_notice(self, text: str) -> None:
        shown = self.notice_bar.text() if self.notice_bar.isVisible() else ""
        if text not in shown:
            self.notice_bar.setText("\n".join(t for t in (shown, text) if t))
        self.notice_bar.setVisible(True)

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        self.question.apply_theme(theme)
        self.widget.setStyleSheet(f"QLabel#notice {{ color: {theme.pain}; font-weight: 600; }}")
        if self.session is not None and self.page == QUESTION:
            self._show_question(keep_clock=True)

    # ------------------------------------------------------------ pages
    def show_page(self, page: str) -> None:
        self.page = page
        self.stack.setCurrentWidget(self.pages[page])
        if page == START:
            self._fill_profiles()
        self._sync_actions()
        self.moving_changed.emit()

    def _fill_profiles(self) -> None:
        box = self.start_screen.profile
        profiles = self.store.profiles() or [DEFAULT_PROFILE]
        current = box.currentText() or profiles[0]
        box.clear()
        box.addItems(profiles)
        box.setCurrentText(current)
        self.start_screen.notice.setVisible(False)

    def _sync_actions(self) -> None:
        """Only the keys that do something on this page are live (and listed as such)."""
        s = self.session
        asking = self.page == QUESTION and s is not None and not s.answered
        answered = self.page == QUESTION and s is not None and s.answered
        for action in self.answer_actions:
            action.setEnabled(asking)
        self.start_action.setEnabled(self.page == START)
        self.next_action.setEnabled(answered)
        self.undo_action.setEnabled(answered)
        self.replay_action.setEnabled(answered and self._motion is not None)
        self.again_action.setEnabled(self.page == SUMMARY)
        for action in (self.pause_action, self.slow_action):
            action.setEnabled(self.page == QUESTION)

    # ------------------------------------------------------------ flow
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
            accessory_ratio=s.glides.currentData(),
            grading=s.grading.currentData(),
        )

    def start_choices(self) -> dict:
        """The start form's choices, for the settings (remembered between launches)."""
        return self.start_screen.choices()

    def start(
        self,
        level=Level.BASIC,
        *,
        seed=None,
        questions=None,
        profile=None,
        case_ratio=0.0,
        accessory_ratio=0.0,
        grading=ACCESSORY,
    ):
        if case_ratio and not self.vignettes:  # missing, empty or broken vignettes file
            self._show_notice(self._no_cases_notice())
            case_ratio = 0.0
        if accessory_ratio and not self.library.techniques:
            self._show_notice("No accessory technique could be loaded: joint angles only.")
            accessory_ratio = 0.0
        self.session = MixedQuiz(
            self.library,
            level,
            seed=seed,
            questions=questions,
            profile=profile,
            store=self.store,
            case_ratio=case_ratio,
            vignettes=self.vignettes if case_ratio else None,
            accessory_ratio=accessory_ratio,
            grading=grading,
        )
        self.summary = self.case_summary = None
        self.summaries = {}
        self.show_page(QUESTION)
        self._show_question()

    def _show_question(self, keep_clock: bool = False) -> None:
        s, q = self.session, self.question
        if not keep_clock:
            self.time = 0.0
            self.shown_at = time.perf_counter()
            q.trace.clear_trace()
            self.revealed = s.answered
        self.pending_grade = None
        self._show_modifiers(())
        if s.kind == CASE:
            self._show_case()
            where = "Patient case"
        elif s.is_glide:
            self._show_glide(fresh=not keep_clock)
            t = s.glide_question.technique
            where = f"{t.name} (accessory, mm)"
        else:
            self._show_recognition()
            where = f"{s.question.joint.name}: {s.question.joint.motion}"
        total = "until you stop" if s.total is None else f"of {s.total}"
        score = s.score
        q.header.setText(
            f"Question {s.number} {total}  ·  {where}  ·  score {score.correct}/{score.answered}"
        )
        q.feedback.setVisible(s.answered)
        if s.answered:
            self._show_feedback()
        self._sync_actions()
        self.moving_changed.emit()
        self.render()

    def grade_labels(self) -> list[str]:
        """The answer buttons' grades: I–V, or Kaltenborn's I–III for a Kaltenborn glide."""
        s = self.session
        if s is not None and s.is_glide and s.glide_question.is_kaltenborn:
            return [g.label for g in KaltenbornGrade]
        return [g.label for g in Grade]

    def _show_glide(self, fresh: bool) -> None:
        s, q = self.session, self.question
        question = s.glide_question
        page = q.glide(question.technique)
        q.body.setCurrentWidget(page)
        q.grade_answers.setVisible(True)
        kaltenborn = question.is_kaltenborn
        labels = self.grade_labels()
        if kaltenborn:
            labels = [f"{g.label} {g.title}" for g in KaltenbornGrade]
        q.show_grade_buttons(labels)
        self._motion = question.motion
        page.show_question(question, self.revealed, fresh)
        movement = "traction" if question.technique.is_traction else "glide"
        if s.answered:
            q.prompt.setText("Space for the next question.")
        elif kaltenborn:
            q.prompt.setText(
                f"Which Kaltenborn grade is this {movement}? Watch where the hold sits "
                "against the slack zone, the first stop and the transition zone. Press 1–3."
            )
        else:
            q.prompt.setText(
                f"Which grade is this {movement}? Watch where it oscillates in the available "
                "translation and how many mm it covers. Press 1–5."
            )
        for button in q.answer_buttons.buttons():
            button.setEnabled(not s.answered)

    def _show_recognition(self) -> None:
        s, q = self.session, self.question
        question = s.question
        q.body.setCurrentIndex(0)
        q.grade_answers.setVisible(True)
        q.show_grade_buttons([g.label for g in Grade])
        self._motion = question.motion()
        q.show_scene(
            question.joint, question.condition, question.band(), question.markers, self.revealed
        )
        watched = (question.lows, question.highs) if self.revealed else ((), ())
        q.show_watched(*watched)
        q.prompt.setText(
            "Which grade is this? Watch where it sits in the available range and how large it "
            "is. Press 1–5."
            if not s.answered
            else "Space for the next question."
        )
        for button in q.answer_buttons.buttons():
            button.setEnabled(not s.answered)

    def _show_case(self) -> None:
        s, q = self.session, self.question
        v = s.vignette
        q.grade_answers.setVisible(False)
        q.case_text.setText(v.text)
        for button in q.case_buttons.buttons():
            button.setEnabled(not s.answered)
        play = s.feedback.play if s.answered else None
        if play is None:
            q.body.setCurrentIndex(1)
            self._motion = None
            q.prompt.setText(
                f"Read the case. How would you manage it? Press 1–{len(CaseAnswer)}."
                if not s.answered
                else "Space for the next question."
            )
            return
        # Seen in the animation: the keyed grade on the case's joint and condition.
        joint = self.library.get(play.joint_id)
        condition = play.condition or Condition.for_joint(joint, play.available_limit)
        grade_band = band(play.grade, joint, condition)
        q.body.setCurrentIndex(0)
        self._motion = motion_for(grade_band)
        q.show_scene(joint, condition, grade_band, frozenset(), True)
        q.show_watched((), ())
        q.prompt.setText(
            f"Here is grade {play.grade.label} on this patient's {joint.motion}. {v.text}"
        )

    def _show_feedback(self) -> None:
        s, q = self.session, self.question
        fb = s.feedback
        mark = "✓" if fb.correct else "✗"
        colour = self.theme.available_range if fb.correct else self.theme.pain
        q.headline.setText(f"{mark} {fb.headline}")
        q.headline.setStyleSheet(f"color: {colour};")
        if s.kind == CASE:
            q.explanation.setText(f"{fb.rationale} Rule: {fb.cue} (Source: {fb.source})")
        else:
            q.explanation.setText(fb.explanation)  # it states the cue itself, once
        q.replay_button.setVisible(self._motion is not None)
        q.next_button.setText("See the summary  (Space)" if s.finished else "Next  (Space)")

    # ------------------------------------------------------------ answers
    def answer_key(self, n: int) -> None:
        """Keys 1–6: a case option, a depth (after III/IV in expert), or a grade."""
        s = self.session
        if s is None or self.page != QUESTION or s.answered:
            return
        if s.kind == CASE:
            self.choose_case(CaseAnswer.from_key(n))
        elif self.pending_grade is not None:
            self._modifier_clicked(n - 1)
        elif n <= len(self.grade_labels()):
            self.choose_grade(Grade(n))

    def choose_case(self, answer: CaseAnswer | None) -> None:
        s = self.session
        if answer is None or s is None or s.answered or s.kind != CASE:
            return
        if s.answer_case(answer, self._elapsed_ms()) is not None:
            self.revealed = True
            self.time = 0.0
            self.question.trace.clear_trace()
            self._show_question(keep_clock=True)

    def choose_grade(self, grade: Grade) -> None:
        s = self.session
        if s is None or s.answered or s.kind == CASE or self.page != QUESTION:
            return
        if s.is_glide and s.glide_question.is_kaltenborn:
            if grade.value <= len(KaltenbornGrade):
                self._answer(KaltenbornGrade(grade.value).label)
            return
        options = s.spec.modifiers_for(grade)
        if len(options) > 1:
            self.pending_grade = grade
            self._show_modifiers(options)
            return
        self._answer(GradeChoice(grade))

    def _show_modifiers(self, options) -> None:
        self.modifier_options = tuple(options)
        self.question.show_modifiers(self.pending_grade, self.modifier_options)

    def _modifier_clicked(self, index: int) -> None:
        if self.pending_grade is not None and 0 <= index < len(self.modifier_options):
            self._answer(GradeChoice(self.pending_grade, self.modifier_options[index]))

    def _elapsed_ms(self) -> float:
        return (time.perf_counter() - self.shown_at) * 1000

    def _answer(self, choice: GradeChoice | str) -> None:
        if self.session.answer(choice, self._elapsed_ms()) is None:
            return
        self.revealed = True
        self._show_question(keep_clock=True)

    def next_question(self) -> None:
        s = self.session
        if s is None or not s.answered or self.page != QUESTION:
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
        self.question.trace.clear_trace()
        if self.session.is_glide:
            self.question.glide_page.trace.clear_trace()

    def escape(self) -> None:
        if self.page == QUESTION and self.pending_grade is not None:
            self.pending_grade = None
            self._show_modifiers(())
        elif self.page == QUESTION:
            self.end_quiz()
        else:
            self.switch_to.emit("explore")

    def end_quiz(self) -> None:
        if self.session is None:
            self.switch_to.emit("explore")
            return
        self.summaries = self.session.summaries_by_kind()
        self.summary, self.case_summary = self.summaries["recognition"], self.summaries[CASE]
        self.summary_view.text.setHtml(summary_html(self.summaries, self.session, self.theme))
        self.show_page(SUMMARY)

    # ------------------------------------------------------------ clock
    def toggle_playing(self) -> None:
        self.playing = not self.playing
        self.moving_changed.emit()
        self.status.emit("Motion resumed." if self.playing else "Motion paused: K resumes it.")

    def toggle_slow(self) -> None:
        self.speed = SPEEDS[1] if self.speed == SPEEDS[0] else SPEEDS[0]
        slow = self.speed != SPEEDS[0]
        self.status.emit("Slow motion ×¼: S for normal speed." if slow else "Normal speed.")

    def is_moving(self) -> bool:
        return self.page == QUESTION and self._motion is not None and self.playing

    def step(self, dt: float) -> None:
        if self.is_moving():
            self.time += dt * self.speed  # dt arrives measured and capped

    def render(self) -> None:
        if self.page != QUESTION or self._motion is None:
            return
        s = self.session
        if s is not None and s.is_glide:
            self.question.glide_page.draw(self.time)
        else:
            self.question.draw(self.time, float(self._motion.angle([self.time])[0]))


SCREEN = QuizScreen
