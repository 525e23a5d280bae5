"""What you see is what you export: every template drawn by the canvas and by the exporter (SVG
rendered through QtSvg, as PNG and PDF are) breaks every label at the same places, and each label's
area looks alike pixel for pixel within a tolerance that a label broken differently exceeds."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from app.canvas.items import BlockItem, ConnectorItem, GroupItem, NoteItem
from app.canvas.scene import CanvasScene
from app.editor import Editor
from app.export import render
from components import style
from components.export import SvgOptions, to_svg
from components.model import Diagram
from components.templates import TEMPLATE_IDS, load_template
from tests.core.test_export_checks import SVG, group_by_id, parse_svg

# Mean absolute difference per colour channel (0-255) inside one element's box. Measured on the
# templates: matching labels differ by at most ~3 (antialiasing, glyph positions rounded apart); a
# sticky note with one line broken a word earlier differs by 10 or more.
REGION_DIFF_LIMIT = 6.0
ITEM_CLASSES = (BlockItem, ConnectorItem, GroupItem, NoteItem)


class RecordingPainter(QPainter):
    """A painter that notes each text it draws, by the canvas item that draws it."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.current = ""
        self.texts: dict[str, list[str]] = {}

    def drawText(self, *args: Any) -> None:
        self.texts.setdefault(self.current, []).append(str(args[-1]))
        super().drawText(*args)


@pytest.fixture
def recording(monkeypatch: pytest.MonkeyPatch) -> None:
    """Items tell the painter who is painting (their own paint() runs unchanged)."""
    for kind in ITEM_CLASSES:
        original = kind.paint

        def paint(self: Any, painter: Any, option: Any, widget: Any = None, _original: Any = original) -> None:
            if isinstance(painter, RecordingPainter):
                painter.current = self.item_id
            _original(self, painter, option, widget)

        monkeypatch.setattr(kind, "paint", paint)


@dataclass
class Pictures:
    canvas: QImage
    export: QImage
    origin: tuple[float, float]
    canvas_texts: dict[str, list[str]]
    svg: Any = field(repr=False)
    routes: dict[str, tuple[tuple[float, float], ...]] = field(default_factory=dict)  # elbow corners drawn


def draw_both(diagram: Diagram, theme: str = "light", exported: Diagram | None = None) -> Pictures:
    """The canvas of ``diagram`` and the export of ``exported`` (default: the same), both at scale 1
    over the export's viewBox."""
    svg = to_svg(exported or diagram, SvgOptions(theme=theme, title=False))
    x0, y0, width, height = (float(v) for v in re.search(r'viewBox="(\S+) (\S+) (\S+) (\S+)"', svg).groups())
    scene = CanvasScene(Editor(diagram))
    scene.theme_name = theme
    image = QImage(int(width), int(height), QImage.Format.Format_ARGB32)
    image.fill(QColor(scene.theme.background))
    painter = RecordingPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(0, 0, width, height), QRectF(x0, y0, width, height))
    painter.end()
    routes = {c.id: route.points for c in diagram.connectors
              if isinstance(item := scene.item_for(c.id), ConnectorItem) and (route := item.route()) is not None}
    scene.detach()
    return Pictures(image, render.render_png(svg, 1.0), (x0, y0), painter.texts, parse_svg(svg), routes)


def exported_texts(root: Any, diagram: Diagram) -> dict[str, list[str]]:
    """Element id -> the texts the export draws for it, in the order the canvas draws them (a
    block's kind name from its template first, then its label lines)."""
    groups = group_by_id(root)
    templates = {g.get("id"): g for g in root.iter(f"{SVG}g") if (g.get("id") or "").startswith("tpl-")}
    texts: dict[str, list[str]] = {}
    for block in diagram.blocks:
        group = groups[f"block-{block.id}"]
        template = templates[group.find(f"{SVG}use").get("href").lstrip("#")]
        kind = [t.text or "" for t in template.iter(f"{SVG}text")]
        texts[block.id] = kind + [t.text or "" for t in group.findall(f"{SVG}text")]
    for note in diagram.notes:
        texts[note.id] = [t.text or "" for t in groups[f"note-{note.id}"].findall(f"{SVG}text")]
    for group in diagram.groups:
        texts[group.id] = [t.text or "" for t in groups[f"group-{group.id}"].findall(f"{SVG}text")]
    for connector in diagram.connectors:
        plate = groups.get(f"label-{connector.id}")
        texts[connector.id] = [t.text or "" for t in plate.iter(f"{SVG}text")] if plate is not None else []
    return {key: value for key, value in texts.items() if value}


def label_boxes(root: Any, diagram: Diagram) -> Iterator[tuple[str, QRectF]]:
    """(element id, scene box) of every drawn label: blocks, notes, group header strips, connector
    label plates."""
    for block in diagram.blocks:
        width, height = style.block_size(block.kind, block.width, block.height)
        yield block.id, QRectF(block.x, block.y, width, height)
    for note in diagram.notes:
        yield note.id, QRectF(note.x, note.y, note.width, note.height)
    for group in diagram.groups:
        yield group.id, QRectF(group.x, group.y, group.width, min(style.GROUP_HEADER, group.height))
    groups = group_by_id(root)
    for connector in diagram.connectors:
        plate = groups.get(f"label-{connector.id}")
        if plate is not None:
            rect = plate.find(f"{SVG}rect")
            yield connector.id, QRectF(*(float(rect.get(k)) for k in ("x", "y", "width", "height")))


def region_difference(first: QImage, second: QImage, box: QRectF) -> float:
    """Mean absolute difference per colour channel (0-255) of two images inside ``box`` (pixels)."""
    rect = box.toAlignedRect().intersected(first.rect())
    a = first.copy(rect).convertToFormat(QImage.Format.Format_RGBA8888)
    b = second.copy(rect).convertToFormat(QImage.Format.Format_RGBA8888)
    data_a, data_b = bytes(a.constBits()), bytes(b.constBits())
    if not data_a:
        return 0.0
    return sum(abs(x - y) for x, y in zip(data_a, data_b, strict=True)) / len(data_a)


def region_differences(pictures: Pictures, diagram: Diagram) -> dict[str, float]:
    x0, y0 = pictures.origin
    return {item_id: region_difference(pictures.canvas, pictures.export, box.translated(-x0, -y0))
            for item_id, box in label_boxes(pictures.svg, diagram)}


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_canvas_and_export_fit_every_label_alike(qapp, recording, template_id: str, theme: str) -> None:
    diagram = load_template(template_id)
    pictures = draw_both(diagram, theme)
    assert pictures.canvas_texts.keys() >= exported_texts(pictures.svg, diagram).keys()
    drawn = {key: pictures.canvas_texts[key] for key in exported_texts(pictures.svg, diagram)}
    assert drawn == exported_texts(pictures.svg, diagram)
    differences = region_differences(pictures, diagram)
    worst = max(differences, key=differences.__getitem__)
    assert differences[worst] < REGION_DIFF_LIMIT, f"{worst}: {differences[worst]:.2f}"


def test_the_comparison_notices_a_label_broken_elsewhere(qapp, recording) -> None:
    """The control: the export of a design whose note breaks one word earlier than on the canvas."""
    diagram = load_template("video-recommendation")
    note = diagram.notes[0]
    lines = style.note_lines(note.text, note.width, note.height)
    first_words = lines[0].split()
    assert len(first_words) > 1
    moved = diagram.model_copy(deep=True)
    moved.notes[0].text = note.text.replace(lines[0], " ".join(first_words[:-1]) + "\n" + first_words[-1], 1)
    pictures = draw_both(diagram, exported=moved)
    assert exported_texts(pictures.svg, moved)[note.id] != pictures.canvas_texts[note.id]
    assert region_differences(pictures, diagram)[note.id] >= REGION_DIFF_LIMIT


@pytest.mark.parametrize("severity", ["error", "warning", "info", "fatal"])
def test_a_block_is_badged_alike_on_the_canvas_and_in_the_export(qapp, severity: str) -> None:
    """One rule (components.badges): an unknown severity badges as "info" in both."""
    from types import SimpleNamespace

    from tests.core.test_export_svg import badge_of

    diagram = load_template("video-recommendation")
    block_id = diagram.blocks[0].id
    findings = [SimpleNamespace(severity=severity, blocks=[block_id])]
    scene = CanvasScene(Editor(diagram))
    scene.set_findings(findings)
    shown = scene.severity_of(block_id)
    scene.detach()
    exported = badge_of(parse_svg(to_svg(diagram, SvgOptions(findings=findings))), block_id)
    assert exported == f"e-{shown}"
    assert shown == (severity if severity != "fatal" else "info")


# Mean difference per channel along an elbow route (a box 4 px round each segment, worst segment),
# canvas against export. Measured on the ten templates drawn elbow: at most 8.5, where another
# connector's dashes cross the box at a different phase; a route drawn elsewhere (the control: one
# waypoint added below the design) differs by 22.1.
ROUTE_DIFF_LIMIT = 13.0
ELBOW_TEMPLATES = [t for t in TEMPLATE_IDS if load_template(t).connectors]


def exported_corners(root: Any, connector_id: str) -> list[tuple[float, float]]:
    path = group_by_id(root)[f"conn-{connector_id}"].find(f"{SVG}path")
    return [(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+) (-?[\d.]+)", path.get("d"))]


def route_differences(pictures: Pictures) -> dict[str, float]:
    x0, y0 = pictures.origin
    found = {}
    for connector_id, corners in pictures.routes.items():
        values = []
        for (ax, ay), (bx, by) in itertools.pairwise(corners):
            box = QRectF(min(ax, bx) - 4 - x0, min(ay, by) - 4 - y0, abs(bx - ax) + 8, abs(by - ay) + 8)
            values.append(region_difference(pictures.canvas, pictures.export, box))
        found[connector_id] = max(values)
    return found


def elbows(diagram: Diagram) -> Diagram:
    drawn = diagram.model_copy(deep=True)
    drawn.connector_style = "elbow"
    return drawn


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("template_id", ELBOW_TEMPLATES)
def test_elbow_connectors_are_drawn_alike_on_the_canvas_and_in_the_export(qapp, recording, template_id: str,
                                                                          theme: str) -> None:
    diagram = elbows(load_template(template_id))
    pictures = draw_both(diagram, theme)
    assert pictures.routes.keys() == {c.id for c in diagram.connectors}
    for connector_id, corners in pictures.routes.items():
        drawn = [(round(x, 1), round(y, 1)) for x, y in corners]
        assert drawn == exported_corners(pictures.svg, connector_id), connector_id
    assert {k: pictures.canvas_texts[k] for k in exported_texts(pictures.svg, diagram)} == exported_texts(
        pictures.svg, diagram)
    labels = region_differences(pictures, diagram)
    routes = route_differences(pictures)
    worst_label = max(labels, key=labels.__getitem__)
    worst_route = max(routes, key=routes.__getitem__)
    # square routes run past more labels than straight lines do: a dotted one crossing a label's box can
    # start its dots at another phase there, so labels get the routes' limit
    assert labels[worst_label] < ROUTE_DIFF_LIMIT, f"{worst_label}: {labels[worst_label]:.2f}"
    assert routes[worst_route] < ROUTE_DIFF_LIMIT, f"{worst_route}: {routes[worst_route]:.2f}"


def test_the_comparison_notices_a_route_drawn_elsewhere(qapp, recording) -> None:
    """The control: the export of a design where one connector bends through a waypoint the canvas's
    copy does not have."""
    from components.model import Waypoint

    diagram = elbows(load_template("video-recommendation"))
    moved = diagram.model_copy(deep=True)
    connector = moved.connectors[0]
    source = next(b for b in moved.blocks if b.id == connector.source)
    # below every block, so no stretch of the bent route can fall back on the straight one
    connector.waypoints = [Waypoint(x=source.x, y=max(b.y for b in moved.blocks) + 200)]
    pictures = draw_both(diagram, exported=moved)
    assert route_differences(pictures)[connector.id] >= ROUTE_DIFF_LIMIT
