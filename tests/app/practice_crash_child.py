"""Child side of the practice crash test: a window runs a session on a fake clock for 7 minutes (a
question asked, a block drawn, a nudge given), waits for its recovery copy, then kills itself with
SIGKILL, as a crash would, leaving no chance to clean up. Run as ``python -m tests.app.practice_crash_child
SETTINGS_FILE`` with MLSD_DATA_DIR set."""

from __future__ import annotations

import os
import signal
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(settings_file: str) -> None:
    from PySide6.QtCore import QPointF, QSettings
    from PySide6.QtWidgets import QApplication

    from app.editor import Editor
    from app.practice import start_practice
    from app.window.main_window import MainWindow
    from components.practice import FakeClock

    app = QApplication(sys.argv[:1])
    window = MainWindow(Editor(), settings=QSettings(settings_file, QSettings.Format.IniFormat), theme_name="light")
    window.show()
    clock = FakeClock()
    controller = start_practice(window, window, "video-search", 30, clock)
    assert controller is not None
    clock.advance(60)
    controller.ask("scale")
    window.scene.place_block("data_source", QPointF(0, 0))
    clock.advance(6 * 60)
    controller.tick()  # 7:00: the 5:00 boundary passed, a nudge given, the state written
    assert [nudge.phase for nudge in controller.session.nudges] == ["requirements"]
    window.autosaver.wait()
    app.processEvents()
    print("saved", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    main(sys.argv[1])
