"""In-process live-session clients for the collaboration tests: each a Document, its binding and
its history, exchanging pycrdt updates by hand (no network)."""

from __future__ import annotations

from dataclasses import dataclass

from pycrdt import Doc

from components.collab.binding import LiveBinding
from components.collab.history import LiveHistory
from components.commands import Command
from components.document import Document, EditError
from components.io import dumps
from components.model import Diagram, reference_problem


@dataclass
class Peer:
    doc: Document
    binding: LiveBinding
    history: LiveHistory

    def push(self, command: Command) -> bool:
        try:
            self.history.push(command)
        except EditError:
            return False
        return True

    def text(self) -> str:
        return dumps(self.doc.diagram)


def peer(diagram: Diagram | None = None, client_id: int | None = None) -> Peer:
    """A client; ``client_id`` fixes its Yjs client id (random otherwise), which orders concurrent edits."""
    doc = Document(diagram.model_copy(deep=True) if diagram is not None else None)
    binding = LiveBinding(doc, Doc(client_id=client_id) if client_id is not None else None)
    return Peer(doc, binding, LiveHistory(binding))


def session(count: int, start: Diagram | None = None, client_ids: list[int] | None = None) -> list[Peer]:
    """``count`` clients of one shared design: the first publishes ``start``, the others join. Their
    client ids are given (1, 2, ... by default), so one run of edits always merges alike: hypothesis
    replays a run and expects the same draws."""
    ids = client_ids or list(range(1, count + 1))
    first = peer(start, client_id=ids[0])
    first.binding.publish()
    others = [peer(client_id=n) for n in ids[1:count]]
    for other in others:
        send(first, other)
    return [first, *others]


def send(source: Peer, target: Peer) -> None:
    """Deliver what ``target`` has not seen of ``source``'s shared state (one sync step)."""
    ydoc = target.binding.shared.ydoc
    target.binding.apply_update(source.binding.shared.ydoc.get_update(ydoc.get_state()))


def sync_all(peers: list[Peer]) -> None:
    """Everyone hears everyone: two rounds reach every client from every other."""
    for _ in range(2):
        for source in peers:
            for target in peers:
                if source is not target:
                    send(source, target)


def assert_converged(peers: list[Peer]) -> None:
    """Every client shows the same valid design, and it is the projection of the shared state."""
    texts = {p.text() for p in peers}
    assert len(texts) == 1, "clients differ after exchanging every update"
    for p in peers:
        assert reference_problem(p.doc.diagram) == ""
        assert dumps(p.binding.state().diagram) == p.text()
        ends = [(c.source, c.target, c.flow) for c in p.doc.diagram.connectors]
        assert len(ends) == len(set(ends)), "two identical connectors"
        Diagram.model_validate_json(p.text())
