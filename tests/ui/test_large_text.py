"""Large text on a small screen, as a lecturer meets it: Ctrl+= on a 1280×800
projector, the presentation layout (F9), and plots whose text never lands on itself."""

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from mobsim.model import Condition, Grade, Simulation, load_library
from mobsim.model.grades import THRUST_NOTE
from mobsim.ui.look import FITS_NOT, FITS_NOT_PRESENTING, MADE_SMALLER
from mobsim.ui.widgets.room_text import NOTE_LINES, wrapped_height

LIB = load_library()
KNEE = LIB.get("knee")
PIP = LIB.get("pip-flexion")
# A 1920×1080 projector less a title bar and a panel: what a window may take there.
PROJECTOR_ROOM = QSize(1920, 1040)


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(window, key, modifier)


def settle():
    for _ in range(3):
        QApplication.processEvents()


def fits(window, room: QSize) -> bool:
    settle()
    need = window.minimumSizeHint()
    return need.width() <= room.width() and need.height() <= room.height()


# ---------------------------------------------------------------- the window fits its screen
def test_ctrl_plus_stops_where_the_window_would_outgrow_the_screen(qtbot, make_window):
    window = make_window(size=(1920, 1040))
    window.look.room = PROJECTOR_ROOM
    window.set_theme_name("projector")
    for _ in range(8):
        press(qtbot, window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    largest = window.prefs.scale
    assert largest > 1.0  # it did grow
    assert fits(window, PROJECTOR_ROOM)
    assert window.statusBar().currentMessage() == FITS_NOT  # and says what gives room
    window.set_scale(largest * 1.15)  # one step more really would not fit
    assert not fits(window, PROJECTOR_ROOM)
    window.set_scale(largest)
    # F9 hides the controls and read-outs: the text may grow further.
    press(qtbot, window, Qt.Key.Key_F9)
    for _ in range(8):
        press(qtbot, window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.prefs.scale > largest
    assert fits(window, PROJECTOR_ROOM)
    # On a 1280×800 projector it stops too, and the window stays inside the screen.
    small = QSize(1280, 760)
    window.look.room = small
    window.set_scale(1.0)
    for _ in range(12):
        press(qtbot, window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == FITS_NOT_PRESENTING
    assert fits(window, small)
    size = window.size()  # a step tried and taken back leaves the window as it was
    assert size.width() <= small.width() and size.height() <= small.height()


def test_a_larger_colour_profile_comes_with_a_scale_that_fits(qtbot, make_window):
    window = make_window(size=(1280, 760))
    window.look.room = QSize(1280, 760)
    window.set_scale(1.3)  # the default profile at ×1.3 fits 1280×760 ...
    assert fits(window, QSize(1280, 760))
    window.set_theme_name("projector")  # ... its projector profile would not
    assert window.theme.name == "projector"
    assert 1.0 <= window.prefs.scale < 1.3
    assert fits(window, QSize(1280, 760))
    assert window.statusBar().currentMessage() == MADE_SMALLER


def test_ctrl_minus_is_never_refused(qtbot, make_window):
    window = make_window()
    window.look.room = QSize(300, 300)  # nothing fits: smaller text must still be possible
    window.set_scale(1.5)
    press(qtbot, window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.prefs.scale == pytest.approx(1.5 / 1.15)


def test_a_scale_saved_on_a_large_screen_comes_down_to_fit_a_small_one(qtbot, make_window):
    window = make_window()
    window.set_theme_name("projector")
    window.set_scale(2.0)
    window.look.room = PROJECTOR_ROOM
    window.look.fit_screen()
    assert 1.0 <= window.prefs.scale < 2.0
    assert fits(window, PROJECTOR_ROOM)
    assert window.statusBar().currentMessage() == MADE_SMALLER


def within(window, room: QSize) -> bool:
    settle()
    size = window.size()
    return size.width() <= room.width() and size.height() <= room.height()


def test_showing_the_controls_again_brings_a_presentation_scale_down(qtbot, make_window):
    """F9 at a text size only presentation allows: the controls come back at a
    scale that fits, not in a window taller than the screen (1280×1200 before)."""
    room = QSize(1280, 760)
    window = make_window(size=(1280, 760))
    window.look.room = room
    window.set_theme_name("projector")
    press(qtbot, window, Qt.Key.Key_F9)
    for _ in range(12):
        press(qtbot, window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    presenting = window.prefs.scale
    press(qtbot, window, Qt.Key.Key_F9)  # the controls back
    assert not window.prefs.presenting
    assert 1.0 <= window.prefs.scale < presenting
    assert fits(window, room) and within(window, room)
    assert window.statusBar().currentMessage() == MADE_SMALLER


def test_a_panel_that_grows_the_window_past_its_screen_brings_the_text_down(qtbot, make_window):
    """At the largest text the screen allows, G (the grade's panel) and the class
    quiz's banner (Q, then A) grow the window's layout: the window is fitted back
    inside the screen (it grew to 1280×810 in a 1280×760 room before)."""
    room = QSize(1280, 760)
    window = make_window(size=(1280, 760))
    window.look.room = room
    window.look.guard = True  # as app.py sets it for the interactive window
    for _ in range(12):
        press(qtbot, window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    largest = window.prefs.scale
    for key in (Qt.Key.Key_G, Qt.Key.Key_Q, Qt.Key.Key_A):
        press(qtbot, window, key)
        qtbot.waitUntil(lambda: fits(window, room) and within(window, room), timeout=5000)
    assert window.screen.about_shown() and window.lecture.banner is not None
    assert 1.0 <= window.prefs.scale < largest
    assert window.statusBar().currentMessage() == MADE_SMALLER
    window.look.guard = False
    window.resize(1600, 900)  # unguarded (screenshots, exports): the size asked for stays
    settle()
    assert window.size() == QSize(1600, 900)


def test_a_saved_window_larger_than_the_screen_comes_inside_it(qtbot, make_window):
    room = QSize(1280, 760)
    window = make_window(size=(1280, 1000))  # as restoreGeometry left it
    window.look.room = room
    window.look.fit_screen()
    assert within(window, room)


# ---------------------------------------------------------------- presentation (F9)
def test_f9_hides_the_controls_and_read_outs_and_gives_the_plots_their_room(
    qtbot, make_window, tmp_path
):
    window = make_window()
    explore = window.screen
    settle()
    before = explore.diagram.height()
    press(qtbot, window, Qt.Key.Key_F9)
    settle()
    assert not explore.controls.isVisible() and not explore.readout_box.isVisible()
    assert explore.diagram.height() > before
    press(qtbot, window, Qt.Key.Key_3)  # every control still has its key
    assert window.sim.grade is Grade.III
    compare = window.show_screen("compare")  # a screen made later starts the same way
    assert not compare.controls.isVisible()
    window.close()
    again = make_window(data_dir=tmp_path)  # remembered
    assert again.prefs.presenting and not again.screen.controls.isVisible()
    press(qtbot, again, Qt.Key.Key_F9)
    assert again.screen.controls.isVisible() and again.screen.readout_box.isVisible()
    assert "Presentation" in help_text(again)


def help_text(window) -> str:
    return " ".join(f"{keys} {what}" for keys, what in window.shortcut_table())


# ---------------------------------------------------------------- the band's note
def test_a_long_note_keeps_to_its_lines_and_is_whole_in_its_tooltip(qtbot, make_window):
    window = make_window(Simulation(PIP, choice=Grade.V), size=(1280, 760))
    window.set_theme_name("projector")
    window.set_scale(1.5)
    settle()
    note = window.screen.band_note
    whole = f"Note: {note.note().removeprefix('Note: ')}"
    assert THRUST_NOTE in whole
    shown = note.text()
    assert shown.endswith("…") and whole.startswith(shown.removesuffix(" …"))
    assert note.toolTip() == whole
    # It uses its room: the shown part wraps to the whole NOTE_LINES lines.
    assert wrapped_height(note, shown) > wrapped_height(note, "Ag")
    lines = note.fontMetrics().lineSpacing()
    assert note.height() <= NOTE_LINES * lines + 2
    window.set_theme_name("default")
    window.set_scale(1.0)  # room enough at ordinary text: nothing is cut
    settle()
    assert note.text() == whole and note.toolTip() == ""


# ---------------------------------------------------------------- plots' text
def axis_texts(axis) -> list[QRectF]:
    """The tick numbers' boxes, in the axis's coordinates, as pyqtgraph draws them."""
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [] if specs is None else [QRectF(rect) for rect, _, _ in specs[2]]


def label_box(axis) -> QRectF:
    """The axis name's ink box (its text, not the margins around it), in axis coordinates."""
    label = axis.label
    margin = label.document().documentMargin()
    inner = label.boundingRect().adjusted(margin, margin, -margin, -margin)
    return label.mapRectToParent(inner)


@pytest.mark.parametrize("theme", ["default", "projector"])
@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_axis_names_sit_clear_of_their_numbers_and_inside_their_axis(
    qtbot, make_window, theme, scale
):
    window = make_window(Simulation(KNEE, choice=Grade.IV), size=(1920, 1080))
    window.look.room = None
    window.set_theme_name(theme)
    window.set_scale(scale)
    settle()
    explore = window.screen
    for plot in (explore.diagram, explore.trace):
        for side in ("left", "bottom"):
            axis = plot.getAxis(side)
            box = label_box(axis)
            where = f"{type(plot).__name__} {side} ×{scale} {theme}"
            assert QRectF(axis.boundingRect()).contains(box), f"{where}: name cut off"
            for text in axis_texts(axis):
                assert not box.intersects(text), f"{where}: name on the numbers"


@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_upright_names_and_top_tags_never_run_into_each_other(qtbot, make_window, scale):
    stiff = Condition.typical_stiff(KNEE)
    window = make_window(Simulation(KNEE, stiff, Grade.V), size=(1280, 800))
    window.look.room = None
    window.set_theme_name("projector")
    window.set_scale(scale)
    window.advance(0.2)
    settle()
    diagram = window.screen.diagram
    diagram.grab()  # the still picture is laid out when it is rendered
    view = diagram.plotItem.vb.sceneBoundingRect()
    for label in (diagram.anatomical_label, diagram.zone_label):
        if label.toPlainText():
            assert view.contains(label.sceneBoundingRect().adjusted(4, 4, -4, -4))
    tags = [
        t
        for t in (
            diagram.line_a.tag,
            diagram.line_r1.tag,
            diagram.line_l.tag,
            diagram.resistance_tag,
        )
        if t.isVisible() and t.toPlainText()
    ]
    for i, a in enumerate(tags):
        for b in tags[i + 1 :]:
            overlap = a.sceneBoundingRect().intersected(b.sceneBoundingRect())
            assert overlap.width() * overlap.height() < 4, (a.toPlainText(), b.toPlainText())


# ---------------------------------------------------------------- read-outs
def test_read_outs_take_one_row_where_their_longest_values_fit(qtbot, make_window):
    elbow = LIB.get("elbow")  # 0–150°: the longest band read-out
    window = make_window(Simulation(elbow, choice=Grade.IV), size=(1280, 800))
    window.advance(0.5)
    window.refresh_readouts()
    explore = window.screen
    settle()
    grid = explore.readout_box
    assert grid.columns == 4
    tops = {cell.geometry().top() for cell in explore.readout_cells}
    assert len(tops) == 1  # one row of values
    for cell in explore.readout_cells:  # and each shows its value whole
        label = cell.label
        assert label.fontMetrics().horizontalAdvance(label.text()) <= cell.width()
    window.resize(1024, 768)
    settle()
    assert grid.columns == 2
    assert len({cell.geometry().top() for cell in explore.readout_cells}) == 2
    diagram = explore.diagram.size()
    for key in (Qt.Key.Key_1, Qt.Key.Key_5, Qt.Key.Key_3):  # a grade key rearranges nothing
        press(qtbot, window, key)
        settle()
        assert grid.columns == 2 and explore.diagram.size() == diagram


# ---------------------------------------------------------------- the exercise screens
def test_exercise_plots_name_their_lines_at_the_themes_size(qtbot, make_window):
    window = make_window()
    window.set_theme_name("projector")
    window.set_scale(1.5)
    perform = window.show_screen("perform")
    settle()
    metronome = perform.panel.metronome
    text = f"beat {metronome.frequency:g} Hz"
    room = metronome.fontMetrics().horizontalAdvance(text)
    assert metronome.fontMetrics().height() <= metronome.height()
    assert room < metronome._text_room < metronome.width() / 2  # "beat 2 Hz" whole
    plot = perform.panel.plot
    for line in plot.lines.values():
        assert line.label.textItem.font().pointSizeF() == pytest.approx(window.theme.font_pt * 0.9)
    diagram = window.show_screen("diagram")
    canvas = diagram.panel.canvas
    for name in ("P′", "R1"):  # a new selection makes pyqtgraph a new P′ label
        canvas.highlight(name)
        label = canvas.pain_at_limit.label()
        assert label.textItem.font().pointSizeF() == pytest.approx(window.theme.font_pt)
        assert label.color.name() == window.theme.pain.lower()


# ---------------------------------------------------------------- what a fresh user met
def test_closing_the_key_help_gives_the_keys_back_to_the_window(qtbot, make_window):
    """Offscreen Qt gives the focus back by itself; under X without a window manager
    it did not (checked with xdotool: every key after Esc was lost)."""
    window = make_window()
    press(qtbot, window, Qt.Key.Key_F1)
    dialog = next(w for w in QApplication.topLevelWidgets() if type(w).__name__ == "KeyboardHelp")
    qtbot.waitUntil(dialog.isVisible)
    assert window.screen.title in dialog.heading.text()
    table = dialog.table  # every action's name whole, at this text size
    assert table.columnWidth(1) >= max(
        table.fontMetrics().horizontalAdvance(table.item(r, 1).text())
        for r in range(table.rowCount())
    )
    dialog.reject()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    press(qtbot, window, Qt.Key.Key_3)
    assert window.sim.grade is Grade.III


def test_a_refused_step_is_not_reported_once_the_text_is_smaller(qtbot, make_window):
    window = make_window(size=(1280, 760))
    window.look.room = QSize(1280, 760)
    window.set_theme_name("projector")
    for _ in range(6):
        press(qtbot, window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == FITS_NOT
    press(qtbot, window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == ""


def test_fullscreen_in_a_screenshot_keeps_the_size_asked_for(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "x.png"
    done = subprocess.run(
        [sys.executable, "main.py", "--fullscreen", "--size", "1000x700", "--screenshot", out],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    assert "wrote 1000x700 screenshot" in done.stdout


def test_an_unknown_joint_names_the_accessory_techniques_too():
    with pytest.raises(KeyError) as caught:
        LIB.get("nosuch")
    message = str(caught.value)
    assert "knee" in message and "knee-posterior-glide" in message


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800)])
def test_the_grades_name_never_sits_on_its_bar_or_leaves_the_view(qtbot, make_window, size):
    elbow = LIB.get("elbow")
    window = make_window(Simulation(elbow, elbow.stiff_condition(90), Grade.IV), size=size)
    window.look.room = None
    window.set_theme_name("projector")
    window.advance(0.3)
    settle()
    diagram = window.screen.diagram
    diagram.grab()
    rect = diagram.band_label_rect()
    vb = diagram.plotItem.vb
    box = QRectF(diagram.mapFromScene(vb.sceneBoundingRect()).boundingRect())
    assert box.contains(rect)
    bar_y = diagram.mapFromScene(vb.mapViewToScene(QPointF(0, 0.12))).y()  # the grade bar
    assert not (rect.top() - 4 < bar_y < rect.bottom() + 4)


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800)])
@pytest.mark.parametrize("theme", ["default", "projector"])
def test_grade_v_s_name_stands_clear_of_its_thrust_mark_and_the_limit(
    qtbot, make_window, size, theme
):
    knee = LIB.get("knee")
    window = make_window(Simulation(knee, knee.normal_condition(), Grade.V), size=size)
    window.look.room = None
    window.set_theme_name(theme)
    window.advance(0.3)
    settle()
    diagram = window.screen.diagram
    diagram.grab()
    rect, marker = diagram.band_label_rect(), diagram.thrust_mark_rect()
    assert rect is not None and marker is not None
    assert not rect.intersects(marker)
    limit = diagram.anatomical_label
    if limit.toPlainText():
        named = diagram.mapFromScene(limit.sceneBoundingRect()).boundingRect().toRectF()
        assert not rect.intersects(named)
    vb = diagram.plotItem.vb
    assert QRectF(diagram.mapFromScene(vb.sceneBoundingRect()).boundingRect()).contains(rect)


def test_a_cut_note_fills_both_of_its_lines_at_projector_size(qtbot, make_window):
    window = make_window(Simulation(PIP, choice=Grade.V), size=(1280, 800))
    window.set_theme_name("projector")
    settle()
    note = window.screen.band_note
    assert note.text().endswith("…")  # cut: the projector text is too long for two lines
    assert wrapped_height(note, note.text()) > wrapped_height(note, "Ag")  # but uses both


@pytest.mark.parametrize("theme", ["default", "projector"])
@pytest.mark.parametrize("grade", [Grade.III, Grade.IV])
def test_the_grades_name_stands_clear_of_lost_range_at_the_largest_text(
    qtbot, make_window, theme, grade
):
    """At the largest text a 1280×800 projector allows in presentation, "IV" sat on
    the diagram's "lost range" ("IVost range")."""
    knee = LIB.get("knee")
    stiff = Simulation(knee, knee.stiff_condition(90), grade)
    window = make_window(stiff, size=(1280, 760))
    window.look.room = QSize(1280, 760)
    window.set_theme_name(theme)
    press(qtbot, window, Qt.Key.Key_F9)
    for _ in range(12):
        press(qtbot, window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.prefs.scale > 1.4
    window.advance(0.3)
    settle()
    diagram = window.screen.diagram
    diagram.grab()
    rect, lost = diagram.band_label_rect(), diagram.lost_label
    assert rect is not None and lost.isVisible() and lost.toPlainText()
    named = diagram.mapFromScene(lost.sceneBoundingRect()).boundingRect().toRectF()
    assert not rect.intersects(named)
    vb = diagram.plotItem.vb
    assert QRectF(diagram.mapFromScene(vb.sceneBoundingRect()).boundingRect()).contains(rect)


def test_r2_never_pushes_r1_off_its_line_in_a_narrow_diagram(qtbot, make_window):
    """Shift+G (the grade's text, large) leaves the diagram narrow: "R2" stood just
    right of R1's line with "R1" a row below it, read as R2 at R1. There the curve
    goes unnamed and R1 keeps its row; where there is room, R2 is named."""
    knee = LIB.get("knee")
    window = make_window(Simulation(knee, knee.stiff_condition(90), Grade.I), size=(1280, 760))
    window.look.room = QSize(1280, 760)
    window.set_theme_name("projector")
    diagram = window.screen.diagram
    r1, r2 = diagram.line_r1.tag, diagram.resistance_tag

    def shown():
        window.advance(0.1)
        settle()
        diagram.grab()  # renders the still picture: the tags are placed
        return r2.isVisible(), r1.pos().y()

    visible, row = shown()
    assert visible and row == pytest.approx(diagram.line_l.tag.pos().y())  # room: both top
    press(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ShiftModifier)
    visible, row = shown()
    assert diagram.width() < 500  # narrow
    assert not visible and row == pytest.approx(diagram.line_l.tag.pos().y())
    renders = diagram.renders
    assert shown() == (visible, row) and diagram.renders == renders  # settled: no re-render
    while window.screen.about_shown():  # Shift+G: normal size; G: closed
        press(qtbot, window, Qt.Key.Key_G)
    assert shown()[0]  # named again when the room comes back
