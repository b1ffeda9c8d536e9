"""Compare views for lectures.

- All grades: five small joints animating I–V at once, and one movement
  diagram with the five bands stacked on one shared range axis.
- Normal vs stiff: the same grade on a normal and on a stiff joint side by
  side, showing that the grade moves with L.

Both read the simulation's clock and ask the model for bands and motions.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from mobsim.model import Condition, Grade, GradeChoice, band, motion_for
from mobsim.model.grades import Band, Modifier
from mobsim.model.motion import Motion
from mobsim.model.simulation import Simulation
from mobsim.ui.joint_view import JointView
from mobsim.ui.plots import Markers, _RangePlot, pen, qcolor
from mobsim.ui.theme import Theme


class StackedBands(_RangePlot):
    """One range axis; each row is one band drawn as a bar, with a live dot on it."""

    def __init__(self, theme: Theme, rows: int, parent=None):
        super().__init__(theme, parent)
        self.setLabel("bottom", "range of motion (°)")
        self.getAxis("left").setStyle(showValues=False)
        self.getAxis("left").setWidth(8)
        self.rows = rows
        self.setYRange(-0.5, rows + 0.1, padding=0)
        self.bars = [pg.PlotCurveItem() for _ in range(rows)]
        self.names = [pg.TextItem("", anchor=(1, 0.5)) for _ in range(rows)]
        self.dots = pg.ScatterPlotItem(size=14, pxMode=True)
        self.limits = [pg.PlotCurveItem() for _ in range(rows)]
        for item in (*self.bars, *self.names, *self.limits, self.dots):
            self.addItem(item, ignoreBounds=True)
        self.line_a = self._line(0, theme.muted_text, label="A")
        self.line_r1 = self._line(0, theme.resistance, Qt.PenStyle.DashLine, "R1")
        self.line_b = self._line(0, theme.normal_range, Qt.PenStyle.DotLine, "B")
        self.line_l = self._line(0, theme.available_range, label="L")
        self._row_y = np.arange(rows)[::-1].astype(float)  # first row at the top
        self._xs = np.zeros(rows)
        self.apply_theme(theme)

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        for name in self.names:
            name.setFont(self.font(1.1, bold=True))
        self._style_line(self.line_a, theme.muted_text)
        self._style_line(self.line_r1, theme.resistance, Qt.PenStyle.DashLine)
        self._style_line(self.line_b, theme.normal_range, Qt.PenStyle.DotLine)
        self._style_line(self.line_l, theme.available_range)
        self.dots.setPen(pen(theme.needle, 2))
        self.dots.setBrush(pg.mkBrush(qcolor(theme.needle)))

    def set_rows(
        self,
        start: float,
        end: float,
        margin: float,
        r1: float | None,
        rows: list[tuple[str, Band]],
        labels_visible: bool = True,
    ) -> None:
        """rows: (name, band) from top to bottom; each row's L is drawn as a tick."""
        span = end - start
        self.setXRange(start - 0.14 * span, end + margin + 0.03 * span, padding=0)
        top = self.rows + 0.1
        self.setYRange(-0.5, top, padding=0)
        self._place(self.line_a, start, True, top)
        limits = {b.limit for _, b in rows}
        shared = limits.pop() if len(limits) == 1 else None
        self._place(self.line_b, end, shared != end, top)
        self._place(self.line_r1, r1 if r1 is not None else start, r1 is not None, top)
        self._place(self.line_l, shared if shared is not None else start, shared is not None, top)
        if shared is not None:
            self.line_l.tag.setText("L = B" if shared == end else "L")
        for i, (name, b) in enumerate(rows):
            y = self._row_y[i]
            colour = self.theme.grade_colour(b.grade)
            self.bars[i].setData([b.low, b.high], [y, y])
            self.bars[i].setPen(pen(colour, max(self.theme.line_width * 4, 10)))
            self.limits[i].setData([b.limit, b.limit], [y - 0.35, y + 0.35])
            self.limits[i].setVisible(shared is None)  # one L for all rows: the line says it
            self.limits[i].setPen(pen(self.theme.available_range, self.theme.line_width))
            self.names[i].setText(name if labels_visible else "?")
            self.names[i].setColor(qcolor(colour))
            self.names[i].setPos(start - 0.02 * span, y)

    def band_rows(self) -> list[tuple[float, float]]:
        out = []
        for bar in self.bars:
            x, _ = bar.getData()
            out.append((float(x[0]), float(x[1])))
        return out

    def set_angles(self, angles: np.ndarray) -> None:
        self._xs[: len(angles)] = angles
        self.dots.setData(self._xs, self._row_y, skipFiniteCheck=True)


class _ComparePage(QWidget):
    """Shared frame: a title, a row of joint views, the stacked diagram."""

    def __init__(self, theme: Theme, columns: int, parent=None):
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("description")
        self.title.setWordWrap(True)
        self.views = [JointView(theme) for _ in range(columns)]
        for view in self.views:
            view.setMinimumSize(140, 150)  # five across must fit a 1024-px projector
            # Small views carry no text of their own: their captions and the shared
            # diagram below name everything, in type large enough for the back row.
            view.set_labels_visible(False)
        self.captions = [QLabel() for _ in range(columns)]
        self.diagram = StackedBands(theme, columns)
        grid = QGridLayout()
        for i, (view, caption) in enumerate(zip(self.views, self.captions, strict=True)):
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setObjectName("caption")
            grid.addWidget(caption, 0, i)
            grid.addWidget(view, 1, i)
            grid.setColumnStretch(i, 1)
        grid.setRowStretch(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(grid, 3)
        layout.addWidget(self.diagram, 2)
        self.motions: list[Motion] = []
        self.labels_visible = True

    def apply_theme(self, theme: Theme) -> None:
        for view in self.views:
            view.set_theme(theme)
        self.diagram.apply_theme(theme)

    def set_labels_visible(self, visible: bool) -> None:
        self.labels_visible = visible

    def render_frame(self, time: float) -> None:
        t = np.array([time])
        angles = np.array([m.angle(t)[0] for m in self.motions])
        for view, angle in zip(self.views, angles, strict=True):
            view.set_angle(float(angle))
        self.diagram.set_angles(angles)


class AllGradesPage(_ComparePage):
    """Grades I–V side by side on the current joint and condition."""

    def __init__(self, theme: Theme, parent=None):
        super().__init__(theme, len(Grade), parent)

    def set_scene(self, sim: Simulation, markers: Markers) -> None:
        bands = []
        for grade in Grade:
            modifier = sim.choice.modifier if grade.takes_modifier else Modifier.NONE
            bands.append(
                band(GradeChoice(grade, modifier), sim.joint, sim.condition, sim.convention)
            )
        self.motions = [
            motion_for(b, sim.frequencies.get(b.grade), sim.thrust_period) for b in bands
        ]
        c = sim.condition
        for view, caption, b in zip(self.views, self.captions, bands, strict=True):
            view.set_scene(sim.joint, c, b)
            caption.setText(f"Grade {b.choice.display}" if self.labels_visible else "Grade ?")
        self.title.setText(
            f"All grades · {sim.joint.motion} · available "
            f"{c.start:.0f}–{c.available_limit:.0f}° · {sim.convention.value}"
        )
        self.diagram.set_rows(
            c.start,
            c.normal_end,
            sim.joint.margin,
            c.resistance_onset if markers.r1 else None,
            [(f"{b.choice.display}", b) for b in bands],
            self.labels_visible,
        )


class NormalStiffPage(_ComparePage):
    """The current grade on a normal joint and on a stiff one."""

    def __init__(self, theme: Theme, parent=None):
        super().__init__(theme, 2, parent)

    def set_scene(self, sim: Simulation, markers: Markers) -> None:
        joint = sim.joint
        normal = joint.normal_condition()
        stiff = (
            Condition.for_joint(joint, sim.condition.available_limit)
            if sim.condition.is_stiff
            else Condition.typical_stiff(joint)
        )
        bands = [band(sim.choice, joint, c, sim.convention) for c in (normal, stiff)]
        self.motions = [motion_for(b, sim.frequency, sim.thrust_period) for b in bands]
        names = (
            f"normal joint (L = B = {normal.available_limit:.0f}°)",
            f"stiff joint (L = {stiff.available_limit:.0f}°)",
        )
        for view, caption, b, c, name in zip(
            self.views, self.captions, bands, (normal, stiff), names, strict=True
        ):
            view.set_scene(joint, c, b)
            caption.setText(name)
        grade = sim.choice.display if self.labels_visible else "?"
        self.title.setText(f"Grade {grade} moves with L: normal vs stiff {joint.motion}")
        self.diagram.set_rows(
            joint.start,
            joint.normal_end,
            joint.margin,
            None,
            [("normal", bands[0]), ("stiff", bands[1])],
            True,
        )
