"""Elbow routes on the canvas: the index of blocks the router goes round, kept in step with the
document one block at a time; the last route found for each elbow connector (the zoomed-out drawing
reads it); and which connectors a change may have re-routed without touching them (a block moved into
or out of the area their route was found in). The routes themselves come from components/export/elbow.py,
as the exports' do, so the canvas draws what an export draws.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from components.document import Document
from components.events import ChangeEvent
from components.export import elbow
from components.export.geometry import Point, Rect
from components.model import Connector, Waypoint

_PLACE = frozenset({"x", "y", "width", "height", "kind"})


class CanvasRoutes:
    """The routing state of one document's canvas (the board asks it; it follows the document)."""

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self._blocks: elbow.Blocks | None = None  # made at the first route (a design may have no elbow connector)
        self._areas = elbow.Blocks()  # connector id -> the area its last route was searched in
        self._last: dict[str, elbow.Route] = {}
        self._stale: set[str] = set()
        self._rebuild()
        doc.events.subscribe(self._on_change)

    def detach(self) -> None:
        self._doc.events.unsubscribe(self._on_change)

    @property
    def blocks(self) -> elbow.Blocks:
        """The index of the blocks routes go round, made from the document when first asked for (then
        kept in step with it): opening a design with 5,000 blocks and no elbow connector needs none."""
        if self._blocks is None:
            self._blocks = elbow.Blocks((block.id, elbow.block_rect(block)) for block in self._doc.diagram.blocks)
        return self._blocks

    @property
    def has_blocks(self) -> bool:
        """Whether the index of blocks is made (for tests: it is made only for a route)."""
        return self._blocks is not None

    def is_elbow(self, connector: Connector) -> bool:
        return elbow.is_elbow(self._doc.diagram, connector)

    def route(self, connector: Connector, source: Rect, target: Rect, offset: float,
              leave_out: Collection[str] = (), waypoints: Sequence[Point] | None = None) -> elbow.Route:
        """The elbow route between the end blocks where they are now (mid-drag too), round the blocks
        where the document has them less ``leave_out``; ``waypoints`` instead of the connector's own
        (a waypoint being dragged)."""
        if waypoints is not None:
            connector = connector.model_copy(update={"waypoints": [Waypoint(x=x, y=y) for x, y in waypoints]})
        route = elbow.connector_route(connector, source, target, self.blocks, offset, leave_out)
        self._last[connector.id] = route
        x0, y0, x1, y1 = elbow.search_box(source, target, [(w.x, w.y) for w in connector.waypoints or ()])
        self._areas.set(connector.id, Rect(x0, y0, x1 - x0, y1 - y0))
        return route

    def last(self, connector_id: str) -> elbow.Route | None:
        """The route last found for this connector (None: not an elbow one, or not routed yet)."""
        return self._last.get(connector_id)

    def forget(self, connector_id: str) -> None:
        """The connector is gone or drawn straight now."""
        self._last.pop(connector_id, None)
        self._areas.remove(connector_id)

    def take_stale(self) -> set[str]:
        """The connectors whose route may have changed since last asked, though none of their own fields
        or ends did (the board routes those again)."""
        stale, self._stale = self._stale, set()
        return {i for i in stale if i in self._last}

    # ----- following the document -----------------------------------------------------------------
    def _rebuild(self) -> None:
        self._blocks = None
        self._areas = elbow.Blocks()
        self._last.clear()
        self._stale.clear()

    def _on_change(self, event: ChangeEvent) -> None:
        if event.action == "reset":
            self._rebuild()
        elif event.collection == "connectors" and event.action == "removed":
            self.forget(event.item_id)
        elif self._blocks is None:
            return  # no route yet: the index is made from the document when one is asked for
        elif event.collection == "blocks" and (event.action != "changed" or _PLACE.intersection(event.fields)):
            before = self.blocks.get(event.item_id)
            if event.action == "removed":
                self.blocks.remove(event.item_id)
                after = None
            else:
                after = elbow.block_rect(self._doc.block(event.item_id))
                self.blocks.set(event.item_id, after)
            for rect in (before, after):
                if rect is not None:
                    self._stale.update(self._areas.ids_near((rect.x, rect.y, rect.right, rect.bottom)))
