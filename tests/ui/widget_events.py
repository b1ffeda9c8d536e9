"""Test helper: the events of one kind that a widget receives (paints with their regions)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject


class Events(QObject):
    """Counts one kind of event sent to a widget. For paint events it keeps each
    region's bounding box (`rects`) and painted area in px (`areas`)."""

    def __init__(self, widget, kind=QEvent.Type.Paint):
        super().__init__()
        self.kind = kind
        self.count = 0
        self.rects = []
        self.areas = []
        widget.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802 (Qt name)
        if event.type() == self.kind:
            self.count += 1
            if self.kind == QEvent.Type.Paint:
                region = event.region()
                self.rects.append(region.boundingRect())
                self.areas.append(sum(r.width() * r.height() for r in region))
        return False
