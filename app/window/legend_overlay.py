"""The legend over the canvas (View > Legend): the five connector flows drawn as the canvas draws them,
and a button per layer that shows, dims or hides its blocks (click: shown -> dimmed -> hidden -> shown;
right-click for the choices). The layers are the scene's view state (app/canvas/layers.py); the
flows' rows are the exporter's own (components/export/legend.py), so the legend reads the same on
screen and in a picture.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPoint, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.canvas import painting
from app.canvas.layers import short_name
from app.canvas.scene import CanvasScene
from components import style
from components.catalog import CUSTOM_COLOUR, stage
from components.export.legend import legend_rows
from components.layers import PART_LAYERS, STAGE_LAYERS, VISIBILITIES, Layer, LayerView, Visibility

ROW_HEIGHT = 20
SAMPLE = 40
NEXT_STATE: dict[Visibility, Visibility] = {"shown": "dimmed", "dimmed": "hidden", "hidden": "shown"}
STATE_WORDS: dict[Visibility, str] = {"shown": "shown", "dimmed": "dimmed", "hidden": "hidden"}
VERBS: dict[Visibility, str] = {"shown": "Show", "dimmed": "Dim", "hidden": "Hide"}


class FlowKey(QWidget):
    """The five flows: a sample line with its arrowhead and what the flow means, one row each."""

    def __init__(self, scene: CanvasScene, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scene = scene
        self.setObjectName("legendFlows")
        rows = legend_rows()
        self.setAccessibleName("Connector flows: " + "; ".join(row.text for row in rows))
        metrics = painting.metrics(style.CONNECTOR_FONT_PX)
        width = SAMPLE + 10 + max(metrics.horizontalAdvance(row.text) for row in rows) + 4
        self.setFixedSize(round(width), ROW_HEIGHT * len(rows))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        theme = self._scene.theme
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        for index, row in enumerate(legend_rows()):
            y = index * ROW_HEIGHT + ROW_HEIGHT / 2
            entry = style.FLOW_STYLES[row.flow]
            line = QLineF(2, y, SAMPLE, y)
            painter.setPen(painting.flow_pen(row.flow, theme.name))
            painter.drawLine(line)
            ink = entry.dark_colour if theme.name == "dark" else entry.colour
            painting.draw_arrow_head(painter, line, entry.arrow, ink, theme.background)
            painter.setFont(painting.font(style.CONNECTOR_FONT_PX))
            painter.setPen(text_colour)
            painter.drawText(QPointF(SAMPLE + 10, y + style.CONNECTOR_FONT_PX * 0.35), row.text)
        painter.end()


def _swatch(colour: str, state: Visibility) -> QIcon:
    """A small square of a layer's colour: full when shown, faint when dimmed, an outline when hidden."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = QColor(colour)
    if state == "dimmed":
        fill.setAlphaF(0.3)
    painter.setPen(QColor(colour))
    painter.setBrush(fill if state != "hidden" else Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(1, 1, 10, 10, 2, 2)
    if state == "hidden":
        painter.drawLine(QPoint(2, 10), QPoint(10, 2))
    painter.end()
    return QIcon(pixmap)


class LayerButton(QToolButton):
    """One layer's button: a click moves it to the next state, the context menu offers all of them."""

    def __init__(self, layer: Layer, scene: CanvasScene, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layer = layer
        self._scene = scene
        self.setObjectName(f"layer_{layer.id}")
        self.setText(short_name(layer))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setAutoRaise(True)
        self.setIconSize(QSize(12, 12))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.clicked.connect(lambda _checked=False: scene.layers.set_state(layer.id, NEXT_STATE[self.state()]))
        self.customContextMenuRequested.connect(lambda pos: self.menu_for().exec(self.mapToGlobal(pos)))
        self.refresh()

    def state(self) -> Visibility:
        return self._scene.layers.state(self.layer.id)

    def colour(self) -> str:
        if self.layer.stage is not None:
            entry = stage(self.layer.stage)
            return entry.dark_colour if self._scene.theme.name == "dark" else entry.colour
        return CUSTOM_COLOUR if self._scene.theme.name == "light" else style.theme("dark").muted_text

    def refresh(self) -> None:
        state = self.state()
        self.setIcon(_swatch(self.colour(), state))
        font = self.font()
        font.setStrikeOut(state == "hidden")
        font.setItalic(state == "dimmed")
        self.setFont(font)
        name = self.layer.name
        tip = (f"{name}: {STATE_WORDS[state]}. {self.layer.description}. "
               f"Click to {VERBS[NEXT_STATE[state]].lower()}; right-click for more.")
        self.setToolTip(tip)
        self.setAccessibleName(f"{name}: {STATE_WORDS[state]}")
        self.setAccessibleDescription(f"Click to {VERBS[NEXT_STATE[state]].lower()} its blocks")

    def menu_for(self) -> QMenu:
        menu = QMenu(self)
        layers = self._scene.layers
        for state in VISIBILITIES:
            action = menu.addAction(VERBS[state])
            action.triggered.connect(lambda _checked=False, s=state: layers.set_state(self.layer.id, s))
            action.setCheckable(True)
            action.setChecked(self.state() == state)
        menu.addSeparator()
        group = STAGE_LAYERS if self.layer in STAGE_LAYERS else PART_LAYERS
        menu.addAction("Show only this", lambda: layers.set_view(layers.view.only(self.layer.id, group)))
        menu.addAction("Show all layers", lambda: layers.set_view(LayerView()))
        return menu


class LegendOverlay(QFrame):
    """The legend panel laid over the canvas view; ``closed`` when its close button is pressed."""

    closed = Signal()
    foldChosen = Signal(bool)  # the user folded (True) or unfolded it: worth remembering

    def __init__(self, scene: CanvasScene, parent: QWidget) -> None:
        super().__init__(parent)
        self._scene = scene
        self.folded = False
        self.chosen_fold: bool | None = None  # the user's own fold (None: folded when the canvas is small)
        self.setObjectName("legendOverlay")
        self.setAccessibleName("Legend")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        title = QLabel("<b>Legend</b>")
        title.setObjectName("legendTitle")
        self.fold_button = QToolButton()
        self.fold_button.setObjectName("legendFold")
        self.fold_button.setAutoRaise(True)
        self.fold_button.setArrowType(Qt.ArrowType.DownArrow)
        self.fold_button.clicked.connect(lambda _checked=False: self.choose_fold(not self.folded))
        close = QToolButton()
        close.setObjectName("legendClose")
        close.setAutoRaise(True)
        close.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        close.setToolTip("Hide the legend (View > Legend shows it again)")
        close.setAccessibleName("Hide the legend")
        close.clicked.connect(lambda _checked=False: self.closed.emit())
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(title, 1)
        head.addWidget(self.fold_button)
        head.addWidget(close)
        self.body = QWidget()
        self.body.setObjectName("legendBody")
        self.body.setAccessibleName("Legend contents")
        self.flows = FlowKey(scene)
        layers_title = QLabel("Layers: click to dim, again to hide")
        layers_title.setObjectName("legendLayersTitle")
        layers_title.setEnabled(False)  # muted, as a caption
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(2)
        grid.setVerticalSpacing(0)
        self.layer_buttons: dict[str, LayerButton] = {}
        for index, layer in enumerate(STAGE_LAYERS):
            self.layer_buttons[layer.id] = button = LayerButton(layer, scene)
            grid.addWidget(button, index // 3, index % 3)
        for index, layer in enumerate(PART_LAYERS):
            self.layer_buttons[layer.id] = button = LayerButton(layer, scene)
            grid.addWidget(button, 2, index)
        inner = QVBoxLayout(self.body)
        inner.setContentsMargins(0, 4, 0, 0)
        inner.setSpacing(6)
        inner.addWidget(self.flows)
        inner.addWidget(layers_title)
        inner.addLayout(grid)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 6, 6, 8)
        outer.setSpacing(2)
        outer.addLayout(head)
        # the body scrolls when it would take more than its share of a small canvas (``limit_height``)
        self.contents = QScrollArea()
        self.contents.setObjectName("legendScroll")
        self.contents.setFrameShape(QFrame.Shape.NoFrame)
        self.contents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.contents.setWidgetResizable(True)
        self.contents.setWidget(self.body)
        self.body.setAutoFillBackground(False)  # the legend's own background shows through
        self.contents.viewport().setAutoFillBackground(False)
        self._limit: int | None = None
        outer.addWidget(self.contents)
        self.set_folded(False)
        scene.layers.changed.connect(self.refresh)
        scene.themeChanged.connect(lambda _name: self.refresh())

    def choose_fold(self, folded: bool) -> None:
        """The fold button: the user's choice, kept whatever the canvas's size."""
        self.chosen_fold = folded
        self.set_folded(folded)
        self.foldChosen.emit(folded)

    def fit(self, small_canvas: bool) -> None:
        """Fold on a small canvas unless the user chose otherwise (it would cover most of the design)."""
        wanted = small_canvas if self.chosen_fold is None else self.chosen_fold
        if wanted != self.folded:
            self.set_folded(wanted)

    def set_folded(self, folded: bool) -> None:
        """Fold to the title row (keeps room on a small screen) or unfold."""
        self.folded = folded
        self.contents.setVisible(not folded)
        self._size_scroll()
        self.fold_button.setArrowType(Qt.ArrowType.UpArrow if folded else Qt.ArrowType.DownArrow)
        text = "Unfold the legend" if folded else "Fold the legend"
        self.fold_button.setToolTip(text)
        self.fold_button.setAccessibleName(text)
        self.adjustSize()

    def limit_height(self, pixels: int | None) -> None:
        """At most this tall for the contents (None: no limit); past it they scroll. On a small canvas
        the unfolded legend otherwise covered nearly all of it."""
        if pixels != self._limit:
            self._limit = pixels
            self._size_scroll()
            self.adjustSize()

    def _size_scroll(self) -> None:
        hint = self.body.sizeHint()
        if self._limit is None or hint.height() <= self._limit:
            self.contents.setFixedSize(hint)
        else:
            bar = self.contents.verticalScrollBar().sizeHint().width()
            self.contents.setFixedSize(hint.width() + bar, max(self._limit, ROW_HEIGHT * 3))

    def refresh(self) -> None:
        for button in self.layer_buttons.values():
            button.refresh()
        self.flows.update()
