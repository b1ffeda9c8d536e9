"""The joint itself: two bones, a goniometer arc, the grade's band and a live needle.

Everything static (background, stabilised bone, arc, ticks, band, labels) is
painted once into two cached pixmaps. A frame only blits them and fills a few
pre-built paths under a rotation: the moving bone, its force arrow, the needle,
plus the read-out. The widget draws what the model says; it computes no grades,
and where each text goes comes from `joint_layout`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from mobsim.model.grades import Band
from mobsim.model.joints import Condition, JointSpec
from mobsim.ui.theme import Theme
from mobsim.ui.widgets.joint_anatomy import Anatomy, Geometry, anatomy_of
from mobsim.ui.widgets.joint_layout import (
    ALL_MARKERS,
    JointScene,
    Label,
    Layout,
    fit,
    fmt_deg,
    label_px,
    mobilise_rect,
)
from mobsim.ui.widgets.joint_paint import (
    overlay_area,
    paint_label,
    paint_overlay,
    paint_under,
    painter_on,
    pixmap,
)
from mobsim.ui.widgets.joint_shapes import unit


@dataclass
class _Frame:
    """Everything a frame needs; rebuilt on resize, theme, scene or marker changes."""

    dpr: float
    scene: JointScene
    geo: Geometry
    lay: Layout
    under: QPixmap
    overlay: QPixmap
    overlay_at: QPointF
    mobilise: QPixmap
    readout_pen: QPen
    colours: dict[str, QColor]  # per-frame colours, made once
    readout_rect: QRectF | None = None  # where the read-out was last painted
    flash: QPainterPath | None = None  # grade V: the mark shown during the impulse
    flash_from: float = 0.0  # ... once the angle passes this


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
        self._frame: _Frame | None = None
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
            self._anatomy = anatomy_of(joint)
        self._joint, self._condition, self._band = joint, condition, band
        self._invalidate()

    def set_angle(self, angle_deg: float) -> None:
        self._angle = float(angle_deg)
        if self._described_angle != round(self._angle):
            self._describe()
        self.update()

    def set_readout(self, angle_deg: float | None) -> None:
        """The angle the read-out box shows: the screen's recorded sample, so that it
        agrees with every other read-out (None: follow the needle)."""
        self._readout_angle = None if angle_deg is None else float(angle_deg)
        self.update()

    def set_markers(
        self,
        *,
        a: bool = True,
        r1: bool = True,
        l: bool = True,  # noqa: E741
        b: bool = True,
        p1: bool = True,
    ) -> None:
        self._markers = {"a": a, "r1": r1, "l": l, "b": b, "p1": p1}
        self._invalidate()

    def set_band_visible(self, visible: bool) -> None:
        self._band_visible = bool(visible)
        self._invalidate()

    def set_labels_visible(self, visible: bool) -> None:
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
        painter.drawPixmap(0, 0, frame.under)
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
        painter.drawPixmap(frame.overlay_at, frame.overlay)
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
            self._paint_texts(painter, frame, screen)
        painter.end()

    # ------------------------------------------------------------ per frame
    def _paint_texts(self, painter: QPainter, frame: _Frame, screen: float) -> None:
        """The read-out in its box, and "mobilise" riding with the arrow."""
        rect = frame.lay.readout_rect
        frame.readout_rect = rect
        colours = frame.colours
        rh = rect.height()
        painter.setPen(frame.readout_pen)
        painter.setBrush(colours["readout_fill"])
        painter.drawRoundedRect(rect, rh * 0.25, rh * 0.25)
        painter.setFont(frame.lay.readout_font)
        painter.setPen(colours["text"])
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.readout_text())
        painter.drawPixmap(mobilise_rect(frame.lay, frame.geo, screen).topLeft(), frame.mobilise)

    # ------------------------------------------------------------ cache
    def _invalidate(self) -> None:
        self._frame = None
        self._describe()
        self.update()

    def _ensure_frame(self) -> _Frame | None:
        if self._joint is None or self.width() < 2 or self.height() < 2:
            return None
        # Size and pixel ratio are checked here rather than in resizeEvent: grab()
        # of a hidden widget sends a resize event every time.
        dpr, size = self.devicePixelRatioF(), (self.width(), self.height())
        if self._frame is None or self._frame.dpr != dpr or self._frame.geo.size != size:
            self._frame = self._build_frame(dpr, size)
        return self._frame

    def _build_frame(self, dpr: float, size: tuple[int, int]) -> _Frame:
        theme, scene = self._theme, self.scene()
        geo, lay = fit(scene, self._anatomy, size, self.font())
        under = pixmap(*size, dpr)
        paint_under(under, scene, geo)
        area = overlay_area(geo, lay)
        overlay = pixmap(area.width(), area.height(), dpr)
        paint_overlay(overlay, QPointF(area.topLeft()), scene, geo, lay)
        flash, flash_from = self._flash(scene, geo)
        return _Frame(
            flash=flash,
            flash_from=flash_from,
            dpr=dpr,
            scene=scene,
            geo=geo,
            lay=lay,
            under=under,
            overlay=overlay,
            overlay_at=QPointF(area.topLeft()),
            mobilise=self._label_pixmap(lay, dpr),
            readout_pen=QPen(QColor(theme.needle), max(1.0, theme.line_width * 0.5)),
            colours=self._colours(),
        )

    @staticmethod
    def _flash(scene: JointScene, geo: Geometry) -> tuple[QPainterPath | None, float]:
        """Grade V's impulse mark: a disc on the arc at the thrust's peak, shown from a
        quarter of the way up the thrust (the preload hold at L shows none)."""
        band = scene.band
        if band is None or not band.grade.is_thrust:
            return None, 0.0
        at = geo.centre + unit(scene.screen_angle(band.high)) * geo.r_arc
        path = QPainterPath()
        path.addEllipse(at, geo.thick * 1.3, geo.thick * 1.3)
        return path, band.low + 0.25 * (band.high - band.low)

    def _colours(self) -> dict[str, QColor]:
        theme = self._theme
        colours = {
            name: QColor(getattr(theme, name))
            for name in ("background", "bone_fill", "bone_outline", "arrow", "needle", "text")
        }
        band = self._band
        colours["flash"] = QColor(theme.grade_colour(band.grade) if band else theme.needle)
        colours["readout_fill"] = QColor(theme.panel)
        colours["readout_fill"].setAlpha(235)
        return colours

    def _label_pixmap(self, lay: Layout, dpr: float) -> QPixmap:
        w, h = lay.mobilise.size
        out = pixmap(w, h, dpr)
        out.fill(Qt.GlobalColor.transparent)
        painter = painter_on(out)
        rect = QRectF(1, 1, w - 2, h - 2)
        paint_label(
            painter,
            Label("mobilise", lay.mobilise.font, rect, QColor(self._theme.arrow)),
            self._theme,
        )
        painter.end()
        return out

    # ------------------------------------------------------------ accessibility
    def _describe(self) -> None:
        """Keep the accessible description current; it says only what is on show."""
        self._described_angle = round(self._angle)
        if self._joint is None or self._condition is None:
            self.setAccessibleDescription("No joint selected.")
            return
        joint, cond, m = self._joint, self._condition, self._markers
        parts = [
            f"{joint.name}, {joint.motion}. Stabilised {joint.fixed_segment.name}; "
            f"mobilised {joint.moving_segment.name}."
        ]
        shown = [
            (m["a"], "A", cond.start),
            (m["r1"], "R1", cond.resistance_onset),
            (m["l"], "L", cond.available_limit),
            (m["b"], "B", cond.normal_end),
            (m["p1"] and cond.pain_onset is not None, "P1", cond.pain_onset),
        ]
        marks = [f"{name} {fmt_deg(value)}" for visible, name, value in shown if visible]
        if marks:
            parts.append("Marked: " + ", ".join(marks) + ".")
        if cond.is_stiff and m["l"]:
            parts.append("Stiff joint: the range from L to B is lost.")
        span = self.band_span()
        if span is not None:
            name = f"Grade {self._band.choice.display} band" if self._labels_visible else "Band"
            parts.append(f"{name} from {fmt_deg(span[0])} to {fmt_deg(span[1])}.")
        parts.append(f"Angle {self._described_angle}°.")
        self.setAccessibleDescription(" ".join(parts))
