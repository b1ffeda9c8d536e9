"""Reusable views: the joint drawing, the movement diagram, the live trace and the
compare view's stacked bands. Each reads the model and draws it; none decides a rule."""

from mobsim.ui.widgets.diagram import MovementDiagram
from mobsim.ui.widgets.joint_widget import JointView
from mobsim.ui.widgets.range_plot import Markers
from mobsim.ui.widgets.stacked_bands import StackedBands
from mobsim.ui.widgets.trace_view import LiveTrace

__all__ = ["JointView", "LiveTrace", "Markers", "MovementDiagram", "StackedBands"]
