"""The compare view's diagram: one range axis, each row one band as a bar with a live dot."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from mobsim.model.grades import Band
from mobsim.ui.theme import Theme
from mobsim.ui.widgets.range_plot import RangePlot, pen, qcolor

BAR_SHARE = 0.5  # of a row's height


class StackedBands(RangePlot):
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
        # Each row's own L, named beside its tick (normal vs stiff: the limits differ).
        self.limit_tags = [pg.TextItem("", anchor=(0.5, 1)) for _ in range(rows)]
        for item in (*self.bars, *self.names, *self.limits, *self.limit_tags, self.dots):
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
        for tag in self.limit_tags:
            tag.setFont(self.font(0.9, bold=True))
            tag.setColor(qcolor(theme.available_range))
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
            self.bars[i].setPen(pen(colour, self.bar_px()))
            self.limits[i].setData([b.limit, b.limit], [y - 0.35, y + 0.35])
            self.limits[i].setVisible(shared is None)  # one L for all rows: the line says it
            self.limits[i].setPen(pen(self.theme.available_range, self.theme.line_width))
            tag = self.limit_tags[i]
            tag.setText(f"L {b.limit:g}°")
            tag.setPos(b.limit, y + 0.36)  # over its tick, clear of the bar
            tag.setVisible(shared is None and b.limit != end)  # L = B: the B line says it
            self.names[i].setText(name if labels_visible else "?")
            self.names[i].setColor(qcolor(colour))
            self.names[i].setPos(start - 0.02 * span, y)

    def bar_px(self) -> float:
        """Bars fill about half a row's height on screen, so a large view is not sparse."""
        return max(self.theme.line_width * 4, 10, min(BAR_SHARE * self.row_pitch(), 56))

    def row_pitch(self) -> float:
        """Pixels from one row to the next, as the view is now."""
        return max(self.height() - 60, 0) / (self.rows + 0.6)  # less the axis

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if not hasattr(self, "bars"):  # pyqtgraph resizes while constructing
            return
        width = self.bar_px()
        for bar in self.bars:
            bar.setPen(pen(bar.opts["pen"].color().name(), width))
        self.dots.setSize(max(14, 0.8 * width))

    def band_rows(self) -> list[tuple[float, float]]:
        out = []
        for bar in self.bars:
            x, _ = bar.getData()
            out.append((float(x[0]), float(x[1])))
        return out

    def set_angles(self, angles: np.ndarray) -> None:
        self._xs[: len(angles)] = angles
        self.dots.setData(self._xs, self._row_y, skipFiniteCheck=True)
