"""The window: assembly only.

It switches screens, builds the menus and the keyboard help from the current
screen's actions (plus a few of its own), owns the status bar and the one clock.
Everything a screen shows and does lives in `mobsim.ui.screens`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from mobsim.content import load_precautions
from mobsim.model import JointLibrary
from mobsim.model.lecture import CompareMode, Lecture
from mobsim.model.simulation import Simulation
from mobsim.quiz import HistoryStore
from mobsim.ui.clock import Clock
from mobsim.ui.dialogs import AboutDialog, KeyboardHelp
from mobsim.ui.export_dialogs import export_png_dialog
from mobsim.ui.look import ZOOM, WindowEvents, WindowLook
from mobsim.ui.screens import SCREENS, screen_class
from mobsim.ui.screens.base import Screen, ScreenContext, make_action
from mobsim.ui.settings import Preferences, SettingsStore
from mobsim.ui.style import stylesheet
from mobsim.ui.teaching import PrecautionsDialog
from mobsim.ui.theme import Theme

SCREEN_KEYS = {"explore": "F2", "compare": "F3", "quiz": "F5"}
MENU_ORDER = ("&File", "&Grade", "&Answer", "&Motion", "&Joint", "&View", "&Screens", "&Quiz")


class MainWindow(WindowEvents, QMainWindow):
    def __init__(
        self,
        sim: Simulation,
        library: JointLibrary,
        settings: SettingsStore | None,
        prefs: Preferences | None = None,
        start_clock: bool = True,
        history: HistoryStore | None = None,
        screen: str = "explore",
        options: dict | None = None,
    ):
        super().__init__()
        self.sim = sim
        self.library = library
        self.settings = settings
        self.prefs = prefs or Preferences()
        self._history = history
        self.startup_problems: list[str] = []  # files that did not load (Help ▸ About mobsim)
        self.lecture = Lecture()
        self.screens: dict[str, Screen] = {}
        self.look = WindowLook(
            self, self.prefs, lambda text: self.statusBar().showMessage(text, 8000)
        )
        self.theme: Theme = self.look.theme
        options = dict(options or {})
        options.setdefault("saved_quiz", self.prefs.quiz_choices())  # the quiz form's last
        self.context = ScreenContext(
            sim, library, self.lecture, self.theme, lambda: self.history, options, self.prefs
        )
        self.setWindowTitle("mobsim — joint mobilization grades")
        self.screen: Screen | None = None
        self.pages = QStackedWidget()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.pages)
        self.setCentralWidget(central)
        self.clock = Clock(self)
        self.clock.enabled = start_clock
        self._own_actions = self._build_own_actions()
        self.lecture.subscribe(self._follow_compare)
        self.setStyleSheet(stylesheet(self.theme))
        self.show_screen(screen)
        self.resize(1280, 800)
        if settings is not None and not self.prefs.keys_hint_shown:
            self.statusBar().showMessage(self.screen.keys_hint, 30000)
            self.prefs.keys_hint_shown = True

    # ------------------------------------------------------------ screens
    def show_screen(self, name: str) -> Screen:
        screen = self.screens.get(name)
        if screen is None:
            screen = screen_class(name)(self.context, self)
            screen.moving_changed.connect(self.clock.update)
            screen.status.connect(lambda text: self.statusBar().showMessage(text, 6000))
            screen.switch_to.connect(self.show_screen)
            self.pages.addWidget(screen.widget)
            self.screens[name] = screen
            screen.set_presenting(self.prefs.presenting)
        if screen is not self.screen:
            if self.screen is not None:
                self.screen.deactivate()
            self.screen = screen
            self.pages.setCurrentWidget(screen.widget)
            screen.activate()
            self._build_menus()
            self.clock.attach(screen)
        return screen

    def _follow_compare(self) -> None:
        """C cycles explore → compare (all grades, normal vs stiff) → explore."""
        if self.screen is None or self.screen.name not in ("explore", "compare"):
            return
        self.show_screen("explore" if self.lecture.compare is CompareMode.OFF else "compare")

    # ------------------------------------------------------------ actions and menus
    def _build_own_actions(self) -> list[QAction]:
        rows = [
            ("&File", "Export view as PNG…", "Ctrl+E", self.export_png),
            ("&File", "Quit", "Ctrl+Q", self.close),
            ("&View", "Larger text and lines", ["Ctrl+=", "Ctrl++"], lambda: self.zoom(ZOOM)),
            ("&View", "Smaller text and lines", "Ctrl+-", lambda: self.zoom(1 / ZOOM)),
            (
                "&View",
                "Presentation: hide / show controls and read-outs",
                "F9",
                self.look.toggle_presenting,
            ),
            ("&View", "Full screen", "F11", self.toggle_fullscreen),
            *[
                (
                    "&Screens",
                    title,
                    SCREEN_KEYS.get(n),
                    lambda n=n: self.show_screen(n),
                )
                for n, title in SCREENS.items()
            ],
            ("&Help", "Keyboard shortcuts", ["?", "F1"], self.show_keyboard_help),
            ("&Help", "Precautions and contraindications", "P", self.show_precautions),
            ("&Help", "About mobsim", None, self.show_about),
        ]
        own = [make_action(self, *row) for row in rows]
        group = QActionGroup(self)
        for name in ("default", "projector", "colorblind"):
            act = make_action(
                self,
                "&View",
                f"{name.capitalize()} colours",
                None,
                lambda n=name: self.set_theme_name(n),
            )
            act.setCheckable(True)
            act.setChecked(name == self.prefs.theme)
            group.addAction(act)
            own.append(act)
        return own

    def _current_actions(self) -> list[QAction]:
        screen_actions = self.screen.actions() if self.screen is not None else []
        return [*screen_actions, *self._own_actions]

    def _build_menus(self) -> None:
        for action in self.actions():
            self.removeAction(action)
        bar = self.menuBar()
        bar.clear()
        actions = self._current_actions()
        menus = sorted(
            dict.fromkeys(a.property("menu") for a in actions),
            key=lambda m: MENU_ORDER.index(m) if m in MENU_ORDER else len(MENU_ORDER),
        )
        for title in menus:
            menu = bar.addMenu(title)
            for action in actions:
                if action.property("menu") == title:
                    menu.addAction(action)
        for action in actions:
            self.addAction(action)  # keys work in full screen with the menu bar hidden

    def shortcut_table(self) -> list[tuple[str, str]]:
        """(keys, what) for the current screen's keys and the window's: the help rows."""
        rows = []
        for action in self._current_actions():
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
            if keys:
                rows.append((" or ".join(keys), action.text().replace("&", "")))
        return rows

    def show_keyboard_help(self) -> None:
        title = self.screen.title if self.screen is not None else ""
        heading = f"Keys on this screen ({title}), then the window's:"
        KeyboardHelp(self.shortcut_table(), self, heading).open()

    def show_about(self) -> None:
        AboutDialog(self.startup_problems, self).open()

    def show_precautions(self) -> None:
        PrecautionsDialog(load_precautions(), self.theme, self).open()

    def export_png(self) -> None:
        name = f"mobsim-{self.sim.joint.id}-{self.screen.name}"
        export_png_dialog(self.stage, name, self)

    def set_theme_name(self, name: str) -> None:
        self.look.set_theme_name(name)

    def zoom(self, factor: float) -> None:
        self.look.zoom(factor)

    def set_scale(self, scale: float) -> None:
        self.look.set_scale(scale)

    def toggle_fullscreen(self) -> None:
        self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)

    # ------------------------------------------------------------ the current screen
    @property
    def stage(self) -> QWidget:
        return self.screen.stage

    def render_frame(self) -> None:  # the names the exports and benches use
        self.screen.render()

    def refresh_readouts(self) -> None:
        self.screen.refresh_readouts()

    def advance(self, seconds: float, fps: float = 60.0) -> None:
        """Run the current screen headless for `seconds` at a steady frame rate."""
        self.screen.advance(seconds, fps)

    @property
    def history(self) -> HistoryStore:
        if self._history is None:  # opened on first use: most lectures never need it
            folder = self.settings.path.parent if self.settings else None
            self._history = HistoryStore.open(folder) if folder else HistoryStore.in_memory()
        return self._history

    def current_preferences(self) -> Preferences:
        explore = self.screens.get("explore")
        about = explore is not None and explore.about_shown()
        if "quiz" in self.screens:
            self.prefs.remember_quiz(self.screens["quiz"].start_choices())
        return self.prefs.capture(self.sim, self.saveGeometry(), about)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self.clock.stop()
        if self._history is not None:
            self._history.close()
        if self.settings is not None:
            self.settings.save(self.current_preferences())
        for screen in self.screens.values():
            screen.close()
        self.lecture.unsubscribe(self._follow_compare)
        super().closeEvent(event)
