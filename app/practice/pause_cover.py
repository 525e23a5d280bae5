"""The cover over the canvas while a practice session is paused: the clock waits, so the design waits too.

It takes every click, wheel turn and drop meant for the canvas (the editor refuses every other edit,
from menus, keys or the inspector: ``Editor.held``) and says how to go on. Painted in the window
palette's colours, it follows a live theme switch without being told."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

COVER_ALPHA = 232  # the design stays faintly visible under the cover
SWALLOWED = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
             QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.ContextMenu, QEvent.Type.DragEnter,
             QEvent.Type.DragMove, QEvent.Type.Drop}


class PauseCover(QWidget):
    resumeClicked = Signal()

    def __init__(self, over: QWidget) -> None:
        super().__init__(over)
        self.setObjectName("practicePauseCover")
        self.setAcceptDrops(True)  # a block dragged from the palette stops here, not on the canvas below
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.label = QLabel("Paused: the clock waits, and so does the design.\nResume to continue.")
        self.label.setObjectName("practicePauseText")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.label.setFont(font)
        self.resume_button = QPushButton("Resume")
        self.resume_button.setObjectName("practiceCoverResume")
        self.resume_button.clicked.connect(self.resumeClicked)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(self.resume_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        over.installEventFilter(self)
        self.hide()

    def cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind not in SWALLOWED:
            return super().event(event)
        # a drag is taken here (so it never reaches the canvas), its drop refused; the rest taken and dropped
        event.setAccepted(kind not in (QEvent.Type.DragMove, QEvent.Type.Drop))
        return True

    def paintEvent(self, _event: QPaintEvent) -> None:
        colour = QColor(self.palette().window().color())
        colour.setAlpha(COVER_ALPHA)
        painter = QPainter(self)
        painter.fillRect(self.rect(), colour)
