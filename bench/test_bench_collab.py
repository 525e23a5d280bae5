"""Live sessions: two clients make 1,000 edits each on a shared 100-block design; time until both
show the same design, and bytes on the wire (through a real `mlsd serve` on 127.0.0.1), beside the
same exchange in one process without a network (the binding's own cost)."""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from bench.conftest import diagram_of
from components.collab.history import LiveHistory
from components.collab.link import new_link
from components.commands import AddItems, Command, MoveItems, Relabel, SetProperty
from components.document import Document
from components.io import dumps
from components.model import Note
from tests.core.collab_peers import Peer, session, sync_all
from tests.core.collab_server import Server, client, drive

EDITS = 1_000
BLOCKS = 100


def _edits(doc: Document, seed: int) -> list[Command]:
    """A seeded mix of what people do most: moves, renames, properties, notes."""
    rng = random.Random(seed)
    ids = [b.id for b in doc.diagram.blocks]
    commands: list[Command] = []
    for index in range(EDITS):
        pick = rng.random()
        block = rng.choice(ids)
        if pick < 0.5:
            commands.append(MoveItems({block: (rng.uniform(-2000, 2000), rng.uniform(-2000, 2000))}))
        elif pick < 0.8:
            commands.append(Relabel("blocks", block, f"label {seed}-{index}"))
        elif pick < 0.95:
            commands.append(SetProperty(block, "p99_ms", float(rng.randint(1, 300))))
        else:
            commands.append(AddItems([("notes", Note(id=f"n{seed}_{index}", text=f"note {index}"))]))
    return commands


def _push_all(history: LiveHistory, commands: list[Command]) -> None:
    for command in commands:
        history.push(command)


def test_live_two_clients_through_the_server(benchmark) -> None:
    folder = Path(tempfile.mkdtemp(prefix="mlsd-bench-live-"))
    server = Server(folder / "rooms.db").start()
    figures: dict[str, float] = {}

    def round_() -> None:
        link = new_link("127.0.0.1", server.port)
        one = client(link, "One", diagram_of(BLOCKS), publish=True)
        two = client(link, "Two")
        assert drive([one, two], lambda: one.synced and two.synced and len(two.binding.doc.diagram.blocks) == BLOCKS)
        first, second = LiveHistory(one.binding), LiveHistory(two.binding)
        edits_one, edits_two = _edits(one.binding.doc, 1), _edits(two.binding.doc, 2)
        wire_before = sum(s.connection.bytes_sent + s.connection.bytes_received for s in (one, two))
        start = time.perf_counter()
        _push_all(first, edits_one)
        _push_all(second, edits_two)
        edited = time.perf_counter()
        assert drive([one, two], lambda: dumps(one.binding.doc.diagram) == dumps(two.binding.doc.diagram)
                     and one.connection.inbox.empty() and two.connection.inbox.empty(), 120)
        done = time.perf_counter()
        figures.update(edit_s=edited - start, converge_after_edits_s=done - edited,
                       wire_bytes=sum(s.connection.bytes_sent + s.connection.bytes_received for s in (one, two))
                       - wire_before)
        one.leave()
        two.leave()

    try:
        benchmark.pedantic(round_, rounds=3, iterations=1)
    finally:
        server.stop()
    benchmark.extra_info.update(edits=2 * EDITS, blocks=BLOCKS, **{k: round(v, 4) for k, v in figures.items()})


def test_live_two_clients_in_process_reference(benchmark) -> None:
    figures: dict[str, float] = {}

    def round_() -> None:
        peers: list[Peer] = session(2, diagram_of(BLOCKS))
        for peer_, seed in zip(peers, (1, 2), strict=True):
            for command in _edits(peer_.doc, seed):
                peer_.history.push(command)
        sent = [len(p.binding.shared.ydoc.get_update()) for p in peers]
        sync_all(peers)
        assert peers[0].text() == peers[1].text()
        figures.update(document_bytes=max(sent))

    benchmark.pedantic(round_, rounds=3, iterations=1)
    benchmark.extra_info.update(edits=2 * EDITS, blocks=BLOCKS, **figures)
