"""Thread CPU of one joint-view paint per preset, offscreen.

A paint = the cached layers blitted plus the moving bone, arrow, needle and read-out,
rendered into an image (`QWidget.render`), the angle moving through grade III's band.
Sizes: an explore view (640×520, labels on) and a compare cell at 1920×1080 (376×479,
labels off). Median of 400 paints; the knee, whose drawing is plain long bones, is the
same-run baseline each ratio is taken against.
Usage: uv run python bench/joint_paint.py [--paints N]
"""

import argparse
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from mobsim.model import Grade, band, load_library  # noqa: E402
from mobsim.ui.theme import DEFAULT  # noqa: E402
from mobsim.ui.widgets.joint_widget import JointView  # noqa: E402

JOINTS = ("knee", "pip-flexion", "mcp-flexion", "wrist-flexion", "ankle-dorsiflexion")
SIZES = (((640, 520), True), ((376, 479), False))


def paint_ms(joint, size, labels, paints):
    condition = joint.normal_condition()
    grade = band(Grade.III, joint, condition)
    view = JointView(DEFAULT)
    view.resize(*size)
    view.set_labels_visible(labels)
    view.set_scene(joint, condition, grade)
    image = QImage(*size, QImage.Format.Format_ARGB32_Premultiplied)
    view.render(image)  # builds the cached layers
    times = []
    for i in range(paints):
        view.set_angle(grade.low + (grade.high - grade.low) * (i % 40) / 40)
        t0 = time.thread_time()
        view.render(image)
        times.append(time.thread_time() - t0)
    return float(np.median(times)) * 1e3


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--paints", type=int, default=400)
    args = ap.parse_args()
    app = QApplication.instance() or QApplication([])  # noqa: F841 (keeps Qt alive)
    library = load_library()
    for size, labels in SIZES:
        base = paint_ms(library.get("knee"), size, labels, args.paints)
        for joint_id in JOINTS:
            ms = paint_ms(library.get(joint_id), size, labels, args.paints)
            print(
                f"{joint_id:20} {size[0]}x{size[1]} labels {'on ' if labels else 'off'}: "
                f"median {ms:.3f} ms thread CPU  ratio to knee {ms / base:.2f}"
            )


if __name__ == "__main__":
    main()
