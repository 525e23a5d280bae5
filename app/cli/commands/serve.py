"""`mlsd serve [--host 127.0.0.1] [--port N] [--store FILE.db]`: the live-session server. It never
imports Qt (it runs on machines without a display)."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
from pathlib import Path

from app.cli.common import EXIT_OK, CliError, flush_stdout, print_out

EPILOG = """\
Rooms open with the token in their link (mlsd://HOST:PORT/ROOM#TOKEN); the first client of a new
room sets its token. Every room is kept in the store file, so stopping and starting the server
loses nothing. Behind a TLS-terminating proxy, share links as mlsds://HOST:443/ROOM#TOKEN
(README: Live sessions).
"""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "serve", help="run the live-session server (rooms for shared designs)",
        description="Run a y-websocket server for live sessions: File > Share live session connects to it.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=8765, help="port (default 8765; 0 picks a free one and prints it)")
    parser.add_argument("--store", type=Path, default=Path("mlsd-sessions.db"), metavar="FILE.db",
                        help="SQLite file keeping every room (default ./mlsd-sessions.db)")
    parser.add_argument("--max-message-mb", type=float, default=8.0, metavar="MB",
                        help="largest websocket message accepted (default 8)")
    parser.add_argument("--max-clients", type=int, default=16, metavar="N",
                        help="connections to one room at once (default 16)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import asyncio  # here, not at the top: every `mlsd` command registers this one (~30 ms to import)

    from components.collab.server import Limits
    from components.collab.server import run as serve
    from components.collab.store import RoomStore, StoreError

    if not 0 <= args.port <= 65535:
        raise CliError(f"--port {args.port}: not a port number")
    if args.max_clients < 1 or not 0 < args.max_message_mb <= 1024:
        raise CliError("--max-clients must be at least 1 and --max-message-mb between 0 and 1024")
    try:
        store = RoomStore(args.store)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    limits = Limits(max_message=int(args.max_message_mb * 1024 * 1024), max_clients=args.max_clients)

    def ready(port: int) -> None:
        print_out(f"mlsd serve: listening on ws://{args.host}:{port} (store {args.store})")
        flush_stdout()

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for number in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):  # not on Windows: Ctrl+C still ends it
                loop.add_signal_handler(number, stop.set)
        await serve(args.host, args.port, store, limits, stop, ready)

    try:
        asyncio.run(main())
    except Exception as exc:
        refused = _os_error(exc)
        if refused is None:
            raise
        reason = os.strerror(refused.errno) if refused.errno else str(refused)
        raise CliError(f"mlsd serve: cannot listen on {args.host}:{args.port}: {reason}") from None
    finally:
        store.close()
    return EXIT_OK


def _os_error(exc: BaseException) -> OSError | None:
    """The OSError behind ``exc``: the server's task groups report it inside an exception group."""
    if isinstance(exc, OSError):
        return exc
    if isinstance(exc, BaseExceptionGroup):
        for inner in exc.exceptions:
            found = _os_error(inner)
            if found is not None:
                return found
    return None
