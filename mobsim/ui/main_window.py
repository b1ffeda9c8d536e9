"""The simulator window: joint view, movement diagram, live trace, controls.

One QTimer drives one sim.step(dt) and then one redraw of every view. Views
never compute grade positions; they ask the model.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDockWidget,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mobsim.content import load_grade_texts, load_precautions
from mobsim.model import Condition, Convention, Grade, JointLibrary, Modifier
from mobsim.model.describe import describe
from mobsim.model.joints import MIN_LIMIT_FRACTION, MIN_RESISTANCE_FRACTION
from mobsim.model.motion import FREQUENCY_RANGE, THRUST_PERIOD_RANGE
from mobsim.model.simulation import Simulation
from mobsim.model.tracefile import write_trace_csv
from mobsim.quiz import ClassQuiz, HistoryStore
from mobsim.ui.compare import AllGradesPage, NormalStiffPage
from mobsim.ui.export import MAX_GIF_CYCLES, ExportCancelled, export_gif, save_png
from mobsim.ui.joint_view import JointView
from mobsim.ui.plots import LiveTrace, Markers, MovementDiagram
from mobsim.ui.quiz_page import QuizPage
from mobsim.ui.settings import Preferences, SettingsStore
from mobsim.ui.teaching import GradePanel, PrecautionsDialog
from mobsim.ui.theme import Theme, theme_named

FRAME_MS = 16
READOUT_EVERY = 6  # frames between text read-out updates (~10 Hz): text layout is costly


def _no_focus(button: QPushButton) -> QPushButton:
    # Buttons never take keyboard focus, so Space and digits always reach the hotkeys.
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


class MainWindow(QMainWindow):
    def __init__(
        self,
        sim: Simulation,
        library: JointLibrary,
        settings: SettingsStore | None,
        prefs: Preferences | None = None,
        start_clock: bool = True,
        history: HistoryStore | None = None,
    ):
        super().__init__()
        self.sim = sim
        self.library = library
        self.settings = settings
        self.prefs = prefs or Preferences()
        self.prefs_dir = settings.path.parent if settings is not None else None
        self._history = history
        self.theme: Theme = theme_named(self.prefs.theme, self.prefs.scale)
        self.markers = Markers()
        self.markers_hidden_band = False  # a class-quiz mystery is playing
        self._revealed_choice = None
        self.setWindowTitle("mobsim — joint mobilization grades")
        self._frame = 0
        self._last_tick: float | None = None
        self._syncing = False

        self._build_views()
        self._build_controls()
        self._build_actions()
        self._layout()
        self.apply_theme()
        self.sim.subscribe(self._on_sim_changed)
        self._on_sim_changed()
        self.render_frame()

        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self._tick)
        if start_clock:
            self.timer.start()

    # ---------------------------------------------------------------- build
    def _build_views(self) -> None:
        self.joint_view = JointView(self.theme)
        self.diagram = MovementDiagram(self.theme)
        self.trace = LiveTrace(self.theme)
        self.trace.setXLink(self.diagram)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setObjectName("description")
        self.readouts = {key: QLabel() for key in ("band", "amplitude", "frequency", "angle")}
        for label in self.readouts.values():
            label.setMinimumWidth(60)  # long read-outs elide rather than widen the window
        self.compare_pages = [AllGradesPage(self.theme), NormalStiffPage(self.theme)]
        self.grade_texts = load_grade_texts()
        self.precautions = load_precautions()
        self.about = GradePanel(self.grade_texts, self.theme)
        self.about_dock = QDockWidget("About this grade", self)
        self.about_dock.setObjectName("about_dock")
        self.about_dock.setWidget(self.about)
        self.about_dock.setMinimumWidth(280)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.about_dock)
        self.about_dock.setVisible(self.prefs.about_panel)
        self.about_dock.visibilityChanged.connect(lambda _: self._refresh_about())
        self.labels_visible = True
        self.class_quiz = ClassQuiz()
        self.class_banner = QLabel()
        self.class_banner.setObjectName("class_banner")
        self.class_banner.setWordWrap(True)
        self.class_banner.setVisible(False)

    def _build_controls(self) -> None:
        self.joint_box = QComboBox()
        for joint in self.library.joints.values():
            self.joint_box.addItem(f"{joint.name}: {joint.motion}", joint.id)
        self.joint_box.setToolTip("Joint preset (N / Shift+N: next / previous)")
        self.joint_box.currentIndexChanged.connect(self._joint_picked)

        self.grade_buttons = QButtonGroup(self)
        self.grade_row = QHBoxLayout()
        for grade in Grade:
            b = _no_focus(QPushButton(grade.label))
            b.setCheckable(True)
            b.setToolTip(f"Grade {grade.label} (key {grade.value})")
            b.setMinimumWidth(44)
            self.grade_buttons.addButton(b, grade.value)
            self.grade_row.addWidget(b)
        self.grade_buttons.idClicked.connect(lambda gid: self.sim.set_grade(Grade(gid)))

        self.modifier_buttons = QButtonGroup(self)
        self.modifier_row = QHBoxLayout()
        for i, modifier in enumerate(Modifier):
            b = _no_focus(QPushButton(modifier.symbol or "·"))
            b.setCheckable(True)
            b.setToolTip(f"III/IV to {modifier.depth:.0%} of R1–L")
            self.modifier_buttons.addButton(b, i)
            self.modifier_row.addWidget(b)
        self.modifier_buttons.idClicked.connect(lambda i: self.sim.set_modifier(list(Modifier)[i]))

        self.convention_box = QComboBox()
        for c in Convention:
            self.convention_box.addItem(c.title, c.value)
        self.convention_box.setToolTip("Grading convention: where each grade sits in the range")
        self.convention_box.currentIndexChanged.connect(
            lambda _: self.sim.set_convention(Convention(self.convention_box.currentData()))
        )

        self.limit_slider = QSlider(Qt.Orientation.Horizontal)
        self.limit_slider.setRange(round(MIN_LIMIT_FRACTION * 100), 100)
        self.limit_slider.setToolTip("Available limit L, % of the normal range (L: stiff/normal)")
        self.limit_slider.valueChanged.connect(self._condition_moved)
        self.limit_label = QLabel()
        self.r1_slider = QSlider(Qt.Orientation.Horizontal)
        self.r1_slider.setRange(round(MIN_RESISTANCE_FRACTION * 100), 100)
        self.r1_slider.setToolTip("Resistance onset R1, % of the available range")
        self.r1_slider.valueChanged.connect(self._condition_moved)
        self.r1_label = QLabel()
        self.normal_button = _no_focus(QPushButton("Normal joint"))
        self.normal_button.setToolTip("Reset L to B and R1 to the preset (L toggles stiff/normal)")
        self.normal_button.clicked.connect(self.set_normal_joint)

        self.frequency_box = QDoubleSpinBox()
        self.frequency_box.setRange(*FREQUENCY_RANGE)
        self.frequency_box.setSingleStep(0.1)
        self.frequency_box.setDecimals(1)
        self.frequency_box.setSuffix(" Hz")
        self.frequency_box.setToolTip("Oscillation frequency (0.5–3 Hz)")
        self.frequency_box.valueChanged.connect(self._frequency_changed)
        self.frequency_label = QLabel("Frequency")
        self.thrust_box = QDoubleSpinBox()
        self.thrust_box.setRange(*THRUST_PERIOD_RANGE)
        self.thrust_box.setSingleStep(0.5)
        self.thrust_box.setDecimals(1)
        self.thrust_box.setPrefix("every ")
        self.thrust_box.setSuffix(" s")
        self.thrust_box.setToolTip("Grade V: one thrust, repeated every … seconds in demos")
        self.thrust_box.valueChanged.connect(self._thrust_period_changed)

        self.play_button = _no_focus(QPushButton())
        self.play_button.setToolTip("Play / pause (Space)")
        self.play_button.clicked.connect(self.sim.toggle_playing)
        self.step_button = _no_focus(QPushButton("Step ▸"))
        self.step_button.setToolTip("One step while paused (→)")
        self.step_button.clicked.connect(self.step_once)
        self.slow_button = _no_focus(QPushButton())
        self.slow_button.setCheckable(True)
        self.slow_button.setToolTip("Slow motion ×¼ (S)")
        self.slow_button.clicked.connect(self.sim.toggle_slow)
        self.restart_button = _no_focus(QPushButton("Restart"))
        self.restart_button.setToolTip("Restart the motion (R)")
        self.restart_button.clicked.connect(self.sim.restart)
        self.reset_button = _no_focus(QPushButton("Reset all"))
        self.reset_button.setToolTip("Back to the defaults (Shift+R)")
        self.reset_button.clicked.connect(self.reset_all)

    def _action(self, menu, text: str, keys, slot, tip: str = "", quiz_ok: bool = False) -> QAction:
        """A menu action with its hotkeys; quiz_ok ones stay enabled in quiz mode."""
        action = QAction(text, self)
        action.setData("quiz_ok" if quiz_ok else "")
        if keys:
            seqs = [QKeySequence(k) for k in (keys if isinstance(keys, list) else [keys])]
            action.setShortcuts(seqs)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setStatusTip(tip or text)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)  # works in full screen with the menu bar hidden
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self._action(
            file_menu, "Export view as PNG…", "Ctrl+E", self.export_png_dialog, quiz_ok=True
        )
        self._action(file_menu, "Export animated GIF…", "Ctrl+G", self.export_gif_dialog)
        self._action(file_menu, "Export trace as CSV…", "Ctrl+T", self.export_csv_dialog)
        file_menu.addSeparator()
        self._action(file_menu, "Quit", "Ctrl+Q", self.close, quiz_ok=True)
        grade_menu = bar.addMenu("&Grade")
        self.grade_actions = {}
        for grade in Grade:
            self.grade_actions[grade] = self._action(
                grade_menu,
                f"Grade {grade.label}",
                str(grade.value),
                lambda _=False, g=grade: self.sim.set_grade(g),
            )
        motion = bar.addMenu("&Motion")
        self.play_action = self._action(motion, "Play / pause", "Space", self.sim.toggle_playing)
        self._action(motion, "Step (while paused)", "Right", self.step_once)
        self._action(motion, "Slow motion ×¼", "S", self.sim.toggle_slow)
        self._action(motion, "Restart motion", "R", self.sim.restart)
        self._action(motion, "Reset everything", "Shift+R", self.reset_all)
        joint = bar.addMenu("&Joint")
        self._action(joint, "Next joint", "N", lambda: self.cycle_joint(1))
        self._action(joint, "Previous joint", "Shift+N", lambda: self.cycle_joint(-1))
        self._action(joint, "Toggle stiff / normal joint", "L", self.toggle_stiff)
        view = bar.addMenu("&View")
        self.theme_group = QActionGroup(self)
        for name in ("default", "projector", "colorblind"):
            act = self._action(
                view,
                f"{name.capitalize()} colours",
                None,
                lambda _=False, n=name: self.set_theme_name(n),
                quiz_ok=True,
            )
            act.setCheckable(True)
            act.setChecked(name == self.prefs.theme)
            self.theme_group.addAction(act)
        view.addSeparator()
        self._action(
            view,
            "Larger text and lines",
            ["Ctrl+=", "Ctrl++"],
            lambda: self.set_scale(self.prefs.scale * 1.15),
            quiz_ok=True,
        )
        self._action(
            view,
            "Smaller text and lines",
            "Ctrl+-",
            lambda: self.set_scale(self.prefs.scale / 1.15),
            quiz_ok=True,
        )
        self._action(view, "Full screen", "F11", self.toggle_fullscreen, quiz_ok=True)
        view.addSeparator()
        self._action(view, "Compare: all grades → normal vs stiff → off", "C", self.cycle_compare)
        self.labels_action = self._action(
            view,
            "Hide / show all labels",
            "H",
            lambda: self.set_labels_visible(not self.labels_visible),
        )
        quiz_menu = bar.addMenu("&Quiz")
        self._action(
            quiz_menu, "Self-test quiz (students)", "F5", lambda: self.enter_quiz(), quiz_ok=True
        )
        self._action(
            quiz_menu, "Class quiz: mystery grade (labels hidden)", "Q", self.class_quiz_pick
        )
        self._action(quiz_menu, "Class quiz: reveal the answer", "A", self.class_quiz_reveal)
        help_menu = bar.addMenu("&Help")
        self._action(
            help_menu, "Keyboard shortcuts", ["?", "F1"], self.show_keyboard_help, quiz_ok=True
        )
        self._action(
            help_menu,
            "About this grade (panel)",
            "G",
            lambda: self.about_dock.setVisible(not self.about_dock.isVisible()),
        )
        self._action(
            help_menu, "About this grade, large (lecture)", "Shift+G", self.toggle_about_large
        )
        self._action(
            help_menu, "Precautions and contraindications", "P", self.show_precautions, quiz_ok=True
        )

    def _layout(self) -> None:
        controls = QFrame()
        controls.setObjectName("controls")
        rows = QVBoxLayout(controls)
        rows.setContentsMargins(10, 6, 10, 6)
        rows.setSpacing(4)
        row0, row1, row2 = QHBoxLayout(), QHBoxLayout(), QHBoxLayout()
        row0.addWidget(QLabel("Joint"))
        row0.addWidget(self.joint_box, 2)
        row0.addSpacing(12)
        row0.addWidget(QLabel("Grade"))
        row0.addLayout(self.grade_row)
        row0.addLayout(self.modifier_row)
        row0.addSpacing(12)
        row0.addWidget(QLabel("Convention"))
        row0.addWidget(self.convention_box, 1)
        for w, stretch in (
            (self.limit_label, 0),
            (self.limit_slider, 1),
            (self.r1_label, 0),
            (self.r1_slider, 1),
            (self.normal_button, 0),
        ):
            row1.addWidget(w, stretch)
        row1.addSpacing(12)
        row1.addWidget(self.frequency_label)
        row1.addWidget(self.frequency_box)
        row1.addWidget(self.thrust_box)
        for b in (
            self.play_button,
            self.step_button,
            self.slow_button,
            self.restart_button,
            self.reset_button,
        ):
            row2.addWidget(b)
        for row in (row0, row1, row2):
            rows.addLayout(row)
        self.joint_box.setMinimumContentsLength(12)
        self.joint_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.convention_box.setMinimumContentsLength(12)
        self.convention_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )

        readout_box = QFrame()
        readout_box.setObjectName("readouts")
        rl = QGridLayout(readout_box)
        rl.setContentsMargins(8, 4, 8, 4)
        titles = {
            "band": "Band (% of A–L)",
            "amplitude": "Amplitude (measured)",
            "frequency": "Frequency",
            "angle": "Angle",
        }
        for i, key in enumerate(("band", "amplitude", "frequency", "angle")):
            title = QLabel(titles[key])
            title.setObjectName("readout_title")
            row, col = divmod(i, 2)
            rl.addWidget(title, 2 * row, col)
            rl.addWidget(self.readouts[key], 2 * row + 1, col)
        rl.setVerticalSpacing(0)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.diagram)
        right.addWidget(self.trace)
        right.setSizes([300, 360])
        right_box = QWidget()
        rv = QVBoxLayout(right_box)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(right, 1)
        rv.addWidget(readout_box)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.joint_view)
        split.addWidget(right_box)
        split.setSizes([560, 700])
        self.joint_view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        self.pages = QStackedWidget()
        self.pages.addWidget(split)
        for page in self.compare_pages:
            self.pages.addWidget(page)
        self.quiz_index = self.pages.count()
        self.quiz_holder = QWidget()  # the quiz page is built on first use
        QVBoxLayout(self.quiz_holder).setContentsMargins(0, 0, 0, 0)
        self.pages.addWidget(self.quiz_holder)
        self.quiz_page: QuizPage | None = None
        # The stage is what a slide export shows: the caption and the views.
        self.stage = QWidget()
        sv = QVBoxLayout(self.stage)
        sv.setContentsMargins(0, 0, 0, 0)
        sv.addWidget(self.description)
        sv.addWidget(self.class_banner)
        sv.addWidget(self.pages, 1)
        central = QWidget()
        v = QVBoxLayout(central)
        v.setContentsMargins(8, 6, 8, 6)
        v.addWidget(self.stage, 1)
        v.addWidget(controls)
        self.controls = controls
        self.setCentralWidget(central)
        self.resize(1280, 800)

    # ---------------------------------------------------------------- theme
    def apply_theme(self) -> None:
        t = self.theme
        self.setStyleSheet(
            f"QMainWindow, QWidget {{ background: {t.background}; color: {t.text};"
            f" font-size: {t.font_pt:.1f}pt; }}"
            f"QLabel#description {{ font-size: {t.font_pt * 1.35:.1f}pt; font-weight: 600;"
            f" padding: 4px; }}"
            f"QLabel#readout_title {{ color: {t.muted_text}; }}"
            f"QLabel#class_banner {{ background: {t.panel}; border: 2px solid {t.resistance};"
            f" padding: 6px; font-size: {t.font_pt * 1.2:.1f}pt; font-weight: 600; }}"
            f"QFrame#controls, QFrame#readouts {{ background: {t.panel}; border-radius: 6px; }}"
            f"QPushButton {{ background: {t.panel}; border: 1px solid {t.grid};"
            f" border-radius: 4px; padding: 4px 10px; }}"
            f"QPushButton:checked {{ background: {t.available_range}; color: {t.background};"
            f" font-weight: 700; }}"
            f"QComboBox, QDoubleSpinBox {{ background: {t.panel}; border: 1px solid {t.grid};"
            f" padding: 2px 6px; }}"
            f"QMenuBar, QMenu {{ background: {t.panel}; color: {t.text}; }}"
            f"QMenu::item:selected {{ background: {t.available_range}; }}"
        )
        self.joint_view.set_theme(t)
        self.diagram.apply_theme(t)
        self.trace.apply_theme(t)
        for page in self.compare_pages:
            page.apply_theme(t)
        if getattr(self, "quiz_page", None) is not None:
            self.quiz_page.apply_theme(t)
        self._on_sim_changed()

    def set_theme_name(self, name: str) -> None:
        self.prefs.theme = name
        self.theme = theme_named(name, self.prefs.scale)
        self.apply_theme()

    def set_scale(self, scale: float) -> None:
        self.theme = theme_named(self.prefs.theme, scale)
        self.prefs.scale = self.theme.font_pt / theme_named(self.prefs.theme).font_pt
        self.apply_theme()

    def toggle_fullscreen(self) -> None:
        self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)

    # ---------------------------------------------------------------- model → view
    def _on_sim_changed(self) -> None:
        sim = self.sim
        band = None if self.markers_hidden_band else sim.band
        self.joint_view.set_scene(sim.joint, sim.condition, band)
        self.diagram.set_scene(sim.joint, sim.condition, band, self.markers)
        self.trace.set_scene(sim.joint, sim.condition, band, self.markers)
        if (
            self.class_banner.isVisible()
            and not self.markers_hidden_band
            and sim.choice != self._revealed_choice
        ):
            self.class_banner.setVisible(False)  # the reveal belongs to the grade it named
        page = self.compare_page()
        if page is not None:
            page.set_scene(sim, self.markers)
        text = describe(sim.band, sim.condition)
        self.description.setText(
            text if self.labels_visible else "Which grade is this? (labels hidden — H shows them)"
        )
        self.setAccessibleDescription(text if self.labels_visible else "labels hidden")
        self._sync_controls()
        self._update_readouts()
        self._refresh_about()

    def _refresh_about(self) -> None:
        if not self.about_dock.isVisible():
            return
        if self.labels_visible:
            self.about.show_grade(self.sim.choice, self.sim.convention, self.theme)
        else:
            self.about._shown = None
            self.about.browser.setHtml("<p><i>Hidden while the class guesses the grade.</i></p>")

    def toggle_about_large(self) -> None:
        self.about.large = not self.about.large
        self.about_dock.setVisible(True)
        self.about_dock.setMinimumWidth(520 if self.about.large else 280)
        self._refresh_about()

    def show_precautions(self) -> None:
        PrecautionsDialog(self.precautions, self.theme, self).open()

    def _sync_controls(self) -> None:
        sim = self.sim
        self._syncing = True
        try:
            self.joint_box.setCurrentIndex(self.joint_box.findData(sim.joint.id))
            self.grade_buttons.button(sim.grade.value).setChecked(True)
            for b in self.grade_buttons.buttons():
                b.setVisible(self.labels_visible)
            resistance = sim.convention is Convention.RESISTANCE
            for i, b in enumerate(self.modifier_buttons.buttons()):
                b.setVisible(resistance and self.labels_visible)
                b.setEnabled(sim.grade.takes_modifier)
                b.setChecked(list(Modifier)[i] is sim.choice.modifier)
            self.convention_box.setCurrentIndex(self.convention_box.findData(sim.convention.value))
            c = sim.condition
            self.limit_slider.setValue(round(c.limit_fraction * 100))
            self.r1_slider.setValue(round(c.resistance_fraction * 100))
            self.limit_label.setText(
                f"L = {c.available_limit:.0f}°" + (" (stiff)" if c.is_stiff else " (normal)")
            )
            self.r1_label.setText(f"R1 = {c.resistance_onset:.0f}°")
            thrust = sim.grade.is_thrust
            self.frequency_box.setVisible(not thrust)
            self.thrust_box.setVisible(thrust)
            self.frequency_label.setText("Thrust" if thrust else "Frequency")
            self.thrust_box.setValue(sim.thrust_period)
            if sim.frequency is not None:
                self.frequency_box.setValue(sim.frequency)
            self.play_button.setText("Pause ❚❚" if sim.playing else "Play ▶")
            self.step_button.setEnabled(not sim.playing)
            self.slow_button.setChecked(sim.speed < 1)
            self.slow_button.setText("Slow motion ×¼ ✓" if sim.speed < 1 else "Slow motion ×¼")
        finally:
            self._syncing = False

    def refresh_readouts(self) -> None:
        """Bring the text read-outs up to this frame (they normally run at ~10 Hz)."""
        self._update_readouts()

    def _update_readouts(self) -> None:
        sim = self.sim
        band = sim.band
        r = self.readouts
        r["band"].setText(
            f"{band.low:.1f}–{band.high:.1f}° "
            f"({band.low_fraction * 100:.0f}–{band.high_fraction * 100:.0f}%)"
        )
        measured = self.trace.recorder.measured_amplitude(sim.period)
        if measured is None or sim.steady_for < sim.period:
            r["amplitude"].setText("measuring…")
        else:
            share = measured / sim.condition.available_range
            r["amplitude"].setText(f"{measured:.1f}° ({share:.0%})")
        if sim.grade.is_thrust:
            r["frequency"].setText(f"1 thrust / {sim.thrust_period:.1f} s")
        else:
            r["frequency"].setText(f"{sim.frequency:.1f} Hz")
        speed = "" if sim.speed == 1 else f"  ×{sim.speed:g}"
        # Both angle read-outs show the same recorded sample (the trace's newest).
        latest = self.trace.recorder.latest()
        angle = sim.angle if latest is None else latest[1]
        self.joint_view.set_readout(angle)
        r["angle"].setText(f"{angle:.1f}°{speed}")

    # ---------------------------------------------------------------- view → model
    def _joint_picked(self, index: int) -> None:
        if self._syncing or index < 0:
            return
        self.sim.set_joint(self.library.get(self.joint_box.itemData(index)))

    def _condition_moved(self) -> None:
        if self._syncing:
            return
        c = self.sim.condition
        lf, rf = self.limit_slider.value() / 100, self.r1_slider.value() / 100
        self.sim.set_condition(
            Condition.from_fractions(self.sim.joint, lf, rf, c.pain_fraction, c.limiting_factor)
        )

    def _frequency_changed(self, value: float) -> None:
        if self._syncing or self.sim.grade.is_thrust:
            return
        self.sim.set_frequency(value)

    def _thrust_period_changed(self, value: float) -> None:
        if not self._syncing:
            self.sim.set_thrust_period(value)

    def set_normal_joint(self) -> None:
        self.sim.set_condition(self.sim.joint.normal_condition())

    def toggle_stiff(self) -> None:
        """L key: a normal joint becomes typically stiff; a stiff one normal."""
        if self.sim.condition.is_stiff:
            self.set_normal_joint()
        else:
            self.sim.set_condition(Condition.typical_stiff(self.sim.joint))

    def cycle_joint(self, step: int) -> None:
        ids = self.library.ids
        i = ids.index(self.sim.joint.id)
        self.sim.set_joint(self.library.get(ids[(i + step) % len(ids)]))

    def step_once(self) -> None:
        if self.sim.playing:
            return
        self.sim.step_manual()
        self.render_frame()
        self._update_readouts()

    def reset_all(self) -> None:
        self.sim.reset_all()
        self.trace.clear_trace()

    # ---------------------------------------------------------------- lecture
    def compare_page(self):
        index = self.pages.currentIndex() if hasattr(self, "pages") else 0
        return self.compare_pages[index - 1] if 0 < index <= len(self.compare_pages) else None

    def set_compare(self, index: int) -> None:
        """0: the single view; 1: all grades; 2: normal vs stiff."""
        self.pages.setCurrentIndex(index)
        self.description.setVisible(index == 0)
        self._on_sim_changed()
        self.render_frame()

    def cycle_compare(self) -> None:
        self.set_compare((self.pages.currentIndex() + 1) % (len(self.compare_pages) + 1))

    # ---------------------------------------------------------------- quiz
    @property
    def history(self) -> HistoryStore:
        if self._history is None:
            self._history = (
                HistoryStore.open(self.prefs_dir)
                if self.prefs_dir is not None
                else HistoryStore.in_memory()
            )
        return self._history

    def in_quiz(self) -> bool:
        return self.pages.currentIndex() == self.quiz_index

    def enter_quiz(self, start: dict | None = None) -> None:
        """Quiz mode: the demo controls go away so nothing gives the answer away."""
        if self.quiz_page is None:
            self.quiz_page = QuizPage(self.library, self.history, self.theme)
            self.quiz_page.leave_requested.connect(self.leave_quiz)
            self.quiz_holder.layout().addWidget(self.quiz_page)
        self.pages.setCurrentIndex(self.quiz_index)
        for widget in (self.controls, self.description):
            widget.setVisible(False)
        self.about_dock.setVisible(False)
        for action in self.actions():
            action.setEnabled(action.data() == "quiz_ok")
        if start is None:
            self.quiz_page.show_start()
        else:
            self.quiz_page.start(**start)

    def leave_quiz(self) -> None:
        for action in self.actions():
            action.setEnabled(True)
        self.controls.setVisible(True)
        self.set_compare(0)

    def set_labels_visible(self, visible: bool) -> None:
        """H: hide every label that names the grade, for 'guess the grade' with a class."""
        self.labels_visible = visible
        if visible and self.markers_hidden_band:  # H during a mystery ends it without a reveal
            self.markers_hidden_band = False
            self.class_banner.setVisible(False)
        self.joint_view.set_labels_visible(visible)
        for page in self.compare_pages:
            page.set_labels_visible(visible)
        self.diagram.set_labels_visible(visible)
        for label in self.readouts.values():
            label.setVisible(visible)
        self._on_sim_changed()

    def _ask_path(self, title: str, suffix: str, pattern: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name = f"mobsim-{self.sim.joint.id}-grade-{self.sim.choice.label}.{suffix}"
        start = str(Path(self.prefs_dir or Path.home()) / name)
        chosen, _ = QFileDialog.getSaveFileName(self, title, start, pattern)
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix else path.with_suffix("." + suffix)

    def _report(self, ok: bool, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        if ok:
            self.statusBar().showMessage(text, 6000)
        else:
            QMessageBox.warning(self, "Export failed", text)

    def export_png_dialog(self) -> None:
        path = self._ask_path("Export view as PNG", "png", "PNG images (*.png)")
        if path is not None:
            try:
                save_png(self.stage, path)
                self._report(True, f"Saved {path}")
            except OSError as exc:
                self._report(False, str(exc))

    def export_csv_dialog(self) -> None:
        path = self._ask_path("Export trace as CSV", "csv", "CSV files (*.csv)")
        if path is None:
            return
        sim = self.sim
        try:
            rows = write_trace_csv(
                path,
                sim.band,
                sim.condition,
                sim.frequency,
                seconds=10 * sim.period,
                rate=100,
                thrust_period=sim.thrust_period,
            )
            self._report(True, f"Saved {rows} samples (10 cycles) to {path}")
        except OSError as exc:
            self._report(False, f"Cannot write {path}: {exc.strerror}")

    def export_gif_dialog(self) -> None:
        from PySide6.QtWidgets import QInputDialog, QProgressDialog

        cycles, ok = QInputDialog.getInt(
            self, "Export animated GIF", "Cycles:", 3, 1, MAX_GIF_CYCLES
        )
        if not ok:
            return
        path = self._ask_path("Export animated GIF", "gif", "GIF animations (*.gif)")
        if path is None:
            return
        dialog = QProgressDialog("Rendering frames…", "Cancel", 0, 100, self)
        dialog.setWindowTitle("Exporting GIF")
        dialog.setMinimumDuration(0)

        def progress(done: int, total: int) -> bool:
            dialog.setMaximum(total)
            dialog.setValue(done)
            return not dialog.wasCanceled()

        self.timer.stop()
        try:
            frames = export_gif(self, path, cycles, progress=progress)
            self._report(True, f"Saved {frames} frames ({cycles} cycles) to {path}")
        except ExportCancelled:
            self._report(True, "GIF export cancelled; nothing was written")
        except OSError as exc:
            self._report(False, f"Cannot write {path}: {exc}")
        finally:
            dialog.close()
            self._last_tick = None
            self.timer.start()

    def class_quiz_pick(self) -> None:
        """Q: hide every label and the band, and play a random grade for the class."""
        grade = self.class_quiz.pick(showing=self.sim.grade)
        self.markers_hidden_band = True
        self.set_labels_visible(False)
        self.sim.set_grade(grade)
        self.class_banner.setText("Class quiz: which grade is this? (A reveals the answer)")
        self.class_banner.setVisible(True)

    def class_quiz_reveal(self) -> None:
        """A: show the grade, its band and the explanation the self-test quiz gives."""
        if not self.markers_hidden_band:
            return
        self.markers_hidden_band = False
        headline, explanation = self.class_quiz.reveal(self.sim.band, self.sim.condition)
        self.set_labels_visible(True)
        self.class_banner.setText(f"{headline} {explanation}")
        self.class_banner.setVisible(True)
        self._revealed_choice = self.sim.choice

    def shortcut_table(self) -> list[tuple[str, str]]:
        """(keys, what) for every menu action with a shortcut: the help dialog's rows."""
        rows = []
        for action in self.actions():
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
            if keys:
                rows.append((" or ".join(keys), action.text().replace("&", "")))
        return rows

    def show_keyboard_help(self) -> None:
        from mobsim.ui.dialogs import KeyboardHelp

        KeyboardHelp(self.shortcut_table(), self).open()

    # ---------------------------------------------------------------- clock
    def _tick(self) -> None:
        now = time.perf_counter()
        dt = 0.0 if self._last_tick is None else now - self._last_tick
        self._last_tick = now
        if self.in_quiz():
            if self.quiz_page is not None:
                self.quiz_page.step(dt)
            return
        self.sim.step(dt)
        self.render_frame()

    def render_frame(self) -> None:
        page = self.compare_page()
        if page is not None:
            page.render_frame(self.sim.time)
            return
        angle = self.sim.angle
        self.joint_view.set_angle(angle)
        self.diagram.set_angle(angle)
        self.trace.push(self.sim.time, angle, self.sim.joint.id)
        self.trace.redraw()
        self._frame += 1
        if self._frame % READOUT_EVERY == 0:
            self._update_readouts()

    def advance(self, seconds: float, fps: float = 60.0) -> None:
        """Run the simulation headless for `seconds` at a steady frame rate."""
        if self.in_quiz() and self.quiz_page is not None:
            self.quiz_page.advance(seconds, fps)
            return
        dt = 1.0 / fps
        for _ in range(int(round(seconds * fps))):
            self.sim.step(dt)
            self.render_frame()
        self._update_readouts()

    # ---------------------------------------------------------------- lifetime
    def current_preferences(self) -> Preferences:
        sim = self.sim
        self.prefs.joint = sim.joint.id
        self.prefs.grade = sim.choice.label
        self.prefs.convention = sim.convention.value
        self.prefs.limit_fraction = sim.condition.limit_fraction
        self.prefs.resistance_fraction = sim.condition.resistance_fraction
        self.prefs.geometry = self.saveGeometry()
        self.prefs.about_panel = self.about_dock.isVisible()
        return self.prefs

    def closeEvent(self, event) -> None:
        self.timer.stop()
        if self._history is not None:
            self._history.close()
        self.sim.unsubscribe(self._on_sim_changed)
        if self.settings is not None:
            self.settings.save(self.current_preferences())
        super().closeEvent(event)
