"""What a lecture hall sees of the small joints and of the compare view: bones drawn in
the preset's proportions, and five joints and their bands that fill a 1920×1080 screen."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from mobsim.model import Grade, Simulation, load_library
from mobsim.ui.theme import DEFAULT
from mobsim.ui.widgets.joint_anatomy import anatomy_of
from mobsim.ui.widgets.joint_shapes import DESIGN_UNITS, extent

LIB = load_library()
SMALL = ["mcp-flexion", "pip-flexion", "wrist-flexion", "wrist-extension"]
EVERY = [
    "mcp-flexion",
    "pip-flexion",
    "wrist-flexion",
    "wrist-extension",
    "ankle-dorsiflexion",
    "ankle-plantarflexion",
    "elbow",
    "hip",
    "knee",
    "shoulder-abduction",
]


def thickness(path, x: float) -> float:
    """Across the shape at x (its own frame): how far it reaches on both sides."""
    dx = 0.01 * path.boundingRect().width()
    return extent(path, x, 1, dx) + extent(path, x, -1, dx)


@pytest.mark.parametrize("joint_id", SMALL)
def test_small_joints_are_drawn_in_the_presets_lengths_and_widths(joint_id):
    joint = LIB.get(joint_id)
    anatomy = anatomy_of(joint)
    moving, fixed = joint.moving_segment, joint.fixed_segment
    # The moving outline reaches as far as the segment and what it carries (a finger).
    reach = (moving.length_cm + sum(moving.distal_cm)) * DESIGN_UNITS
    assert anatomy.moving.boundingRect().right() == pytest.approx(reach, rel=0.06)
    # Across the mobilised segment's middle, the outline is the preset's width.
    mid = 0.5 * moving.length_cm * DESIGN_UNITS
    assert thickness(anatomy.moving, mid) == pytest.approx(moving.width_cm * DESIGN_UNITS, rel=0.2)
    if fixed.shape == "finger":  # and the stabilised finger segment's, its length too
        assert thickness(anatomy.fixed, mid) == pytest.approx(
            fixed.width_cm * DESIGN_UNITS, rel=0.2
        )
        assert anatomy.fixed.boundingRect().right() == pytest.approx(
            fixed.length_cm * DESIGN_UNITS, rel=0.06
        )


def test_every_angular_preset_gives_its_drawing_widths_with_a_source():
    for joint_id in EVERY:
        joint = LIB.get(joint_id)
        segments = [joint.fixed_segment, joint.moving_segment]
        for seg in segments:
            if seg.shape != "trunk":  # a trunk's plate is drawn from its length
                assert seg.width_cm is not None, (joint_id, seg.name)
        assert joint.sources["segment_widths"].strip(), joint_id


@pytest.fixture
def big_window(qtbot, make_window):
    def make(joint_id: str):
        window = make_window(Simulation(LIB.get(joint_id)), size=(1920, 1080))
        window.show_screen("compare")
        qtbot.waitUntil(lambda: window.width() >= 1900, timeout=3000)
        QApplication.processEvents()  # the page shares its height once laid out
        return window

    return make


def drawn_box(image, background: QColor):
    """The bounding box (x0, y0, x1, y1) of every pixel that is not the background."""
    xs, ys = [], []
    bg = background.rgb()
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            if image.pixel(x, y) != bg:
                xs.append(x)
                ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


@pytest.mark.parametrize("joint_id", ["knee", "pip-flexion", "ankle-dorsiflexion", "hip"])
def test_compare_joints_fill_their_cells_at_1920x1080(big_window, joint_id):
    window = big_window(joint_id)
    page = window.screen.page()
    boxes = [drawn_box(v.grab().toImage(), QColor(DEFAULT.background)) for v in page.views]
    w, h = page.views[0].width(), page.views[0].height()
    assert all(v.width() == w and v.height() == h for v in page.views)
    # The five cells show the joint at five places in its range: together they span
    # the drawing's swept extent, which fills the cell in the direction that limits it.
    across = (max(b[2] for b in boxes) - min(b[0] for b in boxes)) / w
    down = (max(b[3] for b in boxes) - min(b[1] for b in boxes)) / h
    assert max(across, down) >= 0.92, (joint_id, across, down)
    # The diagram keeps at least 30 % of the page for its five rows.
    assert page.diagram.height() >= 0.3 * page.height()


def bar_runs(image, colour: QColor) -> tuple[int, float]:
    """(thickest vertical run, its centre y) of a colour over the image's columns."""
    target = colour.rgb()
    best, centre = 0, 0.0
    for x in range(0, image.width(), 3):
        run = start = 0
        for y in range(image.height()):
            if image.pixel(x, y) == target:
                if run == 0:
                    start = y
                run += 1
                if run > best:
                    best, centre = run, start + run / 2
            else:
                run = 0
    return best, centre


def test_compare_bands_are_thick_bars_at_1920x1080(big_window):
    window = big_window("knee")
    diagram = window.screen.page().diagram
    image = diagram.grab().toImage()
    runs = [bar_runs(image, QColor(DEFAULT.grade_colour(g))) for g in Grade]
    pitches = [b[1] - a[1] for a, b in zip(runs, runs[1:], strict=False)]
    assert all(p > 0 for p in pitches), runs  # grade I on top, V at the bottom
    pitch = sum(pitches) / len(pitches)
    for grade, (thick, _) in zip(Grade, runs, strict=True):
        # Each bar fills at least 45 % of its row: a bar seen from the back row.
        assert thick >= 0.45 * pitch, (grade, thick, pitch)


def test_normal_vs_stiff_names_the_stiff_rows_own_limit(qtbot, make_window):
    from mobsim.model.lecture import CompareMode

    knee = load_library().get("knee")
    window = make_window(Simulation(knee, knee.stiff_condition(90), Grade.IV))
    window.lecture.set_compare(CompareMode("stiff"))
    diagram = window.screen.page().diagram
    tags = [t for t in diagram.limit_tags if t.isVisible()]
    assert [t.toPlainText() for t in tags] == ["L 90°"]  # L = B at 130°: the B line says it
    diagram.grab()
    bars = [diagram.mapRectToScene(b.boundingRect()) for b in diagram.bars]
    tag = tags[0].sceneBoundingRect()
    assert not any(tag.intersects(bar) for bar in bars)  # over its tick, clear of the bars
