"""Old import path: the plots now live in `mobsim.ui.widgets`."""

from mobsim.ui.widgets.diagram import MovementDiagram
from mobsim.ui.widgets.range_plot import Markers, RangePlot, pen, qcolor
from mobsim.ui.widgets.trace_view import LiveTrace

__all__ = ["LiveTrace", "Markers", "MovementDiagram", "RangePlot", "pen", "qcolor"]
