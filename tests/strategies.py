"""Hypothesis strategies for valid diagrams and edit sequences, shared by the test modules."""

from __future__ import annotations

from hypothesis import strategies as st

from components.catalog import KINDS
from components.commands import (
    AddBlock,
    AddItems,
    ChangeKind,
    Command,
    Connect,
    MoveItems,
    Relabel,
    RemoveItems,
    ReverseConnectors,
    SetConnectorDefault,
    SetConnectorStyle,
    SetFlow,
    SetProperty,
    SetRequirements,
    SetRuleSettings,
    SetTitle,
    SetWaypoints,
)
from components.commands.settings import SetEstimates
from components.document import Document
from components.model import FLOWS, Block, Connector, Diagram, Group, Note, Requirements, RuleSettings
from components.model.elements import LABEL_MAX, TEXT_MAX
from components.model.estimates import EstimateInputs

KIND_IDS = sorted(KINDS)
labels = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
coords = st.floats(min_value=-5000, max_value=5000, allow_nan=False, allow_infinity=False)
sizes = st.one_of(st.none(), st.floats(min_value=20, max_value=400, allow_nan=False))


@st.composite
def diagrams(draw: st.DrawFn, max_blocks: int = 12) -> Diagram:
    """A valid diagram: unique ids, connectors between existing blocks, groups of existing blocks."""
    count = draw(st.integers(0, max_blocks))
    blocks = []
    for index in range(count):
        kind = draw(st.sampled_from(KIND_IDS))
        props = {"p99_ms": draw(st.one_of(st.none(), st.floats(0, 500, allow_nan=False)))}
        if kind in ("inference_service", "ranking", "candidate_generation"):
            props["mode"] = draw(st.sampled_from(["online", "batch"]))
        blocks.append(Block(id=f"b{index}", kind=kind, label=draw(labels), x=draw(coords), y=draw(coords),
                            width=draw(sizes), height=draw(sizes), props=props,
                            notes=draw(labels), tradeoffs=draw(labels), pinned=draw(st.booleans())))
    connectors = []
    if blocks:
        for index in range(draw(st.integers(0, 2 * count))):
            source = draw(st.sampled_from(blocks)).id
            target = draw(st.sampled_from(blocks)).id
            connectors.append(Connector(id=f"c{index}", source=source, target=target,
                                        flow=draw(st.sampled_from(FLOWS)), label=draw(labels)))
    notes = [Note(id=f"n{i}", text=draw(labels), x=draw(coords), y=draw(coords)) for i in range(draw(st.integers(0, 2)))]
    groups = []
    if blocks:
        for index in range(draw(st.integers(0, 2))):
            members = draw(st.lists(st.sampled_from([b.id for b in blocks]), unique=True, max_size=4))
            groups.append(Group(id=f"g{index}", label=draw(labels), members=members,
                                stage=draw(st.one_of(st.none(), st.integers(1, 7)))))
    requirements = Requirements(
        business_objective=draw(labels), latency_slo_ms=draw(st.one_of(st.none(), st.floats(1, 1000))),
        dau=draw(st.one_of(st.none(), st.integers(0, 10**9))),
        offline_metrics=draw(st.lists(labels, max_size=3)),
    )
    return Diagram(title=draw(labels), requirements=requirements, blocks=blocks, connectors=connectors,
                   notes=notes, groups=groups)


def long_texts(max_size: int) -> st.SearchStrategy[str]:
    """Texts up to ``max_size`` characters: a pattern of words, spaces, line breaks and wide or
    zero-width characters, repeated (one unbroken word when the pattern has no space)."""
    piece = st.text(st.sampled_from(list("abcXYZW.-_ \n\t漢\u0301é")), min_size=1, max_size=12)
    return st.builds(lambda p, n: (p * (n // len(p) + 1))[:n], piece, st.integers(0, max_size))


@st.composite
def extreme_diagrams(draw: st.DrawFn, max_size: float = 10_000, reach: float = 5_000) -> Diagram:
    """A valid diagram whose texts reach the model's limits (labels LABEL_MAX, notes TEXT_MAX) and
    whose blocks, notes and frames range from a hundredth of a unit to ``max_size`` across."""
    extent = st.one_of(st.floats(min_value=0.01, max_value=max_size), st.sampled_from([0.01, 1.0, 10.0, 19.9]))
    place = st.floats(min_value=-reach, max_value=reach)
    count = draw(st.integers(1, 4))
    blocks = [Block(id=f"b{i}", kind=draw(st.sampled_from(KIND_IDS)), label=draw(long_texts(LABEL_MAX)),
                    x=draw(place), y=draw(place), width=draw(st.one_of(st.none(), extent)),
                    height=draw(st.one_of(st.none(), extent))) for i in range(count)]
    connectors = [Connector(id=f"c{i}", source=draw(st.sampled_from(blocks)).id,
                            target=draw(st.sampled_from(blocks)).id, flow=draw(st.sampled_from(FLOWS)),
                            label=draw(long_texts(LABEL_MAX))) for i in range(draw(st.integers(0, 3)))]
    notes = [Note(id=f"n{i}", text=draw(long_texts(TEXT_MAX)), x=draw(place), y=draw(place), width=draw(extent),
                  height=draw(extent)) for i in range(draw(st.integers(0, 3)))]
    groups = [Group(id=f"g{i}", label=draw(long_texts(LABEL_MAX)), x=draw(place), y=draw(place),
                    width=draw(extent), height=draw(extent), members=[b.id for b in blocks[:i + 1]])
              for i in range(draw(st.integers(0, 2)))]
    return Diagram(title=draw(long_texts(LABEL_MAX)), blocks=blocks, connectors=connectors, notes=notes, groups=groups)


@st.composite
def command_for(draw: st.DrawFn, doc: Document) -> Command:
    """A command that is valid or invalid for the current document; invalid ones must be refused."""
    diagram = doc.diagram
    block_ids = [b.id for b in diagram.blocks]
    choice = draw(st.sampled_from(["add", "remove", "move", "connect", "relabel", "prop", "req", "rules",
                                   "flow", "note", "title", "paste", "estimates", "reverse", "kind", "style",
                                   "waypoints", "default_style", "move_all"]))
    fresh = f"x{draw(st.integers(0, 10**6))}"
    if choice == "add" or not block_ids:
        return AddBlock(Block(id=fresh, kind=draw(st.sampled_from(KIND_IDS)), x=draw(st.integers(-500, 500))))
    if choice == "remove":
        ids = [b.id for b in diagram.blocks] + [c.id for c in diagram.connectors] + [n.id for n in diagram.notes]
        return RemoveItems(draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3)))
    if choice == "move":
        return MoveItems.by(doc, draw(st.lists(st.sampled_from(block_ids), min_size=1, max_size=3)),
                            draw(st.integers(-50, 50)), draw(st.integers(-50, 50)))
    if choice == "connect":
        return Connect(Connector(id=fresh, source=draw(st.sampled_from(block_ids)),
                                 target=draw(st.sampled_from(block_ids)), flow=draw(st.sampled_from(FLOWS))))
    if choice == "relabel":
        return Relabel("blocks", draw(st.sampled_from(block_ids)), draw(st.text(max_size=10)))
    if choice == "prop":
        return SetProperty(draw(st.sampled_from(block_ids)), "p99_ms", draw(st.one_of(st.none(), st.integers(-5, 300))))
    if choice == "req":
        return SetRequirements(Requirements(business_objective=draw(st.text(max_size=10)),
                                            latency_slo_ms=draw(st.one_of(st.none(), st.integers(1, 500)))))
    if choice == "rules":
        return SetRuleSettings(RuleSettings(disabled=draw(st.lists(st.sampled_from(["orphan-block", "no-alerting"])))))
    if choice == "flow" and diagram.connectors:
        return SetFlow(draw(st.sampled_from([c.id for c in diagram.connectors])), draw(st.sampled_from(FLOWS)))
    if choice == "note":
        return AddItems([("notes", Note(id=fresh, text="note"))])
    if choice == "estimates":
        stated = draw(st.one_of(st.none(), st.integers(1, 50)))
        return SetEstimates(EstimateInputs(requests_per_user_per_day=stated) if stated is not None else None)
    if choice == "reverse" and diagram.connectors:
        ids = [c.id for c in diagram.connectors]
        return ReverseConnectors(draw(st.lists(st.sampled_from([*ids, fresh]), min_size=1, max_size=3)))
    if choice == "kind":
        return ChangeKind(draw(st.sampled_from([*block_ids, fresh])), draw(st.sampled_from([*KIND_IDS, "nonsense"])))
    if choice == "style" and diagram.connectors:
        return SetConnectorStyle(draw(st.sampled_from([c.id for c in diagram.connectors])),
                                 draw(st.sampled_from([None, "straight", "elbow"])))
    if choice == "waypoints" and diagram.connectors:
        points = st.tuples(st.integers(-600, 600), st.integers(-600, 600))
        return SetWaypoints(draw(st.sampled_from([c.id for c in diagram.connectors])),
                            draw(st.lists(points, max_size=3)))
    if choice == "default_style":
        return SetConnectorDefault(draw(st.sampled_from([None, "straight", "elbow"])))
    if choice == "move_all":  # both ends of every connector move alike: waypoints ride along
        return MoveItems.by(doc, block_ids, draw(st.integers(-50, 50)), draw(st.integers(-50, 50)))
    if choice == "paste":
        first, second = f"{fresh}p", f"{fresh}q"
        return AddItems([("blocks", Block(id=first, kind="cache")), ("blocks", Block(id=second, kind="ranking")),
                         ("connectors", Connector(id=f"{fresh}r", source=first, target=second))])
    return SetTitle(draw(st.text(max_size=12)))
