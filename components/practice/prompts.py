"""Finding and reading interview prompts: the built-in ones (one per case study) and the user's own.

Built-in prompts ship in ``examples/prompts/``; the user's are the ``*.json`` files of the
``prompts`` folder in the user data folder (components/userdata.py). A file that cannot be read is
left out with a one-line problem naming it, as a design file would be refused, and the others load.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from components.io import DESIGN_SUFFIX
from components.io.errors import DocumentError, clip
from components.io.files import parse_json, read_file, validate_data
from components.io.migrate import Migration
from components.model import Diagram
from components.practice.prompt import SCHEMA_VERSION, SUFFIX, Prompt
from components.shipped import shipped_folder
from components.userdata import data_folder

WHAT = "prompt file"
MAX_USER_PROMPTS = 500  # files read from the user's folder at most (a folder of a million files stays quick)
# MIGRATIONS[n] upgrades prompt data of schema_version n+1 to n+2 (none yet: version 1 is the first).
MIGRATIONS: list[Migration] = []


def builtin_folder() -> Path:
    return shipped_folder("examples/prompts")


def user_folder() -> Path:
    """Where the user's own prompts live (``$MLSD_DATA_DIR/prompts`` in tests)."""
    return data_folder() / "prompts"


class UnknownPromptError(LookupError):
    def __init__(self, prompt_id: str, known: list[str]) -> None:
        super().__init__(f"unknown prompt {prompt_id!r} (known: {', '.join(known) or 'none'})")


@dataclass(frozen=True)
class LoadedPrompt:
    """A prompt and where it came from."""

    prompt: Prompt
    path: Path
    builtin: bool

    @property
    def id(self) -> str:
        return self.prompt.id

    @property
    def title(self) -> str:
        return self.prompt.title

    @property
    def reference_path(self) -> Path | None:
        """The reference design's file: a template's, or one beside the prompt; None without one."""
        reference = self.prompt.reference
        if reference is None:
            return None
        from components.templates import TEMPLATE_IDS, template_path

        if reference in TEMPLATE_IDS:
            return template_path(reference)
        return self.path.parent / reference

    def reference_design(self) -> Diagram | None:
        """The reference design (DocumentError when its file cannot be read), or None without one."""
        path = self.reference_path
        if path is None:
            return None
        from components.io import load

        return load(path)


def parse_prompt(text: str | bytes, source: str = "<string>") -> Prompt:
    """A prompt from JSON text; every problem one DocumentError naming ``source`` and the item."""
    return prompt_from_data(parse_json(text, source, WHAT), source)


def prompt_from_data(data: Any, source: str = "<data>") -> Prompt:
    return validate_data(Prompt, data, source, what=WHAT, version=SCHEMA_VERSION, migrations=MIGRATIONS)


def load_prompt(path: str | os.PathLike[str]) -> Prompt:
    """Read a prompt file and check its reference names a template or an existing design file."""
    payload, _stamp = read_file(path, WHAT)
    prompt = parse_prompt(payload, str(path))
    loaded = LoadedPrompt(prompt, Path(path), builtin=False)
    reference = loaded.reference_path
    if reference is not None and not reference.is_file():
        raise DocumentError(f"{path}: reference {clip(repr(prompt.reference), 100)} is neither a template id "
                            "(see `mlsd templates`) nor a design file beside the prompt")
    return prompt


@dataclass(frozen=True)
class PromptCatalog:
    """Every prompt that could be read, built-in first, and a line for each file that could not."""

    prompts: tuple[LoadedPrompt, ...]
    problems: tuple[str, ...]
    user_folder: Path

    def find(self, prompt_id: str) -> LoadedPrompt:
        for loaded in self.prompts:
            if loaded.id == prompt_id:
                return loaded
        raise UnknownPromptError(prompt_id, [loaded.id for loaded in self.prompts])

    def ids(self) -> list[str]:
        return [loaded.id for loaded in self.prompts]


def prompt_catalog(folder: Path | None = None) -> PromptCatalog:
    """The built-in prompts, then the user's (``folder``, the user folder by default: its ``*.json`` files
    but design files) in file-name order; a user prompt whose id is already taken is left out with a problem."""
    folder = folder if folder is not None else user_folder()
    loaded: list[LoadedPrompt] = []
    problems: list[str] = []
    for path, builtin in [*((path, True) for path in sorted(_files(builtin_folder(), SUFFIX), key=_gallery_order)),
                          *((path, False) for path in _files(folder, ".json", problems))]:
        try:
            prompt = load_prompt(path)
        except DocumentError as exc:
            problems.append(str(exc))
            continue
        if any(other.id == prompt.id for other in loaded):
            problems.append(f"{path}: prompt id {prompt.id!r} is already used by another prompt; rename it")
            continue
        loaded.append(LoadedPrompt(prompt, path, builtin))
    return PromptCatalog(tuple(loaded), tuple(problems), folder)


def _gallery_order(path: Path) -> tuple[int, str]:
    """Built-in prompts in the order of the template gallery (CASE_STUDIES.md)."""
    from components.templates import TEMPLATE_IDS

    prompt_id = path.name.removesuffix(SUFFIX)
    return (TEMPLATE_IDS.index(prompt_id) if prompt_id in TEMPLATE_IDS else len(TEMPLATE_IDS), prompt_id)


def _files(folder: Path, suffix: str, problems: list[str] | None = None) -> list[Path]:
    try:
        with os.scandir(folder) as entries:
            # a reference design may sit beside the prompts: it is not a prompt itself
            names = sorted(entry.name for entry in entries if entry.name.endswith(suffix)
                           and not entry.name.endswith(DESIGN_SUFFIX) and not entry.name.startswith("."))
    except FileNotFoundError:
        return []
    except OSError as exc:
        if problems is not None:
            problems.append(f"{folder}: cannot read the prompts folder: {exc.strerror or exc}")
        return []
    if len(names) > MAX_USER_PROMPTS and problems is not None:
        problems.append(f"{folder}: {len(names):,} files; only the first {MAX_USER_PROMPTS} are read")
    return [folder / name for name in names[:MAX_USER_PROMPTS]]
