"""The accessory screen's frames: a frame repaints from pictures painted once, only
where something moved, and what is on screen always equals a fresh full repaint."""

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from widget_events import Events

from mobsim.model import load_library
from mobsim.model.accessory_demo import KALTENBORN, AccessoryDemo
from mobsim.ui.theme import DEFAULT, PROJECTOR
from mobsim.ui.widgets.accessory_stage import AccessoryStage

LIBRARY = load_library()
DT = 1 / 60


def pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes())
    rows = rows.reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 4].reshape(image.height(), image.width(), 4).copy()


def on_screen(widget) -> np.ndarray:
    """What the window's backing store holds now: every partial repaint so far."""
    return pixels(QApplication.primaryScreen().grabWindow(widget.winId()).toImage())


def fresh(widget) -> np.ndarray:
    """The same widget painted again from scratch."""
    return pixels(widget.grab().toImage())


def frames(demo, stage, count):
    for _ in range(count):
        demo.step(DT)
        stage.render()
        QApplication.processEvents()


@pytest.fixture
def make(qtbot):
    def build(technique_id, grade=4, grading="maitland", compare=False, theme=DEFAULT):
        demo = AccessoryDemo(LIBRARY.techniques[technique_id], grading=grading)
        demo.set_grade(grade)
        demo.compare = compare
        stage = AccessoryStage(demo, LIBRARY, theme)
        qtbot.addWidget(stage)
        stage.resize(1280, 760)
        stage.show()
        qtbot.waitExposed(stage)
        stage.rebuild()
        frames(demo, stage, 30)
        return demo, stage

    return build


CASES = [
    ("knee-posterior-glide", 4, "maitland", False, DEFAULT),  # the plane rides on the tibia
    ("knee-anterior-glide", 3, "maitland", True, DEFAULT),  # compare: the served motion too
    ("hip-traction", 4, "maitland", False, DEFAULT),  # separates perpendicular to the plane
    ("gh-inferior-glide", 3, KALTENBORN, False, DEFAULT),  # turned: glides down the screen
    ("l3-central-pa", 4, "maitland", False, PROJECTOR.scaled(2.0)),  # force plot, thick
    ("mcp-volar-glide", 5, "maitland", False, PROJECTOR),  # a thrust
]


@pytest.mark.parametrize(("technique", "grade", "grading", "compare", "theme"), CASES)
def test_partial_repaints_leave_no_trails(make, technique, grade, grading, compare, theme):
    demo, stage = make(technique, grade, grading, compare, theme)
    frames(demo, stage, 100)
    demo.set_grade(grade - 1)  # a scene change in between: the pictures are painted again
    stage.rebuild()
    frames(demo, stage, 100)
    stage.glide.refresh_readout()  # the read-out changes ten times a second
    QApplication.processEvents()
    shown, again = on_screen(stage), fresh(stage)
    assert shown.shape == again.shape
    differ = np.any(shown != again, axis=2)
    assert not differ.any(), f"{differ.sum()} pixels differ, e.g. at {np.argwhere(differ)[0]}"


@pytest.mark.parametrize(("technique", "grade", "grading", "compare", "theme"), CASES)
def test_no_frame_paints_a_picture_again(make, technique, grade, grading, compare, theme):
    """In every case: Kaltenborn's close tags (first stop, second stop) once made the
    diagram move a tag to try a row and back each render, so it rendered every frame."""
    demo, stage = make(technique, grade, grading, compare, theme)
    plots = (stage.diagram, stage.force, stage.trace)
    before = [plot.renders for plot in plots], stage.glide.static_renders
    frames(demo, stage, 30)
    assert ([plot.renders for plot in plots], stage.glide.static_renders) == before


def test_a_frame_paints_no_picture_again(make):
    demo, stage = make("l3-central-pa")
    plots = (stage.diagram, stage.force, stage.trace)
    before = [plot.renders for plot in plots], stage.glide.static_renders
    frames(demo, stage, 60)
    assert ([plot.renders for plot in plots], stage.glide.static_renders) == before
    # ...but the beads and the bone did move with the model.
    assert stage.diagram.needle_angle() == pytest.approx(demo.translation)
    assert stage.force.bead.pos().x() == pytest.approx(demo.translation)
    assert stage.glide.translation_mm == pytest.approx(demo.translation)
    demo.set_grade(2)  # a scene change (the screen rebuilds) paints the pictures again
    stage.rebuild()
    frames(demo, stage, 2)
    assert all(plot.renders > count for plot, count in zip(plots, before[0], strict=True))
    assert stage.glide.static_renders > before[1]


@pytest.mark.parametrize("technique", ["knee-posterior-glide", "hip-traction", "gh-inferior-glide"])
def test_a_frame_repaints_only_what_moved(make, technique):
    demo, stage = make(technique)
    # The share of each view a frame may repaint: the bone's edges, a bead, the trace's
    # own box (its newest six seconds), never the whole view.
    shares = {"glide": 0.1, "diagram": 0.02, "trace": 0.35}
    views = {"glide": stage.glide, "diagram": stage.diagram.viewport()}
    views["trace"] = stage.trace.viewport()
    seen = {name: Events(view) for name, view in views.items()}
    frames(demo, stage, 60)
    for name, view in views.items():
        assert seen[name].areas, f"{name} never repainted"
        share = np.median(seen[name].areas) / (view.width() * view.height())
        assert share < shares[name], (name, share)


def test_the_still_picture_is_pyqtgraphs_own_paint(make):
    """Copying the picture shows exactly what pyqtgraph paints, bead aside (and, on
    the diagram, with the grade's items hidden: the plot paints those itself)."""
    demo, stage = make("l3-central-pa")
    diagram = stage.diagram
    banded = pixels(diagram.grab().toImage())
    for item in (diagram.band, diagram.band_bar, diagram.band_label, diagram.thrust_mark):
        item.setVisible(False)
    diagram.refresh_under()
    assert np.any(banded != fresh(diagram))  # the band was painted, and now is not
    for plot in (stage.diagram, stage.force):
        still = fresh(plot)
        plot.paintEvent = lambda event, p=plot: pg.GraphicsView.paintEvent(p, event)
        native = fresh(plot)
        bead = plot._beads[0]._drawn  # the bead is painted over the picture, not in the scene
        differ = np.any(still != native, axis=2)
        differ[bead.top() : bead.bottom() + 1, bead.left() : bead.right() + 1] = False
        delta = np.abs(still.astype(int) - native.astype(int)).max(axis=2)
        delta[~differ] = 0
        # A picture laid over its background (UNDER) may round a blended edge pixel by
        # one level of 255; nothing more.
        assert delta.max() <= (1 if plot.UNDER else 0), type(plot).__name__
