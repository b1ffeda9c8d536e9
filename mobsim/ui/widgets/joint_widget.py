"""The joint itself: two bones, a goniometer arc, the grade's band and a live needle.

Everything static is painted once into two cached layers, each kept by what it
depends on: the background with the stabilised bone (joint, size, theme), and the
arc with the band, ticks and labels (the whole scene). A grade key therefore lays
out and paints only the second; the frames of the other grades and of the
neighbouring joints can be built ahead in idle time (`warm`), so a key finds its
frame ready. A frame only blits the layers and fills a few pre-built paths under
a rotation: the moving bone, its force arrow, the needle, plus the read-out; and
it repaints only the region those covered before and cover now.
The widget draws what the model says; it computes no grades, and where each text
goes comes from `joint_layout`.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPixmap, QRegion, QTransform
from PySide6.QtWidgets import QSizePolicy, QWidget

from mobsim.model.grades import Band
from mobsim.model.joints import Condition, JointSpec
from mobsim.ui.theme import Theme
from mobsim.ui.widgets.joint_anatomy import Anatomy, Geometry, anatomy_of
from mobsim.ui.widgets.joint_frame import Frame, build_frame
from mobsim.ui.widgets.joint_layout import (
    ALL_MARKERS,
    JointScene,
    fit,
    label_px,
    mobilise_rect,
)
from mobsim.ui.widgets.joint_paint import (
    paint_under,
    pixmap,
)
from mobsim.ui.widgets.still_scene import device_rect

# Frames kept: the current one, the other grades' and the neighbouring joints'.
# Each holds only the arc's layer (the background layer is shared per joint).
FRAME_CACHE = 10
UNDER_CACHE = 6  # background layers kept (this joint at its text sizes, its neighbours)
GEOMETRY_CACHE = 64  # drawings at a size (paths only)
DIRTY_MARGIN = 3  # px round each box: antialiasing and pen widths
# The moving boxes' region is worked out once per step of the screen angle and kept
# (with a margin for the turn within a step): a frame then only looks it up.
REGION_STEP_DEG = 0.5
REGIONS_KEPT = 2000  # per frame: a full turn at the step is 720
# Building ahead starts this long after a paint, when the frame a key asked for has
# been on screen a while; then one frame per turn of the event loop.
WARM_AFTER_MS = 40


class JointView(QWidget):
    """Two bones about a joint, with the goniometer arc, the grade's band and the live angle."""

    def __init__(self, theme: Theme, parent: QWidget | None = None):
        super().__init__(parent)
        self._theme = theme
        self._joint: JointSpec | None = None
        self._condition: Condition | None = None
        self._band: Band | None = None
        self._anatomy: Anatomy | None = None
        self._angle = 0.0
        self._readout_angle: float | None = None  # None: the read-out follows the needle
        self._markers = dict(ALL_MARKERS)
        self._band_visible = True
        self._labels_visible = True
        self._frame: Frame | None = None
        self._frames: OrderedDict[tuple, Frame] = OrderedDict()
        self._unders: OrderedDict[tuple, tuple[Geometry, Theme, QPixmap]] = OrderedDict()
        self._geometries: dict = {}
        self._anatomies: dict[str, Anatomy] = {}
        self._warm_queue: list[tuple[JointSpec, Condition, Band | None]] = []
        self._warm_next: Callable[[], list] | None = None  # the queue, when asked for
        self._warm_timer = QTimer(self)
        self._warm_timer.setSingleShot(True)
        self._warm_timer.timeout.connect(self._warm_one)
        self._dirty: QRegion | None = None  # what the moving parts covered when last painted
        self._ahead: tuple[float, QRegion] | None = None  # (screen angle, region) asked for
        self._painted_at: float | None = None  # the screen angle `_dirty` was painted at
        self._mobilise_at: tuple[Frame, float, QRectF] | None = None
        # What was built, for tests and benches: layouts with the arc's layer, and
        # background layers; on demand (for a paint) or ahead, in idle time.
        self.builds = {"layout": 0, "under": 0, "layout_ahead": 0, "under_ahead": 0}
        self._ahead_now = False  # building ahead: count it there
        self._described_angle: int | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 260)
        self.setAccessibleName("Joint view")
        self._describe()

    # ------------------------------------------------------------ public API
    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._invalidate()

    def set_scene(self, joint: JointSpec, condition: Condition, band: Band | None) -> None:
        if joint is not self._joint:
            self._anatomy = self._anatomy_of(joint)
        self._joint, self._condition, self._band = joint, condition, band
        self._invalidate()

    def warm(self, scenes: Callable[[], list[tuple[JointSpec, Condition, Band | None]]]) -> None:
        """Build these scenes' frames ahead, one per turn of the event loop, starting
        a little after the next paint (the screen names what a key may show next:
        other grades, neighbouring joints). Never on the way to a frame: `scenes` is
        asked for the list only when building starts."""
        self._warm_next = scenes
        self._warm_queue = []

    @property
    def warming(self) -> bool:
        """Frames are still queued to be built ahead."""
        return bool(self._warm_queue) or self._warm_next is not None

    def clear_cache(self) -> None:
        """Forget every built frame and layer (benches measure a cold build with it)."""
        self._frames.clear()
        self._unders.clear()
        self._geometries.clear()
        self._warm_queue, self._warm_next = [], None
        self._invalidate()

    def set_angle(self, angle_deg: float) -> None:
        self._angle = float(angle_deg)
        if self._described_angle != round(self._angle):
            self._describe_angle()
        self._update_moving()

    def set_readout(self, angle_deg: float | None) -> None:
        """The angle the read-out box shows: the screen's recorded sample, so that it
        agrees with every other read-out (None: follow the needle)."""
        angle = None if angle_deg is None else float(angle_deg)
        if angle == self._readout_angle:
            return
        self._readout_angle = angle
        frame = self._frame
        if frame is None or not self._labels_visible:
            self.update()
        elif self._readout_angle is not None:  # else it follows the needle: set_angle
            self.update(frame.lay.readout_rect.toAlignedRect().adjusted(-2, -2, 2, 2))

    def set_markers(
        self,
        *,
        a: bool = True,
        r1: bool = True,
        l: bool = True,  # noqa: E741
        b: bool = True,
        p1: bool = True,
    ) -> None:
        markers = {"a": a, "r1": r1, "l": l, "b": b, "p1": p1}
        if markers != self._markers:  # a screen says so on every scene event
            self._markers = markers
            self._invalidate()

    def set_band_visible(self, visible: bool) -> None:
        if bool(visible) != self._band_visible:
            self._band_visible = bool(visible)
            self._invalidate()

    def set_labels_visible(self, visible: bool) -> None:
        if bool(visible) != self._labels_visible:
            self._labels_visible = bool(visible)
            self._invalidate()

    # ------------------------------------------------------------ introspection
    def scene(self) -> JointScene | None:
        """What is on show, as the layout sees it (None before a scene)."""
        if self._joint is None or self._condition is None:
            return None
        return JointScene(
            theme=self._theme,
            joint=self._joint,
            condition=self._condition,
            band=self._band if self._band_visible else None,
            markers=dict(self._markers),
            labels_visible=self._labels_visible,
        )

    def screen_angle(self, angle_deg: float) -> float:
        view = self._joint.orientation if self._joint else None
        if view is None:
            return float(angle_deg)
        return view.moving_zero_deg + view.direction * angle_deg

    def band_span(self) -> tuple[float, float] | None:
        if self._band is None or not self._band_visible or self._joint is None:
            return None
        return (self._band.low, self._band.high)

    def readout_text(self) -> str:
        angle = self._angle if self._readout_angle is None else self._readout_angle
        angle = 0.0 if abs(angle) < 0.05 else angle
        return f"{angle:.1f}°"

    def arc_geometry(self) -> tuple[QPointF, float] | None:
        """(joint centre, arc radius) in widget pixels, for tests; None before a scene."""
        frame = self._ensure_frame()
        return None if frame is None else (QPointF(frame.geo.centre), frame.geo.r_arc)

    def label_pixel_size(self) -> int:
        """Pixel size of ordinary label text as drawn (smaller only where the view is
        too cramped for every label at full size)."""
        frame = self._ensure_frame()
        if frame is None:
            return label_px(self._theme, (self.width(), self.height()))
        return frame.lay.label_px

    def label_boxes(self) -> list[tuple[str, QRectF]]:
        """The static text labels drawn (after collision avoidance) and their boxes."""
        frame = self._ensure_frame()
        if frame is None:
            return []
        return [(label.text, QRectF(label.rect)) for label in frame.lay.labels]

    def readout_rect(self) -> QRectF | None:
        """Where the read-out was last painted (None before a paint or with labels hidden)."""
        frame = self._frame
        if frame is None or frame.readout_rect is None or not self._labels_visible:
            return None
        return QRectF(frame.readout_rect)

    # ------------------------------------------------------------ Qt events
    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        frame = self._ensure_frame()
        if frame is None:
            painter.fillRect(self.rect(), QColor(self._theme.background))
            painter.setPen(QColor(self._theme.muted_text))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No joint selected")
            painter.end()
            return
        colours, geo = frame.colours, frame.geo
        dpr = frame.dpr
        # One copy of the region's bounding box (Qt clips it to the region): a rotated
        # bone's region is some twenty boxes, and a copy per box cost more than the
        # pixels it saved (perform frame 2.07 → 1.78 ms).
        region = event.region()
        area = QRectF(region.boundingRect())
        painter.drawPixmap(area, frame.under, device_rect(area, dpr))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, self._theme.antialias)
        painter.setPen(Qt.PenStyle.NoPen)
        screen = self.screen_angle(self._angle)
        painter.translate(geo.centre)
        painter.rotate(-screen)
        painter.fillPath(geo.bone_stroke, colours["bone_outline"])
        painter.fillPath(geo.bone_fill, colours["bone_fill"])
        if not geo.bone_details.isEmpty():
            painter.fillPath(geo.bone_details, colours["bone_outline"])
        painter.resetTransform()
        # The arc's layer, only where the repaint reaches (it may span the view).
        at, overlay = frame.overlay_at, frame.overlay
        layer = QRectF(at, overlay.deviceIndependentSize())
        part = layer.intersected(area)
        if not part.isEmpty():
            painter.drawPixmap(part, overlay, device_rect(part.translated(-at.x(), -at.y()), dpr))
        painter.translate(geo.centre)
        painter.rotate(-screen)
        painter.fillPath(geo.arrow, colours["arrow"])
        painter.fillPath(geo.needle_halo, colours["background"])
        painter.fillPath(geo.needle, colours["needle"])
        painter.resetTransform()
        if frame.flash is not None and self._angle > frame.flash_from:
            painter.setPen(frame.readout_pen)
            painter.setBrush(colours["flash"])
            painter.drawPath(frame.flash)
        if self._labels_visible:
            self._paint_texts(painter, frame, screen, region)
        painter.end()
        ahead = self._ahead
        self._dirty = ahead[1] if ahead is not None and ahead[0] == screen else None
        if self._dirty is None:
            self._dirty = self._moving_region(frame, screen)
        self._painted_at = screen
        self._schedule_warm()

    # ------------------------------------------------------------ per frame
    def _paint_texts(self, painter: QPainter, frame: Frame, screen: float, region: QRegion) -> None:
        """The read-out in its box (where the repaint reaches it: laying its text out
        is a good part of a frame), and "mobilise" riding with the arrow."""
        rect = frame.lay.readout_rect
        frame.readout_rect = rect
        if region.intersects(rect.toAlignedRect().adjusted(-2, -2, 2, 2)):
            colours = frame.colours
            rh = rect.height()
            painter.setPen(frame.readout_pen)
            painter.setBrush(colours["readout_fill"])
            painter.drawRoundedRect(rect, rh * 0.25, rh * 0.25)
            painter.setFont(frame.lay.readout_font)
            painter.setPen(colours["text"])
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.readout_text())
        painter.drawPixmap(self._mobilise_rect(frame, screen).topLeft(), frame.mobilise)

    # ------------------------------------------------------------ repaint region
    def _moving_region(self, frame: Frame, screen: float) -> QRegion:
        """Widget px covered by whatever moves with the angle at `screen` degrees."""
        m = DIRTY_MARGIN
        region = self._boxes_region(frame, screen)
        if self._labels_visible:
            region += self._mobilise_rect(frame, screen).toAlignedRect().adjusted(-m, -m, m, m)
            if self._readout_angle is None:  # the read-out follows the needle
                region += frame.lay.readout_rect.toAlignedRect().adjusted(-2, -2, 2, 2)
        if frame.flash is not None:
            region += frame.flash.boundingRect().toAlignedRect().adjusted(-m, -m, m, m)
        return region

    @staticmethod
    def _boxes_region(frame: Frame, screen: float) -> QRegion:
        """The moving boxes' region at `screen` degrees: that of the nearest step of
        the angle, grown by the most a box's corner moves within half a step."""
        step = round(screen / REGION_STEP_DEG)
        kept = frame.regions.get(step)
        if kept is None:
            if len(frame.regions) >= REGIONS_KEPT:
                frame.regions.clear()
            place = QTransform()
            place.translate(frame.geo.centre.x(), frame.geo.centre.y())
            place.rotate(-step * REGION_STEP_DEG)
            turn = frame.reach * math.radians(REGION_STEP_DEG / 2)
            m = DIRTY_MARGIN + math.ceil(turn)
            kept = QRegion()
            for box in frame.moving_boxes:
                kept += place.mapRect(box).toAlignedRect().adjusted(-m, -m, m, m)
            frame.regions[step] = kept
        return QRegion(kept)  # a copy (shared data): the caller adds to it

    def _mobilise_rect(self, frame: Frame, screen: float) -> QRectF:
        """Where "mobilise" is at `screen` degrees (asked twice a frame: kept once)."""
        at = self._mobilise_at
        if at is None or at[0] is not frame or at[1] != screen:
            at = self._mobilise_at = (frame, screen, mobilise_rect(frame.lay, frame.geo, screen))
        return at[2]

    def _update_moving(self) -> None:
        """Repaint only where the moving parts were and where they go."""
        frame = self._frame
        if frame is None or self._dirty is None or not self.isVisible():
            self.update()
            return
        size = (self.width(), self.height())
        if frame.geo.size != size or frame.dpr != self.devicePixelRatioF():
            self.update()
            return
        screen = self.screen_angle(self._angle)
        if screen == self._painted_at:  # a hold (grade V's preload and rest): nothing moved
            return
        region = self._moving_region(frame, screen)
        self._ahead = (screen, region)  # the paint reuses it
        self.update(self._dirty + region)

    # ------------------------------------------------------------ cache
    def _invalidate(self) -> None:
        self._frame = None
        self._dirty = self._ahead = None
        self._describe()
        self.update()

    def _key(self, scene: JointScene, dpr: float, size: tuple[int, int]) -> tuple:
        """What a frame depends on: everything on show, the size and the pixel ratio."""
        markers = tuple(sorted(scene.markers.items()))
        return (
            scene.joint.id,
            scene.condition,
            scene.band,
            markers,
            scene.labels_visible,
            id(scene.theme),  # themes hold dicts; a frame keeps its theme alive
            size,
            dpr,
        )

    def _anatomy_of(self, joint: JointSpec) -> Anatomy:
        anatomy = self._anatomies.get(joint.id)
        if anatomy is None:
            anatomy = self._anatomies[joint.id] = anatomy_of(joint)
        return anatomy

    def _ensure_frame(self) -> Frame | None:
        if self._joint is None or self.width() < 2 or self.height() < 2:
            return None
        # Size and pixel ratio are checked here rather than in resizeEvent: grab()
        # of a hidden widget sends a resize event every time.
        dpr, size = self.devicePixelRatioF(), (self.width(), self.height())
        if self._frame is None or self._frame.dpr != dpr or self._frame.geo.size != size:
            self._dirty = self._ahead = None
            self._frame = self._cached_frame(self.scene(), self._anatomy, dpr, size)
        return self._frame

    def _cached_frame(
        self, scene: JointScene, anatomy: Anatomy, dpr: float, size: tuple[int, int]
    ) -> Frame:
        key = self._key(scene, dpr, size)
        frame = self._frames.get(key)
        if frame is None:
            frame = self._frames[key] = self._build_frame(scene, anatomy, dpr, size)
            while len(self._frames) > FRAME_CACHE:
                self._frames.popitem(last=False)
        else:
            self._frames.move_to_end(key)
        return frame

    def _schedule_warm(self, delay_ms: int = WARM_AFTER_MS) -> None:
        queued = self._warm_queue or self._warm_next is not None
        if queued and not self._warm_timer.isActive() and self.isVisible():
            self._warm_timer.start(delay_ms)

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self._warm_timer.stop()  # resumes after the next paint
        super().hideEvent(event)

    def _warm_one(self) -> None:
        """Build one queued frame (never more per idle moment: frames keep their pace)."""
        frame = self._frame
        if frame is None or not self.isVisible():
            return
        if self._warm_next is not None:
            self._warm_queue, self._warm_next = list(self._warm_next()), None
        if not self._warm_queue:
            return
        joint, condition, band = self._warm_queue.pop(0)
        scene = self.scene()
        scene = JointScene(
            theme=scene.theme,
            joint=joint,
            condition=condition,
            band=band if self._band_visible else None,
            markers=scene.markers,
            labels_visible=scene.labels_visible,
        )
        key = self._key(scene, frame.dpr, frame.geo.size)
        if key in self._frames:
            # Still wanted: keep it newer than frames no key can show now (a grade's
            # neighbours at the grade before), which are the ones to evict.
            self._frames.move_to_end(key)
        else:
            self._ahead_now = True
            try:
                self._cached_frame(scene, self._anatomy_of(joint), frame.dpr, frame.geo.size)
            finally:
                self._ahead_now = False
            # Keep the current frame the newest, so warming never evicts it.
            current = self._key(frame.scene, frame.dpr, frame.geo.size)
            if current in self._frames:
                self._frames.move_to_end(current)
        self._schedule_warm(0)

    def _under(self, scene: JointScene, geo: Geometry, dpr: float) -> QPixmap:
        """The background layer: depends on the joint's drawing and the theme only."""
        key = (id(geo), id(scene.theme), dpr)
        entry = self._unders.get(key)
        if entry is not None and entry[0] is geo and entry[1] is scene.theme:
            self._unders.move_to_end(key)
            return entry[2]
        under = pixmap(*geo.size, dpr)
        paint_under(under, scene, geo)
        self.builds["under_ahead" if self._ahead_now else "under"] += 1
        self._unders[key] = (geo, scene.theme, under)
        while len(self._unders) > UNDER_CACHE:
            self._unders.popitem(last=False)
        return under

    def _build_frame(
        self, scene: JointScene, anatomy: Anatomy, dpr: float, size: tuple[int, int]
    ) -> Frame:
        if len(self._geometries) > GEOMETRY_CACHE:
            self._geometries.clear()
        geo, lay = fit(scene, anatomy, size, self.font(), self._geometries)
        self.builds["layout_ahead" if self._ahead_now else "layout"] += 1
        return build_frame(scene, geo, lay, dpr, self._under(scene, geo, dpr))

    # ------------------------------------------------------------ accessibility
    def _describe(self) -> None:
        """Keep the accessible description current; it says only what is on show.
        What is on show is described again on a change of scene (`_invalidate`), the
        angle whenever its whole degree changes (most frames of a grade III)."""
        scene = self.scene()
        self._description = None if scene is None else scene.description()
        self._describe_angle()

    def _describe_angle(self) -> None:
        self._described_angle = round(self._angle)
        head = self._description
        if head is None:
            self.setAccessibleDescription("No joint selected.")
        else:
            self.setAccessibleDescription(f"{head} Angle {self._described_angle}°.")
