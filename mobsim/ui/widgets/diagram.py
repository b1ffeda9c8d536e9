"""Maitland's movement diagram: range on x, intensity on y (A up to the top line)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTransform,
)
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem

from mobsim.model.curves import curve_points
from mobsim.model.grades import Band
from mobsim.model.joints import Condition, JointSpec
from mobsim.ui.theme import Theme
from mobsim.ui.widgets.range_plot import Markers, RangePlot, pen, qcolor
from mobsim.ui.widgets.still_scene import (
    Painted,
    PaintedLine,
    PaintedRegion,
    PaintedText,
    StillScene,
)

BEAD_PX = 16
BAR_Y = 0.12  # height of the grade bar (and the live bead) on the diagram
TAG_Y = 1.34  # top of the diagram: marker letters hang down from here, above R2 / max
LABEL_STRIP = 0.34  # below intensity 0: room for the grade's name under its bar
# The names written up along the zone past L and the anatomical limit, longest first:
# a short plot (large text, a small window) gets the form that fits, or none.
ZONE_NAMES = ("para-phys.", "")
ANATOMICAL_NAMES = ("anatomical limit", "anat. limit", "")


class MovementDiagram(StillScene, RangePlot):
    """Maitland's movement diagram: range on x, intensity on y (A up to the top line).

    The resistance curve (R1 → R2, or R at L) and, whenever P1 is set, the pain curve
    (P1 → P2, or P′) come from `mobsim.model.curves`: the limiting factor's curve
    reaches the top line at L. Past L lie the para-physiological zone and the
    anatomical limit, which only grade V's thrust enters.

    The still scene is painted once per scene change (`StillScene`); a frame only
    moves the live bead over that picture.
    """

    UNDER = True

    def __init__(self, theme: Theme, parent=None):
        super().__init__(theme, parent)
        self.setLabel("left", "intensity")
        self.setLabel("bottom", "range of motion (°)")
        # A strip under the base line AB holds the grade's name, clear of the curves.
        self.setYRange(-LABEL_STRIP, TAG_Y, padding=0)
        self.getAxis("left").setTicks([[(0, "0"), (1, "max")]])
        self.lost = pg.LinearRegionItem(movable=False, orientation="vertical")
        self.lost_label = pg.TextItem("lost range", anchor=(0.5, 0))
        self.zone = pg.LinearRegionItem(movable=False, orientation="vertical")
        self.zone_label = pg.TextItem("para-phys.", anchor=(0.5, 0.5), angle=90)
        # The grade's items change with every grade key: the plot paints them from
        # their state under (band, bar) and over (name, ▼) the still picture, which stays.
        self.band = PaintedRegion()
        self.band_bar = PaintedLine()
        self.band_label = PaintedText("", anchor=(0.5, 0))  # hangs under the grade bar
        self.thrust_mark = Painted()  # ▼ onto the peak: shown or not (its place: set_band)
        self.resistance = pg.PlotCurveItem()
        self.pain = pg.PlotCurveItem()
        self.resistance_tag = pg.TextItem("", anchor=(1, 0.5))
        self.pain_tag = pg.TextItem("", anchor=(1, 0.5))
        self.top_line = pg.InfiniteLine(angle=0, pos=1.0, movable=False)
        for item in (self.lost, self.zone):
            for edge in item.lines:
                edge.setPen(pg.mkPen(None))
            self.addItem(item, ignoreBounds=True)
        for item in (
            self.resistance,
            self.pain,
            self.top_line,
            self.lost_label,
            self.zone_label,
            self.resistance_tag,
            self.pain_tag,
        ):
            self.addItem(item, ignoreBounds=True)
        self.line_a = self._line(0, theme.muted_text, label="A")
        self.line_r1 = self._line(0, theme.resistance, Qt.PenStyle.DashLine, "R1")
        self.line_l = self._line(0, theme.available_range, label="L")
        self.line_b = self._line(0, theme.normal_range, Qt.PenStyle.DotLine, "B")
        self.line_p1 = self._line(0, theme.pain, Qt.PenStyle.DashDotLine, "P1")
        # The zone and the anatomical limit are named in text along their lines (the
        # limit's just outside it), so neither covers the tags at L.
        self.line_anatomical = self._line(0, theme.margin, Qt.PenStyle.DotLine)
        self.anatomical_label = pg.TextItem("anatomical limit", anchor=(0, 0), angle=90)
        self.addItem(self.anatomical_label, ignoreBounds=True)
        # The live angle is a bead riding on the grade bar, painted over the still
        # picture: a frame repaints a few pixels, not the plot.
        self.needle = QGraphicsEllipseItem(-BEAD_PX / 2, -BEAD_PX / 2, BEAD_PX, BEAD_PX)
        self.needle.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.needle.setZValue(10)
        self.addItem(self.needle, ignoreBounds=True)
        self._band: Band | None = None
        self._placed: tuple | None = None  # (joint, condition, markers) laid out
        self._band_visible = True
        self._labels_visible = True
        self._thrust_px: tuple | None = None  # (x, y, size px, brush, pen) of the ▼
        self._label_at: tuple | None = None  # (what the name's place depends on, rect)
        self._halo_key: tuple | None = None  # what the kept halo outline was made for
        self._r2_named = True  # the markers show the resistance curve's name
        self.apply_theme(theme)
        self.init_still()
        self._bead = self.bead_for(self.needle)

    def set_labels_visible(self, visible: bool) -> None:
        if visible == self._labels_visible:
            return  # a screen says so on every scene event (a grade key)
        self._labels_visible = visible
        self.band_label.setVisible(visible and self._band_visible)
        self.refresh_under()

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        self.lost.setBrush(pg.mkBrush(qcolor(theme.lost_range, 70)))
        self.zone.setBrush(pg.mkBrush(qcolor(theme.margin, 60)))
        for label, colour in ((self.lost_label, theme.muted_text), (self.zone_label, theme.margin)):
            label.setColor(qcolor(colour))
            label.setFont(self.font(0.9))
        # Pain is dashed, resistance solid: the two never differ by colour alone.
        self.resistance.setPen(pen(theme.resistance, theme.line_width * 1.5))
        self.pain.setPen(pen(theme.pain, theme.line_width * 1.5, Qt.PenStyle.DashLine))
        for tag, colour in ((self.resistance_tag, theme.resistance), (self.pain_tag, theme.pain)):
            tag.setColor(qcolor(colour))
            tag.setFont(self.font(1.0, bold=True))
        self.top_line.setPen(pen(theme.muted_text, 1, Qt.PenStyle.DashLine))
        self.band_label.setFont(self.font(1.3, bold=True))
        self._style_line(self.line_a, theme.muted_text)
        self._style_line(self.line_r1, theme.resistance, Qt.PenStyle.DashLine)
        self._style_line(self.line_l, theme.available_range)
        self._style_line(self.line_b, theme.normal_range, Qt.PenStyle.DotLine)
        self._style_line(self.line_p1, theme.pain, Qt.PenStyle.DashDotLine)
        self._style_line(self.line_anatomical, theme.margin, Qt.PenStyle.DotLine)
        self.anatomical_label.setColor(qcolor(theme.margin))
        self.anatomical_label.setFont(self.font(0.9))
        self._anchor_curve_tags()
        self.needle.setPen(QPen(qcolor(theme.background), 2))
        self.needle.setBrush(QBrush(qcolor(theme.needle)))
        if self._band is not None:  # re-colour the grade's items
            self.set_band(self._band)

    def set_scene(
        self, joint: JointSpec, condition: Condition, band: Band | None, markers: Markers
    ) -> None:
        placed = self.placement(joint, condition, markers)
        if placed == self._placed:  # a grade key: only the band moves
            self.set_band(band)
            return
        self._placed = placed
        a, b, lim = condition.start, condition.normal_end, condition.available_limit
        r1, p1 = condition.resistance_onset, condition.pain_onset
        span = b - a
        self.setXRange(a - 0.03 * span, joint.anatomical_limit + 0.07 * span, padding=0)
        self.lost.setRegion((lim, b))
        self.lost.setVisible(condition.is_stiff and markers.l)
        self.lost_label.setPos((lim + b) / 2, 0.55)
        self.lost_label.setVisible(condition.is_stiff and markers.l and (b - lim) > 0.12 * span)
        self._place_zone(joint, condition)
        self.line_l.tag.setText("L = B" if not condition.is_stiff else "L")
        self._place_curves(condition, markers)
        self._place(self.line_a, a, markers.a, TAG_Y)
        self._place(self.line_r1, r1, markers.r1, TAG_Y)
        self._place(self.line_l, lim, markers.l, TAG_Y)
        self._place(self.line_b, b, markers.b and condition.is_stiff, TAG_Y)
        shown = p1 is not None and markers.p1
        self._place(self.line_p1, p1 if p1 is not None else a, shown, TAG_Y - 0.25)
        self.set_band(band)

    def _place_zone(self, joint: JointSpec, condition: Condition) -> None:
        """The para-physiological zone past L, up to the anatomical limit."""
        lim = condition.available_limit
        end = min(lim + joint.margin, joint.anatomical_limit)
        self.zone.setRegion((lim, end))
        self.zone_label.setPos((lim + end) / 2, 0.8)
        self._place(self.line_anatomical, joint.anatomical_limit, True)
        self.anatomical_label.setPos(joint.anatomical_limit, 0.02)

    def _place_curves(self, condition: Condition, markers: Markers) -> None:
        """The model's curves, each tagged at L with its name there (R2/R, P2/P′)."""
        lim = condition.available_limit
        curves = curve_points(condition)
        x, y = curves["resistance"]
        self.resistance.setData(x, y)
        self.resistance.setVisible(markers.r1)
        self.resistance_tag.setText("R2" if not condition.is_pain_limited else "R")
        self.resistance_tag.setPos(lim, _tag_y(float(y[-1])))
        self.resistance_tag.setVisible(markers.r1)
        self._r2_named = markers.r1  # before_still may still leave its name out
        pain = curves.get("pain")
        shown = pain is not None and markers.p1
        if pain is not None:
            self.pain.setData(*pain)
            self.pain_tag.setText("P2" if condition.is_pain_limited else "P′")
            self.pain_tag.setPos(lim, _tag_y(float(pain[1][-1])))
        self.pain.setVisible(shown)
        self.pain_tag.setVisible(shown)
        self._anchor_curve_tags()

    def _anchor_curve_tags(self) -> None:
        """Tags at the ends of the range read inwards: A's right of its line, L's left
        of it (the zone past L and its label are on the right). Each curve's tag sits
        left of the L line too; the limiting factor's curve ends at the top, under
        L's tag, so its tag hangs in L's row, far enough left to clear L's tag."""
        self.line_a.tag.setAnchor((-6 / max(self.line_a.tag.boundingRect().width(), 1.0), 0))
        l_width = max(self.line_l.tag.boundingRect().width(), 1.0)
        self.line_l.tag.setAnchor((1 + 10 / l_width, 0))
        clear_of_l = l_width + 14
        for tag in (self.resistance_tag, self.pain_tag):
            width = max(tag.boundingRect().width(), 1.0)
            if tag.pos().y() >= 0.95:
                tag.setAnchor((1 + clear_of_l / width, 0.0))
            else:
                tag.setAnchor((1 + 4 / width, 0.5))

    def before_still(self) -> None:
        """R1's tag steps down a row where it would run into another tag of the top
        row (L, B, A): close markers, long tags (a glide's), big fonts."""
        tag = self.line_r1.tag
        if not tag.isVisible():
            self._fit_upright_names()
            return
        self._yield_r2_to_r1()
        top = [line.tag for line in (self.line_a, self.line_l, self.line_b) if line.tag.isVisible()]
        tags = (self.line_p1.tag, self.resistance_tag, self.pain_tag)  # R2 too, at large text
        others = top + [t for t in tags if t.isVisible()]
        boxes = [o.sceneBoundingRect() for o in others if o is not tag]
        rows = (TAG_Y, TAG_Y - 0.25, TAG_Y - 0.5)
        chosen = next(
            (row for row in rows if not any(self._r1_tag_in(row).intersects(o) for o in boxes)),
            rows[-1],
        )
        if tag.pos().y() != chosen:  # only a real move: the picture is rendered after this
            tag.setPos(self.line_r1.value(), chosen)
        self._fit_upright_names()

    def _r1_tag_in(self, row: float) -> QRectF:
        """R1's name, in scene px, as it would stand in `row` (tried where it would be:
        moving it to try would change the scene)."""
        tag, box, x = self.line_r1.tag, self.plotItem.vb, self.line_r1.value()
        at = [box.mapViewToScene(QPointF(x, y)).y() for y in (row, tag.pos().y())]
        return tag.sceneBoundingRect().translated(0, at[0] - at[1])

    def _yield_r2_to_r1(self) -> None:
        """Where the resistance curve's name at the top would push R1's name off its
        line's top row (a narrow plot at large text), the curve goes unnamed: "R2" just
        right of R1's line, with "R1" a row below, read as R2 at R1."""
        r2 = self.resistance_tag
        show = self._r2_named
        if show and r2.pos().y() >= 0.95:  # in the top row, where R1's name stands
            # Where R2's name goes, from its anchor: a hidden TextItem's scene box is
            # not kept up to date with the view.
            size, p = r2.boundingRect(), self.plotItem.vb.mapViewToScene(r2.pos())
            w, h = size.width(), size.height()
            named = QRectF(p.x() - r2.anchor.x() * w, p.y() - r2.anchor.y() * h, w, h)
            show = not self._r1_tag_in(TAG_Y).intersects(named)
        if r2.isVisible() != show:  # only a real change: the picture is rendered after this
            r2.setVisible(show)

    def _fit_upright_names(self) -> None:
        """The zone's and the anatomical limit's names, written up along their lines,
        take the longest form that fits the plot's height (a cut word says nothing).
        The limit's name stands right of its line; where the view ends there (large
        text) it stands inside the zone, which then goes unnamed, or, in a zone too
        narrow for a line of text, it goes unnamed too. The joint view names the zone."""
        vb = self.plotItem.vb
        view = vb.sceneBoundingRect()

        def x_px(x: float) -> float:
            return vb.mapViewToScene(QPointF(x, 0)).x()

        def y_px(y: float) -> float:
            return vb.mapViewToScene(QPointF(0, y)).y()

        label, zone = self.anatomical_label, self.zone_label
        metrics = QFontMetricsF(label.textItem.font())
        thick = metrics.height() + 2 * label.textItem.document().documentMargin()
        low, high = self.zone.getRegion()
        right = view.right() - x_px(label.pos().x()) >= thick
        inside = x_px(high) - x_px(low) >= thick  # the zone holds a line of text
        anchor = (0.0, 0.0) if right else (0.0, 1.0)  # (0, 1): the text left of its line
        if tuple(label.anchor) != anchor:
            label.setAnchor(anchor)
        self._fit_name(label, ANATOMICAL_NAMES, y_px(0.02) - view.top() if right or inside else 0)
        centre = y_px(zone.pos().y())
        room = 2 * min(centre - view.top(), view.bottom() - centre)
        self._fit_name(zone, ZONE_NAMES, room if right and inside else 0.0)

    @staticmethod
    def _fit_name(label: pg.TextItem, names: tuple[str, ...], room: float) -> None:
        metrics = QFontMetricsF(label.textItem.font())
        margin = 2 * label.textItem.document().documentMargin()
        name = next(n for n in names if not n or metrics.horizontalAdvance(n) + margin <= room)
        if label.toPlainText() != name:
            label.setText(name)

    def set_band(self, band: Band | None) -> None:
        self._band = band
        self._band_visible = band is not None
        labelled = band is not None and self._labels_visible
        for item in (self.band, self.band_bar):
            item.setVisible(band is not None)
        self.band_label.setVisible(labelled)
        thrust = band is not None and band.grade.is_thrust
        self.thrust_mark.setVisible(thrust)
        if band is None:
            return
        colour = self.theme.grade_colour(band.grade)
        self.band.setBrush(pg.mkBrush(qcolor(colour, self.theme.band_alpha)))
        self.band.setRegion((band.low, band.high))
        # Maitland draws a grade as a bar along the range at its place and size.
        self.band_bar.setData([band.low, band.high], [BAR_Y, BAR_Y])
        self.band_bar.setPen(pen(colour, self.theme.line_width * 3))
        # "into pain" and "thrust" go with the grade's name: they say what the band does.
        words = ("  into pain" if band.into_pain else "") + ("  thrust" if thrust else "")
        self.band_label.setText(band.choice.display + words)
        self.band_label.setColor(qcolor(colour))
        self.band_label.setPos(band.centre, -0.01)
        if thrust:  # the impulse: a ▼ onto the thrust's peak, painted over the picture
            size = 10 + 3 * self.theme.line_width
            brush, outline = pg.mkBrush(qcolor(colour)), pen(self.theme.background, 1)
            self._thrust_px = (band.high, BAR_Y + 0.12, size, brush, outline)
        self.refresh_under()

    def thrust_peak(self) -> float | None:
        """Where the thrust's ▼ points (degrees); None when no thrust is shown."""
        if not self.thrust_mark.isVisible() or self._thrust_px is None:
            return None
        return self._thrust_px[0]

    # ------------------------------------------------------------ the grade, painted
    def paint_under(self, painter: QPainter) -> None:
        """The band's shading and bar (under the curves and lines)."""
        to_px, box = self._to_px, self._view_px
        if self.band.isVisible():
            low, high = self.band.getRegion()
            x0, x1 = to_px.map(QPointF(low, 0)).x(), to_px.map(QPointF(high, 0)).x()
            painter.fillRect(QRectF(x0, box.top(), x1 - x0, box.height()), self.band.brush)
        x, y = self.band_bar.getData()
        if self.band_bar.isVisible() and x is not None and len(x) == 2:
            painter.setPen(self.band_bar.opts["pen"])
            painter.drawLine(to_px.map(QPointF(x[0], y[0])), to_px.map(QPointF(x[1], y[1])))

    def under_key(self) -> tuple:
        return (self.band.drawn(), self.band_bar.drawn())

    def band_label_rect(self) -> QRectF | None:
        """Where the grade's name is painted, in viewport pixels: under its bar, inside
        the view at the ends of the range, and above the bar on a plot too short for
        the strip under it (None: no name shown)."""
        label = self.band_label
        text = label.toPlainText()
        if not (label.isVisible() and text):
            return None
        # Painted every frame: worked out again only when the picture, the name or
        # what it keeps clear of changed.
        limit, lost = self.anatomical_label, self.lost_label
        key = (
            text,
            label.pos(),
            QTransform(self._to_px),
            QRect(self._view_px),
            self._thrust_px and self._thrust_px[:3],
            limit.toPlainText(),
            limit.pos(),
            tuple(limit.anchor),
            lost.isVisible() and (lost.pos(), lost.textItem.font().key()),
            label.font().key(),
        )
        if self._label_at is not None and self._label_at[0] == key:
            return QRectF(self._label_at[1])
        rect = self._band_label_rect()
        self._label_at = (key, QRectF(rect))
        return rect

    def _band_label_rect(self) -> QRectF:
        label = self.band_label
        text = label.toPlainText()
        metrics = QFontMetricsF(label.font())
        w, h = metrics.horizontalAdvance(text) + 8, metrics.height() + 4
        at = self._to_px.map(label.pos())
        ax, ay = label.anchor.x(), label.anchor.y()
        rect = QRectF(at.x() - ax * w, at.y() - ay * h, w, h)
        box = self._view_px
        rect.moveLeft(max(box.left(), min(rect.left(), box.right() - w)))
        if rect.bottom() > box.bottom():
            rect.moveBottom(self._to_px.map(QPointF(0, BAR_Y)).y() - BEAD_PX / 2 - 2)
        # Near the end of the range the name would sit on the thrust's ▼, the
        # anatomical limit's name or "lost range": it steps left of them where it can.
        clash = [r for r in self._band_label_obstacles() if r.intersects(rect)]
        if clash:
            right = min(r.left() for r in clash) - 3
            if right - w >= box.left():
                rect.moveRight(right)
        return rect

    def _band_label_obstacles(self) -> list[QRectF]:
        out = []
        marker = self.thrust_mark_rect()
        if marker is not None:
            out.append(marker)
        for name in (self.anatomical_label, self.lost_label):  # "IV" sat on "lost range"
            if name.isVisible() and name.toPlainText():
                out.append(self.mapFromScene(name.sceneBoundingRect()).boundingRect().toRectF())
        return out

    def thrust_mark_rect(self) -> QRectF | None:
        """The thrust's ▼ in viewport pixels (None when no thrust is shown)."""
        if not self.thrust_mark.isVisible() or self._thrust_px is None:
            return None
        x, y, size, _, _ = self._thrust_px
        p = self._to_px.map(QPointF(x, y))
        r = size / 2
        return QRectF(p.x() - r, p.y() - r, size, size)

    def _paint_haloed(self, painter: QPainter, rect: QRectF, text: str, font, colour) -> None:
        """Text with a ring of the background round each letter, so a line it crosses
        (L at the end of the range, a curve) never runs through the grade's name. The
        outline is kept until text, font, colour or place change."""
        key = (text, font.key(), colour.rgba(), rect.x(), rect.y(), rect.width(), self.theme)
        if self._halo_key != key:
            metrics = QFontMetricsF(font)
            x = rect.x() + (rect.width() - metrics.horizontalAdvance(text)) / 2
            y = rect.y() + (rect.height() + metrics.ascent() - metrics.descent()) / 2
            path = QPainterPath()
            path.addText(QPointF(x, y), font, text)
            ring = QPen(qcolor(self.theme.background), max(3.0, self.theme.line_width + 1))
            ring.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            self._halo_key, self._halo_path, self._halo_ring = key, path, ring
        ring = self._halo_ring
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.strokePath(self._halo_path, ring)
        painter.fillPath(self._halo_path, colour)
        painter.restore()

    def paint_moving(self, painter: QPainter) -> None:
        """The grade's name and the thrust's ▼ over the picture, then the bead."""
        label = self.band_label
        rect = self.band_label_rect()
        if rect is not None and self.painting.intersects(rect.toAlignedRect()):
            self._paint_haloed(painter, rect, label.toPlainText(), label.font(), label.color)
        marker = self.thrust_mark_rect()
        if marker is not None:
            _, _, _, brush, outline = self._thrust_px
            triangle = QPolygonF(
                [marker.topLeft(), marker.topRight(), QPointF(marker.center().x(), marker.bottom())]
            )
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(outline)
            painter.setBrush(brush)
            painter.drawPolygon(triangle)
        super().paint_moving(painter)

    def band_region(self) -> tuple[float, float] | None:
        return tuple(self.band.getRegion()) if self._band_visible else None

    def set_angle(self, angle: float) -> None:
        self._bead.move(angle, BAR_Y)

    def needle_angle(self) -> float:
        return float(self.needle.pos().x())


def _tag_y(end: float) -> float:
    """A curve's tag at its end, or, for the curve that reaches the top at L, in the
    row of tags at the top (a tag above the end would leave a short plot)."""
    return TAG_Y if end >= 0.95 else end
