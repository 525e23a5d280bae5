"""Layers: a way of looking at a design, not part of it. Each block belongs to the layer of its stage
and to one part of the system (offline, online, monitoring); each layer is shown, dimmed or hidden.

The canvas keeps a ``LayerView`` as view state (never in the document, never a command) and an export
can apply the same view when asked. A block is hidden when any of its layers is hidden, dimmed when
any is dimmed; a connector follows the weaker of its two ends (hidden with either, dimmed with either).

The parts, by what a block does (its kind, and the setting that makes it a different role):
- online: answers a user's request in milliseconds: clients, gateways, online model serving, re-ranking,
  vector indexes, caches, prediction stores, online experiments, online feature stores and the data
  stores that answer requests (key-value, SQL, NoSQL, search, graph);
- monitoring: watches the system and records what it served: monitoring, alerting, logging;
- offline: the rest of a stage's blocks: data, features computed in batch or streaming, training,
  tracking, offline evaluation, the registry, index building, batch serving, orchestration.
Custom blocks belong to no stage and no part; the ``custom`` layer holds them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal, get_args

from components.catalog import SERVING_KINDS, STAGES, spec
from components.model import Block, BlockProps, Diagram
from components.model.props import ONLINE_STORE_TYPES

Visibility = Literal["shown", "dimmed", "hidden"]
VISIBILITIES: tuple[Visibility, ...] = get_args(Visibility)
Part = Literal["offline", "online", "monitoring"]
PARTS: tuple[Part, ...] = get_args(Part)
DIM_OPACITY = 0.25  # how much of a dimmed element shows, on the canvas and in an export

_ONLINE_KINDS = frozenset({"client", "api_gateway", "reranking", "vector_index", "cache", "prediction_store",
                           "online_experiment"})
_MONITORING_KINDS = frozenset({"monitoring", "alerting", "logging"})


@dataclass(frozen=True)
class Layer:
    id: str  # "stage-3" ... "stage-7", "custom", "offline", "online", "monitoring"
    name: str  # for menus and the legend
    description: str
    stage: int | None = None  # the stage whose colour the layer shows in


def _stage_layers() -> tuple[Layer, ...]:
    # stages 1 and 2 live on the requirements card: no block belongs to them
    return tuple(Layer(f"stage-{entry.number}", f"{entry.number} {entry.name}", entry.description, entry.number)
                 for entry in STAGES if entry.number >= 3)


STAGE_LAYERS: tuple[Layer, ...] = (*_stage_layers(), Layer("custom", "Custom blocks", "Blocks of no stage"))
PART_LAYERS: tuple[Layer, ...] = (
    Layer("offline", "Offline part", "Data, features, training, evaluation, registry, batch jobs"),
    Layer("online", "Online part", "What answers a request: clients, gateways, online serving, caches, indexes"),
    Layer("monitoring", "Monitoring part", "Monitors, alerts and logging"),
)
LAYERS: tuple[Layer, ...] = STAGE_LAYERS + PART_LAYERS
LAYER_IDS: tuple[str, ...] = tuple(layer.id for layer in LAYERS)


def block_part(kind: str, props: BlockProps) -> Part | None:
    """The part of the system a block of this kind and these properties belongs to (None: custom)."""
    if spec(kind).stage is None:
        return None
    if kind in _MONITORING_KINDS:
        return "monitoring"
    values = vars(props)  # fields live in the instance dict; absent ones are not this kind's
    if kind in _ONLINE_KINDS:
        return "online"
    if kind in SERVING_KINDS:  # rule-based candidate generation serves requests too
        return "online" if values.get("mode", "online") == "online" else "offline"
    if kind == "feature_store":
        return "online" if values.get("tier") == "online" else "offline"
    if kind == "data_store":
        return "online" if values.get("store_type") in ONLINE_STORE_TYPES else "offline"
    return "offline"


def block_layers(block: Block) -> tuple[str, ...]:
    """The ids of the layers a block belongs to: its stage's (or ``custom``) and its part's."""
    entry = spec(block.kind)
    stage_layer = f"stage-{entry.stage}" if entry.stage is not None else "custom"
    part = block_part(block.kind, block.props)
    return (stage_layer,) if part is None else (stage_layer, part)


@dataclass(frozen=True)
class Resolved:
    """What a LayerView does to one diagram: the ids of hidden and of dimmed blocks and connectors."""

    hidden: frozenset[str] = frozenset()
    dimmed: frozenset[str] = frozenset()


@dataclass(frozen=True)
class LayerView:
    """The visibility of each layer; layers not named are shown."""

    states: Mapping[str, Visibility] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for layer_id, state in self.states.items():
            if layer_id not in LAYER_IDS:
                raise ValueError(f"unknown layer {layer_id!r} (expected one of: {', '.join(LAYER_IDS)})")
            if state not in VISIBILITIES:
                raise ValueError(f"unknown visibility {state!r} (expected one of: {', '.join(VISIBILITIES)})")
        object.__setattr__(self, "states", {k: v for k, v in self.states.items() if v != "shown"})

    def state(self, layer_id: str) -> Visibility:
        return self.states.get(layer_id, "shown")

    def with_state(self, layer_id: str, state: Visibility) -> LayerView:
        return LayerView({**self.states, layer_id: state})

    def only(self, layer_id: str, group: Iterable[Layer]) -> LayerView:
        """This layer shown and the others of its ``group`` (the stages, or the parts) hidden."""
        states = dict(self.states)
        for layer in group:
            states[layer.id] = "shown" if layer.id == layer_id else "hidden"
        return LayerView(states)

    @property
    def is_plain(self) -> bool:
        """Every layer shown: the view changes nothing."""
        return not self.states

    def summary(self) -> str:
        """What the view does, in words ("1 layer hidden and 2 layers dimmed"; "all layers shown")."""
        counts = [(sum(1 for state in self.states.values() if state == word), word) for word in ("hidden", "dimmed")]
        parts = [f"{count} layer{'s' if count != 1 else ''} {word}" for count, word in counts if count]
        return " and ".join(parts) if parts else "all layers shown"

    def block_visibility(self, block: Block) -> Visibility:
        states = {self.state(layer_id) for layer_id in block_layers(block)}
        return "hidden" if "hidden" in states else "dimmed" if "dimmed" in states else "shown"

    def resolve(self, diagram: Diagram) -> Resolved:
        """The hidden and dimmed elements of ``diagram`` (notes and frames are never affected)."""
        if self.is_plain:
            return Resolved()
        hidden: set[str] = set()
        dimmed: set[str] = set()
        for block in diagram.blocks:
            seen = self.block_visibility(block)
            if seen == "hidden":
                hidden.add(block.id)
            elif seen == "dimmed":
                dimmed.add(block.id)
        for connector in diagram.connectors:
            ends = (connector.source, connector.target)
            if any(end in hidden for end in ends):
                hidden.add(connector.id)
            elif any(end in dimmed for end in ends):
                dimmed.add(connector.id)
        return Resolved(frozenset(hidden), frozenset(dimmed))


def parse_layers(hide: Iterable[str] = (), dim: Iterable[str] = ()) -> LayerView:
    """A LayerView from layer ids to hide and to dim (the command line's ``--hide``/``--dim``); a
    stage may be given by number ("7" for "stage-7"). ValueError naming the unknown layer."""
    states: dict[str, Visibility] = {}
    steps: tuple[tuple[Iterable[str], Visibility], ...] = ((dim, "dimmed"), (hide, "hidden"))
    for names, state in steps:  # hiding wins when both name a layer
        for name in names:
            states[f"stage-{name}" if name.isdigit() else name] = state
    return LayerView(states)
