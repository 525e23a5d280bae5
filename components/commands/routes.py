"""Commands on how connectors are drawn: a connector's style and waypoints, the design's default style."""

from __future__ import annotations

from collections.abc import Sequence

from components.commands.elements import UpdateItem
from components.commands.settings import SetMeta
from components.model import CONNECTOR_STYLE_LABELS, ConnectorStyle, Waypoint

STYLE_NAMES: dict[ConnectorStyle | None, str] = {None: "as the design",
                                                 **{s: label.lower() for s, label in CONNECTOR_STYLE_LABELS.items()}}


class SetConnectorStyle(UpdateItem):
    """Draw one connector straight or elbow, or (None) as the design's default says; its waypoints stay
    (a straight connector ignores them; they shape it again when it is an elbow once more)."""

    def __init__(self, connector_id: str, style: ConnectorStyle | None) -> None:
        super().__init__("connectors", connector_id, {"style": style}, f"Draw connector {STYLE_NAMES[style]}")


class SetWaypoints(UpdateItem):
    """Replace the points an elbow connector's route passes through (none: the route finds its own way)."""

    def __init__(self, connector_id: str, points: Sequence[tuple[float, float]], text: str = "Move waypoint") -> None:
        waypoints = [Waypoint(x=x, y=y) for x, y in points] or None
        super().__init__("connectors", connector_id, {"waypoints": waypoints}, text)


class SetConnectorDefault(SetMeta):
    """The design's connector style: how connectors without a style of their own are drawn."""

    def __init__(self, style: ConnectorStyle | None) -> None:
        super().__init__("connector_style", None if style == "straight" else style,
                         f"Draw connectors {STYLE_NAMES[style or 'straight']} by default")
