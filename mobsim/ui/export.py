"""Exports for slides: a PNG of the current view and an animated GIF of N cycles.

The GIF is rendered from the real views at a steady frame rate in simulated
time, so it plays at true speed whatever the machine's speed. Frames are
quantised and written one at a time (only the previous frame is kept), so a
long full-HD GIF needs little memory. Every file goes through an atomic write:
a failure, a cancel or Ctrl+C leaves the destination as it was.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from PIL import GifImagePlugin, Image, ImageChops
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from mobsim.cliargs import MAX_GIF_CYCLES
from mobsim.model.atomic import atomic_path, write_bytes_atomic

GIF_FPS = 25  # 40 ms per frame: GIF delays are in 10 ms units, so this is exact
GIF_COLOURS = 96


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


def save_image(image: QImage, path: Path | str) -> Path:
    """Save a QImage as PNG atomically; OSError (with the system's reason) if it cannot."""
    # Encode in memory, then write the bytes: a full disk is then an OSError saying so,
    # not a libpng message on stderr.
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError(f"cannot encode the image as PNG for {path}")
    write_bytes_atomic(path, bytes(buffer.data()))
    return Path(path)


def save_png(widget, path: Path) -> Path:
    return save_image(widget.grab().toImage(), path)


def fit_stage(window, width: int, height: int) -> None:
    """Resize the window so that the exported stage is exactly width × height."""
    QApplication.processEvents()
    extra_w = window.width() - window.stage.width()
    extra_h = window.height() - window.stage.height()
    window.resize(width + extra_w, height + extra_h)
    QApplication.processEvents()


class GifStream:
    """An animated GIF written frame by frame: each frame is the changed rectangle only,
    with its own palette, and is on disk before the next one is taken."""

    def __init__(self, fh: BinaryIO, size: tuple[int, int], delay_ms: int):
        self.fh, self.size, self.delay_ms = fh, size, delay_ms
        self.previous: Image.Image | None = None
        width, height = size
        # Header, logical screen (no global palette), then loop forever (NETSCAPE2.0).
        fh.write(b"GIF89a" + struct.pack("<HHBBB", width, height, 0, 0, 0))
        fh.write(b"!\xff\x0bNETSCAPE2.0\x03\x01" + struct.pack("<H", 0) + b"\x00")

    def add(self, frame: Image.Image) -> None:
        if frame.size != self.size:
            raise ValueError(f"frame is {frame.size}, the GIF is {self.size}")
        box = (0, 0) + self.size
        if self.previous is not None:
            box = ImageChops.difference(frame, self.previous).getbbox() or (0, 0, 1, 1)
        part = frame.crop(box).quantize(colors=GIF_COLOURS, method=Image.Quantize.FASTOCTREE)
        for chunk in GifImagePlugin.getdata(
            part, offset=box[:2], duration=self.delay_ms, disposal=1, include_color_table=True
        ):
            self.fh.write(chunk)
        self.previous = frame

    def close(self) -> None:
        self.fh.write(b";")


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
    # Every frame the same size: let a pending layout settle, then hold the stage's
    # size while frames are taken (a caption or a resize must not change it midway).
    window.render_frame()
    QApplication.processEvents()
    stage = window.stage
    held = (stage.minimumSize(), stage.maximumSize())
    stage.setFixedSize(stage.size())
    try:
        _write_gif(window, path, total, fps, progress)
    finally:
        stage.setMinimumSize(held[0])
        stage.setMaximumSize(held[1])
    return total


def _write_gif(window, path: Path, total: int, fps: int, progress) -> None:
    sim = window.sim
    with atomic_path(path) as tmp, open(tmp, "wb") as fh:
        stream = None
        for i in range(total):
            window.render_frame()
            window.refresh_readouts()  # every frame of a slide shows the same instant
            QApplication.processEvents()
            image = qimage_to_pil(window.stage.grab().toImage())
            stream = stream or GifStream(fh, image.size, math.floor(1000 / fps))
            stream.add(image)
            sim.advance(1.0 / fps)
            if progress is not None and not progress(i + 1, total):
                raise ExportCancelled()
        stream.close()
