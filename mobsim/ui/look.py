"""How the window looks: colours, text and line scale, and the presentation layout.

A lecturer's projector is often 1280×800 or 1024×768. Every look change keeps the
window inside the screen: Ctrl+= stops at the largest text whose window still fits
(and says what gives more room), and a saved scale too large for this screen is
brought down at start-up. Whatever else grows the window past its screen (the
controls shown again after F9, the grade's panel, a compare view) brings the text
down until it fits. Presentation (F9) hides the control panel and the
read-outs, which a lecture driven from the keyboard does not need, and gives their
room to the joint and the plots.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QEvent, QEventLoop, QObject, QSize, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from mobsim.ui.style import stylesheet
from mobsim.ui.theme import Theme, theme_named

ZOOM = 1.15  # Ctrl+= and Ctrl+-: one step of text and line size
SETTLE_PASSES = 3
FITS_NOT = (
    "Text is as large as this screen allows with the controls shown: "
    "F9 hides the controls and read-outs for more room."
)
FITS_NOT_PRESENTING = "Text is as large as this screen allows."
MADE_SMALLER = "Text made smaller to fit this screen (Ctrl+= makes it larger again)."
PRESENTING = "Presentation: controls hidden, keys work (F9 shows them)."


class WindowEvents:
    """Mixin for the main window (list it first): its clock and its look hear of the
    window events they follow (shown, hidden or minimised; resized), and Python runs
    only when one comes. As event filters on the window they were called, through the
    bindings, for every event it gets, one a frame at the least: 0.21 ms of a 3 ms
    animating frame (README, Performance)."""

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self.clock.update()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().hideEvent(event)
        self.clock.update()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange:  # minimised or shown again
            self.clock.update()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.look.window_resized(event.size())


def _own_resizes(command):
    """A look command resizes the window as it goes and fits it itself: the resizes
    it causes are not a layout growing the window (`WindowLook.window_resized`)."""

    @functools.wraps(command)
    def wrapped(self, *args):
        busy, self._fitting = self._fitting, True
        try:
            return command(self, *args)
        finally:
            self._fitting = busy

    return wrapped


class WindowLook(QObject):
    """The theme, scale and presentation layout of one main window, within its screen."""

    def __init__(self, window: QMainWindow, prefs, message):
        super().__init__(window)
        self.window = window
        self.prefs = prefs
        self._message = message  # shows a line in the window's status bar
        # The room the window may take; None: its screen's (tests pin it).
        self.room: QSize | None = None
        self.theme: Theme = theme_named(prefs.theme, prefs.scale)
        # The interactive window keeps inside its screen whatever grows it (app.py
        # sets it); screenshots and exports render at the size they are given.
        self.guard = False
        self._fitting = False  # a look change or a fit is under way: its resizes are its own

    # ------------------------------------------------------------ commands
    @_own_resizes
    def set_theme_name(self, name: str) -> None:
        """A new colour profile; one with larger text (projector) that would make the
        window outgrow its screen comes with a smaller scale."""
        size = self.window.size()
        self.prefs.theme = name
        self._apply(theme_named(name, self.prefs.scale))
        self._shrink_to_fit(size)

    @_own_resizes
    def zoom(self, factor: float) -> None:
        """One step of Ctrl+= / Ctrl+-. A step up that would make the window larger
        than its screen is taken back, with a word on what gives more room."""
        before, size = self.prefs.scale, self.window.size()
        self.set_scale(before * factor)
        if factor > 1 and not self.fits():
            self.set_scale(before)
            self._message(FITS_NOT_PRESENTING if self.prefs.presenting else FITS_NOT)
        elif self.window.statusBar().currentMessage() in (FITS_NOT, FITS_NOT_PRESENTING):
            self.window.statusBar().clearMessage()  # no longer true
        self._keep_inside(size)

    def _keep_inside(self, size: QSize) -> None:
        """The window back to `size` (a step tried and taken back grew it), never
        larger than its room, and placed where all of it is on its screen."""
        window = self.window
        if self._filling_screen():
            return
        self._settle()
        room = self._room()
        if room is not None:
            size = size.boundedTo(room)
        if window.size() != size:
            window.resize(size.expandedTo(window.minimumSizeHint()))
        screen = QWidget.screen(window)
        if self.room is None and screen is not None and window.isVisible():
            area, frame = screen.availableGeometry(), window.frameGeometry()
            x = max(area.left(), min(frame.left(), area.right() + 1 - frame.width()))
            y = max(area.top(), min(frame.top(), area.bottom() + 1 - frame.height()))
            if (x, y) != (frame.left(), frame.top()):
                window.move(x, y)

    def _filling_screen(self) -> bool:
        return self.window.isMaximized() or self.window.isFullScreen()

    def _room(self) -> QSize | None:
        return self.room if self.room is not None else self._screen_room()

    def set_scale(self, scale: float) -> None:
        theme = theme_named(self.prefs.theme, scale)
        self.prefs.scale = theme.font_pt / theme_named(self.prefs.theme).font_pt
        self._apply(theme)

    @_own_resizes
    def toggle_presenting(self) -> None:
        size = self.window.size()
        self.set_presenting(not self.prefs.presenting)
        if self.prefs.presenting:
            self._keep_inside(size)  # settles the layouts to the controls hidden first
            self._message(PRESENTING)
        else:  # the controls back, at a scale chosen without them: it may come down
            self._shrink_to_fit(size)
            self._keep_inside(size)

    def set_presenting(self, presenting: bool) -> None:
        self.prefs.presenting = bool(presenting)
        for screen in self.window.screens.values():
            screen.set_presenting(self.prefs.presenting)

    @_own_resizes
    def fit_screen(self) -> None:
        """At start-up: a saved scale too large for this screen comes down, and a
        saved size or place that reaches past the screen comes inside it."""
        size = self.window.size()
        self._shrink_to_fit(size)
        self._keep_inside(size)

    def window_resized(self, size: QSize) -> None:
        """The window was resized (`WindowEvents`). A layout that grew the window past
        its screen (a panel shown, the controls back) is fitted once the loop is free."""
        if not self.guard or self._fitting or self._filling_screen():
            return
        room = self._room()
        if room is None:
            return
        if size.width() > room.width() or size.height() > room.height():
            self._fitting = True
            QTimer.singleShot(0, self._fit_grown)

    def _fit_grown(self) -> None:
        self._fitting = False
        self.fit_screen()  # the text down until the window fits; the window inside

    def _shrink_to_fit(self, size: QSize) -> None:
        """Bring the scale down (not below ×1) until the window fits its screen."""
        if self.fits() or self.prefs.scale <= 1.0:
            return
        while not self.fits() and self.prefs.scale > 1.0:
            self.set_scale(max(1.0, self.prefs.scale / ZOOM))
        self._keep_inside(size)
        self._message(MADE_SMALLER)

    # ------------------------------------------------------------ the screen's room
    def fits(self) -> bool:
        """The window's smallest size, with its frame, fits the room it has."""
        room = self._room()
        if room is None:
            return True
        self._settle()
        need = self.window.minimumSizeHint()
        return need.width() <= room.width() and need.height() <= room.height()

    @staticmethod
    def _settle() -> None:
        """Fonts, then the plots' axes, then the layouts settle in posted events, one
        pass after another; no key is handled meanwhile."""
        for _ in range(SETTLE_PASSES):
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    def _screen_room(self) -> QSize | None:
        screen = QWidget.screen(self.window)  # MainWindow.screen is the current Screen
        if screen is None:
            return None
        window = self.window
        if window.isFullScreen():
            return screen.geometry().size()
        frame = window.frameGeometry().size() - window.geometry().size()
        return screen.availableGeometry().size() - frame

    def _apply(self, theme: Theme) -> None:
        window = self.window
        self.theme = window.theme = window.context.theme = theme
        window.setStyleSheet(stylesheet(theme))
        for screen in window.screens.values():
            screen.apply_theme(theme)
