"""The lecture control panel, after napari's layer controls.

One control widget per model object (here the Simulation): it connects to the
model's specific events in its constructor, writes model values into its widgets
inside a QSignalBlocker (so they never echo back), and disconnects on close.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDoubleSpinBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QStackedWidget,
    QVBoxLayout,
)

from mobsim.model import Condition, ConditionError, Convention, Grade, JointLibrary, Modifier
from mobsim.model.describe import fmt_deg
from mobsim.model.joints import MIN_LIMIT_FRACTION, MIN_RESISTANCE_FRACTION, LimitingFactor
from mobsim.model.lecture import Lecture
from mobsim.model.motion import FREQUENCY_RANGE, THRUST_PERIOD_RANGE
from mobsim.model.simulation import PLAYBACK, SCENE, Simulation

# Choosing "limited by pain" on a joint without pain puts P1 half-way along A–L (a
# demonstration default; the P1 slider moves it).
DEFAULT_PAIN_FRACTION = 0.5


def no_focus(button: QPushButton) -> QPushButton:
    # Buttons never take keyboard focus, so Space and digits always reach the hotkeys.
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


def _combo(items, tip: str) -> QComboBox:
    box = QComboBox()
    for text, value in items:
        box.addItem(text, value)
    box.setToolTip(tip)
    box.setMinimumContentsLength(6)  # long names elide: the panel must fit 1024 px at ×1.5
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return box


def _spin(value_range, step: float, tip: str, prefix: str = "", suffix: str = ""):
    box = QDoubleSpinBox()
    box.setRange(*value_range)
    box.setSingleStep(step)
    box.setDecimals(1)
    box.setPrefix(prefix)
    box.setSuffix(suffix)
    box.setToolTip(tip)
    return box


def _slider(lo: float, tip: str) -> QSlider:
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(round(lo * 100), 100)
    slider.setToolTip(tip)
    return slider


class ControlPanel(QFrame):
    """Joint, grade, convention, condition, frequency and playback controls."""

    def __init__(self, sim: Simulation, lecture: Lecture, library: JointLibrary, parent=None):
        super().__init__(parent)
        self.setObjectName("controls")
        self.sim = sim
        self.lecture = lecture
        self.library = library
        self._placed: tuple | None = None  # what the condition widgets show
        self._build()
        self._layout()
        sim.subscribe(self._on_scene, SCENE)
        sim.subscribe(self._on_playback, PLAYBACK)
        lecture.subscribe(self._on_lecture)
        self._on_scene()
        self._on_playback()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_checked_text()
            self._fix_tempo_size()

    def _fix_tempo_size(self) -> None:
        """Frequency and thrust take the same room, so grade V moves nothing in the row."""
        if not hasattr(self, "tempo_stack"):
            return
        metrics = QFontMetrics(self.font())
        widest = max(metrics.horizontalAdvance(t) for t in ("Frequency", "Thrust"))
        self.frequency_label.setFixedWidth(widest + 6)
        boxes = (self.frequency_box, self.thrust_box)
        self.tempo_stack.setFixedSize(
            max(b.sizeHint().width() for b in boxes), max(b.sizeHint().height() for b in boxes)
        )

    def _fit_checked_text(self) -> None:
        """A checked button's text turns bold: make room for it, so it never clips."""
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        for b in (*self.limited_buttons.buttons(), self.slow_button):
            b.setMinimumWidth(metrics.horizontalAdvance(b.text()) + 28)

    def close_models(self) -> None:
        self.sim.unsubscribe(self._on_scene)
        self.sim.unsubscribe(self._on_playback)
        self.lecture.unsubscribe(self._on_lecture)

    # ------------------------------------------------------------ build
    def _build(self) -> None:
        sim = self.sim
        self.joint_box = _combo(
            [(f"{j.name}: {j.motion}", j.id) for j in self.library.joints.values()],
            "Joint preset (N / Shift+N: next / previous)",
        )
        self.joint_box.currentIndexChanged.connect(self._joint_picked)
        self.grade_buttons = QButtonGroup(self)
        for grade in Grade:
            b = no_focus(QPushButton(grade.label))
            b.setCheckable(True)
            b.setToolTip(f"Grade {grade.label} (key {grade.value})")
            b.setMinimumWidth(44)
            self.grade_buttons.addButton(b, grade.value)
        self.grade_buttons.idClicked.connect(lambda gid: sim.set_grade(Grade(gid)))
        self.modifier_buttons = QButtonGroup(self)
        for i, modifier in enumerate(Modifier):
            b = no_focus(QPushButton(modifier.symbol or "·"))
            b.setCheckable(True)
            b.setToolTip(f"III/IV to {modifier.depth:.0%} of R1–L")
            self.modifier_buttons.addButton(b, i)
        self.modifier_buttons.idClicked.connect(lambda i: sim.set_modifier(list(Modifier)[i]))
        # Short names keep the panel within 1024 px at ×1.5; the full title is the tooltip.
        self.convention_box = _combo(
            [(c.value.capitalize(), c.value) for c in Convention],
            "Grading convention: where each grade sits in the range",
        )
        for i, c in enumerate(Convention):
            self.convention_box.setItemData(i, c.title, Qt.ItemDataRole.ToolTipRole)
        # Wide enough for its longest title, no wider (the panel must fit 1024 px).
        self.convention_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.convention_box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.convention_box.currentIndexChanged.connect(
            lambda _: sim.set_convention(Convention(self.convention_box.currentData()))
        )
        self.limit_slider = _slider(
            MIN_LIMIT_FRACTION, "Available limit L, % of the normal range (L: stiff/normal)"
        )
        self.limit_slider.valueChanged.connect(self._condition_moved)
        self.limit_label = QLabel()
        self.r1_slider = _slider(
            MIN_RESISTANCE_FRACTION, "Resistance onset R1, % of the available range"
        )
        self.r1_slider.valueChanged.connect(self._condition_moved)
        self.r1_label = QLabel()
        self.limited_buttons = QButtonGroup(self)
        for factor in LimitingFactor:
            b = no_focus(QPushButton(factor.value))
            b.setCheckable(True)
            b.setToolTip(f"What stops the movement at L: {factor.value} (the diagram's R2 or P2)")
            self.limited_buttons.addButton(b, list(LimitingFactor).index(factor))
        self.limited_buttons.idClicked.connect(self._limited_by_picked)
        self.p1_slider = QSlider(Qt.Orientation.Horizontal)
        self.p1_slider.setRange(0, 100)
        self.p1_slider.setToolTip("Pain onset P1, % of the available range (far left: no pain)")
        self.p1_slider.valueChanged.connect(self._condition_moved)
        self.p1_label = QLabel()
        self.normal_button = no_focus(QPushButton())
        self.normal_button.clicked.connect(self.toggle_stiff)
        self.frequency_box = _spin(
            FREQUENCY_RANGE, 0.1, "Oscillation frequency (0.5–3 Hz)", suffix=" Hz"
        )
        self.frequency_box.valueChanged.connect(self._frequency_changed)
        self.frequency_label = QLabel("Frequency")
        self.thrust_box = _spin(
            THRUST_PERIOD_RANGE,
            0.5,
            "Grade V: one thrust, repeated every … seconds in demos",
            "every ",
            " s",
        )
        self.thrust_box.valueChanged.connect(sim.set_thrust_period)
        self.play_button = no_focus(QPushButton())
        self.play_button.setToolTip("Play / pause (Space)")
        self.play_button.clicked.connect(sim.toggle_playing)
        self.step_button = no_focus(QPushButton("Step ▸"))
        self.step_button.setToolTip("One step while paused (→)")  # the screen connects it
        self.slow_button = no_focus(QPushButton("Slow motion ×¼"))
        self.slow_button.setCheckable(True)
        self.slow_button.setToolTip("Slow motion ×¼ (S)")
        self.slow_button.clicked.connect(sim.toggle_slow)
        self.restart_button = no_focus(QPushButton("Restart"))
        self.restart_button.setToolTip("Restart the motion (R)")
        self.restart_button.clicked.connect(sim.restart)
        self.reset_button = no_focus(QPushButton("Reset all"))
        self.reset_button.setToolTip("Back to the defaults (Shift+R)")
        self.reset_button.clicked.connect(sim.reset_all)

    def _layout(self) -> None:
        rows = QVBoxLayout(self)
        rows.setContentsMargins(10, 6, 10, 6)
        rows.setSpacing(4)
        row0, row1, pain_row, row2 = QHBoxLayout(), QHBoxLayout(), QHBoxLayout(), QHBoxLayout()
        pain_row.addWidget(QLabel("Limited by"))
        for b in self.limited_buttons.buttons():
            pain_row.addWidget(b)
        pain_row.addSpacing(12)
        pain_row.addWidget(self.p1_label)
        pain_row.addWidget(self.p1_slider, 1)
        row0.addWidget(QLabel("Joint"))
        row0.addWidget(self.joint_box, 2)
        row0.addSpacing(12)
        row0.addWidget(QLabel("Grade"))
        for b in (*self.grade_buttons.buttons(), *self.modifier_buttons.buttons()):
            row0.addWidget(b)
        row0.addSpacing(12)
        row0.addWidget(QLabel("Convention"))
        row0.addWidget(self.convention_box)
        for w, stretch in (
            (self.limit_label, 0),
            (self.limit_slider, 1),
            (self.r1_label, 0),
            (self.r1_slider, 1),
        ):
            row1.addWidget(w, stretch)
        row1.addSpacing(12)
        # Frequency and thrust share one place: grade V swaps the page, and the row
        # keeps its size (showing one and hiding the other would lay the window out).
        self.tempo_stack = QStackedWidget()
        for box in (self.frequency_box, self.thrust_box):
            self.tempo_stack.addWidget(box)
        self._fix_tempo_size()
        row1.addWidget(self.frequency_label)
        row1.addWidget(self.tempo_stack)
        # "Make stiff" ends the pain row, the shortest: the panel fits 1024 px at large text.
        pain_row.addSpacing(12)
        pain_row.addWidget(self.normal_button)
        for b in (
            self.play_button,
            self.step_button,
            self.slow_button,
            self.restart_button,
            self.reset_button,
        ):
            row2.addWidget(b)
        for row in (row0, row1, pain_row, row2):
            rows.addLayout(row)

    # ------------------------------------------------------------ model → widgets
    def _on_scene(self) -> None:
        sim = self.sim
        c = sim.condition
        blockers = [
            QSignalBlocker(w)
            for w in (
                self.joint_box,
                self.grade_buttons,
                self.modifier_buttons,
                self.convention_box,
                self.limit_slider,
                self.r1_slider,
                self.p1_slider,
                self.limited_buttons,
                self.frequency_box,
                self.thrust_box,
            )
        ]
        self.grade_buttons.button(sim.grade.value).setChecked(True)
        for i, b in enumerate(self.modifier_buttons.buttons()):
            b.setEnabled(sim.grade.takes_modifier)
            b.setChecked(list(Modifier)[i] is sim.choice.modifier)
        if sim.frequency is not None and sim.frequency != self.frequency_box.value():
            self.frequency_box.setValue(sim.frequency)  # each grade has its own
        placed = (sim.joint.id, c, sim.convention, sim.thrust_period)
        if placed == self._placed:  # a grade key: the rest of the panel stays as it is
            del blockers
            self._on_lecture()
            return
        self._placed = placed
        self.joint_box.setCurrentIndex(self.joint_box.findData(sim.joint.id))
        self.convention_box.setCurrentIndex(self.convention_box.findData(sim.convention.value))
        self.limit_slider.setValue(round(c.limit_fraction * 100))
        self.r1_slider.setValue(round(c.resistance_fraction * 100))
        pain = c.pain_fraction
        self.p1_slider.setValue(0 if pain is None else max(1, round(pain * 100)))
        self.limited_buttons.button(list(LimitingFactor).index(c.limiting_factor)).setChecked(True)
        self.thrust_box.setValue(sim.thrust_period)
        del blockers
        self.limit_label.setText(
            f"L = {fmt_deg(c.available_limit)}" + (" (stiff)" if c.is_stiff else " (normal)")
        )
        self.r1_label.setText(f"R1 = {fmt_deg(c.resistance_onset)}")
        pain = "no pain (P1)" if c.pain_onset is None else f"P1 = {fmt_deg(c.pain_onset)}"
        self.p1_label.setText(pain)
        self.normal_button.setText("Make normal  (L)" if c.is_stiff else "Make stiff  (L)")
        self.normal_button.setToolTip(
            "Reset L to B and R1 to the preset"
            if c.is_stiff
            else "A typical stiff joint: L at 70 % of the normal range"
        )
        self._on_lecture()

    def _on_playback(self) -> None:
        sim = self.sim
        self.play_button.setText("Pause ❚❚" if sim.playing else "Play ▶")
        self.step_button.setEnabled(not sim.playing)
        with QSignalBlocker(self.slow_button):
            self.slow_button.setChecked(sim.speed < 1)

    def _on_lecture(self) -> None:
        """Hidden labels hide whatever names the grade or gives its tempo away."""
        visible = self.lecture.labels_visible
        resistance = self.sim.convention is Convention.RESISTANCE
        for b in self.grade_buttons.buttons():
            b.setVisible(visible)
        for b in self.modifier_buttons.buttons():
            b.setVisible(resistance and visible)
        thrust = self.sim.grade.is_thrust
        self.frequency_label.setText("Thrust" if thrust else "Frequency")
        self.frequency_label.setVisible(visible)
        tempo = self.thrust_box if thrust else self.frequency_box
        if self.tempo_stack.currentWidget() is not tempo:
            self.tempo_stack.setCurrentWidget(tempo)
        self.tempo_stack.setVisible(visible)

    # ------------------------------------------------------------ widgets → model
    def _joint_picked(self, index: int) -> None:
        if index >= 0:
            self.sim.set_joint(self.library.get(self.joint_box.itemData(index)))

    def _condition_moved(self) -> None:
        c = self.sim.condition
        pain = self.p1_slider.value() / 100 or None  # far left: no pain
        factor = c.limiting_factor if pain is not None else LimitingFactor.RESISTANCE
        self._set_condition(pain, factor)

    def _limited_by_picked(self, index: int) -> None:
        factor = list(LimitingFactor)[index]
        pain = self.sim.condition.pain_fraction
        if factor is LimitingFactor.PAIN and pain is None:
            pain = DEFAULT_PAIN_FRACTION  # pain-limited needs a P1
        self._set_condition(pain, factor)

    def _set_condition(self, pain: float | None, factor: LimitingFactor) -> None:
        lf, rf = self.limit_slider.value() / 100, self.r1_slider.value() / 100
        try:
            condition = Condition.from_fractions(self.sim.joint, lf, rf, pain, factor)
        except ConditionError:  # e.g. P1 outside A–L: keep the last valid condition
            self._placed = None  # the sliders moved: put them back
            self._on_scene()
            return
        self.sim.set_condition(condition)

    def _frequency_changed(self, value: float) -> None:
        if not self.sim.grade.is_thrust:
            self.sim.set_frequency(value)

    def toggle_stiff(self) -> None:
        """L: a normal joint becomes typically stiff; a stiff one normal."""
        joint = self.sim.joint
        if self.sim.condition.is_stiff:
            self.sim.set_condition(joint.normal_condition())
        else:
            self.sim.set_condition(Condition.typical_stiff(joint))
