"""A plot whose still scene is painted once and copied; only what moves is drawn per frame.

A pyqtgraph view repaints every item under a dirty rectangle through Python paint
calls: about 1 ms a view even when only a 16-px bead moved. Here the scene (bands,
lines, curves, axes, text) is rendered into a picture when it changes. A frame
copies that picture under the few pixels that moved and paints the moving part
itself, a bead or a polyline, straight onto the viewport.

The picture is rendered again when the scene changes (an item moved or restyled, a
layout settled, a resize, a theme), when a repaint reaches the view that the moving
parts did not ask for, or after `invalidate_still()`. A plot may keep its last few
pictures by what they show (`keep_pictures`), and a screen may have it render a
scene ahead in idle time (`render_ahead`): showing that scene then copies it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPixmap, QRegion, QTransform
from PySide6.QtWidgets import QGraphicsItem

BEAD_MARGIN = 3  # px round a bead: its outline and antialiasing
COMPOSITES_KEPT = 8  # UNDER composites kept per view: the five grades and a few more


def device_rect(rect: QRectF, dpr: float) -> QRectF:
    """A rect in logical px as a picture's device px: the source of a copy from it."""
    return QRectF(rect.x() * dpr, rect.y() * dpr, rect.width() * dpr, rect.height() * dpr)


class StillScene:
    """Mixin for a pyqtgraph `PlotWidget` (list it first among the bases).

    Subclasses draw their moving parts in `paint_moving(painter)` and call `ask(rect)`
    for the viewport pixels those parts covered before and cover now.

    With `UNDER = True` the picture is rendered without the view's background, and a
    paint fills the background, calls `paint_under(painter)` (e.g. the grade's band,
    which a grade key changes) and lays the picture over it: such a change repaints
    the view from the same picture (`refresh_under()`) instead of rendering it again.
    """

    UNDER = False

    def init_still(self) -> None:
        self._still: QPixmap | None = None
        self._composite: QPixmap | None = None  # UNDER: background + under + still
        # UNDER: composites by (still picture, `under_key()`): a grade key back to a
        # grade already shown copies its composite instead of composing it again.
        self._composites: OrderedDict[tuple, QPixmap] = OrderedDict()
        self.composed = 0  # composites made so far (tests count them)
        self._still_key: tuple | None = None
        self._asked = QRegion()  # what moving parts asked to repaint since the last paint
        self._to_px = QTransform()  # data → viewport pixels, as of the still picture
        self._view_px = QRect()  # the view box on the viewport: moving parts are clipped to it
        self._beads: list[_Bead] = []
        self.painting = QRegion()  # the region the current paint covers
        # The view never paints the scene itself, so the scene cannot track where its
        # items were painted; listening to `changed` makes it report every change.
        self.scene().changed.connect(self._scene_changed)
        self.renders = 0  # still pictures rendered so far (tests check a frame renders none)
        self.renders_ahead = 0  # ... and rendered ahead, for a scene not yet shown
        self._content: Callable[[], Hashable] | None = None  # see keep_pictures
        self._pictures: OrderedDict[tuple, tuple] = OrderedDict()
        self._keep = 0
        # Every paint covers its region from an opaque picture: Qt need not paint the
        # window's styled widgets under the viewport first (animating CPU 26 → 23 %).
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    # ------------------------------------------------------------ pictures kept
    def keep_pictures(self, count: int, content: Callable[[], Hashable]) -> None:
        """Keep the last `count` pictures by what they show: `content()` (what the
        owner placed: joint, condition, markers) with the view's size, pixel ratio, box
        and range. A scene shown again, or rendered ahead (`render_ahead`), is then
        copied instead of rendered. A new theme forgets them all."""
        self._keep, self._content = count, content
        self._pictures.clear()

    def _picture_key(self, key: tuple) -> tuple | None:
        if not self._keep or self._content is None:
            return None
        box = self.plotItem.vb
        rect = box.sceneBoundingRect()
        (x0, x1), (y0, y1) = box.viewRange()
        view = (rect.x(), rect.y(), rect.width(), rect.height(), x0, x1, y0, y1)
        return (self._content(), key, view)

    def keeps(self, content: Hashable) -> bool:
        """A picture of `content` at the view's present size is kept already."""
        viewport = self.viewport()
        size = (viewport.width(), viewport.height(), viewport.devicePixelRatioF())
        return any(k[0] == content and k[1] == size for k in self._pictures)

    def render_ahead(self) -> None:
        """Render the scene as placed now into the kept pictures, showing nothing: a
        screen places a scene a key may show next, calls this, and places its own back."""
        viewport = self.viewport()
        key = (viewport.width(), viewport.height(), viewport.devicePixelRatioF())
        self.scene().prepareForPaint()
        self.before_still()
        kept = self._picture_key(key)
        if kept is None or kept in self._pictures:
            return
        self._remember(kept, self._render_picture(key))
        self.renders_ahead += 1

    def _remember(self, kept: tuple, entry: tuple) -> None:
        self._pictures[kept] = entry
        while len(self._pictures) > self._keep:
            self._pictures.popitem(last=False)

    def apply_theme(self, theme) -> None:
        if hasattr(self, "_pictures"):  # (the first theme comes before init_still)
            self._pictures.clear()  # styled by the old theme
            self.forget_composites()
        super().apply_theme(theme)

    # ------------------------------------------------------------ the still picture
    def invalidate_still(self) -> None:
        """The scene changed: render the picture again at the next paint."""
        self._still = None
        self.viewport().update()

    def _scene_changed(self, rects) -> None:
        if rects:
            self.invalidate_still()

    @property
    def still_ready(self) -> bool:
        return self._still is not None

    def ask(self, rect: QRect) -> None:
        """Repaint these viewport pixels from the picture (a moving part was or is there)."""
        if self._still is None:
            self.viewport().update()
            return
        rect = rect.intersected(self._view_px)
        if rect.isEmpty():
            return
        self._asked += rect
        self.viewport().update(rect)

    def refresh_under(self) -> None:
        """What `paint_under` or the painted overlays draw changed: repaint the view
        box from the picture."""
        self._composite = None
        if self._still is None:
            self.viewport().update()
        else:
            self.ask(self._view_px)

    def paint_under(self, painter: QPainter) -> None:
        """Draw what lies under the still picture (UNDER plots)."""

    def under_key(self) -> Hashable | None:
        """Everything `paint_under` draws, hashable, for composites kept by it; None
        keeps none (every change of the under part composes again)."""
        return None

    def forget_composites(self) -> None:
        """Compose again at the next paint (a new theme; tests)."""
        self._composites.clear()
        self._composite = None

    def _composite_now(self) -> QPixmap:
        """The composite of the picture and the under part as they are now: a kept one
        if this picture was shown with this under part before."""
        under = self.under_key()
        if under is None:
            self.composed += 1
            return self._compose()
        key = (self._still.cacheKey(), under)
        composite = self._composites.get(key)
        if composite is None:
            composite = self._composites[key] = self._compose()
            self.composed += 1
            while len(self._composites) > COMPOSITES_KEPT:
                self._composites.popitem(last=False)
        else:
            self._composites.move_to_end(key)
        return composite

    def _render_still(self, key: tuple) -> None:
        self.scene().prepareForPaint()  # pyqtgraph: view boxes settle their transforms
        self.before_still()
        kept = self._picture_key(key)
        entry = self._pictures.get(kept) if kept is not None else None
        if entry is None:
            entry = self._render_picture(key)
            self.renders += 1
            if kept is not None:
                self._remember(kept, entry)
        else:
            self._pictures.move_to_end(kept)
        self._still, self._to_px, self._view_px = entry
        self._still_key = key
        self._composite = None
        for bead in self._beads:
            bead.restyle()

    def _render_picture(self, key: tuple) -> tuple[QPixmap, QTransform, QRect]:
        """The scene as laid out now: (picture, data → viewport px, view box px)."""
        viewport = self.viewport()
        width, height, dpr = key
        picture = QPixmap(round(width * dpr), round(height * dpr))
        picture.setDevicePixelRatio(dpr)
        # UNDER: transparent, laid over the background and the under part. Otherwise
        # opaque (the viewport is): the view's background is painted over this.
        picture.fill(Qt.GlobalColor.transparent if self.UNDER else self.palette().window().color())
        painter = QPainter(picture)
        painter.setRenderHints(self.renderHints())
        if self.UNDER:  # the scene's items only: the background is painted under them
            source = self.mapToScene(viewport.rect()).boundingRect()
            self.scene().render(painter, QRectF(0, 0, width, height), source)
        else:
            self.render(painter, QRectF(0, 0, width, height), viewport.rect())
        painter.end()
        box = self.plotItem.vb
        to_px = box.childGroup.sceneTransform() * self.viewportTransform()
        view_px = self.mapFromScene(box.sceneBoundingRect()).boundingRect()
        return picture, to_px, view_px

    def _compose(self) -> QPixmap:
        """Background, what lies under (`paint_under`) and the still picture, in one
        opaque picture that a frame copies (built again when the under part changes)."""
        still = self._still
        composite = QPixmap(still.size())
        composite.setDevicePixelRatio(still.devicePixelRatio())
        painter = QPainter(composite)
        painter.fillRect(
            QRectF(0, 0, composite.width(), composite.height()), self.backgroundBrush()
        )
        painter.save()
        painter.setClipRect(self._view_px)
        self.paint_under(painter)
        painter.restore()
        painter.drawPixmap(0, 0, still)
        painter.end()
        return composite

    def before_still(self) -> None:
        """Last adjustments that need the laid-out view (e.g. labels kept apart)."""

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        viewport = self.viewport()
        dpr = viewport.devicePixelRatioF()
        key = (viewport.width(), viewport.height(), dpr)
        region = event.region()
        if (
            self._still is None
            or self._still_key != key
            or not region.subtracted(self._asked).isEmpty()
        ):
            self._render_still(key)
        self._asked = QRegion()
        picture = self._still
        if self.UNDER:
            if self._composite is None:
                self._composite = self._composite_now()
            picture = self._composite
        painter = QPainter(viewport)
        for rect in region:
            painter.drawPixmap(QRectF(rect), picture, device_rect(QRectF(rect), dpr))
        painter.setClipRect(self._view_px, Qt.ClipOperation.IntersectClip)
        self.painting = region  # what this paint covers: moving parts elsewhere may skip
        self.paint_moving(painter)
        painter.end()

    def paint_moving(self, painter: QPainter) -> None:
        for bead in self._beads:
            bead.paint(painter, self._to_px)

    # ------------------------------------------------------------ beads
    def bead_for(self, item: QGraphicsItem) -> _Bead:
        """Draw this scene bead over the picture instead of in the scene.

        The item leaves the scene (moving it there would report a scene change) but
        keeps its position and style, so callers still read and restyle it."""
        self.removeItem(item)
        bead = _Bead(self, item)
        self._beads.append(bead)
        return bead


class Painted:
    """What a scene item holds for the plot to paint itself, without the item: every
    setter of a pyqtgraph item costs its geometry bookkeeping, on each grade key.
    The same calls as the item's, so callers set and read it as they did the item."""

    def __init__(self) -> None:
        self._visible = True

    def setVisible(self, visible: bool) -> None:  # noqa: N802 (the item's name)
        self._visible = bool(visible)

    def isVisible(self) -> bool:  # noqa: N802
        return self._visible


class PaintedRegion(Painted):
    """A band painted under the still picture (`paint_under`): a LinearRegionItem's state."""

    def __init__(self) -> None:
        super().__init__()
        self._region = (0.0, 1.0)
        self.brush = QBrush()

    def setRegion(self, region) -> None:  # noqa: N802 (the item's name)
        low, high = region
        self._region = (float(low), float(high))

    def getRegion(self) -> tuple[float, float]:  # noqa: N802
        return self._region

    def setBrush(self, brush) -> None:  # noqa: N802
        self.brush = QBrush(brush)

    def drawn(self) -> tuple | None:
        """What painting it draws, hashable (None: nothing): for `under_key`."""
        return (self._region, self.brush.color().rgba()) if self._visible else None


class PaintedLine(Painted):
    """A line the plot paints itself: a PlotCurveItem's data and pen."""

    def __init__(self) -> None:
        super().__init__()
        self._data: tuple[list[float], list[float]] | tuple[None, None] = (None, None)
        self.opts = {"pen": QPen()}

    def setData(self, x, y) -> None:  # noqa: N802 (the item's name)
        self._data = ([float(v) for v in x], [float(v) for v in y])

    def getData(self):  # noqa: N802
        return self._data

    def setPen(self, pen: QPen) -> None:  # noqa: N802
        self.opts["pen"] = QPen(pen)

    def drawn(self) -> tuple | None:
        """What painting it draws, hashable (None: nothing): for `under_key`."""
        x, y = self._data
        if not self._visible or x is None:
            return None
        p = self.opts["pen"]
        return (tuple(x), tuple(y), p.color().rgba(), p.widthF(), p.style(), p.capStyle())


class PaintedText(Painted):
    """A text the plot paints itself: a TextItem's text, colour, font, place and anchor
    (the fraction of its box that sits at `pos`)."""

    def __init__(self, text: str = "", anchor: tuple[float, float] = (0.0, 0.0)) -> None:
        super().__init__()
        self._text = text
        self.anchor = QPointF(*anchor)
        self._pos = QPointF()
        self.color = QColor()
        self._font = QFont()

    def setText(self, text: str) -> None:  # noqa: N802 (the item's name)
        self._text = str(text)

    def toPlainText(self) -> str:  # noqa: N802
        return self._text

    def setColor(self, colour) -> None:  # noqa: N802
        self.color = QColor(colour)

    def setFont(self, font: QFont) -> None:  # noqa: N802
        self._font = QFont(font)

    def font(self) -> QFont:
        return self._font

    def setPos(self, x: float, y: float) -> None:  # noqa: N802
        self._pos = QPointF(x, y)

    def pos(self) -> QPointF:
        return QPointF(self._pos)


class _Bead:
    """A round marker at a data point, painted over the still picture."""

    def __init__(self, plot: StillScene, item: QGraphicsItem):
        self.plot = plot
        self.item = item
        self.at: QPointF | None = None  # data coordinates
        self._drawn: QRect | None = None  # viewport pixels covered when last painted
        self._pen, self._brush = QPen(), QBrush()
        self.restyle()

    def restyle(self) -> None:
        """Take the item's pen and brush (once per still picture, not per frame)."""
        self._pen, self._brush = QPen(self.item.pen()), QBrush(self.item.brush())
        rect = self.item.rect()
        self._rx, self._ry = rect.width() / 2, rect.height() / 2

    def move(self, x: float, y: float) -> None:
        at, plot = QPointF(x, y), self.plot
        now = self._box(plot._to_px, at) if plot.still_ready else None
        if now is not None and at == self.at and now == self._drawn:
            return  # a hold: it is already painted there
        self.item.setPos(x, y)  # out of the scene: no repaint, but its position is the truth
        self.at = at
        if now is None:
            plot.ask(QRect())
        else:
            plot.ask(now if self._drawn is None else now.united(self._drawn))

    def _box(self, to_px: QTransform, at: QPointF) -> QRect:
        r = max(self._rx, self._ry) + BEAD_MARGIN
        p = to_px.map(at)
        return QRectF(p.x() - r, p.y() - r, 2 * r, 2 * r).toAlignedRect()

    def paint(self, painter: QPainter, to_px: QTransform) -> None:
        if self.at is None or not self.plot.isVisible():
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(self._pen)
        painter.setBrush(self._brush)
        painter.drawEllipse(to_px.map(self.at), self._rx, self._ry)
        self._drawn = self._box(to_px, self.at)
