"""Maitland's movement diagram: range on x, intensity on y (A up to the top line)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem

from mobsim.model.curves import resistance_curve
from mobsim.model.grades import Band
from mobsim.model.joints import Condition, JointSpec
from mobsim.ui.theme import Theme
from mobsim.ui.widgets.range_plot import Markers, RangePlot, pen, qcolor

BEAD_PX = 16
BAR_Y = 0.12  # height of the grade bar (and the live bead) on the diagram
TAG_Y = 1.34  # top of the diagram: marker letters hang down from here, above R2 / max


class MovementDiagram(RangePlot):
    """Maitland's movement diagram: range on x, resistance intensity on y (A–C)."""

    def __init__(self, theme: Theme, parent=None):
        super().__init__(theme, parent)
        self.setLabel("left", "resistance")
        self.setLabel("bottom", "range of motion (°)")
        self.setYRange(0, TAG_Y, padding=0)
        self.getAxis("left").setTicks([[(0, "0"), (1, "R2")]])
        self.lost = pg.LinearRegionItem(movable=False, orientation="vertical")
        self.lost_label = pg.TextItem("lost range", anchor=(0.5, 0))
        self.band = pg.LinearRegionItem(movable=False, orientation="vertical")
        self.band_bar = pg.PlotCurveItem()
        self.band_label = pg.TextItem("", anchor=(0.5, 1))  # sits on the grade bar
        self.resistance = pg.PlotCurveItem()
        self.top_line = pg.InfiniteLine(angle=0, pos=1.0, movable=False)
        for item in (self.lost, self.band):
            for edge in item.lines:
                edge.setPen(pg.mkPen(None))
            self.addItem(item, ignoreBounds=True)
        for item in (
            self.band_bar,
            self.resistance,
            self.top_line,
            self.band_label,
            self.lost_label,
        ):
            self.addItem(item, ignoreBounds=True)
        self.line_a = self._line(0, theme.muted_text, label="A")
        self.line_r1 = self._line(0, theme.resistance, Qt.PenStyle.DashLine, "R1")
        self.line_l = self._line(0, theme.available_range, label="L")
        self.line_b = self._line(0, theme.normal_range, Qt.PenStyle.DotLine, "B")
        self.line_p1 = self._line(0, theme.pain, Qt.PenStyle.DashDotLine, "P1")
        # The live angle is a bead riding on the grade bar: a small plain Qt item
        # (moved, never rebuilt), so a frame repaints a few pixels, not a full-height line.
        self.needle = QGraphicsEllipseItem(-BEAD_PX / 2, -BEAD_PX / 2, BEAD_PX, BEAD_PX)
        self.needle.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.needle.setZValue(10)
        self.addItem(self.needle, ignoreBounds=True)
        self._band_visible = True
        self._labels_visible = True
        self.apply_theme(theme)

    def set_labels_visible(self, visible: bool) -> None:
        self._labels_visible = visible
        self.band_label.setVisible(visible and self._band_visible)

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        self.lost.setBrush(pg.mkBrush(qcolor(theme.lost_range, 70)))
        self.lost_label.setColor(qcolor(theme.muted_text))
        self.lost_label.setFont(self.font())
        self.resistance.setPen(pen(theme.resistance, theme.line_width * 1.5))
        self.top_line.setPen(pen(theme.muted_text, 1, Qt.PenStyle.DashLine))
        self.band_label.setFont(self.font(1.5, bold=True))
        self._style_line(self.line_a, theme.muted_text)
        self._style_line(self.line_r1, theme.resistance, Qt.PenStyle.DashLine)
        self._style_line(self.line_l, theme.available_range)
        self._style_line(self.line_b, theme.normal_range, Qt.PenStyle.DotLine)
        self._style_line(self.line_p1, theme.pain, Qt.PenStyle.DashDotLine)
        self.needle.setPen(QPen(qcolor(theme.background), 2))
        self.needle.setBrush(QBrush(qcolor(theme.needle)))

    def set_scene(
        self, joint: JointSpec, condition: Condition, band: Band | None, markers: Markers
    ) -> None:
        a, b, lim, r1 = (
            condition.start,
            condition.normal_end,
            condition.available_limit,
            condition.resistance_onset,
        )
        span = b - a
        self.setXRange(a - 0.03 * span, b + joint.margin + 0.03 * span, padding=0)
        self.lost.setRegion((lim, b))
        self.lost.setVisible(condition.is_stiff and markers.l)
        self.lost_label.setPos((lim + b) / 2, 0.55)
        self.lost_label.setVisible(condition.is_stiff and markers.l and (b - lim) > 0.12 * span)
        # The model decides the curve's shape (mobsim.model.curves).
        x = np.linspace(r1, lim, 40)
        self.resistance.setData(x, resistance_curve(condition, x))
        self.resistance.setVisible(markers.r1)
        self._place(self.line_a, a, markers.a, TAG_Y)
        self._place(self.line_r1, r1, markers.r1, TAG_Y)
        self._place(self.line_l, lim, markers.l, TAG_Y)
        self._place(self.line_b, b, markers.b and condition.is_stiff, TAG_Y)
        self.line_l.tag.setText("L = B" if not condition.is_stiff else "L")
        p1 = condition.pain_onset
        self._place(
            self.line_p1, p1 if p1 is not None else a, p1 is not None and markers.p1, TAG_Y - 0.25
        )
        self.set_band(band)

    def set_band(self, band: Band | None) -> None:
        self._band_visible = band is not None
        for item in (self.band, self.band_bar):
            item.setVisible(band is not None)
        self.band_label.setVisible(band is not None and self._labels_visible)
        if band is None:
            return
        colour = self.theme.grade_colour(band.grade)
        self.band.setBrush(pg.mkBrush(qcolor(colour, self.theme.band_alpha)))
        self.band.setRegion((band.low, band.high))
        # Maitland draws a grade as a bar along the range at its place and size.
        self.band_bar.setData([band.low, band.high], [BAR_Y, BAR_Y])
        self.band_bar.setPen(pen(colour, self.theme.line_width * 3))
        self.band_label.setText(band.choice.display)
        self.band_label.setColor(qcolor(colour))
        self.band_label.setPos(band.centre, 0.16)

    def band_region(self) -> tuple[float, float] | None:
        return tuple(self.band.getRegion()) if self._band_visible else None

    def set_angle(self, angle: float) -> None:
        self.needle.setPos(angle, BAR_Y)

    def needle_angle(self) -> float:
        return float(self.needle.pos().x())
