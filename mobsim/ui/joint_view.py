"""Old import path: the joint drawing now lives in `mobsim.ui.widgets`."""

from mobsim.ui.widgets.joint_widget import JointView

__all__ = ["JointView"]
