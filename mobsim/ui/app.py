"""Start the Qt application: the window, or an offscreen screenshot."""

from __future__ import annotations

import argparse
import os
import signal
import socket
import sys
from contextlib import suppress
from pathlib import Path

from PySide6.QtCore import Qt, qInstallMessageHandler

from mobsim.interrupt import sigint_noted
from mobsim.model import Condition, ConditionError, Convention, GradeChoice, JointLibrary
from mobsim.model.simulation import Simulation
from mobsim.startup import startup_problems

SERIAL_FILLS_ENV = "QT_NO_GUI_THREADPOOL"  # Qt: set at all, the raster engine uses no pool


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("mobsim", appauthor=False))


def data_dir_from(args: argparse.Namespace) -> Path:
    return Path(args.data_dir) if args.data_dir else default_data_dir()


def merge_saved(args: argparse.Namespace, scene, library: JointLibrary, prefs):
    """Arguments win; what they leave out comes from the saved preferences."""
    joint = scene.joint
    if not args.joint and prefs.joint in library.joints:
        joint = library.get(prefs.joint)
    convention = scene.convention if args.convention else Convention(prefs.convention)
    choice = scene.choice
    if not args.grade:
        choice = GradeChoice.parse(prefs.grade)
        if convention is Convention.QUARTILE:
            choice = GradeChoice(choice.grade)
    condition = scene.condition
    if args.limit is None and args.r1 is None and not args.joint:
        try:
            condition = Condition.from_fractions(
                joint, prefs.limit_fraction, prefs.resistance_fraction
            )
        except ConditionError:
            condition = joint.normal_condition()
    return joint, condition, choice, convention


# Harmless notes from Qt's offscreen platform that would drown mobsim's own one-line messages.
_NOISE = ("This plugin does not support propagateSizeHints()",)


def _quiet_qt_messages(mode, context, message) -> None:
    if message in _NOISE:
        return
    print(message, file=sys.stderr)


def lecture_preferences(args: argparse.Namespace, prefs):
    """--theme, --scale and --presentation win over what was saved."""
    if getattr(args, "presentation", False):
        prefs.presenting = True
    if args.theme:
        prefs.theme = args.theme
    if args.scale is not None:
        prefs.scale = args.scale
    return prefs


def screen_options(args: argparse.Namespace) -> dict:
    """Start-up options a screen reads: the quiz's start form comes pre-filled."""
    return {
        "accessory": getattr(args, "accessory_scene", None),  # set by cli.run_accessory
        "quiz": dict(
            level=args.level,
            seed=args.seed,
            questions=args.questions,
            profile=args.profile,
            case_ratio=args.cases,
            accessory=getattr(args, "accessory", None),
            grading=getattr(args, "grading", None),
            page=getattr(args, "quiz_page", None),
        ),
    }


def first_screen(args: argparse.Namespace) -> str:
    if getattr(args, "screen", None):
        return args.screen
    if args.quiz:
        return "quiz"  # its start screen: Enter starts what the flags asked for
    return "compare" if args.compare else "explore"


def apply_lecture_flags(window, args: argparse.Namespace) -> None:
    from mobsim.model.lecture import CompareMode

    if args.compare:
        window.lecture.set_compare(CompareMode(args.compare))
    if args.about or window.prefs.about_panel:
        window.show_screen("explore").set_about_visible(True)
    window.show_screen(first_screen(args))
    if args.fullscreen and not (args.screenshot or args.export_gif):  # exports: --size
        window.setWindowState(window.windowState() | Qt.WindowState.WindowFullScreen)


def simulation(frequency: float | None, *scene) -> Simulation:
    """The simulation of (joint, condition, choice, convention), at --frequency if given
    (a thrust has no frequency)."""
    sim = Simulation(*scene)
    if frequency is not None and not sim.grade.is_thrust:
        sim.set_frequency(frequency)
    return sim


def application(serial_fills: bool = True):
    """The one QApplication, named (settings and history folders follow the name).

    `serial_fills`: the raster engine paints every fill on this thread. Left to
    itself, Qt hands any fill of 96 or more scan lines to a pool of threads and waits
    for them; for a view's blits and the bone's fills the hand-off (waking threads,
    waiting on them) cost more CPU than it saved, and made frames slower at the
    99th percentile (README, Performance). Qt reads the variable once, when it
    first needs the pool, so it is set before the QApplication; a value set by the
    user (any value disables the pool) is left alone. Benches pass False for the
    old behaviour as their baseline.
    """
    from PySide6.QtWidgets import QApplication

    if serial_fills:
        os.environ.setdefault(SERIAL_FILLS_ENV, "1")
    qInstallMessageHandler(_quiet_qt_messages)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("mobsim")
    app.setOrganizationName("mobsim")
    return app


def launch(
    args: argparse.Namespace, scene, library: JointLibrary, size: tuple[int, int] | None
) -> int:
    if args.screenshot or args.export_gif:
        # Ctrl+C is noted from here to the written file and acted on between steps:
        # raised inside Qt's code it lost the signal, or crashed the process.
        with sigint_noted() as interrupted:
            return render_headless(args, scene, library, size, interrupted)
    # Ctrl+C while the window is built is noted (raised inside Qt's code it
    # garbled or crashed); once it is up, Ctrl+C closes it as Ctrl+Q does.
    with sigint_noted() as interrupted:
        from mobsim.ui.main_window import MainWindow
        from mobsim.ui.settings import SettingsStore

        app = application()

        data_dir = data_dir_from(args)
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(
                f"mobsim: warning: cannot create data directory {data_dir}: {exc.strerror}; "
                "settings will not be saved",
                file=sys.stderr,
            )
        settings = SettingsStore(data_dir)
        prefs = lecture_preferences(args, settings.load())
        joint, condition, choice, convention = merge_saved(args, scene, library, prefs)
        sim = simulation(scene.frequency, joint, condition, choice, convention)
        window = MainWindow(sim, library, settings, prefs, options=screen_options(args))
        if prefs.geometry is not None and not size:
            window.restoreGeometry(prefs.geometry)
        if size:
            window.resize(*size)
        apply_lecture_flags(window, args)
        window.show()
        window.look.fit_screen()  # a scale saved on a larger screen comes down to fit this one
        window.look.guard = True  # and whatever grows the window later (F9, G) keeps it inside
        window.raise_()
        window.activateWindow()  # keys work at once, even where no window manager gives focus
    if interrupted:
        raise KeyboardInterrupt  # nothing was saved yet
    if args.startup_probe:
        app.processEvents()
        print("painted", flush=True)
        window.close()
        return 0
    close_on_sigint(window)
    show_startup_problems(window, startup_problems(library))
    return app.exec()


def render_headless(args, scene, library: JointLibrary, size, interrupted: list[int]) -> int:
    """--screenshot or --export-gif. Deterministic: only the arguments count, nothing
    saved is read or written. A noted Ctrl+C stops it at the next safe point."""

    from mobsim.ui.main_window import MainWindow
    from mobsim.ui.settings import Preferences

    def check() -> None:
        if interrupted:
            raise KeyboardInterrupt

    check()
    app = application()
    prefs = lecture_preferences(args, Preferences())
    sim = simulation(scene.frequency, scene.joint, scene.condition, scene.choice, scene.convention)
    check()
    window = MainWindow(
        sim, library, settings=None, prefs=prefs, start_clock=False, options=screen_options(args)
    )
    try:
        window.resize(*(size or ((1280, 800) if args.screenshot else (1280, 720))))
        apply_lecture_flags(window, args)
        window.show()
        whole, rest = divmod(args.at, 1.0)
        for step in [1.0] * int(whole) + [rest]:  # --at in steps: Ctrl+C stops between them
            check()
            window.advance(step)
        for _ in range(3):  # a plot's axis widths settle one layout pass after its fonts
            app.processEvents()
        check()
        if args.export_gif:
            from mobsim.ui.export import fit_stage

            fit_stage(window, *(size or (1280, 720)))
            return headless_gif(window, args.export_gif, args.cycles, interrupted)
        return save_screenshot(window, args.screenshot)
    finally:
        window.close()


def show_startup_problems(window, problems: list[str]) -> None:
    """The warning at start-up: files or entries that did not load (kept for Help ▸ About)."""
    from PySide6.QtWidgets import QMessageBox

    window.startup_problems = problems
    if not problems:
        return
    window.statusBar().showMessage(
        f"{len(problems)} file problem(s) at start-up: see Help ▸ About mobsim"
    )
    QMessageBox.warning(
        window,
        "Some files were not loaded",
        "These files or entries have problems and were not loaded; everything else "
        "works. Help ▸ About mobsim lists them again.\n\n" + "\n".join(problems),
    )


def save_screenshot(window, path: Path) -> int:
    from mobsim.ui.export import save_image

    image = window.grab().toImage()
    try:
        save_image(image, path)
    except OSError as exc:
        print(
            f"mobsim: error: cannot write screenshot {path}: {exc.strerror or exc}", file=sys.stderr
        )
        return 2
    finally:
        window.close()
    print(f"wrote {image.width()}x{image.height()} screenshot to {path}")
    window.close()
    return 0


def close_on_sigint(window) -> None:
    """Ctrl+C in the terminal closes the window as Ctrl+Q does (settings saved). Qt's
    loop wakes for it through a socket that Python's signal handling writes to; the
    handler only posts the close (it may run inside a paint)."""
    from PySide6.QtCore import QSocketNotifier, QTimer

    reader, writer = socket.socketpair()
    for end in (reader, writer):
        end.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, window)

    def drain() -> None:  # Python runs the handler at the next line of Python code
        with suppress(OSError):
            reader.recv(64)

    notifier.activated.connect(drain)
    signal.signal(signal.SIGINT, lambda *_: QTimer.singleShot(0, window.close))
    window.sigint_wakeup = (reader, writer, notifier)  # kept as long as the window


def headless_gif(window, path: Path, cycles: int, interrupted: list[int]) -> int:
    from mobsim.ui.export import ExportCancelled, export_gif
    from mobsim.ui.export_dialogs import plural

    if not hasattr(window.screen, "sim"):
        print(
            f"mobsim: error: the {window.screen.name} screen has no motion to export",
            file=sys.stderr,
        )
        window.close()
        return 2
    try:  # a noted Ctrl+C stops it between two frames
        frames = export_gif(window.screen, path, cycles, progress=lambda *_: not interrupted)
    except ExportCancelled:
        raise KeyboardInterrupt from None  # the GIF was never written; cli says so
    except OSError as exc:
        print(f"mobsim: error: cannot write GIF {path}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    finally:
        window.close()
    print(f"wrote {frames} frames ({plural(cycles, 'cycle')}) to {path}")
    return 0
