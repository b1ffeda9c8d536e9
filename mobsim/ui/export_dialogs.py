"""The export dialogs: ask where, write (atomically, in mobsim.ui.export), say what happened."""

from __future__ import annotations

from pathlib import Path

from mobsim.model.tracefile import write_trace_csv
from mobsim.ui.export import MAX_GIF_CYCLES, ExportCancelled, export_gif, save_png


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def default_folder() -> Path:
    """The user's Pictures folder (Documents, then home, where there is none)."""
    from PySide6.QtCore import QStandardPaths

    for where in (
        QStandardPaths.StandardLocation.PicturesLocation,
        QStandardPaths.StandardLocation.DocumentsLocation,
    ):
        folder = QStandardPaths.writableLocation(where)
        if folder and Path(folder).is_dir():
            return Path(folder)
    return Path.home()


def start_folder(parent) -> Path:
    """Where the last export went (remembered in the preferences), else Pictures."""
    remembered = getattr(getattr(parent, "prefs", None), "export_folder", "")
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    return default_folder()


def remember_folder(parent, path: Path) -> None:
    prefs = getattr(parent, "prefs", None)
    if prefs is not None and hasattr(prefs, "export_folder"):
        prefs.export_folder = str(path.parent)


def ask_path(parent, title: str, name: str, suffix: str, pattern: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    start = str(start_folder(parent) / f"{name}.{suffix}")
    chosen, _ = QFileDialog.getSaveFileName(parent, title, start, pattern)
    if not chosen:
        return None
    path = Path(chosen)
    remember_folder(parent, path)
    return path if path.suffix else path.with_suffix("." + suffix)


def report(parent, ok: bool, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    if ok:
        parent.statusBar().showMessage(text, 6000)
    else:
        QMessageBox.warning(parent, "Export failed", text)


def _file_name(sim) -> str:
    return f"mobsim-{sim.joint.id}-grade-{sim.choice.label}"


def export_png_dialog(stage, name: str, parent) -> None:
    path = ask_path(parent, "Export view as PNG", name, "png", "PNG images (*.png)")
    if path is None:
        return
    try:
        save_png(stage, path)
        report(parent, True, f"Saved {path}")
    except OSError as exc:
        report(parent, False, str(exc))


def export_csv_dialog(screen, parent) -> None:
    sim = screen.sim
    path = ask_path(parent, "Export trace as CSV", _file_name(sim), "csv", "CSV files (*.csv)")
    if path is None:
        return
    try:
        rows = write_trace_csv(
            path,
            sim.band,
            sim.condition,
            sim.frequency,
            seconds=10 * sim.period,
            rate=100,
            thrust_period=sim.thrust_period,
        )
        report(parent, True, f"Saved {rows} samples (10 cycles) to {path}")
    except OSError as exc:
        report(parent, False, f"Cannot write {path}: {exc.strerror or exc}")


def export_gif_dialog(screen, parent) -> None:
    from PySide6.QtWidgets import QInputDialog, QProgressDialog

    cycles, ok = QInputDialog.getInt(parent, "Export animated GIF", "Cycles:", 3, 1, MAX_GIF_CYCLES)
    if not ok:
        return
    name = _file_name(screen.sim)
    path = ask_path(parent, "Export animated GIF", name, "gif", "GIF animations (*.gif)")
    if path is None:
        return
    dialog = QProgressDialog("Rendering frames…", "Cancel", 0, 100, parent)
    dialog.setWindowTitle("Exporting GIF")
    dialog.setMinimumDuration(0)

    def progress(done: int, total: int) -> bool:
        dialog.setMaximum(total)
        dialog.setValue(done)
        return not dialog.wasCanceled()

    try:
        frames = export_gif(screen, path, cycles, progress=progress)
        report(parent, True, f"Saved {frames} frames ({plural(cycles, 'cycle')}) to {path}")
    except ExportCancelled:
        report(parent, True, "GIF export cancelled; nothing was written")
    except OSError as exc:
        report(parent, False, f"Cannot write {path}: {exc}")
    finally:
        dialog.close()
