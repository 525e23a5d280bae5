"""A review as a document to save or print: Markdown, HTML or JSON, with the files it links to.

Markdown links the diagram as an SVG file written next to it (or, with no file name to put it beside,
embeds a Mermaid flowchart); HTML carries the SVG inline; JSON is the review's data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Literal

from components.model import Diagram
from components.review import review
from components.review.render_html import inline_svg, page, to_html, walkthrough_html
from components.review.render_markdown import md, mermaid_block, to_markdown, walkthrough_markdown
from components.review.result import Review

Format = Literal["md", "html", "json"]
FORMATS: tuple[Format, ...] = ("md", "html", "json")
EXTENSIONS: dict[str, Format] = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json"}


@dataclass(frozen=True)
class Document:
    text: str
    attachments: dict[str, str] = field(default_factory=dict)  # file name (beside the document) -> content


def diagram_svg(diagram: Diagram, result: Review, theme: str = "light") -> str:
    """The review's picture: the diagram with its findings' badges and the legend of the five flows."""
    from components.export.svg import SvgOptions, to_svg

    return to_svg(diagram, SvgOptions(theme="dark" if theme == "dark" else "light", findings=list(result.findings),
                                      legend=True, title=False))


def review_document(diagram: Diagram, fmt: Format, out_name: str | None = None, *,
                    walkthrough_only: bool = False, result: Review | None = None) -> Document:
    """The review (or only its walkthrough) in ``fmt``; ``out_name`` is the file it will be saved as."""
    result = result if result is not None else review(diagram)
    if fmt == "json":
        data = result.walkthrough.to_dict() if walkthrough_only else result.to_dict()
        return Document(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    if fmt == "html":
        if walkthrough_only:
            return Document(page(f"Walkthrough: {result.title}", [walkthrough_html(result)]))
        return Document(to_html(result, diagram, inline_svg(diagram_svg(diagram, result))))
    if walkthrough_only:
        lines = [f"# Walkthrough: {md(result.title)}", "", *walkthrough_markdown(result)[2:]]
        return Document("\n".join(lines).rstrip() + "\n")
    if out_name:
        picture_name = PurePath(out_name).stem + ".svg"
        picture = f"![The diagram of {md(result.title)}]({picture_name})"
        return Document(to_markdown(result, diagram, picture), {picture_name: diagram_svg(diagram, result)})
    return Document(to_markdown(result, diagram, mermaid_block(diagram)))
