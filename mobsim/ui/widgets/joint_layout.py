"""Where every text on the joint drawing goes, so that none covers another.

A pure function of the scene (joint, condition, band, markers, theme) and the
geometry at a size: `layout(scene, geometry, base_font)` places the grade badge,
the live read-out's box and the marker labels in free space, clear of both bones
wherever the moving one swings for this band, of the force arrow and of the arc;
"mobilise" rides with its arrow at an offset chosen so that it stays in view and
off the bones over the whole swing. The widget paints what this returns; tests
check it without painting.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainterPath

from mobsim.model.describe import fmt_deg
from mobsim.model.grades import Band
from mobsim.model.joints import Condition, JointSpec
from mobsim.ui.theme import Theme
from mobsim.ui.widgets.joint_anatomy import Anatomy, Geometry, rotation
from mobsim.ui.widgets.joint_shapes import ring, unit
from mobsim.ui.widgets.label_space import LabelSpace, rect_beside

# Text scales with the widget between these factors; 1.0 at the reference size,
# where the projector profile's 14 pt is 19 px.
REFERENCE_SIZE = (640.0, 520.0)
FONT_FACTOR_RANGE = (0.75, 1.6)
PX_PER_PT = 96.0 / 72.0  # points → pixels independent of the platform's logical DPI
# The moving bone is sampled this often (degrees) over its sweep.
SWEEP_STEP_DEG = 3.0
BADGE_ASPECT = 1.7
ALL_MARKERS = {"a": True, "r1": True, "l": True, "b": True, "p1": True}


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

    def description(self) -> str:
        """What is on show, in words (the view's accessible description, less the angle)."""
        joint, cond, m = self.joint, self.condition, self.markers
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
        if self.band is not None:
            name = f"Grade {self.band.choice.display} band" if self.labels_visible else "Band"
            parts.append(f"{name} from {fmt_deg(self.band.low)} to {fmt_deg(self.band.high)}.")
        return " ".join(parts)

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
        # The anatomical limit: nothing passes it, not even grade V's thrust.
        ticks.append((self.joint.anatomical_limit, theme.margin))
        return ticks

    def sweep(self) -> list[float]:
        """Angles the moving bone passes for this scene: the band, or the whole range
        when no band is shown (the quiz still moves the bone through a hidden one)."""
        joint, cond, band = self.joint, self.condition, self.band
        if band is not None:
            lo, hi = band.low, band.high
        else:
            lo = cond.start
            hi = min(cond.available_limit + joint.margin, joint.anatomical_limit)
        steps = max(2, math.ceil((hi - lo) / SWEEP_STEP_DEG))
        return [lo + (hi - lo) * i / steps for i in range(steps + 1)]


# ------------------------------------------------------------------ labels


@dataclass
class Label:
    text: str
    font: QFont
    rect: QRectF
    border: QColor
    leader: tuple[QPointF, QPointF] | None = None
    filled: bool = False  # a badge in the border colour (the grade label)


@dataclass
class Mobilise:
    """The arrow's label: a box at a fixed offset from the arrow's tail, in the bone's frame."""

    font: QFont
    size: tuple[float, float]
    anchor: QPointF  # bone frame, px
    direction: QPointF  # bone frame, unit

    def rect(self, geo: Geometry, screen_deg: float) -> QRectF:
        turn = rotation(screen_deg)
        at = geo.centre + turn.map(self.anchor)
        return rect_beside(at, turn.map(self.direction), *self.size)


@dataclass
class Layout:
    """Every text and tick on the joint drawing, in widget px."""

    label_px: int
    font: QFont
    labels: list[Label]
    tick_lines: list[tuple[QPointF, QPointF, str]]  # (inner, outer, colour)
    readout_font: QFont
    readout_rect: QRectF
    mobilise: Mobilise
    unresolved: int  # texts that found no free place: the drawing should shrink


# When texts find no room: leave more margin round the drawing (down to this share
# of its full size), then make the text smaller (down to this share).
PAD_STEPS = (1.0, 1.3, 1.7, 2.2, 2.8, 3.6, 4.6)
MIN_DRAWING_SHARE = 0.45
TEXT_STEPS = (1.0, 0.85, 0.72, 0.6)


def fit(
    scene: JointScene,
    anatomy: Anatomy,
    size: tuple[int, int],
    base: QFont,
    geometries: dict | None = None,
) -> tuple[Geometry, Layout]:
    """The largest drawing, then the largest text, with which every text finds a free
    place (else the last tried).

    `geometries` may cache the drawing per (joint, size, line width, margin): it
    does not depend on the condition or the band.
    """
    cache = {} if geometries is None else geometries
    lw = scene.theme.line_width
    full = label_px(scene.theme, size)
    best = None
    for text in TEXT_STEPS:
        px = max(8, round(full * text))
        widest = None
        for step in PAD_STEPS:
            # With no texts, only the arc's stroke needs room round the drawing.
            pad = frame_pad(px) * step if scene.labels_visible else 2 * lw + 4
            key = (scene.joint.id, size, lw, pad)
            geo = cache.get(key)
            if geo is None:
                geo = cache[key] = Geometry.at(scene.joint, anatomy, lw, size, pad)
            widest = widest or geo.scale
            if geo.scale < MIN_DRAWING_SHARE * widest:
                break
            lay = layout(scene, geo, base, px)
            if lay.unresolved == 0:
                return geo, lay
            if best is None or lay.unresolved < best[1].unresolved:
                best = (geo, lay)
    return best


def layout(scene: JointScene, geo: Geometry, base: QFont, px: int | None = None) -> Layout:
    """Every text placed for this drawing; `px` is the label text size (default: for
    the view's size)."""
    theme = scene.theme
    px = label_px(theme, geo.size) if px is None else px
    font = sized_font(base, px)
    fm = QFontMetricsF(font)
    pad = (fm.height() * 0.3, fm.height() * 0.06)
    readout_font = sized_font(base, px, 1.15, bold=True)
    rm = QFontMetricsF(readout_font)
    readout_size = (rm.horizontalAdvance("−000.0°") + rm.height() * 0.6, rm.height() * 1.15)
    mobilise_size = (fm.horizontalAdvance("mobilise") + 2 * pad[0] + 2, fm.height() * 1.12 + 2)
    tick_lines = []
    c, r, t = geo.centre, geo.r_arc, geo.thick
    for angle, colour in scene.ticks():
        u = unit(scene.screen_angle(angle))
        tick_lines.append((c + u * (r - t), c + u * (r + t * 1.2), colour))
    angles = scene.sweep()
    mobilise, clashes = _mobilise(scene, geo, angles, font, mobilise_size)
    gap = max(2.0, px * 0.15)
    space = LabelSpace(geo.size, _taken(scene, geo, angles, mobilise), gap)
    labels: list[Label] = []
    readout = QRectF()
    if scene.labels_visible:
        stabilised = _stabilised(scene, geo, space, font, pad)
        labels += _badge(scene, geo, space, badge_font(base, px), pad, font)
        readout, _ = space.find(c, *readout_size, _away_from_band(scene))
        labels += _marker_labels(scene, geo, space, font, pad)
        labels += stabilised
    unresolved = space.unresolved + (clashes > 0)
    return Layout(px, font, labels, tick_lines, readout_font, readout, mobilise, unresolved)


def _box(
    text: str, font: QFont, pad: tuple[float, float], badge: bool = False
) -> tuple[float, float]:
    metrics = QFontMetricsF(font)
    lines = text.split("\n")
    w = max(metrics.horizontalAdvance(line) for line in lines) + 2 * pad[0]
    h = metrics.height() + (len(lines) - 1) * metrics.lineSpacing() + 2 * pad[1]
    # A badge is at least BADGE_ASPECT times as wide as tall: a lone "I" in a
    # narrow rounded box reads as "0".
    return (max(w, BADGE_ASPECT * h) if badge else w), h


def badge_font(base: QFont, px: int) -> QFont:
    """Serif capitals for grade numerals: an I with serifs is never an l, 1 or 0."""
    font = sized_font(base, px, 1.5, bold=True)
    font.setFamilies(["DejaVu Serif", "Liberation Serif", "Times New Roman", "serif"])
    font.setStyleHint(QFont.StyleHint.Serif)
    return font


def _away_from_band(scene: JointScene) -> QPointF | None:
    if scene.band is None:
        return None
    return -unit(scene.screen_angle(scene.band.centre))


def _taken(
    scene: JointScene, geo: Geometry, angles: list[float], mobilise: Mobilise
) -> list[QPainterPath]:
    """What no label may cover: both bones and the arrow over the whole swing, where
    "mobilise" goes, and the arc with its ticks and the band."""
    joint, cond, band = scene.joint, scene.condition, scene.band
    c, r, t = geo.centre, geo.r_arc, geo.thick
    taken = [geo.fixed_bone, geo.clamp_block, geo.clamp_band]
    for angle in angles:
        screen = scene.screen_angle(angle)
        place = geo.placed(screen)
        taken += [place.map(geo.bone_stroke), place.map(geo.arrow)]
        box = QPainterPath()
        box.addRect(mobilise.rect(geo, screen))
        taken.append(box)
    sa = scene.screen_angle
    end = max(cond.normal_end, min(cond.available_limit + joint.margin, joint.anatomical_limit))
    outer = r + t * 1.3 + max(2.0, scene.theme.line_width) * 1.5
    taken.append(_sector(c, r - t * 1.1, outer, sa(cond.start), sa(end)))
    if band is not None:
        taken.append(_sector(c, r * 0.3, outer, sa(band.low), sa(band.high)))
    return taken


def _sector(c: QPointF, r_in: float, r_out: float, a0: float, a1: float) -> QPainterPath:
    lo, hi = min(a0, a1), max(a0, a1)
    return ring(c, r_in, r_out, lo - 1.5, hi + 1.5)  # the ticks' ends and the arc's caps


def _mobilise(
    scene: JointScene, geo: Geometry, angles: list[float], font: QFont, size: tuple[float, float]
) -> tuple[Mobilise, int]:
    """The offset from the arrow's tail that keeps "mobilise" in view and off both
    bones and the arrow over the whole swing: beyond the tail if it can."""
    side, h = geo.trailing, size[1]
    tail = geo.arrow_tail + QPointF(0, side * 3)  # clear of the arrow's end
    options = [
        (tail, QPointF(0, side)),
        (tail + QPointF(0, -side * h * 0.5), QPointF(1, 0)),
        (tail + QPointF(0, -side * h * 0.5), QPointF(-1, 0)),
        (tail, QPointF(0.7071, side * 0.7071)),
        (tail, QPointF(-0.7071, side * 0.7071)),
    ]
    inside = QRectF(0, 0, *geo.size).adjusted(2, 2, -2, -2)
    fixed = geo.fixed_bone.united(geo.clamp_block).united(geo.clamp_band)
    best: tuple[int, Mobilise] | None = None
    for anchor, direction in options:
        option = Mobilise(font, size, anchor, direction)
        clashes = 0
        for angle in angles:
            screen = scene.screen_angle(angle)
            rect = option.rect(geo, screen)
            place = geo.placed(screen)
            clashes += 3 * (not inside.contains(rect))
            clashes += _hits(fixed, rect) + _hits(place.map(geo.bone_stroke), rect)
            clashes += _hits(place.map(geo.arrow), rect)
        if clashes == 0:
            return option, 0
        if best is None or clashes < best[0]:
            best = (clashes, option)
    return best[1], best[0]


def _hits(path: QPainterPath, rect: QRectF) -> int:
    return int(path.boundingRect().intersects(rect) and path.intersects(rect))


def _radial(
    scene: JointScene,
    geo: Geometry,
    space: LabelSpace,
    text: str,
    angle: float,
    colour: str,
    font: QFont,
    pad: tuple[float, float],
    filled: bool = False,
) -> Label:
    """A label for a point on the arc: just outside it if free, else the nearest free
    place, with a leader back to the arc."""
    screen = scene.screen_angle(angle)
    out = unit(screen)
    anchor = geo.centre + out * (geo.r_arc + geo.thick * 1.3)
    w, h = _box(text, font, pad, filled)
    # A box that must leave the arc takes the nearest place whose leader crosses no text.
    source = QRectF(anchor, anchor)
    rect, moved = space.find(anchor + out * space.gap, w, h, out, leader_from=source)
    leader = (anchor, _nearest(rect, anchor)) if moved else None
    if leader is not None:
        space.soft_lines.append(leader)  # text placed later keeps off it where it can
    return Label(text, font, rect, QColor(colour), leader, filled)


def _nearest(rect: QRectF, point: QPointF) -> QPointF:
    x = min(max(point.x(), rect.left()), rect.right())
    y = min(max(point.y(), rect.top()), rect.bottom())
    return QPointF(x, y)


def _badge(scene, geo, space, font, pad, label_font) -> list[Label]:
    """The grade's badge at its band; "into pain" and, for V, "thrust" and the zone."""
    band, theme = scene.band, scene.theme
    if band is None:
        return []
    colour = theme.grade_colour(band.grade)
    out = [_radial(scene, geo, space, band.choice.display, band.centre, colour, font, pad, True)]
    small = QFont(label_font)
    small.setBold(True)
    if band.into_pain:  # said next to the band, in words as well as colour
        out.append(_radial(scene, geo, space, "into pain", band.high, theme.pain, small, pad))
    if band.grade.is_thrust:
        out.append(_radial(scene, geo, space, "thrust", band.high, colour, small, pad))
        zone = 0.5 * (band.limit + scene.joint.anatomical_limit)
        out.append(_radial(scene, geo, space, "para-phys. zone", zone, theme.margin, small, pad))
    return out


def _marker_labels(scene, geo, space, font, pad) -> list[Label]:
    theme, cond, m = scene.theme, scene.condition, scene.markers
    lim, b = cond.available_limit, cond.normal_end
    wanted = []
    # A pain-limited joint says so at L (P2), as the movement diagram does.
    limited = " (P2)" if cond.is_pain_limited else ""
    if cond.is_stiff:
        if m["l"]:
            wanted.append((f"L {fmt_deg(lim)}{limited}", lim, theme.available_range))
        if m["a"]:
            wanted.append((f"A {fmt_deg(cond.start)}", cond.start, theme.available_range))
        if m["b"]:
            wanted.append((f"B {fmt_deg(b)}", b, theme.normal_range))
    else:
        name = {(True, True): "L = B", (True, False): "L", (False, True): "B"}
        key = (m["l"], m["b"])
        if key in name:
            text = f"{name[key]} {fmt_deg(lim)}{limited}"
            wanted.append((text, lim, theme.available_range))
        if m["a"]:
            wanted.append((f"A {fmt_deg(cond.start)}", cond.start, theme.available_range))
    if m["r1"]:
        r1 = cond.resistance_onset
        wanted.append((f"R1 {fmt_deg(r1)}", r1, theme.resistance))
    if m["p1"] and cond.pain_onset is not None:
        wanted.append((f"P1 {fmt_deg(cond.pain_onset)}", cond.pain_onset, theme.pain))
    if cond.is_stiff:
        wanted.append(("lost range", 0.5 * (lim + b), theme.lost_range))
    return [
        _radial(scene, geo, space, text, angle, colour, font, pad) for text, angle, colour in wanted
    ]


def _stabilised(scene, geo, space, font, pad) -> list[Label]:
    """'stabilised <bone>' beyond the bench, or the nearest free place to it. A long
    name that finds no room there goes on two lines ("stabilised" over the bone's
    name) when that lands nearer; a label that still had to move gets a leader."""
    joint = scene.joint
    block = geo.clamp_block.united(geo.clamp_band).boundingRect()
    rot = rotation(joint.orientation.fixed_direction_deg)
    outward = rot.map(QPointF(0, geo.clamp_side))
    reach = abs(outward.x()) * block.width() / 2 + abs(outward.y()) * block.height() / 2
    anchor = block.center() + outward * (reach + space.gap)
    name = joint.fixed_segment.name
    best = None
    for text in (f"stabilised {name}", f"stabilised\n{name}"):
        rect, _, free = space.nearest(anchor, *_box(text, font, pad), outward)
        # How far the box landed from the bench (a wide box slides sideways and out).
        away = QLineF(anchor, _nearest(rect, anchor)).length()
        if best is None or (free, -away) > (best[3], -best[2] + space.gap):
            best = (text, rect, away, free)
        if free and away <= 2 * space.gap:
            break
    text, rect, _, free = best
    space.unresolved += not free
    space.take(rect)
    # Further from the bench than half a line: a line says which bone it names. The
    # name is placed first, so nothing is crossed yet; what comes later keeps off it.
    start = _nearest(block, rect.center())
    end = _nearest(rect, start)
    leader = None
    if QLineF(start, end).length() > QFontMetricsF(font).height() / 2:
        leader = (start, end)
        space.lines.append(leader)
    return [Label(text, font, rect, QColor(scene.theme.anchor), leader)]


def mobilise_rect(lay: Layout, geo: Geometry, screen_deg: float) -> QRectF:
    return lay.mobilise.rect(geo, screen_deg)
