"""Exports for slides: a PNG of the current view and an animated GIF of N cycles.

The GIF is rendered from the real views at a steady frame rate in simulated
time, so it plays at true speed whatever the machine's speed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

from PIL import Image
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

GIF_FPS = 25  # 40 ms per frame: GIF delays are in 10 ms units, so this is exact
MAX_GIF_CYCLES = 20


class ExportCancelled(Exception):
    pass


def gif_frame_count(period_s: float, cycles: int, fps: int = GIF_FPS) -> int:
    """Frames for `cycles` whole periods at `fps`: cycles × fps / frequency."""
    return max(1, round(cycles * period_s * fps))


def qimage_to_pil(image: QImage) -> Image.Image:
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h = rgb.width(), rgb.height()
    raw = bytes(rgb.constBits())
    return Image.frombuffer("RGB", (w, h), raw, "raw", "RGB", rgb.bytesPerLine(), 1).copy()


def save_png(widget, path: Path) -> Path:
    path = Path(path)
    if not widget.grab().save(str(path)):
        raise OSError(f"cannot write {path}")
    return path


def fit_stage(window, width: int, height: int) -> None:
    """Resize the window so that the exported stage is exactly width × height."""
    QApplication.processEvents()
    extra_w = window.width() - window.stage.width()
    extra_h = window.height() - window.stage.height()
    window.resize(width + extra_w, height + extra_h)
    QApplication.processEvents()


def export_gif(
    window,
    path: Path,
    cycles: int,
    fps: int = GIF_FPS,
    progress: Callable[[int, int], bool] | None = None,
) -> int:
    """Render `cycles` periods of the current motion into an animated GIF.

    `progress(done, total)` is called after each frame; returning False cancels
    (ExportCancelled, nothing is written). Returns the number of frames.
    """
    if not 1 <= cycles <= MAX_GIF_CYCLES:
        raise ValueError(f"cycles must be 1–{MAX_GIF_CYCLES}, got {cycles}")
    sim = window.sim
    # Let any easing finish so the loop shows the steady motion only.
    while sim.in_transition:
        sim.advance(1.0 / fps)
        window.render_frame()
    total = gif_frame_count(sim.period, cycles, fps)
    frames: list[Image.Image] = []
    for i in range(total):
        window.render_frame()
        window.refresh_readouts()  # every frame of a slide shows the same instant
        QApplication.processEvents()
        image = qimage_to_pil(window.stage.grab().toImage())
        frames.append(image.quantize(colors=96, method=Image.Quantize.FASTOCTREE))
        sim.advance(1.0 / fps)
        if progress is not None and not progress(i + 1, total):
            raise ExportCancelled()
    path = Path(path)
    frames[0].save(
        path,
        save_all=True,
        append_images=frames[1:],
        duration=math.floor(1000 / fps),
        loop=0,
        disposal=1,
    )
    return total
