"""`mlsd serve` with core clients: tokens, limits, the store across a restart, offline edits."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from components.collab.history import LiveHistory
from components.collab.link import Link, new_link
from components.collab.session import LiveSession
from components.commands import AddBlock, MoveItems, Relabel
from components.io import dumps
from components.model import Block, Diagram, reference_problem
from tests.core.collab_server import Server, client, drive


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = Server(tmp_path / "rooms.db", "--max-clients", "3", "--max-message-mb", "1").start()
    yield running
    running.stop()


def _start() -> Diagram:
    return Diagram(title="Shared", blocks=[Block(id="a", kind="ranking"), Block(id="b", kind="monitoring")])


def test_serve_does_not_import_qt(tmp_path: Path) -> None:
    import subprocess

    code = ("import sys, app.cli.commands.serve, components.collab.server; "
            "sys.exit(1 if 'PySide6' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


def test_two_clients_edit_the_server_restarts_one_goes_offline_and_all_converge(server: Server) -> None:
    link = new_link("127.0.0.1", server.port)
    one = client(link, "One", _start(), publish=True)
    two = client(link, "Two")
    both = [one, two]
    try:
        assert drive(both, lambda: one.status == two.status == "connected" and len(two.binding.doc.diagram.blocks) == 2)
        one_history, two_history = LiveHistory(one.binding), LiveHistory(two.binding)
        one_history.push(AddBlock(Block(id="c", kind="cache")))
        two_history.push(Relabel("blocks", "a", "Ranker"))
        assert drive(both, lambda: _same(one, two) and two.binding.doc.has_id("c"))

        server.stop(kill=True)  # SIGKILL: the store has every update the server forwarded
        assert drive(both, lambda: one.status == two.status == "reconnecting")
        one_history.push(MoveItems({"a": (120.0, 40.0)}))  # made while the server is down
        assert one.unsent == 1
        server.start(server.port)
        # A newcomer pumped alone hears the room from the restarted server's store (the others'
        # messages are handled only when they are pumped, so none has re-sent anything yet).
        newcomer = client(link, "Three")
        assert drive([newcomer], lambda: newcomer.binding.doc.has_id("c"))
        assert newcomer.binding.doc.block("a").label == "Ranker" and newcomer.binding.doc.block("a").x == 0.0
        assert drive([*both, newcomer], lambda: one.status == two.status == "connected" and _same(one, two, newcomer), 40)
        assert two.binding.doc.block("a").x == 120.0 and one.unsent == 0
        newcomer.leave()

        two.leave()  # one client leaves and edits offline; leaving keeps its local copy
        two_copy = dumps(two.binding.doc.diagram)
        one_history.push(Relabel("blocks", "b", "Monitor"))
        assert dumps(two.binding.doc.diagram) == two_copy
        rejoined = client(link, "Two again")
        assert drive([one, rejoined], lambda: _same(one, rejoined))
        assert rejoined.binding.doc.block("b").label == "Monitor"
        for session in (one, rejoined):
            assert reference_problem(session.binding.doc.diagram) == ""
        rejoined.leave()
    finally:
        for session in both:
            session.leave()


def test_a_wrong_token_is_refused_and_the_room_is_unchanged(server: Server) -> None:
    link = new_link("127.0.0.1", server.port)
    owner = client(link, "Owner", _start(), publish=True)
    intruder = None
    try:
        # the room's token is the first client's: the owner is in before the intruder knocks
        assert drive([owner], lambda: owner.status == "connected")
        intruder = client(Link(link.host, link.port, link.room, "W" * 32), "Intruder", Diagram(title="Taken over"),
                          publish=True)
        assert drive([owner, intruder], lambda: intruder.status == "refused" and owner.status == "connected")
        assert "token" in intruder.reason
        assert not intruder.connection.running  # refused: it does not keep knocking
        check = client(link, "Check")
        assert drive([owner, check], lambda: check.status == "connected")
        assert check.binding.doc.diagram.title == "Shared"
        check.leave()
    finally:
        owner.leave()
        if intruder is not None:
            intruder.leave()


def test_an_oversized_message_closes_that_connection_only(server: Server) -> None:
    link = new_link("127.0.0.1", server.port)
    owner = client(link, "Owner", _start(), publish=True)
    try:
        assert drive([owner], lambda: owner.status == "connected")

        async def oversized() -> str:
            headers = {"Authorization": f"Bearer {link.token}"}
            async with connect(link.websocket_url, additional_headers=headers, max_size=None) as socket:
                await socket.send(b"\x00\x02" + b"x" * (2 * 1024 * 1024))
                # the server may greet first (sync, presence): read until it closes, a bounded while
                deadline = asyncio.get_running_loop().time() + 20
                try:
                    while (left := deadline - asyncio.get_running_loop().time()) > 0:
                        await asyncio.wait_for(socket.recv(), left)
                except ConnectionClosed as exc:
                    return str(exc.rcvd.code if exc.rcvd else "")
                except TimeoutError:
                    pass
            return "open"

        assert asyncio.run(oversized()) == "1009"
        assert server.alive()
        LiveHistory(owner.binding).push(Relabel("blocks", "a", "after the big message"))
        check = client(link, "Check")
        assert drive([owner, check], lambda: check.binding.doc.has_id("a")
                     and check.binding.doc.block("a").label == "after the big message")
        check.leave()
    finally:
        owner.leave()


def test_a_full_room_and_a_bad_room_name_are_refused(server: Server) -> None:
    link = new_link("127.0.0.1", server.port)
    first = [client(link, f"P{i}", _start(), publish=(i == 0)) for i in range(3)]
    try:
        assert drive(first, lambda: all(s.status == "connected" for s in first))
        extra = client(link, "Fourth")
        assert drive([*first, extra], lambda: extra.status == "refused")
        assert extra.reason == "the session is full"
        extra.leave()

        async def status(url: str) -> int:
            try:
                async with connect(url, additional_headers={"Authorization": f"Bearer {link.token}"}):
                    return 101
            except InvalidStatus as exc:
                return exc.response.status_code

        assert asyncio.run(status(f"ws://127.0.0.1:{server.port}/no")) == 404
        assert asyncio.run(status(f"ws://127.0.0.1:{server.port}/{link.room}x")) == 101  # another new room
    finally:
        for session in first:
            session.leave()


def _same(*sessions: LiveSession) -> bool:
    texts = {dumps(s.binding.doc.diagram) for s in sessions}
    return len(texts) == 1


def test_a_newcomer_hears_of_those_already_there_without_waiting_for_their_renewal(server: Server) -> None:
    link = new_link("127.0.0.1", server.port)
    first = client(link, "First", _start(), publish=True)
    try:
        assert drive([first], lambda: first.status == "connected", tick=False)
        first.set_presence(selection=["a"], pointer=(5.0, 6.0))
        later = client(link, "Later")
        assert drive([first, later], lambda: [p.name for p in later.peers()] == ["First"], 10, tick=False)
        assert later.peers()[0].selection == ("a",) and later.peers()[0].pointer == (5.0, 6.0)
        assert [p.name for p in first.peers()] == ["Later"]
        later.leave()  # its goodbye goes out before the connection closes: gone at once, not after 30 s
        assert drive([first], lambda: not first.peers(), 10, tick=False)
    finally:
        first.leave()


def test_a_port_in_use_or_an_unusable_store_is_one_line_and_exit_2(server: Server, tmp_path: Path) -> None:
    import subprocess

    from tests.core.collab_server import ROOT

    def serve(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "app", "serve", *args], capture_output=True, text=True,
                              timeout=60, cwd=ROOT)

    taken = serve("--port", str(server.port), "--store", str(tmp_path / "other.db"))
    assert taken.returncode == 2
    assert taken.stderr.strip().splitlines() == [
        f"mlsd serve: cannot listen on 127.0.0.1:{server.port}: Address already in use"]
    missing = serve("--port", "0", "--store", str(tmp_path / "no" / "such" / "folder.db"))
    assert missing.returncode == 2 and "cannot be used as the session store" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1
