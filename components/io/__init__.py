"""Files: load / save / migrate `.mlsd.json`, atomic writes, one DocumentError for every problem."""

from components.io.atomic import write_atomic
from components.io.errors import DocumentError
from components.io.files import dumps, from_data, load, parse, save
from components.io.migrate import MIGRATIONS, migrate

__all__ = ["MIGRATIONS", "DocumentError", "dumps", "from_data", "load", "migrate", "parse", "save", "write_atomic"]
