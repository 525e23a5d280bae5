"""Two and three clients of one shared design converge after random concurrent edits, undos and
partial exchanges (hypothesis, with the project's command strategy)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.model import Diagram
from tests.core.collab_peers import assert_converged, send, session, sync_all
from tests.strategies import command_for, diagrams


def _play(data: st.DataObject, start: Diagram, count: int) -> None:
    # Yjs orders concurrent edits by client id: drawn, so every order is tried and a run replays alike
    ids = data.draw(st.lists(st.integers(1, 2**32 - 1), min_size=count, max_size=count, unique=True), label="ids")
    peers = session(count, start, ids)
    for _ in range(data.draw(st.integers(1, 6), label="rounds")):
        for client in peers:
            for _ in range(data.draw(st.integers(0, 3), label="edits")):
                step = data.draw(st.sampled_from(["edit", "edit", "edit", "undo", "redo"]), label="step")
                if step == "undo":
                    client.history.undo()
                elif step == "redo":
                    client.history.redo()
                else:
                    client.push(data.draw(command_for(client.doc), label="command"))
        # Some clients hear some others (the rest are offline this round).
        for source in peers:
            for target in peers:
                if source is not target and data.draw(st.booleans(), label="delivered"):
                    send(source, target)
    sync_all(peers)
    assert_converged(peers)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), diagrams(max_blocks=5))
def test_two_clients_converge(data: st.DataObject, start: Diagram) -> None:
    _play(data, start, 2)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), diagrams(max_blocks=5))
def test_three_clients_converge(data: st.DataObject, start: Diagram) -> None:
    _play(data, start, 3)
