"""Can Qt open a window here? Checked before Qt starts, because Qt aborts (exit 134) when
the platform plugin is unknown or the display cannot be reached. Qt-free.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import socket
import sys

# Qt platform plugins that need no display server.
HEADLESS = {"offscreen", "minimal", "minimalegl", "vnc", "linuxfb", "eglfs", "vkkhrdisplay"}
# ... of which these draw straight to a device, and Qt aborts, crashes or hangs without it.
DEVICES = {
    "linuxfb": ("/dev/fb0", "a framebuffer"),
    "eglfs": ("/dev/dri", "a GPU (DRM) device"),
    "minimalegl": ("/dev/dri", "a GPU (DRM) device"),
    "vkkhrdisplay": ("/dev/dri", "a GPU (DRM) device"),
}
DESKTOP = {"xcb", "wayland", "wayland-egl", "wayland-brcm", "windows", "cocoa", "direct2d"}
HOW_TO_FIX = (
    "Run it on a desktop, under xvfb-run, or set QT_QPA_PLATFORM=offscreen for headless use."
)


def display_problem() -> str | None:
    """Why Qt could not open a window here, or None when it can (or renders offscreen)."""
    spec = os.environ.get("QT_QPA_PLATFORM", "").strip()
    if spec:
        return _platform_problem(spec)
    if not sys.platform.startswith("linux"):
        return None  # Windows and macOS always have their native platform
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return "DISPLAY and WAYLAND_DISPLAY are unset"
    if _wayland_reachable() or _x_reachable():
        return None
    return _unreachable_reason()


def no_display_line(problem: str) -> str:
    return f"mobsim: no display found ({problem}). {HOW_TO_FIX}"


def _platform_problem(spec: str) -> str | None:
    """QT_QPA_PLATFORM may list fallbacks ('xcb;offscreen') with options ('vnc:size=…')."""
    names = [part.split(":", 1)[0].strip() for part in spec.split(";") if part.strip()]
    known = [n for n in names if n in HEADLESS or n in DESKTOP]
    if not known:
        return f"QT_QPA_PLATFORM={spec} names no Qt platform plugin"
    for name in known:  # Qt tries them in order: one without its device crashes it
        if name in DEVICES and not _device_present(DEVICES[name][0]):
            device, what = DEVICES[name]
            return f"QT_QPA_PLATFORM={spec} needs {what} ({device}), and there is none"
        if name in HEADLESS or name in ("windows", "cocoa", "direct2d"):
            return None
        if name == "xcb" and _x_reachable():
            return None
        if name.startswith("wayland") and _wayland_reachable():
            return None
    if "xcb" in known and not os.environ.get("DISPLAY"):
        return f"QT_QPA_PLATFORM={spec} but DISPLAY is unset"
    return _unreachable_reason()


def _device_present(path: str) -> bool:
    """The device a plugin draws to: the node itself, or any node in its folder."""
    if not os.path.exists(path):
        return False
    return not os.path.isdir(path) or any(n.startswith("card") for n in os.listdir(path))


def _unreachable_reason() -> str:
    parts = []
    if os.environ.get("DISPLAY"):
        parts.append(f"cannot connect to the X display {os.environ['DISPLAY']}")
    if os.environ.get("WAYLAND_DISPLAY"):
        parts.append(f"cannot connect to the Wayland display {os.environ['WAYLAND_DISPLAY']}")
    return " and ".join(parts) or "DISPLAY and WAYLAND_DISPLAY are unset"


def _x_reachable() -> bool:
    display = os.environ.get("DISPLAY")
    if not display:
        return False
    name = ctypes.util.find_library("xcb")
    if name:
        try:
            return _xcb_connects(ctypes.CDLL(name), display)
        except OSError:
            pass
    return _x_socket_connects(display)


def _xcb_connects(xcb, display: str) -> bool:
    """What Qt's xcb plugin does first: xcb_connect, then ask whether it failed."""
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    if not connection:
        return False
    try:
        return xcb.xcb_connection_has_error(connection) == 0
    finally:
        xcb.xcb_disconnect(connection)


def _x_socket_connects(display: str) -> bool:
    """Without libxcb: is anything listening where the X server for `display` would be?"""
    host, _, rest = display.rpartition(":")
    number = rest.split(".", 1)[0]
    if not number.isdigit():
        return False
    if host in ("", "unix"):
        return _unix_connects(f"/tmp/.X11-unix/X{number}")
    try:
        with socket.create_connection((host, 6000 + int(number)), timeout=1.0):
            return True
    except OSError:
        return False


def _wayland_reachable() -> bool:
    name = os.environ.get("WAYLAND_DISPLAY")
    if not name:
        return False
    if not os.path.isabs(name):
        runtime = os.environ.get("XDG_RUNTIME_DIR")
        if not runtime:
            return False
        name = os.path.join(runtime, name)
    return _unix_connects(name)


def _unix_connects(path: str) -> bool:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(1.0)
            sock.connect(path)
        return True
    except OSError:
        return False
