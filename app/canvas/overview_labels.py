"""Block labels on the zoomed-out canvas, in a font of a fixed on-screen size.

Below the level-of-detail threshold the blocks' own text (13 px in scene units) would be 2-5 pixels
high, so the overview (overview.py) draws plain coloured boxes. A template fitted into a laptop's
canvas lands there (20-30 %), and its first view was unlabelled boxes. Here each block's label is
drawn over its box in a legible font of LABEL_PX screen pixels, wrapped to the lines the box holds
at that zoom and elided, as long as at least a few letters fit; a box too small for them gets none.
Only designs of up to MAX_LABELLED blocks get labels: a 10,000-block overview stays shapes only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QTransform

from app.canvas import painting
from components import style
from components.document import Document

LABEL_PX = 8  # the label's height on screen, whatever the zoom
MIN_CHARS = 6  # a box narrower than about this many letters gets no label (3 letters and "…" are noise)
INSET_PX = 1.0  # between the box's edge and the text, on screen
MAX_LABELLED = 600  # blocks in a design past which the overview draws no labels (cost per repaint)


def wrap(text: str, room: float, lines: int, metrics: QFontMetricsF) -> list[str]:
    """``text`` in at most ``lines`` lines of at most ``room`` pixels: word by word, a word too long
    for a line cut, the last line elided when the text goes on."""
    words = text.split()
    result: list[str] = []
    current = ""
    while words and len(result) < lines:
        word = words[0]
        attempt = f"{current} {word}" if current else word
        if metrics.horizontalAdvance(attempt) <= room:
            current = attempt
            words.pop(0)
            continue
        if not current:  # one word wider than the line: it takes the line, cut
            current = words.pop(0)
        result.append(current)
        current = ""
    if current and len(result) < lines:
        result.append(current)
    if not result:
        return []
    if words:  # the text goes on past the last line
        result[-1] = f"{result[-1]} {' '.join(words)}"
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, room) for line in result]


@lru_cache(maxsize=4096)
def _lines(text: str, room: int, lines: int) -> tuple[tuple[str, float], ...]:
    """``wrap`` in the label font, each line with its width, kept: a pan draws the picture again with the
    same boxes."""
    metrics = painting.metrics(LABEL_PX)
    return tuple((line, metrics.horizontalAdvance(line)) for line in wrap(text, room, lines, metrics))


@lru_cache(maxsize=64)
def ink_on(accent: str) -> QColor:
    """Black or white, whichever reads better on ``accent``."""
    colour = painting.colour(accent)
    light = 0.299 * colour.redF() + 0.587 * colour.greenF() + 0.114 * colour.blueF()
    return QColor(Qt.GlobalColor.black if light > 0.6 else Qt.GlobalColor.white)


def labelled_blocks(frames: Mapping[str, Mapping[str, QRectF]], kind_of: Mapping[str, str], doc: Document,
                    left_out: set[str], theme_name: style.ThemeName) -> Iterator[tuple[QRectF, str, str]]:
    """(frame, label, accent) of each block not ``left_out`` (hidden, faint, dragged), from the overview's
    records (kind -> id -> frame); none for a design of more than MAX_LABELLED blocks."""
    if len(kind_of) > MAX_LABELLED:
        return
    for block_id, kind in kind_of.items():
        if block_id not in left_out:
            yield frames[kind][block_id], doc.block(block_id).label, style.kind_colour(kind, theme_name)


def draw_labels(painter: QPainter, transform: QTransform, blocks: Iterable[tuple[QRectF, str, str]],
                clip: QRectF) -> int:
    """Draw each (frame in scene units, label, accent colour) block's label inside its frame as
    ``transform`` maps it to the device, where the frame meets ``clip`` (device pixels); the number drawn."""
    metrics = painting.metrics(LABEL_PX)
    line_height = metrics.height()
    least = metrics.averageCharWidth() * MIN_CHARS + 2 * INSET_PX
    painter.save()
    painter.resetTransform()
    painter.setFont(painting.font(LABEL_PX))
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    drawn = 0
    for frame, label, accent in blocks:
        box = transform.mapRect(frame)
        if box.width() < least or box.height() < line_height + INSET_PX or not box.intersects(clip):
            continue
        lines = _lines(label, int(box.width() - 2 * INSET_PX), int((box.height() - INSET_PX) // line_height))
        if not lines:
            continue
        painter.setPen(ink_on(accent))
        top = box.center().y() - len(lines) * line_height / 2 + metrics.ascent()
        middle = box.center().x()
        for index, (line, width) in enumerate(lines):
            painter.drawText(QPointF(middle - width / 2, top + index * line_height), line)
        drawn += 1
    painter.restore()
    return drawn
