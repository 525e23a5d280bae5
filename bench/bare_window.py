"""The start-up reference (issue 17): the least a PySide6 program does to show a 1600 x 1000 main window
with a label and save a picture of it, as `mlsd gui --screenshot OUT.png FILE` does with the designer.

    QT_QPA_PLATFORM=offscreen python bench/bare_window.py OUT.png
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def main(target: str) -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QLabel("MLSD Whiteboard"))
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    return 0 if window.grab().toImage().save(target) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
