"""The canvas: a QGraphicsScene following the document model and the view that shows it.

Public API for the window: CanvasScene, CanvasView, MIME_KIND (palette drags), the ``operations``
module (clipboard, duplicate, delete, align, distribute, nudge, flows, rename) for menu actions.
"""

from app.canvas.scene import CanvasScene
from app.canvas.view import MIME_KIND, CanvasView

__all__ = ["MIME_KIND", "CanvasScene", "CanvasView"]
