"""`python -m app` starts the designer, like `mlsd`."""

from app.cli import run

run()
