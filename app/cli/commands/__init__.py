"""One module per `mlsd` subcommand, each with ``register(subparsers)``; discovered automatically."""
