"""docs/prompt.schema.json, the JSON Schema of prompt files, generated from the models that read them.

    python -m components.practice.docs            write it
    python -m components.practice.docs --check    exit 1 when it is stale (a test runs this)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from components.practice.prompt import prompt_schema

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "prompt.schema.json"


def schema_text() -> str:
    return json.dumps(prompt_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    text = schema_text()
    current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
    if "--check" in argv:
        if current != text:
            print(f"{SCHEMA_PATH} is stale: run python -m components.practice.docs", file=sys.stderr)
            return 1
        return 0
    SCHEMA_PATH.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
