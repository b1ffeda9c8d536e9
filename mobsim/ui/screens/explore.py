"""Explore (the lecture view): the joint, the movement diagram, the live trace, read-outs."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mobsim.content import load_grade_texts
from mobsim.model import Grade
from mobsim.model.describe import describe
from mobsim.model.grades import THRUST_NOTE, GradeChoice, band
from mobsim.model.joints import Condition
from mobsim.ui.screens import SCREENS
from mobsim.ui.screens.base import ScreenContext
from mobsim.ui.screens.lecture import LectureScreen
from mobsim.ui.teaching import GradePanel
from mobsim.ui.theme import Theme
from mobsim.ui.widgets import JointView, LiveTrace, Markers, MovementDiagram
from mobsim.ui.widgets.room_text import Caption, NoteLabel, ReadoutCell, ReadoutGrid

# The plots keep the pictures of the scenes shown last and of the neighbouring joints,
# rendered ahead this long after a scene change (N then shows them by copying: a
# plot's picture takes ~5 ms to render, more than the rest of the key).
PLOT_PICTURES = 6
PLOT_AHEAD_MS = 150

READOUT_EVERY = 6  # frames between text read-out updates (~10 Hz): text layout is costly
STIFF_TAIL = "; stiff joint, normal range to 000°)"
HIDDEN = "Which grade is this? (labels hidden — H shows them)"
ABOUT_SHARE = {False: 0.24, True: 0.42}  # of the screen's width, small and large panel
# The longest value each read-out shows: a row of four only where these fit.
READOUT_WIDEST = {
    "band": ("000.0–000.0° (100–100%)",),
    "amplitude": ("000.0° (100%)", "measuring…"),
    "frequency": ("1 thrust / 10.0 s",),
    "angle": ("000.0°  ×0.25",),
}
READOUT_TITLES = {
    "band": "Band (% of A–L)",
    "amplitude": "Amplitude (measured)",
    "frequency": "Frequency",
    "angle": "Angle",
}


def _captions(pairs: list) -> tuple[str, ...]:
    """The captions of (band, condition) pairs, in normal and stiff form."""
    captions = [describe(b, c) for b, c in pairs]
    stiff = [
        t[:-1] + STIFF_TAIL for (_, c), t in zip(pairs, captions, strict=True) if not c.is_stiff
    ]
    captions += stiff
    return tuple(dict.fromkeys(captions))


class ExploreScreen(LectureScreen):
    name = "explore"
    title = SCREENS["explore"]
    keys_hint = (
        "Tip: ? or F1 lists every key — 1–5 grades, Space play/pause, N joint, F9 presentation."
    )

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(context, parent)
        self.markers = Markers()
        self._frame = 0
        self._reserved: tuple[tuple, tuple[str, ...]] | None = None  # (key, captions)
        self._bands_for: tuple | None = None  # (scene key, every grade's band, captions)
        self._build(context.theme)
        self.action("&Help", "About this grade (panel)", "G", self.toggle_about)
        self.action(
            "&Help", "About this grade, large (lecture)", "Shift+G", self.toggle_about_large
        )
        self.apply_theme(context.theme)

    # ------------------------------------------------------------ build
    def _build(self, theme: Theme) -> None:
        self.joint_view = JointView(theme)
        self.diagram = MovementDiagram(theme)
        self.trace = LiveTrace(theme)
        self.trace.setXLink(self.diagram)
        for plot in (self.diagram, self.trace):
            plot.keep_pictures(PLOT_PICTURES, lambda plot=plot: plot.placed)
        self._plots_ahead: list | None = None  # neighbours to render; None: not listed yet
        self._plot_timer = QTimer(self.widget)
        self._plot_timer.setSingleShot(True)
        self._plot_timer.timeout.connect(self._render_plots_ahead)
        self.description = Caption()
        self.banner = QLabel()
        self.banner.setObjectName("class_banner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.readouts = {key: QLabel() for key in READOUT_TITLES}
        self.readout_cells: list[ReadoutCell] = []
        cells = []
        for key, title in READOUT_TITLES.items():
            caption = QLabel(title)
            caption.setObjectName("readout_title")
            self.readout_cells.append(ReadoutCell(self.readouts[key]))
            cells.append((caption, self.readout_cells[-1], READOUT_WIDEST[key]))
        # Why the model shortened or moved this band (e.g. II ends before R1), when it did.
        # Its room is kept for every grade, so a grade key never relays the window out.
        self.band_note = NoteLabel(f"Note: {THRUST_NOTE}")
        self.band_note.setObjectName("readout_title")
        self.readout_box = readout_box = ReadoutGrid(cells, self.band_note)
        plots = QSplitter(Qt.Orientation.Vertical)
        plots.addWidget(self.diagram)
        plots.addWidget(self.trace)
        plots.setSizes([380, 300])  # the movement diagram is the lesson: it gets more
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(plots, 1)
        rv.addWidget(readout_box)
        views = QSplitter(Qt.Orientation.Horizontal)
        views.addWidget(self.joint_view)
        views.addWidget(right)
        views.setSizes([560, 700])
        # The stage is what a slide export shows: the caption and the views.
        self._stage = QWidget()
        sv = QVBoxLayout(self._stage)
        sv.setContentsMargins(0, 0, 0, 0)
        # The class quiz's banner takes the caption's place (the caption's question
        # said the same above it, and the views moved down for the banner).
        sv.addWidget(self.description)
        sv.addWidget(self.banner)
        sv.addWidget(views, 1)
        # "About this grade" sits beside the stage in a splitter: showing it, or making
        # it large, takes width from the views and never widens the window.
        self.about = GradePanel(load_grade_texts(), theme)
        self.about.setMinimumWidth(200)
        self.about.setVisible(False)
        self.side = QSplitter(Qt.Orientation.Horizontal)
        self.side.addWidget(self.about)
        self.side.addWidget(self._stage)
        self.side.setChildrenCollapsible(False)
        layout = QVBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.side, 1)
        layout.addWidget(self.controls)

    @property
    def stage(self) -> QWidget:
        return self._stage

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        self.joint_view.set_theme(theme)
        self.diagram.apply_theme(theme)
        self.trace.apply_theme(theme)
        # A squeezed plot says nothing: each keeps room for its data under its text (the
        # axis numbers and names, the tag rows), however large the text.
        # Diagram: axis numbers and name, the tag row, the grade's name and two lines
        # of curve; trace: axis numbers and name, and two lines of history.
        line = QFontMetrics(self.diagram.font()).lineSpacing()
        self.diagram.setMinimumHeight(round(6.5 * line) + 20)
        self.trace.setMinimumHeight(4 * line + 20)
        for cell in self.readout_cells:
            cell.updateGeometry()  # the read-outs' font may have changed
        if self.active:
            self.on_scene()

    def set_presenting(self, presenting: bool) -> None:
        super().set_presenting(presenting)
        self.readout_box.setVisible(not presenting)  # the caption and the joint say it

    # ------------------------------------------------------------ about panel
    def about_shown(self) -> bool:
        """Shown on this screen (true before the window itself is shown, unlike isVisible)."""
        return not self.about.isHidden()

    def toggle_about(self) -> None:
        self.set_about_visible(not self.about_shown())

    def set_about_visible(self, visible: bool) -> None:
        self.lecture.clear_reveal()  # the banner belonged to the scene before G
        self.about.setVisible(visible)
        self._size_about()
        self._refresh_about()

    def toggle_about_large(self) -> None:
        self.about.large = not self.about.large
        self.about.setVisible(True)
        self._size_about()
        self._refresh_about()

    def _size_about(self) -> None:
        total = max(self.side.width(), 600)
        share = ABOUT_SHARE[self.about.large]
        self.side.setSizes([int(total * share), total - int(total * share)])

    def _refresh_about(self) -> None:
        if not self.about_shown():
            return
        if self.lecture.labels_visible:
            self.about.show_grade(self.sim.choice, self.sim.convention, self.theme)
        else:
            self.about.show_hidden()

    # ------------------------------------------------------------ model → view
    def on_scene(self) -> None:
        sim, lecture = self.sim, self.lecture
        band = None if lecture.band_hidden else sim.band
        labels = lecture.labels_visible
        self.joint_view.set_labels_visible(labels)
        self.diagram.set_labels_visible(labels)
        self.joint_view.set_scene(sim.joint, sim.condition, band)
        self.diagram.set_scene(sim.joint, sim.condition, band, self.markers)
        self.trace.set_scene(sim.joint, sim.condition, band, self.markers)
        text = describe(sim.band, sim.condition)
        # Room for every grade's caption, and the stiff one (the longest), so neither
        # a grade key nor L moves the views.
        captions = self._reserved_captions()
        self.description.set_caption(text if labels else HIDDEN, *captions)
        self.widget.setAccessibleDescription(text if labels else "labels hidden")
        banner = lecture.banner
        self.banner.setText(banner or "")
        # As high as the caption it stands for (its reserve fits every grade's), so
        # neither Q nor A moves the views; a longer answer may take more.
        self.banner.setMinimumHeight(self.description.maximumHeight())
        self.description.setVisible(banner is None)
        self.banner.setVisible(banner is not None)
        for label in self.readouts.values():
            label.setVisible(labels)
        self.refresh_readouts()
        self._refresh_about()
        self.joint_view.warm(self._next_scenes)
        self._plots_ahead = None
        self._plot_timer.start(PLOT_AHEAD_MS)

    def deactivate(self) -> None:
        self._plot_timer.stop()  # activate() lists the neighbours again
        super().deactivate()

    def close(self) -> None:
        self._plot_timer.stop()
        super().close()

    def _render_plots_ahead(self) -> None:
        """Render the plots' pictures for one neighbouring joint (N, then Shift+N), in
        idle time: place its scene, render, place the current one back. Nothing shows."""
        if not (self.active and self.widget.isVisible()):
            return  # activate() starts it again
        if not self.diagram.still_ready:  # not painted yet (a slow machine): try later
            self._plot_timer.start(PLOT_AHEAD_MS)
            return
        if self._plots_ahead is None:
            self._plots_ahead = [(joint, condition) for joint, condition, _ in self._neighbours()]
        plots = (self.diagram, self.trace)
        while self._plots_ahead:  # placing a scene costs ~4 ms: never for one kept already
            joint, condition = self._plots_ahead.pop(0)
            placed = self.diagram.placement(joint, condition, self.markers)
            if not all(plot.keeps(placed) for plot in plots):
                break
        else:
            return
        sim = self.sim
        shown = None if self.lecture.band_hidden else sim.band  # painted under: not in it
        for plot in plots:
            plot.set_scene(joint, condition, shown, self.markers)
        for plot in plots:
            plot.render_ahead()
        for plot in plots:
            plot.set_scene(sim.joint, sim.condition, shown, self.markers)
        if self._plots_ahead:
            self._plot_timer.start(PLOT_AHEAD_MS)

    def _default_bands(self) -> tuple[list, tuple[str, ...]]:
        """Every grade's band, unmodified, for this joint, condition and convention,
        and their captions (kept until one of those changes: a grade key reuses them)."""
        sim = self.sim
        key = (sim.joint.id, sim.condition, sim.convention)
        if self._bands_for is None or self._bands_for[0] != key:
            bands = [band(GradeChoice(g), sim.joint, sim.condition, sim.convention) for g in Grade]
            self._bands_for = (key, bands, _captions([(b, sim.condition) for b in bands]))
        return self._bands_for[1], self._bands_for[2]

    def _grade_bands(self) -> list:
        """The model's band for every grade of this joint and condition (the current
        grade's as chosen, modifier included)."""
        sim = self.sim
        return [sim.band if b.grade is sim.grade else b for b in self._default_bands()[0]]

    def _reserved_captions(self) -> tuple[str, ...]:
        """The captions to keep room for: the model's caption for every grade of every
        joint at this stiffness, stiff and normal, so that neither a grade key, N nor L
        resizes the views (a resize costs a full relayout)."""
        sim = self.sim
        key = (round(sim.condition.limit_fraction, 6), sim.convention)
        if self._reserved is None or self._reserved[0] != key:
            pairs = []
            for joint_id in self.library.ids:
                joint = self.library.get(joint_id)
                condition = Condition.from_fractions(joint, sim.condition.limit_fraction)
                for grade in Grade:
                    b = band(GradeChoice(grade), joint, condition, sim.convention)
                    pairs.append((b, condition))
            self._reserved = (key, _captions(pairs))
        current = _captions([(sim.band, sim.condition)])  # modified: not among the defaults
        return self._reserved[1] + self._default_bands()[1] + current

    def _next_scenes(self) -> list:
        """What a key may show next, for the joint view to build ahead in idle time:
        the next joint (N), the other grades, the previous joint (Shift+N). The bands
        are the model's; a guess that misses costs only a build when the key comes."""
        sim = self.sim
        hidden = self.lecture.band_hidden
        out = self._neighbours()
        bands = [] if hidden else [b for b in self._grade_bands() if b.grade is not sim.grade]
        bands.sort(key=lambda b: abs(b.grade.value - sim.grade.value))
        others = [(sim.joint, sim.condition, b) for b in bands]
        return [out[0], *others, out[1]]

    def _neighbours(self) -> list:
        """(joint, condition, band) that N and Shift+N show next, as the model makes
        them: the stiffness carries over as the same fraction (`Simulation.set_joint`)."""
        sim, ids = self.sim, self.library.ids
        i = ids.index(sim.joint.id)
        out = []
        for step in (1, -1):
            joint = self.library.get(ids[(i + step) % len(ids)])
            condition = Condition.from_fractions(joint, sim.condition.limit_fraction)
            shown = None
            if not self.lecture.band_hidden:
                shown = band(sim.choice, joint, condition, sim.convention)
            out.append((joint, condition, shown))
        return out

    def on_playback(self) -> None:
        self.refresh_readouts()

    def refresh_readouts(self) -> None:
        sim = self.sim
        band = sim.band
        r = self.readouts
        r["band"].setText(
            f"{band.low:.1f}–{band.high:.1f}° "
            f"({band.low_fraction * 100:.0f}–{band.high_fraction * 100:.0f}%)"
        )
        note = (band.note or band.remark) if self.lecture.labels_visible else None
        self.band_note.set_note(f"Note: {note}" if note else "")
        measured = self.trace.recorder.measured_amplitude(sim.period)
        if measured is None or sim.steady_for < sim.period:
            r["amplitude"].setText("measuring…")
        else:
            share = measured / sim.condition.available_range
            r["amplitude"].setText(f"{measured:.1f}° ({share:.0%})")
        if sim.grade.is_thrust:
            r["frequency"].setText(f"1 thrust / {sim.thrust_period:.1f} s")
        else:
            r["frequency"].setText(f"{sim.frequency:.1f} Hz")
        speed = "" if sim.speed == 1 else f"  ×{sim.speed:g}"
        # Both angle read-outs show the same recorded sample (the trace's newest).
        latest = self.trace.recorder.latest()
        angle = sim.angle if latest is None else latest[1]
        self.joint_view.set_readout(angle)
        r["angle"].setText(f"{angle:.1f}°{speed}")

    def reset_all(self) -> None:
        super().reset_all()
        self.trace.clear_trace()

    # ------------------------------------------------------------ frame
    def render(self) -> None:
        sim = self.sim
        angle = sim.angle
        self.joint_view.set_angle(angle)
        self.diagram.set_angle(angle)
        self.trace.push(sim.time, angle, sim.joint.id)
        self.trace.redraw()
        self._frame += 1
        if self._frame % READOUT_EVERY == 0:
            self.refresh_readouts()


SCREEN = ExploreScreen
