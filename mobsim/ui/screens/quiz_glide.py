"""The quiz's glide page: an accessory question in mm, and the watched-cycles overlay.

A glide question is drawn by the accessory screen's own widgets (the magnified
joint, the movement diagram in mm with Kaltenborn's zones, the live trace), fed
by a private `AccessoryDemo` whose clock is the quiz's: the quiz sets its time.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QWidget

from mobsim.model.accessory import ResistanceModel
from mobsim.model.accessory_demo import AccessoryDemo
from mobsim.model.kaltenborn import KaltenbornBand
from mobsim.quiz.accessory import AccessoryQuestion
from mobsim.ui.theme import Theme
from mobsim.ui.widgets.accessory_plots import GlideDiagram
from mobsim.ui.widgets.glide_view import GlideView
from mobsim.ui.widgets.range_plot import Markers
from mobsim.ui.widgets.trace_view import LiveTrace

# Watched cycles on a diagram: rows above the grade bar (at 0.12), below R2 (at 1.0).
WATCHED_Y0, WATCHED_STEP, WATCHED_ROWS = 0.3, 0.05, 8


class WatchedOverlay:
    """After the answer: each cycle the student watched, as a thin bar stacked above
    the grade's nominal bar, so the two can be compared (empty: hidden)."""

    def __init__(self, diagram: pg.PlotWidget):
        self.diagram = diagram
        self.curve = pg.PlotCurveItem(connect="pairs")
        self.label = pg.TextItem("what you watched", anchor=(0, 1))
        for item in (self.curve, self.label):
            diagram.addItem(item, ignoreBounds=True)

    def show(self, lows, highs, theme: Theme) -> None:
        n = len(lows)
        self.curve.setVisible(n > 0)
        self.label.setVisible(n > 0)
        if n == 0:
            return
        ys = WATCHED_Y0 + WATCHED_STEP * (np.arange(n) % WATCHED_ROWS)
        x = np.column_stack([lows, highs]).ravel()
        self.curve.setData(x, np.repeat(ys, 2))
        self.curve.setPen(pg.mkPen(theme.trace, width=max(2.0, theme.line_width)))
        self.label.setColor(theme.trace)
        self.label.setFont(self.diagram.font())
        self.label.setPos(float(np.min(lows)), float(ys.max()) + 0.1)

    def shown(self) -> tuple[np.ndarray, np.ndarray] | None:
        if not self.curve.isVisible():
            return None
        x, _ = self.curve.getData()
        return x[0::2], x[1::2]


class GlidePage(QSplitter):
    """One accessory question: the magnified joint, its diagram in mm, the live trace."""

    def __init__(self, technique, theme: Theme, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.theme = theme
        self.demo = AccessoryDemo(technique)
        self.demo.playing = False  # the quiz's clock sets the time; this one never runs
        self.glide = GlideView(self.demo, theme)
        self.diagram = GlideDiagram(theme)
        self.trace = LiveTrace(theme)
        self.trace.setLabel("bottom", "translation (mm)")
        self.trace.setXLink(self.diagram)
        plots = QSplitter(Qt.Orientation.Vertical)
        plots.addWidget(self.diagram)
        plots.addWidget(self.trace)
        self.addWidget(self.glide)
        self.addWidget(plots)
        self.setSizes([560, 600])
        self.watched = WatchedOverlay(self.diagram)
        self.question: AccessoryQuestion | None = None

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        for view in (self.glide, self.diagram, self.trace):
            view.apply_theme(theme)

    def show_question(self, question: AccessoryQuestion, revealed: bool, fresh: bool) -> None:
        """Put the question on the views: the band and every marker only once revealed."""
        demo = self.demo
        if fresh or question is not self.question:
            demo.time = 0.0
            demo.play_performance(
                question.technique,
                question.condition,
                question.grading,
                question.motion,
                question.choice,
                question.convention,
            )
            self.trace.clear_trace()
        self.question = question
        demo.mystery = not revealed
        grade_band = question.band() if revealed else None
        markers = None if revealed else Markers.from_set(question.markers)
        self.diagram.show_technique(
            question.technique,
            question.condition,
            grade_band,
            ResistanceModel.TOE_REGION,
            question.is_kaltenborn,
            True,
            markers,
        )
        if isinstance(grade_band, KaltenbornBand):
            self.diagram.band_bar.setVisible(True)
        self.trace.set_scene(
            question.technique,
            question.condition,
            None if isinstance(grade_band, KaltenbornBand) else grade_band,
            Markers(),
        )
        self.glide.rebuild()
        seen = question.watched() if revealed else None
        self.watched.show(seen.lows if seen else (), seen.highs if seen else (), self.theme)

    def draw(self, time: float) -> float:
        """The motion at `time` (the quiz's clock) on every view; returns the mm shown."""
        self.demo.time = time
        mm = self.demo.translation
        self.glide.update_frame()
        self.diagram.set_angle(mm)
        self.trace.push(time, mm, self.demo.technique.id)
        self.trace.redraw()
        return mm
