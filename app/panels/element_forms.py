"""Inspector pages for canvas elements: a block, a connector, a sticky note, a group, a multi-selection.

Each field pushes ONE core command when the user finishes editing it (Enter, focus out, a choice).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.editor import Editor
from app.panels.editors import ChoiceEditor, LongTextEditor, TextEditor, editor_for
from app.panels.fields import FieldSpec, model_specs
from app.panels.form import Form
from app.panels.icons import kind_icon
from components.catalog import spec, stage
from components.commands import Relabel, SetConnectorStyle, SetFlow, SetProperty, UpdateItem
from components.model import CONNECTOR_STYLE_LABELS, CONNECTOR_STYLES, FLOWS, connector_style_label, props_model
from components.style import FLOW_STYLES


def header(title: str, subtitle: str, icon_kind: str | None = None, theme_name: str = "light") -> QWidget:
    """The top of a page: an icon, what is selected, and a muted second line."""
    box = QWidget()
    box.setAccessibleName(title)
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 4)
    row.setSpacing(8)
    if icon_kind is not None:
        icon = QLabel()
        icon.setAccessibleName(f"{title} icon")
        icon.setPixmap(kind_icon(icon_kind, theme_name).pixmap(32, 32))
        icon.setFixedSize(34, 34)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
    texts = QVBoxLayout()
    texts.setSpacing(1)
    name = QLabel(f"<b>{_escape(title)}</b>")
    name.setObjectName("inspectorTitle")
    sub = QLabel(subtitle)
    sub.setWordWrap(True)
    sub.setEnabled(False)  # the palette's disabled text colour: muted in light and dark themes
    texts.addWidget(name)
    texts.addWidget(sub)
    row.addLayout(texts, 1)
    return box


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _text_spec(name: str, title: str, description: str = "") -> FieldSpec:
    return FieldSpec(name, title, description, "text")


class BlockForm(Form):
    """Label, the kind's typed properties, notes and trade-offs of one block."""

    def __init__(self, editor: Editor, block_id: str, theme_name: str = "light") -> None:
        super().__init__()
        self.editor = editor
        self.item_id = block_id
        block = editor.doc.block(block_id)
        entry = spec(block.kind)
        where = f"Stage {entry.stage} · {stage(entry.stage).name}" if entry.stage else "Custom block, no stage"
        self.add_widget(header(entry.name, f"{where}<br>id: {_escape(block_id)}", block.kind, theme_name))
        self.add_section("Block")
        self.bind("label", TextEditor(_text_spec("label", "Label", "The name shown on the canvas"),
                                      placeholder=entry.name),
                  lambda: self._block().label, lambda value: self._push(Relabel("blocks", block_id, value)))
        self.add_section("Properties")
        for field in model_specs(props_model(block.kind)):
            self.bind(f"props.{field.name}", editor_for(field),
                      lambda name=field.name: getattr(self._block().props, name),
                      lambda value, name=field.name: self._push(SetProperty(block_id, name, value)))
        self.add_section("Design notes")
        for name, title, tip in (("notes", "Notes", "What this block does in this design"),
                                 ("tradeoffs", "Trade-offs", "Alternatives considered and why this one")):
            self.bind(name, LongTextEditor(_text_spec(name, title, tip), placeholder=tip),
                      lambda name=name: getattr(self._block(), name),
                      lambda value, name=name, title=title: self._push(
                          UpdateItem("blocks", block_id, {name: value}, f"Edit {title.lower()}")),
                      full_width=True)
        self.finish()

    def _block(self) -> Any:
        return self.editor.doc.block(self.item_id)

    def _push(self, command: Any) -> bool:
        return self.editor.push(command)


class ConnectorForm(Form):
    """Flow and label of one connector."""

    def __init__(self, editor: Editor, connector_id: str, theme_name: str = "light") -> None:
        super().__init__()
        self.editor = editor
        self.item_id = connector_id
        connector = editor.doc.connector(connector_id)
        ends = [editor.doc.block(end) for end in (connector.source, connector.target)]
        names = [block.label or spec(block.kind).name for block in ends]
        self.add_widget(header("Connector", f"{_escape(names[0])} → {_escape(names[1])}<br>id: {_escape(connector_id)}",
                               theme_name=theme_name))
        self.add_section("Connector")
        flow = ChoiceEditor(FieldSpec("flow", "Flow", "What moves along this connector", "choice", choices=FLOWS))
        for index, name in enumerate(FLOWS):
            flow.combo.setItemData(index, FLOW_STYLES[name].description, Qt.ItemDataRole.ToolTipRole)
        self.bind("flow", flow, lambda: editor.doc.connector(connector_id).flow,
                  lambda value: editor.push(SetFlow(connector_id, value)))
        self.bind("label", TextEditor(_text_spec("label", "Label", "Optional text drawn on the connector")),
                  lambda: editor.doc.connector(connector_id).label,
                  lambda value: editor.push(Relabel("connectors", connector_id, value)))
        default = editor.doc.diagram.connector_style
        drawn = ChoiceEditor(FieldSpec("style", "Drawn", "A straight line, or right-angled segments round the "
                                       "blocks (drag its dots to bend it)", "choice", choices=("", *CONNECTOR_STYLES)),
                             {"": connector_style_label(None, default), **CONNECTOR_STYLE_LABELS})
        self.bind("style", drawn, lambda: editor.doc.connector(connector_id).style or "",
                  lambda value: editor.push(SetConnectorStyle(connector_id, value or None)))
        self.finish()


class NoteForm(Form):
    """The text of a sticky note."""

    def __init__(self, editor: Editor, note_id: str, theme_name: str = "light") -> None:
        super().__init__()
        self.editor = editor
        self.item_id = note_id
        self.add_widget(header("Sticky note", f"id: {_escape(note_id)}", theme_name=theme_name))
        self.add_section("Note")
        text = LongTextEditor(_text_spec("text", "Text", "What the note says"), placeholder="Write a note")
        text.text.setFixedHeight(text.text.fontMetrics().lineSpacing() * 10 + 12)
        self.bind("text", text, lambda: editor.doc.get("notes", note_id).text,
                  lambda value: editor.push(Relabel("notes", note_id, value)), full_width=True)
        self.finish()


class GroupForm(Form):
    """The label of a group frame."""

    def __init__(self, editor: Editor, group_id: str, theme_name: str = "light") -> None:
        super().__init__()
        self.editor = editor
        self.item_id = group_id
        members = len(editor.doc.get("groups", group_id).members)
        self.add_widget(header("Group", f"{members} block{'s' if members != 1 else ''}<br>id: {_escape(group_id)}",
                               theme_name=theme_name))
        self.add_section("Group")
        self.bind("label", TextEditor(_text_spec("label", "Label", "The frame's title")),
                  lambda: editor.doc.get("groups", group_id).label,
                  lambda value: editor.push(Relabel("groups", group_id, value)))
        self.finish()


class MultiForm(Form):
    """Several elements selected: what they are and what can be done with them."""

    def __init__(self, editor: Editor, ids: list[str]) -> None:
        super().__init__()
        self.item_id = ""
        counts: dict[str, int] = {}
        for item_id in ids:
            found = editor.doc.find(item_id)
            if found is not None:
                counts[found[0]] = counts.get(found[0], 0) + 1
        words = {"blocks": "block", "connectors": "connector", "notes": "note", "groups": "group"}
        parts = [f"{n} {words[c]}{'s' if n != 1 else ''}" for c, n in counts.items()]
        self.add_widget(header(f"{len(ids)} items selected", ", ".join(parts)))
        tip = QLabel("Line them up with Arrange ▸ Align or Arrange ▸ Distribute, group them, or select a "
                     "single item to edit its properties.")
        tip.setWordWrap(True)
        self.add_widget(tip)
        self.finish()
