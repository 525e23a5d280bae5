"""The walkthrough: the story of a diagram, told in the order an interviewer wants to hear it.

Ingestion and data, features, training and evaluation, registry and launch, the online request path hop
by hop (p99 per hop, the running total against the SLO, the funnel sizes), then monitoring and the
feedback loop back to training. Every sentence comes from the graph: block kinds, properties and the
flows between them, never from a block's id.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any

from components.catalog import display_name
from components.estimate.reads import design_reads
from components.estimate.units import exact
from components.model import Diagram
from components.review.wording import as_number, strategy_text, target_text
from components.validate.graph import DiagramGraph
from components.validate.rules.base import listing

SECTION_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Ingestion and data", ("data_source", "event_stream", "labeling", "data_store")),
    ("Features", ("feature_pipeline", "feature_store")),
    ("Training and evaluation", ("training_pipeline", "experiment_tracker", "offline_evaluation")),
    ("Registry and launch", ("model_registry", "online_experiment", "indexing_pipeline", "orchestrator")),
)
LOOP_FLOWS = ("feedback", "data")


@dataclass(frozen=True)
class Hop:
    """One block of the slowest request path: its own p99, the lookups and side calls it waits for (the
    validator's callees), and the running total, exactly as the latency budget adds them up."""

    block: str
    name: str
    p99_ms: float | None
    total_ms: float
    waits: tuple[str, ...]  # callees whose p99 this hop adds: feature reads, index queries, side calls
    wait_texts: tuple[str, ...]  # how they read: 'ANN index 15 ms'
    cost_ms: float  # own p99 plus the callees'
    parallel: tuple[str, ...] = ()  # request branches off this path that go on (not counted: the path is slower)

    def to_dict(self) -> dict[str, Any]:
        return {"block": self.block, "name": self.name, "p99_ms": self.p99_ms, "waits": list(self.waits),
                "wait_texts": list(self.wait_texts), "cost_ms": self.cost_ms, "total_ms": self.total_ms,
                "parallel": list(self.parallel)}

    @property
    def waits_text(self) -> str:
        """'ANN index 15 ms and Online store 5 ms' (empty when it waits for nothing)."""
        return listing(list(self.wait_texts))


REQUEST_PATH = "Online request path"


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[str, ...]

    @property
    def has_hops(self) -> bool:
        """The request path section: its hops come before its lines (Walkthrough.hops)."""
        return self.title == REQUEST_PATH

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "lines": list(self.lines)}


@dataclass(frozen=True)
class Walkthrough:
    sections: tuple[Section, ...]
    hops: tuple[Hop, ...]
    slo_ms: float | None
    funnel: tuple[str, ...]
    loop: tuple[str, ...]  # names along the feedback loop, from serving back to training

    @property
    def total_ms(self) -> float:
        return self.hops[-1].total_ms if self.hops else 0.0

    @property
    def budget_line(self) -> str:
        return budget_text(self.total_ms, self.slo_ms) if self.hops else ""

    def to_dict(self) -> dict[str, Any]:
        return {"sections": [section.to_dict() for section in self.sections],
                "request_path": [hop.to_dict() for hop in self.hops], "slo_ms": self.slo_ms,
                "budget": self.budget_line, "funnel": list(self.funnel), "feedback_loop": list(self.loop)}

    def hop_lines(self) -> list[str]:
        """'3. Retrieval: 40 ms + ANN index 10 ms, 55 ms so far' per hop."""
        lines = []
        for index, hop in enumerate(self.hops, start=1):
            if hop.p99_ms is None and index == 1 and not hop.waits:
                lines.append(f"{index}. {hop.name}")
                continue
            waits = "".join(f" + {text}" for text in hop.wait_texts)
            lines.append(f"{index}. {hop.name}: {_latency(hop.p99_ms)}{waits}, {exact(hop.total_ms)} ms so far")
        return lines

    def text_lines(self) -> list[str]:
        """The story as plain text: a heading per section, one line per sentence."""
        lines: list[str] = []
        for section in self.sections:
            body = [*self.hop_lines(), *section.lines] if section.has_hops else list(section.lines)
            lines.extend([section.title, *(f"  {line}" for line in body), ""])
        return lines[:-1]


def budget_text(total_ms: float, slo_ms: float | None) -> str:
    """'155 ms of the 200 ms SLO: 45 ms to spare' (or over, or without an SLO)."""
    total = exact(total_ms)
    if slo_ms is None:
        return f"{total} ms at p99 (no latency SLO stated)"
    spare = slo_ms - total_ms
    state = f"{exact(spare)} ms to spare" if spare >= 0 else f"{exact(-spare)} ms over"
    return f"{total} ms of the {exact(slo_ms)} ms SLO: {state}"


class _Story:
    """Sentences about blocks, named by label (or kind) and described by their flows."""

    def __init__(self, diagram: Diagram, graph: DiagramGraph) -> None:
        self.diagram = diagram
        self.g = graph
        self.told: set[str] = set()

    def name(self, block_id: str) -> str:
        return display_name(self.g.blocks[block_id].label, self.g.kind[block_id])

    def names(self, block_ids: list[str]) -> str:
        return listing([self.name(block_id) for block_id in self.g.sorted(block_ids)])

    def qualifier(self, block_id: str) -> str:
        """What kind of block this is, in a few words: '(streaming)', '(online)', '(A/B test, 5% of traffic)'."""
        g, kind = self.g, self.g.kind[block_id]
        if kind == "feature_pipeline":
            return f" ({g.prop(block_id, 'mode')})"
        if kind == "feature_store":
            return f" ({g.prop(block_id, 'tier')})"
        if kind == "data_store":
            return f" ({str(g.prop(block_id, 'store_type')).replace('_', ' ')})"
        if kind == "training_pipeline":
            return f" (retrained {str(g.prop(block_id, 'cadence')).replace('_', ' ')})"
        if kind == "offline_evaluation":
            metrics = g.prop(block_id, "metrics") or []
            return f" ({listing(list(metrics))})" if metrics else ""
        if kind == "online_experiment":
            return f" ({strategy_text(g.prop(block_id, 'strategy'), g.prop(block_id, 'traffic_percent'))})"
        return ""

    def sentence(self, block_id: str) -> str:
        """'{Name} ({qualifier}) reads A and feeds B; passes its model to C.'"""
        g = self.g
        self.told.add(block_id)
        reads = [source for source, _ in g.incoming(block_id, ("data", "feedback"))]
        feeds = [target for target, _ in g.outgoing(block_id, ("data", "feedback"))]
        models = [target for target, _ in g.outgoing(block_id, ("model",))]
        parts = []
        if reads:
            parts.append(f"reads {self.names(reads)}")
        if feeds:
            parts.append(f"feeds {self.names(feeds)}")
        if models:
            parts.append(f"passes its model to {self.names(models)}")
        body = " and ".join(parts[:2]) + (f"; {parts[2]}" if len(parts) > 2 else "")
        return f"{self.name(block_id)}{self.qualifier(block_id)} {body or 'is not connected yet'}."


def walkthrough(diagram: Diagram, graph: DiagramGraph | None = None) -> Walkthrough:
    """The story of the diagram, section by section (sections with nothing to tell are left out)."""
    g = graph if graph is not None else DiagramGraph(diagram)
    story = _Story(diagram, g)
    sections = []
    for title, kinds in SECTION_KINDS:
        lines = [story.sentence(block_id) for block_id in g.any_order_of_kind(*kinds)]
        if lines:
            sections.append(Section(title, tuple(lines)))
    hops, slo = _request_path(story)
    funnel = _funnel(diagram, story)
    serving = _serving_lines(story, hops, funnel)
    if serving:
        title = REQUEST_PATH if hops else "Serving"
        sections.append(Section(title, tuple(serving)))
    loop = _feedback_loop(story)
    watch = _monitoring_lines(story, loop)
    if watch:
        sections.append(Section("Monitoring and the feedback loop", tuple(watch)))
    others = [block_id for block_id in g.ids if block_id not in story.told]
    if others:
        sections.append(Section("Also on the canvas", (f"{story.names(others)}.",)))
    return Walkthrough(tuple(sections), tuple(hops), slo, tuple(funnel), tuple(loop))


def _request_path(story: _Story) -> tuple[list[Hop], float | None]:
    """The slowest request path (the one the latency budget is judged on), hop by hop: each hop adds its
    own p99 and its callees' (``DiagramGraph.request_cost``), so the total is the rule's total."""
    g = story.g
    slo = story.diagram.requirements.latency_slo_ms
    if not g.request_nodes or g.request_cycle:
        return [], slo
    path, _ = g.heaviest_request_path()
    on_path = set(path)
    hops, total = [], 0.0
    for block_id in path:
        p99 = g.prop(block_id, "p99_ms")
        waits = tuple(g.request_callees.get(block_id, ()))
        cost = g.request_cost(block_id)
        total += cost
        parallel = tuple(g.sorted(target for target, _ in g.outgoing(block_id, ("request",))
                                  if target not in on_path and target not in waits))
        texts = tuple(f"{story.name(callee)} {_latency(g.prop(callee, 'p99_ms'))}" for callee in waits)
        hops.append(Hop(block_id, story.name(block_id), None if p99 is None else float(p99), total, waits, texts,
                        cost, parallel))
        story.told.add(block_id)
        story.told.update(waits)
    return hops, slo


def _latency(p99: object) -> str:
    return "no p99" if p99 is None else f"{exact(as_number(p99))} ms"


def _funnel(diagram: Diagram, story: _Story) -> list[str]:
    """Corpus -> candidates -> ranked -> shown, with what is known of each (empty when nothing narrows)."""
    reads = design_reads(diagram)
    if not reads.candidates_ranked:
        return []
    steps = []
    corpus = diagram.requirements.corpus_size
    if corpus:
        steps.append(f"{exact(corpus)} items")
    steps.append(f"{exact(reads.candidates_ranked)} candidates")
    steps.append(f"ranked by {story.names(list(reads.rankers))}")
    shown = diagram.estimates.items_shown if diagram.estimates else None
    if shown:
        steps.append(f"{exact(shown)} shown")
    return steps


def _serving_lines(story: _Story, hops: list[Hop], funnel: list[str]) -> list[str]:
    g = story.g
    lines = []
    if hops:
        lines.append(f"Total: {budget_text(hops[-1].total_ms, story.diagram.requirements.latency_slo_ms)}.")
    for hop in hops:
        if hop.parallel:
            lines.append(f"{hop.name} also calls {story.names(list(hop.parallel))} in parallel; that branch takes no "
                         "longer, so the total does not count it.")
            story.told.update(hop.parallel)
    if funnel:
        lines.append("Funnel: " + " → ".join(funnel) + ".")
    for block_id in g.serving:
        if block_id in story.told:
            continue
        story.told.add(block_id)
        mode = g.prop(block_id, "mode")
        writes = [target for target, _ in g.outgoing(block_id, ("data",))]
        where = f" and writes {story.names(writes)}" if writes else ""
        lines.append(f"{story.name(block_id)} runs {'in batch' if mode == 'batch' else 'online'}{where}.")
    return lines


def _feedback_loop(story: _Story) -> list[str]:
    """The shortest way from what was served (a logging block or a client) back to a training pipeline
    over feedback and data connectors, as block names; empty when there is none."""
    g = story.g
    trainings = set(g.of_kind("training_pipeline"))
    starts = g.of_kind("client", "logging")
    if not trainings or not starts:
        return []
    adjacency = g.adjacency(LOOP_FLOWS)
    order = g.order
    parent: dict[int, int | None] = {order[start]: None for start in starts}
    queue = deque(parent)
    end = None
    while queue and end is None:
        node = queue.popleft()
        for other in adjacency.get(node, ()):
            if other not in parent:
                parent[other] = node
                if g.ids[other] in trainings:
                    end = other
                    break
                queue.append(other)
    if end is None:
        return []
    path = [end]
    while (previous := parent[path[-1]]) is not None:
        path.append(previous)
    return [story.name(g.ids[node]) for node in reversed(path)]


def _monitoring_lines(story: _Story, loop: list[str]) -> list[str]:
    g = story.g
    lines = []
    for block_id in g.of_kind("monitoring"):
        story.told.add(block_id)
        watched = [watched for watched in g.watching(block_id) if g.kind[watched] != "alerting"]
        targets = [target_text(target) for target in (g.prop(block_id, "target") or [])]
        alerts = [target for target, _ in g.outgoing(block_id) if g.kind[target] == "alerting"]
        story.told.update(alerts)
        line = f"{story.name(block_id)} watches {story.names(watched) or 'nothing yet'} for {listing(targets)}"
        lines.append(line + (f" and alerts {story.names(alerts)}." if alerts else "."))
    for block_id in g.of_kind("logging"):
        story.told.add(block_id)
        sources = [source for source, _ in g.incoming(block_id)]
        logged = listing(list(g.prop(block_id, "logs") or []))
        lines.append(f"{story.name(block_id)} logs {logged}" + (f" from {story.names(sources)}." if sources else "."))
    if loop:
        lines.append("Feedback loop: " + " → ".join(loop) + ".")
    return lines
