"""Whether Qt can open a window here, asked before the QApplication exists: when Qt's platform
plugin cannot connect, Qt prints six lines and aborts the process (exit 134); we say why in one
line instead.

Only the platforms a desktop session uses are checked (xcb: an X server answers on $DISPLAY;
wayland: the compositor's socket accepts a connection); any other QT_QPA_PLATFORM (offscreen,
vnc, eglfs...) is left to Qt. Qt tries the platforms of a ``a;b`` list in order, and on Linux picks
wayland before xcb when XDG_SESSION_TYPE is wayland.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Mapping

HINT = "run it in a desktop session, under xvfb-run, or with QT_QPA_PLATFORM=offscreen"


def display_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """Why no window can be opened (one line), or None when one can (or we cannot tell)."""
    env = os.environ if environ is None else environ
    problems = []
    for platform in _platforms(env):
        if platform == "xcb":
            problem = _x11_problem(env)
        elif platform.startswith("wayland"):
            problem = _wayland_problem(env)
        else:
            return None
        if problem is None:
            return None
        problems.append(problem)
    return f"cannot open a window: {'; '.join(problems)}; {HINT}" if problems else None


def _platforms(env: Mapping[str, str]) -> list[str]:
    chosen = env.get("QT_QPA_PLATFORM", "").strip()
    if chosen:  # "xcb", "wayland;xcb", "offscreen:fontengine=freetype"
        return [part.split(":", 1)[0].strip() for part in chosen.split(";") if part.strip()]
    if not sys.platform.startswith("linux"):
        return []  # Windows and macOS always have their display
    return ["wayland", "xcb"] if env.get("XDG_SESSION_TYPE") == "wayland" else ["xcb"]


def _x11_problem(env: Mapping[str, str]) -> str | None:
    display = env.get("DISPLAY", "")
    if not display:
        return "no X display (DISPLAY is not set)"
    import ctypes.util  # here, not at start-up: offscreen (a screenshot) needs neither ctypes nor sockets

    library = ctypes.util.find_library("xcb")
    if library is None:
        return "the X client library libxcb is not installed"
    xcb = ctypes.CDLL(library)
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.restype = ctypes.c_int
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        failed = xcb.xcb_connection_has_error(connection)
    finally:
        xcb.xcb_disconnect(connection)  # also frees a connection that failed
    return f"cannot connect to the X display {display!r}" if failed else None


def _wayland_problem(env: Mapping[str, str]) -> str | None:
    name = env.get("WAYLAND_DISPLAY") or "wayland-0"
    folder = env.get("XDG_RUNTIME_DIR", "")
    if not name.startswith("/") and not folder:
        return "no Wayland compositor (XDG_RUNTIME_DIR is not set)"
    path = name if name.startswith("/") else os.path.join(folder, name)
    import socket

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe, contextlib.suppress(OSError):
        probe.connect(path)
        return None
    return f"no Wayland compositor answers at {path}"
