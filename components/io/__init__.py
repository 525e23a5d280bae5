"""Files: load / save / migrate `.mlsd.json`, atomic writes, one DocumentError for every problem."""

from components.io.atomic import Written, write_atomic
from components.io.errors import DocumentError
from components.io.files import DESIGN_SUFFIX, SaveRefused, dumps, from_data, load, load_stamped, parse, save
from components.io.migrate import MIGRATIONS, migrate
from components.io.target import ChangedOnDisk, FileStamp, ReadOnlyTarget, TargetRefused

__all__ = ["DESIGN_SUFFIX", "MIGRATIONS", "ChangedOnDisk", "DocumentError", "FileStamp", "ReadOnlyTarget", "SaveRefused",
           "TargetRefused", "Written", "dumps", "from_data", "load", "load_stamped", "migrate", "parse", "save",
           "write_atomic"]
