"""Where every text on the joint drawing goes, so that none covers another.

A pure function of the scene (joint, condition, band, markers, theme) and the
geometry at a size: `layout(scene, geometry, base_font)` places the static labels
and badges, and `moving_texts(...)` places the live read-out and "mobilise" for
an angle. The widget paints what these return; tests check them without painting.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainterPath, QTransform

from mobsim.model.grades import Band
from mobsim.model.joints import Condition, JointSpec
from mobsim.ui.theme import Theme
from mobsim.ui.widgets.joint_anatomy import Geometry, rotation
from mobsim.ui.widgets.joint_shapes import length_du, unit

# Text scales with the widget between these factors; 1.0 at the reference size,
# where the projector profile's 14 pt is 19 px.
REFERENCE_SIZE = (640.0, 520.0)
FONT_FACTOR_RANGE = (0.75, 1.6)
PX_PER_PT = 96.0 / 72.0  # points → pixels independent of the platform's logical DPI
# How a label backs off when its place is taken: radial steps, tangential steps.
RADIAL_STEPS = 6
TANGENT_STEPS = (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5)
ALL_MARKERS = {"a": True, "r1": True, "l": True, "b": True, "p1": True}


def fmt_deg(value: float) -> str:
    value = round(value, 1)
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return ("0" if text in ("-0", "") else text) + "°"


def label_px(theme: Theme, size: tuple[float, float]) -> int:
    """Pixel size of ordinary label text at a widget size."""
    lo, hi = FONT_FACTOR_RANGE
    factor = min(size[0] / REFERENCE_SIZE[0], size[1] / REFERENCE_SIZE[1])
    return max(8, round(theme.font_pt * PX_PER_PT * min(max(factor, lo), hi)))


def sized_font(base: QFont, px: int, scale: float = 1.0, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPixelSize(max(8, round(px * scale)))
    font.setBold(bold)
    return font


def frame_pad(px: int) -> float:
    """The margin kept round the drawing for labels."""
    return px * 1.6 + 6


@dataclass(frozen=True)
class JointScene:
    """What the joint view shows: the model's answers and which parts are on."""

    theme: Theme
    joint: JointSpec
    condition: Condition
    band: Band | None  # None when no band is shown
    markers: dict[str, bool] = field(default_factory=lambda: dict(ALL_MARKERS))
    labels_visible: bool = True

    def screen_angle(self, angle_deg: float) -> float:
        view = self.joint.orientation
        return view.moving_zero_deg + view.direction * angle_deg

    def ticks(self) -> list[tuple[float, str]]:
        """(angle, colour) of each marker tick on the arc."""
        cond, m, theme = self.condition, self.markers, self.theme
        ticks = []
        if m["a"]:
            ticks.append((cond.start, theme.available_range))
        if m["r1"]:
            ticks.append((cond.resistance_onset, theme.resistance))
        if m["l"] or (m["b"] and not cond.is_stiff):
            ticks.append((cond.available_limit, theme.available_range))
        if m["b"] and cond.is_stiff:
            ticks.append((cond.normal_end, theme.normal_range))
        if m["p1"] and cond.pain_onset is not None:
            ticks.append((cond.pain_onset, theme.pain))
        return ticks


# ------------------------------------------------------------------ labels


@dataclass
class Label:
    text: str
    font: QFont
    rect: QRectF
    border: QColor
    leader: tuple[QPointF, QPointF] | None = None
    filled: bool = False  # a badge in the border colour (the grade label)


def rect_beside(anchor: QPointF, direction: QPointF, w: float, h: float) -> QRectF:
    """A w×h rect whose edge touches `anchor`, lying in `direction` from it."""
    d = abs(direction.x()) * w / 2 + abs(direction.y()) * h / 2
    c = anchor + direction * d
    return QRectF(c.x() - w / 2, c.y() - h / 2, w, h)


class Placer:
    """Greedy label placement: first come (most important) keeps its place.

    Hard obstacles (other labels, the stabilised bone, the widget's edge) are
    never overlapped; the soft one (where the moving bone swings) only costs.
    """

    SOFT_COST = 6.0

    def __init__(
        self,
        bounds: QRectF,
        obstacles: list[QPainterPath],
        gap: float,
        soft: QPainterPath | None = None,
    ):
        self.bounds = bounds
        self.obstacles = obstacles
        self.soft = soft
        self.gap = gap
        self.placed: list[QRectF] = []

    def fits(self, rect: QRectF) -> bool:
        if not self.bounds.contains(rect):
            return False
        grown = rect.adjusted(-self.gap, -self.gap, self.gap, self.gap)
        if any(grown.intersects(r) for r in self.placed):
            return False
        return not any(p.intersects(rect) for p in self.obstacles)

    def take(self, rect: QRectF) -> QRectF:
        self.placed.append(rect)
        return rect

    def radial(
        self,
        anchor: QPointF,
        screen_deg: float,
        w: float,
        h: float,
        step: float,
        avoid_soft: bool = True,
    ) -> tuple[QRectF, bool] | None:
        """Outside the arc at an angle; backs off outwards, then sideways."""
        out = unit(screen_deg)
        tangent = QPointF(-out.y(), out.x())
        candidates = sorted(
            ((k + 1.3 * abs(t), k, t) for k in range(RADIAL_STEPS) for t in TANGENT_STEPS),
            key=lambda c: c[0],
        )
        best: tuple[float, QRectF, bool] | None = None
        for cost, k, t in candidates:
            if best is not None and cost >= best[0]:
                break
            rect = rect_beside(anchor + out * (k * step) + tangent * (t * 0.6 * h), out, w, h)
            if not self.fits(rect):
                continue
            if avoid_soft and self.soft is not None and self.soft.intersects(rect):
                cost += self.SOFT_COST
            if best is None or cost < best[0]:
                best = (cost, rect, (k, t) != (0, 0))
        if best is None:
            return None
        return self.take(best[1]), best[2]


# ------------------------------------------------------------------ the layout


@dataclass
class Layout:
    """Every static text, tick and the moving texts' candidate places, in widget px."""

    label_px: int
    font: QFont
    labels: list[Label]
    tick_lines: list[tuple[QPointF, QPointF, str]]  # (inner, outer, colour)
    keep_clear: list[QRectF]  # labels and ticks: the moving texts stay off them
    readout_font: QFont
    readout_size: tuple[float, float]
    mobilise_font: QFont
    mobilise_size: tuple[float, float]
    mobilise_spots: list[tuple[QPointF, int]]  # bone frame (px), and the side it lies on
    bounds: QRectF  # the widget's rect, less a small inset


def layout(scene: JointScene, geo: Geometry, base: QFont) -> Layout:
    theme = scene.theme
    px = label_px(theme, geo.size)
    font = sized_font(base, px)
    fm = QFontMetricsF(font)
    pad_x, pad_y = fm.height() * 0.3, fm.height() * 0.06
    readout_font = sized_font(base, px, 1.15, bold=True)
    rm = QFontMetricsF(readout_font)
    readout_size = (rm.horizontalAdvance("−000.0°") + rm.height() * 0.6, rm.height() * 1.15)
    mobilise_size = (
        fm.horizontalAdvance("mobilise") + fm.height() * 0.6 + 2,
        fm.height() * 1.12 + 2,
    )
    side = geo.trailing
    tail = geo.arrow_tail
    mobilise_spots = [
        (tail + QPointF(shift * mobilise_size[0], side * 4), side) for shift in (0, 0.7, -0.7, 1.4)
    ]
    tick_lines = []
    for angle, colour in scene.ticks():
        u = unit(scene.screen_angle(angle))
        c, r, t = geo.centre, geo.r_arc, geo.thick
        tick_lines.append((c + u * (r - t), c + u * (r + t * 1.2), colour))
    labels = _place_labels(scene, geo, font, (pad_x, pad_y), px) if scene.labels_visible else []
    lw = theme.line_width
    keep_clear = [label.rect for label in labels] + [
        QRectF(a, b).normalized().adjusted(-lw, -lw, lw, lw) for a, b, _ in tick_lines
    ]
    return Layout(
        label_px=px,
        font=font,
        labels=labels,
        tick_lines=tick_lines,
        keep_clear=keep_clear,
        readout_font=readout_font,
        readout_size=readout_size,
        mobilise_font=font,
        mobilise_size=mobilise_size,
        mobilise_spots=mobilise_spots,
        bounds=QRectF(0, 0, *geo.size).adjusted(2, 2, -2, -2),
    )


def _place_labels(
    scene: JointScene, geo: Geometry, font: QFont, pad: tuple[float, float], px: int
) -> list[Label]:
    theme, cond, m = scene.theme, scene.condition, scene.markers
    c, r, thick = geo.centre, geo.r_arc, geo.thick
    pad_x, pad_y = pad
    gap = max(2.0, px * 0.15)
    band = scene.band
    soft = None
    if band is not None:  # where the moving bone swings while it shows this band
        soft = QPainterPath()
        for angle in (band.low, band.centre, band.high):
            place = geo.placed(scene.screen_angle(angle))
            soft = soft.united(place.map(geo.bone_fill)).united(place.map(geo.arrow))
    obstacles = [geo.fixed_bone, geo.clamp_block.united(geo.clamp_band)]
    bounds = QRectF(0, 0, *geo.size).adjusted(3, 3, -3, -3)
    placer = Placer(bounds, obstacles, gap, soft)
    labels: list[Label] = []

    def size(text: str, f: QFont) -> tuple[float, float]:
        metrics = QFontMetricsF(f)
        return (metrics.horizontalAdvance(text) + 2 * pad_x, metrics.height() + 2 * pad_y)

    def radial(
        text: str,
        angle: float,
        colour: str,
        f: QFont = font,
        out: float = 1.3,
        avoid_bone: bool = True,
        filled: bool = False,
    ) -> None:
        w, h = size(text, f)
        screen = scene.screen_angle(angle)
        tick_end = c + unit(screen) * (r + thick * out)
        found = placer.radial(tick_end + unit(screen) * gap, screen, w, h, h * 0.7, avoid_bone)
        if found is None:
            return
        rect, moved = found
        leader = (tick_end, rect.center()) if moved else None
        labels.append(Label(text, f, rect, QColor(colour), leader, filled))

    _place_stabilised(scene, geo, placer, labels, font, size)
    if band is not None:
        big = sized_font(font, px, 1.5, bold=True)
        # The grade's badge belongs at the band, even on top of the bone.
        radial(
            band.choice.display,
            band.centre,
            theme.grade_colour(band.grade),
            big,
            1.6,
            avoid_bone=False,
            filled=True,
        )
    lim, b = cond.available_limit, cond.normal_end
    if cond.is_stiff:
        if m["l"]:
            radial(f"L {fmt_deg(lim)}", lim, theme.available_range)
        if m["a"]:
            radial(f"A {fmt_deg(cond.start)}", cond.start, theme.available_range)
        if m["b"]:
            radial(f"B {fmt_deg(b)}", b, theme.normal_range)
    else:
        name = {(True, True): "L = B", (True, False): "L", (False, True): "B"}
        key = (m["l"], m["b"])
        if key in name:
            radial(f"{name[key]} {fmt_deg(lim)}", lim, theme.available_range)
        if m["a"]:
            radial(f"A {fmt_deg(cond.start)}", cond.start, theme.available_range)
    if m["r1"]:
        radial(f"R1 {fmt_deg(cond.resistance_onset)}", cond.resistance_onset, theme.resistance)
    if m["p1"] and cond.pain_onset is not None:
        radial(f"P1 {fmt_deg(cond.pain_onset)}", cond.pain_onset, theme.pain)
    if cond.is_stiff:
        radial("lost range", 0.5 * (lim + b), theme.lost_range)
    return labels


def _place_stabilised(
    scene: JointScene, geo: Geometry, placer: Placer, labels: list[Label], font: QFont, size
) -> None:
    """'stabilised <bone>' beyond the bench, else on the strap's other side, else past
    the bone's far end."""
    joint = scene.joint
    text = f"stabilised {joint.fixed_segment.name}"
    w, h = size(text, font)
    block = geo.clamp_block.united(geo.clamp_band).boundingRect()
    rot = rotation(joint.orientation.fixed_direction_deg)
    outward = rot.map(QPointF(0, geo.clamp_side))
    along = rot.map(QPointF(1, 0))
    gap = placer.gap * 2
    reach = abs(outward.x()) * block.width() / 2 + abs(outward.y()) * block.height() / 2
    far_end = geo.centre + along * (length_du(joint.fixed_segment) * geo.scale)
    starts = [
        (block.center() + outward * (reach + gap), outward),
        (block.center() - outward * (reach + gap), -outward),
        (far_end + along * gap, along),
    ]
    for anchor, direction in starts:
        for shift in (0, 1, -1, 2, -2, 3, -3):
            rect = rect_beside(anchor + along * (shift * 0.5 * w), direction, w, h)
            if placer.fits(rect):
                labels.append(Label(text, font, placer.take(rect), QColor(scene.theme.anchor)))
                return


# ------------------------------------------------------------------ per angle


def moving_texts(lay: Layout, geo: Geometry, screen_deg: float) -> tuple[QRectF, QRectF]:
    """Where the live read-out and "mobilise" go with the bone at an angle: never on a
    label if avoidable, preferably off the arc, else the nearest spot."""
    turn = rotation(screen_deg)
    (rw, rh), (mw, mh) = lay.readout_size, lay.mobilise_size
    readout = _spot_rect(
        lay, geo, turn, _free_spot(lay, geo, turn, geo.readout_spots, rw, rh), rw, rh
    )
    spot = _free_spot(lay, geo, turn, lay.mobilise_spots, mw, mh, readout)
    return readout, _spot_rect(lay, geo, turn, spot, mw, mh)


def _spot_rect(
    lay: Layout, geo: Geometry, turn: QTransform, spot: tuple[QPointF, int], w: float, h: float
) -> QRectF:
    """A w×h rect beside a spot (bone frame: anchor, side), kept inside the widget."""
    local, side = spot
    anchor = geo.centre + turn.map(local)
    rect = rect_beside(anchor, turn.map(QPointF(0, side)), w, h)
    bounds = lay.bounds
    x = min(max(rect.left(), bounds.left()), bounds.right() - rect.width())
    y = min(max(rect.top(), bounds.top()), bounds.bottom() - rect.height())
    return QRectF(x, y, rect.width(), rect.height())


def _free_spot(
    lay: Layout,
    geo: Geometry,
    turn: QTransform,
    spots: list[tuple[QPointF, int]],
    w: float,
    h: float,
    also: QRectF | None = None,
) -> tuple[QPointF, int]:
    best, best_cost = spots[0], math.inf
    for index, spot in enumerate(spots):
        rect = _spot_rect(lay, geo, turn, spot, w, h)
        cost = index
        if also is not None and rect.intersects(also):
            cost += 1000
        cost += 1000 * sum(rect.intersects(taken) for taken in lay.keep_clear)
        if _crosses_arc(geo, rect):
            cost += 100
        if cost < best_cost:
            best, best_cost = spot, cost
        if cost < 100:
            break  # spots come in order of preference
    return best


def _crosses_arc(geo: Geometry, rect: QRectF) -> bool:
    """Whether the rect lies across the arc's ring (where the band and ticks are)."""
    c = geo.centre
    dx = max(rect.left() - c.x(), 0.0, c.x() - rect.right())
    dy = max(rect.top() - c.y(), 0.0, c.y() - rect.bottom())
    nearest = math.hypot(dx, dy)
    farthest = math.hypot(
        max(abs(rect.left() - c.x()), abs(rect.right() - c.x())),
        max(abs(rect.top() - c.y()), abs(rect.bottom() - c.y())),
    )
    ring = geo.thick * 1.4
    return nearest < geo.r_arc + ring and farthest > geo.r_arc - ring
