"""Diagrams of an accessory technique: the movement diagram in mm (toe region or
classic), Kaltenborn's translation diagram (zones and stops), and force–displacement.

The curves come from the model (`accessory.resistance`, `force_n`); these only draw.
Each is a `StillScene`: its scene is painted once per scene change and a frame only
moves the bead (or, for the trace, draws the polyline) over that picture.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem

from mobsim.model.accessory import AccessoryTechnique, ResistanceModel, force_n, resistance
from mobsim.model.grades import Band, Grade
from mobsim.model.joints import Condition
from mobsim.model.kaltenborn import KaltenbornBand
from mobsim.ui.theme import Theme
from mobsim.ui.widgets.diagram import BEAD_PX, TAG_Y, MovementDiagram
from mobsim.ui.widgets.range_plot import Markers, RangePlot, pen, qcolor
from mobsim.ui.widgets.still_scene import StillScene
from mobsim.ui.widgets.trace_view import LiveTrace

CURVE_POINTS = 120


class GlideDiagram(MovementDiagram):
    """Maitland's movement diagram with mm on x; optionally Kaltenborn's zones."""

    def __init__(self, theme: Theme, parent=None):
        self.zones: list[pg.LinearRegionItem] = []
        super().__init__(theme, parent)
        self.setLabel("bottom", "translation (mm)")
        for _ in range(2):
            zone = pg.LinearRegionItem(movable=False, orientation="vertical")
            for edge in zone.lines:
                edge.setPen(pg.mkPen(None))
            zone.setZValue(-20)
            self.addItem(zone, ignoreBounds=True)
            self.zones.append(zone)
        self.zone_labels = [pg.TextItem("", anchor=(0.5, 0)) for _ in range(2)]
        for label in self.zone_labels:
            self.addItem(label, ignoreBounds=True)
        self.apply_theme(theme)

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        for zone, alpha in zip(self.zones, (35, 75), strict=False):
            zone.setBrush(pg.mkBrush(qcolor(theme.resistance, alpha)))
        for label in getattr(self, "zone_labels", []):
            label.setColor(qcolor(theme.muted_text))
            label.setFont(self.font(0.95))

    def show_technique(
        self,
        technique: AccessoryTechnique,
        condition: Condition,
        band: Band | KaltenbornBand | None,
        model: ResistanceModel,
        kaltenborn: bool,
        labels: bool,
        markers: Markers | None = None,
    ) -> None:
        """`markers`: which range markers to draw (all by default; a quiz question shows
        only its level's)."""
        markers = markers or Markers(a=True, r1=True, l=True, b=True, p1=True)
        maitland_band = band if isinstance(band, Band) else None
        self.set_scene(technique, condition, maitland_band, markers)
        x = np.linspace(condition.start, condition.available_limit, CURVE_POINTS)
        self.resistance.setData(x, resistance(x, condition, model))
        self.line_r1.tag.setText("first stop" if kaltenborn else "R1 (toe ends)")
        self.line_l.tag.setText("second stop" if kaltenborn else self.line_l.tag.toPlainText())
        a, r1, lim = condition.start, condition.resistance_onset, condition.available_limit
        for zone, label, (lo, hi), name in zip(
            self.zones,
            self.zone_labels,
            ((a, r1), (r1, lim)),
            ("slack zone", "transition zone"),
            strict=True,
        ):
            zone.setRegion((lo, hi))
            zone.setVisible(kaltenborn)
            label.setText(name)
            label.setPos(0.5 * (lo + hi), TAG_Y - 0.45)
            label.setVisible(kaltenborn and labels)
        if isinstance(band, KaltenbornBand):
            self._show_kaltenborn(band, labels)
        self.set_labels_visible(labels)

    def _show_kaltenborn(self, band: KaltenbornBand, labels: bool) -> None:
        """A Kaltenborn grade is a held position: a bar from its release to its hold."""
        colour = self.theme.grade_colour(Grade(band.grade.value))
        self._band_visible = True
        self.band.setRegion((band.low, band.high))
        self.band.setVisible(False)  # the zones are the shading here; the bar is the grade
        self.band_bar.setVisible(True)
        self.band_bar.setData([band.low, band.high], [0.12, 0.12])
        self.band_bar.setPen(pen(colour, self.theme.line_width * 3))
        self.band_label.setText(f"{band.grade.label} {band.grade.title}")
        self.band_label.setColor(qcolor(colour))
        self.band_label.setPos(0.5 * (band.low + band.high), -0.01)  # under its bar
        self.band_label.setVisible(labels)
        self.refresh_under()


class ForceDiagram(StillScene, RangePlot):
    """Force (N) against displacement (mm), resistance from the start (Petty 2002)."""

    def __init__(self, theme: Theme, parent=None):
        super().__init__(theme, parent)
        self.setLabel("left", "force (N)")
        self.setLabel("bottom", "displacement (mm)")
        self.curve = pg.PlotCurveItem()
        self.band_x = pg.LinearRegionItem(movable=False, orientation="vertical")
        self.band_y = pg.LinearRegionItem(movable=False, orientation="horizontal")
        for item in (self.band_x, self.band_y):
            for edge in item.lines:
                edge.setPen(pg.mkPen(None))
            self.addItem(item, ignoreBounds=True)
        self.addItem(self.curve)
        self.refs: list[tuple[pg.LinearRegionItem, pg.TextItem]] = []
        # A plain Qt item moved each frame (never rebuilt), as the diagram's bead.
        self.bead = QGraphicsEllipseItem(-BEAD_PX / 2, -BEAD_PX / 2, BEAD_PX, BEAD_PX)
        self.bead.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.bead.setZValue(10)
        self.addItem(self.bead, ignoreBounds=True)
        self.apply_theme(theme)
        self.init_still()
        self._marker = self.bead_for(self.bead)

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        self.curve.setPen(pen(theme.resistance, theme.line_width * 1.5))
        self.bead.setBrush(QBrush(qcolor(theme.needle)))
        self.bead.setPen(QPen(qcolor(theme.background), 2))

    def show_technique(
        self, technique: AccessoryTechnique, condition: Condition, band: Band | None, labels: bool
    ) -> None:
        for region, text in self.refs:
            self.removeItem(region)
            self.removeItem(text)
        self.refs = []
        top = technique.force_at_limit_n or 1.0
        x = np.linspace(condition.start, condition.available_limit, CURVE_POINTS)
        self.curve.setData(x, force_n(technique, x, condition))
        self.setXRange(condition.start, technique.anatomical_limit, padding=0.03)
        self.setYRange(0, top * 1.08, padding=0)
        for i, ref in enumerate(technique.force_references):
            high = max(ref.high_n, ref.low_n + 0.006 * top)
            region = pg.LinearRegionItem((ref.low_n, high), movable=False, orientation="horizontal")
            for edge in region.lines:
                edge.setPen(pen(self.theme.muted_text, 1, Qt.PenStyle.DotLine))
            region.setBrush(pg.mkBrush(qcolor(self.theme.muted_text, 30)))
            text = pg.TextItem(f"{ref.label}: {ref.source.split(',')[0]}", anchor=(0, 1))
            text.setColor(qcolor(self.theme.muted_text))
            text.setFont(self.font(0.8))
            text.setPos(condition.start + 0.02 * (i % 2), 0.5 * (ref.low_n + high))
            text.setVisible(labels)
            self.addItem(region, ignoreBounds=True)
            self.addItem(text, ignoreBounds=True)
            self.refs.append((region, text))
        self.band_x.setVisible(band is not None)
        self.band_y.setVisible(band is not None)
        if band is not None:
            colour = qcolor(self.theme.grade_colour(band.grade), self.theme.band_alpha)
            f_low, f_high = force_n(
                technique, [band.low, min(band.high, condition.available_limit)], condition
            )
            self.band_x.setRegion((band.low, band.high))
            self.band_y.setRegion((float(f_low), float(f_high)))
            self.band_x.setBrush(pg.mkBrush(colour))
            self.band_y.setBrush(pg.mkBrush(colour))
        self._technique, self._condition = technique, condition

    def set_translation(self, mm: float) -> None:
        lim = self._condition.available_limit
        f = float(force_n(self._technique, min(mm, lim), self._condition))
        self._marker.move(mm, f)


class GlideTrace(LiveTrace):
    """The live trace in mm."""

    def __init__(self, theme: Theme, parent=None):
        super().__init__(theme, parent)
        self.setLabel("bottom", "translation (mm)")
