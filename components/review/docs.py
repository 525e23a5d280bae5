"""Writes docs/review-rubric.md from the rubric registry, so the document and the scoring never disagree.

    python -m components.review.docs            # rewrite the file
    python -m components.review.docs --check    # exit 1 when the file is stale (the tests do this too)
"""

from __future__ import annotations

import sys
from pathlib import Path

from components.catalog import STAGES
from components.review.facts import refuter
from components.review.questions import OPENERS, PROMPTS
from components.review.rubric import POINTS_PER_STEP, RUBRIC
from components.review.tradeoffs import KEY_KINDS

DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "review-rubric.md"

INTRO = f"""\
# The review rubric

`mlsd review` and Review > Review design score a design the way an ML system design interviewer would:
each of the seven steps of the framework earns 0 to {POINTS_PER_STEP} points, one per criterion below, for a
total out of {POINTS_PER_STEP * len(STAGES)}. Nothing is hidden: this file is generated from the code that scores
(`components/review/rubric/`), and a test fails when it is out of date.

A point is earned when the design shows what the criterion asks for **and** no error or warning of the
validator rules it lists fires (an info finding costs nothing). The review shows, for every point, the
evidence that earned it (requirement fields, blocks, the validator's findings) or the gap that cost it.

"Batch only" designs serve every model in batch (no online model serving): they state their scale as a
volume per run and a run window, and are never asked for DAU, QPS or a latency SLO.
"""


def _refuter(entry: str) -> str:
    rule, step = refuter(entry)
    return f"`{rule}`" + (f" (its step {step} findings)" if step else "")


def render() -> str:
    lines = [INTRO]
    for stage in STAGES:
        lines.append(f"## Step {stage.number}: {stage.name}\n")
        lines.append("| Point | Earned when | Why it matters | Lost to findings of |")
        lines.append("|---|---|---|---|")
        for entry in RUBRIC:
            if entry.step != stage.number:
                continue
            refuted = ", ".join(_refuter(entry) for entry in entry.refuted_by) or "—"
            lines.append(f"| {entry.key} {entry.title} | {entry.earns} | {entry.description} | {refuted} |")
        lines.append("")
    lines.append("## Trade-off coverage\n")
    kinds = ", ".join(f"`{kind}`" for kind in KEY_KINDS)
    lines.append(f"Key blocks ({kinds}) should say in their Trade-offs field what the design gives up by choosing "
                 "them. The review lists those that do not; it does not change the score (step 4 asks for the "
                 "model choice to be argued).\n")
    lines.append("## Follow-up questions\n")
    lines.append("The review asks up to three. First, for each validator rule that found something (worst finding "
                 "first), the question the rule says an interviewer would ask (its `question`, in "
                 "[rules.md](rules.md)); one place is kept for a question about what the design shows, asked in "
                 "this order when the design has what it is about (a rule's name: that rule's question, asked as "
                 "a probe even when the rule passes):\n")
    lines.extend(f"- {prompt.question}" + (f" (`{prompt.rule}`)" if prompt.rule else "") for prompt in PROMPTS)
    lines.append("\nA design too early for those gets the opening questions of an interview:\n")
    lines.extend(f"- {text}" for text in OPENERS)
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        current = DOC_PATH.read_text(encoding="utf-8") if DOC_PATH.exists() else ""
        if current != text:
            print(f"{DOC_PATH} is stale: run python -m components.review.docs", file=sys.stderr)
            return 1
        return 0
    DOC_PATH.parent.mkdir(parents=True, exist_ok=True)
    DOC_PATH.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
