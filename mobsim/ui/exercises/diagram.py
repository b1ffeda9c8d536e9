"""Build-the-diagram: read a case, place R1, L, P1 (and P′) on an empty diagram, mark it.

Every handle is dragged with the mouse or moved with the keys (R, L, P, Shift+P
select; arrows move). Marking (`mobsim.quiz.diagram_task.mark`) decides; this view
only places handles and draws the case's diagram over the student's afterwards.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from mobsim.content.cases import CaseAnswer
from mobsim.quiz.diagram_task import (
    DiagramMarking,
    DiagramTask,
    StudentDiagram,
    clamp_to_range,
    mark,
)
from mobsim.ui.theme import Theme
from mobsim.ui.widgets.range_plot import RangePlot, pen, qcolor

HANDLES = ("R1", "L", "P1", "P′")
KEY_STEP = 1.0  # degrees (or mm / 10) per arrow press; Shift: 5×
INTENSITY_STEP = 0.05
START_PAIN_AT_LIMIT = 0.5


class DiagramCanvas(RangePlot):
    """The diagram: A–B on x, intensity 0–1 (the top line) on y; handles and the key."""

    handle_moved = Signal(str)

    def __init__(self, theme: Theme, parent=None):
        super().__init__(theme, parent)
        self.setLabel("left", "intensity")
        self.getAxis("left").setTicks([[(0, "0"), (1, "top")]])
        self.setYRange(0, 1.25, padding=0)
        self.top = pg.InfiniteLine(angle=0, pos=1.0, movable=False)
        self.addItem(self.top, ignoreBounds=True)
        self.lines: dict[str, pg.InfiniteLine] = {}
        for name in ("R1", "L", "P1"):
            line = pg.InfiniteLine(angle=90, movable=True)
            line.label = pg.InfLineLabel(line, name, position=0.93, anchors=[(0, 0), (0, 0)])
            line.sigPositionChanged.connect(lambda _=None, n=name: self._moved(n))
            self.addItem(line, ignoreBounds=True)
            self.lines[name] = line
        self.pain_at_limit = pg.TargetItem(movable=True, size=16, label="P′")
        self._target_text = "P′"
        self.pain_at_limit.sigPositionChanged.connect(lambda _=None: self._moved("P′"))
        self.addItem(self.pain_at_limit, ignoreBounds=True)
        self.student_curves = {k: pg.PlotCurveItem() for k in ("resistance", "pain")}
        self.key_curves = {k: pg.PlotCurveItem() for k in ("resistance", "pain")}
        self.key_lines = {n: pg.InfiniteLine(angle=90, movable=False) for n in ("R1", "L", "P1")}
        for item in [*self.student_curves.values(), *self.key_curves.values()]:
            self.addItem(item, ignoreBounds=True)
        for height, (name, line) in zip((0.05, 0.13, 0.21), self.key_lines.items(), strict=True):
            line.label = pg.InfLineLabel(
                line, f"case {name}", position=height, anchors=[(0, 1), (0, 1)]
            )
            self.addItem(line, ignoreBounds=True)
        self._syncing = False
        self.apply_theme(theme)
        self.show_key(None)

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        colours = {"R1": theme.resistance, "L": theme.available_range, "P1": theme.pain}
        for name, line in self.lines.items():
            line.setPen(pen(colours[name], theme.line_width * 1.5))
            line.setHoverPen(pen(colours[name], theme.line_width * 3))
            line.label.setColor(qcolor(colours[name]))
            line.label.setFont(self.font(1.0, bold=True))  # the handles' names, at lecture size
        self.top.setPen(pen(theme.muted_text, 1, Qt.PenStyle.DashLine))
        self.student_curves["resistance"].setPen(pen(theme.resistance, theme.line_width * 1.5))
        self.student_curves["pain"].setPen(pen(theme.pain, theme.line_width * 1.5))
        for kind, colour in (("resistance", theme.resistance), ("pain", theme.pain)):
            self.key_curves[kind].setPen(pen(colour, theme.line_width, Qt.PenStyle.DotLine))
        for line in self.key_lines.values():
            line.setPen(pen(theme.muted_text, 1, Qt.PenStyle.DotLine))
            line.label.setColor(qcolor(theme.muted_text))
            line.label.setFont(self.font(0.9))
        target = self.pain_at_limit
        target.setPen(pen(theme.pain, theme.line_width))
        target.setHoverPen(pen(theme.pain, theme.line_width * 2))
        target.setBrush(pg.mkBrush(qcolor(theme.pain, 90)))
        self._name_target(self._target_text)

    def _name_target(self, text: str) -> None:
        """P′'s name beside its point, in the theme's colour and size (pyqtgraph makes a
        new label each time the text changes)."""
        self._target_text = text
        self.pain_at_limit.setLabel(text, {"color": qcolor(self.theme.pain)})
        self.pain_at_limit.label().setFont(self.font(1.0, bold=True))

    def set_range(self, start: float, normal_end: float, unit: str) -> None:
        span = normal_end - start
        self.setXRange(start - 0.03 * span, normal_end + 0.03 * span, padding=0)
        self.setLabel("bottom", f"range of motion, A = {start:g}{unit} to B = {normal_end:g}{unit}")
        for line in self.lines.values():
            line.setBounds((start, normal_end))

    def _moved(self, name: str) -> None:
        if not self._syncing:
            self.handle_moved.emit(name)

    def place(self, name: str, value: float | tuple[float, float]) -> None:
        """Move a handle without reporting it as the student's drag."""
        self._syncing = True
        try:
            if name == "P′":
                self.pain_at_limit.setPos(value)
            else:
                self.lines[name].setValue(value)
        finally:
            self._syncing = False

    def highlight(self, name: str) -> None:
        """The handle the keys move is drawn thicker, and named in its label."""
        for handle, line in self.lines.items():
            width = self.theme.line_width * (3.0 if handle == name else 1.5)
            line.setPen(pen(line.pen.color().name(), width))
            line.label.setFormat(f"[{handle}]" if handle == name else handle)
        self._name_target("[P′]" if name == "P′" else "P′")

    def handle_value(self, name: str) -> float:
        if name == "P′":
            return float(self.pain_at_limit.pos().y())
        return float(self.lines[name].value())

    def draw_student(self, d: StudentDiagram) -> None:
        _curves(
            self.student_curves,
            d.resistance_onset,
            d.limit,
            d.pain_onset,
            d.limiting_factor,
            d.pain_at_limit,
        )

    def show_key(self, task: DiagramTask | None) -> None:
        visible = task is not None
        for item in [*self.key_curves.values(), *self.key_lines.values()]:
            item.setVisible(visible)
        if task is None:
            return
        k = task.key
        self.key_lines["R1"].setValue(k.resistance_onset_deg)
        self.key_lines["L"].setValue(k.limit_deg)
        self.key_lines["P1"].setValue(k.pain_onset_deg if k.pain_onset_deg is not None else 0)
        self.key_lines["P1"].setVisible(k.pain_onset_deg is not None)
        _curves(
            self.key_curves,
            k.resistance_onset_deg,
            k.limit_deg,
            k.pain_onset_deg,
            k.limiting_factor,
            k.pain_at_limit,
        )


def _curves(curves, r1, limit, p1, factor, pain_at_limit) -> None:
    """The limiting factor reaches the top line at L; pain that does not limit ends at P′."""
    if factor == "resistance":
        curves["resistance"].setData([r1, limit], [0, 1])
        if p1 is not None:
            curves["pain"].setData([p1, limit], [0, pain_at_limit or 0.0])
        else:
            curves["pain"].setData([], [])
    else:
        curves["pain"].setData([p1 if p1 is not None else limit, limit], [0, 1])
        curves["resistance"].setData([], [])


def _notice_line(notices: list[str]) -> str:
    """One line for the cases left out (each one is in the tooltip)."""
    if not notices:
        return ""
    if len(notices) == 1:
        return notices[0]
    return (
        f"{len(notices)} cases have no movement diagram in the case data, so they are not "
        "offered here (hover for the list)."
    )


class DiagramPanel(QWidget):
    """The exercise: the case text, the diagram, the choices, and the marking."""

    marked = Signal(object)  # (DiagramTask, DiagramMarking), for the history

    def __init__(self, theme: Theme, tasks: list[DiagramTask], notices: list[str]):
        super().__init__()
        self.theme = theme
        self.tasks = tasks
        self.notices = notices
        self.index = 0
        self.selected = "R1"
        self.marking: DiagramMarking | None = None
        self._built = False  # choices fire signals while they are being made
        self._build(theme)
        self._built = True
        self.show_task(0)

    # ------------------------------------------------------------ build
    def _build(self, theme: Theme) -> None:
        self.case_text = QLabel()
        self.case_text.setWordWrap(True)
        self.case_text.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.notice = QLabel(_notice_line(self.notices))
        self.notice.setToolTip("\n".join(self.notices))
        self.notice.setWordWrap(True)
        self.notice.setObjectName("notice")
        self.canvas = DiagramCanvas(theme)
        self.canvas.handle_moved.connect(self._dragged)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.no_pain = QCheckBox("No pain in this movement")
        self.no_pain.toggled.connect(self._changed)
        self.factor_group = QButtonGroup(self)
        self.factor_buttons = {}
        factors = QHBoxLayout()
        factors.addWidget(QLabel("Limited by:"))
        for factor in ("resistance", "pain"):
            button = QRadioButton(factor)
            self.factor_group.addButton(button)
            self.factor_buttons[factor] = button
            button.toggled.connect(self._changed)
            factors.addWidget(button)
        self.factor_buttons["resistance"].setChecked(True)
        self.management_group = QButtonGroup(self)
        self.management_buttons = {}
        management = QVBoxLayout()
        management.addWidget(QLabel("Management:"))
        for answer in CaseAnswer:
            button = QRadioButton(f"{answer.key}  {answer.label}")
            self.management_group.addButton(button)
            self.management_buttons[answer] = button
            management.addWidget(button)
        self.mark_button = QPushButton("Mark (Enter)")
        self.mark_button.clicked.connect(self.mark)
        self.next_button = QPushButton("Next case (N)")
        self.next_button.clicked.connect(self.next_task)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.help = QLabel(
            "Drag the lines R1, L, P1 and the point P′ (pain at L), or select one with "
            "R, L, or [ and ] and move it with the arrow keys (Shift: ×5). F: limiting "
            "factor; 0: no pain; 1–6: management; Enter: mark; N: next case."
        )
        self.help.setWordWrap(True)

        side = QVBoxLayout()
        side.addWidget(self.case_text, 1)
        side.addLayout(factors)
        side.addWidget(self.no_pain)
        side.addLayout(management)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mark_button)
        buttons.addWidget(self.next_button)
        side.addLayout(buttons)
        left = QVBoxLayout()
        left.addWidget(self.canvas, 3)
        left.addWidget(self.result, 2)
        grid = QGridLayout(self)
        grid.addWidget(self.notice, 0, 0, 1, 2)
        grid.addLayout(left, 1, 0)
        grid.addLayout(side, 1, 1)
        grid.addWidget(self.help, 2, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        self.notice.setVisible(bool(self.notices))

    # ------------------------------------------------------------ task
    @property
    def task(self) -> DiagramTask | None:
        return self.tasks[self.index] if self.tasks else None

    def show_task(self, index: int) -> None:
        self.marking = None
        self.canvas.show_key(None)
        self.result.setText("")
        if not self.tasks:
            self.case_text.setText(
                "No case carries movement-diagram numbers yet, so there is nothing to draw."
            )
            self.canvas.setEnabled(False)
            self.mark_button.setEnabled(False)
            return
        self.index = index % len(self.tasks)
        task = self.task
        joint = task.joint
        unit = " mm" if getattr(joint, "unit", "deg") == "mm" else "°"
        self.case_text.setText(
            f"<b>Case {self.index + 1} of {len(self.tasks)}: {joint.name}, {joint.motion}</b>"
            f"<p>{task.text}</p>"
        )
        self.canvas.set_range(joint.start, joint.normal_end, unit)
        # An empty diagram: the handles wait in a neutral row, not at any answer.
        span = joint.normal_range
        for name, share in (("R1", 0.3), ("P1", 0.15), ("L", 0.95)):
            self.canvas.place(name, joint.start + share * span)
        self.canvas.place("P′", (joint.start + 0.95 * span, START_PAIN_AT_LIMIT))
        self.no_pain.setChecked(False)
        self.factor_buttons["resistance"].setChecked(True)
        self.management_group.setExclusive(False)
        for button in self.management_buttons.values():
            button.setChecked(False)
        self.management_group.setExclusive(True)
        self._changed()

    def next_task(self) -> None:
        self.show_task(self.index + 1)

    # ------------------------------------------------------------ editing
    def select(self, name: str) -> None:
        self.selected = name
        self._changed()

    def cycle(self, step: int) -> None:
        """Select the next (or previous) handle that is on show."""
        shown = [h for h in HANDLES if self._handle_shown(h)]
        i = shown.index(self.selected) if self.selected in shown else -1
        self.select(shown[(i + step) % len(shown)])

    def _handle_shown(self, name: str) -> bool:
        if name == "P1":
            return not self.no_pain.isChecked()
        if name == "P′":
            return not self.no_pain.isChecked() and self.factor_buttons["resistance"].isChecked()
        return True

    def toggle_factor(self) -> None:
        other = "pain" if self.factor_buttons["resistance"].isChecked() else "resistance"
        self.choose_factor(other)

    def toggle_no_pain(self) -> None:
        self.no_pain.setChecked(not self.no_pain.isChecked())

    def nudge(self, steps: float) -> None:
        """Move the selected handle: positions by degrees, P′ by intensity."""
        if self.task is None:
            return
        if self.selected == "P′":
            y = min(max(self.canvas.handle_value("P′") + steps * INTENSITY_STEP, 0.0), 1.0)
            self.canvas.place("P′", (self.canvas.handle_value("L"), y))
        else:
            value = clamp_to_range(
                self.task, self.canvas.handle_value(self.selected) + steps * KEY_STEP
            )
            self.canvas.place(self.selected, value)
        self._changed()

    def choose_management(self, answer: CaseAnswer) -> None:
        self.management_buttons[answer].setChecked(True)

    def choose_factor(self, factor: str) -> None:
        self.factor_buttons[factor].setChecked(True)

    def _dragged(self, name: str) -> None:
        self.selected = name
        self._changed()

    def _changed(self, *_args) -> None:
        if self.task is None or not self._built:
            return
        # L carries P′ with it: the point sits on the L line.
        limit = self.canvas.handle_value("L")
        y = min(max(self.canvas.handle_value("P′"), 0.0), 1.0)
        self.canvas.place("P′", (limit, y))
        d = self.student()
        self.canvas.lines["P1"].setVisible(d.pain_onset is not None)
        self.canvas.pain_at_limit.setVisible(
            d.pain_onset is not None and d.limiting_factor == "resistance"
        )
        self.canvas.draw_student(d)
        self.canvas.highlight(self.selected)

    def student(self) -> StudentDiagram:
        factor = "pain" if self.factor_buttons["pain"].isChecked() else "resistance"
        pain = None if self.no_pain.isChecked() else self.canvas.handle_value("P1")
        chosen = next((a for a, b in self.management_buttons.items() if b.isChecked()), None)
        return StudentDiagram(
            resistance_onset=self.canvas.handle_value("R1"),
            limit=self.canvas.handle_value("L"),
            pain_onset=pain,
            limiting_factor=factor,
            pain_at_limit=self.canvas.handle_value("P′") if pain is not None else None,
            management=chosen,
        )

    # ------------------------------------------------------------ marking
    def mark(self) -> DiagramMarking | None:
        if self.task is None:
            return None
        self.marking = mark(self.task, self.student())
        self.canvas.show_key(self.task)
        items = "".join(
            f"<li>{'✓' if m.passed else '✗'} {m.explanation}</li>"
            for m in self.marking.marks.values()
        )
        self.result.setText(
            f"<b>{self.marking.passed} of {len(self.marking.marks)} right</b>"
            f"<ul>{items}</ul><p><i>Case diagram: {self.marking.source}</i></p>"
        )
        self.marked.emit((self.task, self.marking))
        return self.marking

    # ------------------------------------------------------------ keys
    _SELECT = {Qt.Key.Key_R: "R1", Qt.Key.Key_L: "L"}

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """The panel's keys when it is used on its own (the screen declares the same ones
        as QActions)."""
        key, mods = event.key(), event.modifiers()
        factor = 5.0 if mods & Qt.KeyboardModifier.ShiftModifier else 1.0
        if key in self._SELECT:
            self.select(self._SELECT[key])
        elif key in (Qt.Key.Key_BracketRight, Qt.Key.Key_BracketLeft):
            self.cycle(1 if key == Qt.Key.Key_BracketRight else -1)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Up):
            self.nudge(+factor)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Down):
            self.nudge(-factor)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.mark()
        elif key == Qt.Key.Key_N:
            self.next_task()
        elif key == Qt.Key.Key_F:
            self.toggle_factor()
        elif key == Qt.Key.Key_0:
            self.toggle_no_pain()
        elif (answer := CaseAnswer.from_key(event.text())) is not None:
            self.choose_management(answer)
        else:
            super().keyPressEvent(event)
