"""Step 5 rules about the launch path: an offline gate, then live traffic with a control, and
guardrails that fit how often models change."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from components.model import FLOWS
from components.validate.facts import SERVING
from components.validate.rules.base import Hit, Reads, listing, rule
from components.validate.rules.regions import MODEL_PARTS, SERVING_SUBJECTS
from components.validate.scopes import Local, Parts, Walk

if TYPE_CHECKING:
    from components.validate.graph import DiagramGraph
    from components.validate.rules.base import Hit as HitType

# Routine retraining: each new model is a refresh of the same model, more often than an A/B test (one to two
# weeks to reach significance) can conclude.
ROUTINE = {"hourly": "every hour", "continuous": "continuously", "daily": "every day", "weekly": "every week"}


def _experiment_on_path(g: DiagramGraph, hits: list[HitType]) -> bool:
    """A model part with an online model and no finding has an experiment on its path: the design does."""
    return bool(g.online_serving) and not hits


def _experiments_join(g: DiagramGraph, hits: list[HitType]) -> bool:
    """The finding names every online model and every experiment of the design."""
    return bool(hits) or bool(g.of_kind("online_experiment"))


@rule("no-evaluation-gate", "warning", 5, "A model reaches serving without an offline evaluation gate",
      fix="Put an Offline evaluation block on every model path from training to serving.",
      why="Every new model should beat the current one on held-out data before it can be deployed; otherwise "
          "a bad training run (a broken feature, a label bug) goes straight to users. For a batch model this "
          "gate is its backtest.",
      question="What stops a bad training run from being deployed?",
      scope=Local(SERVING_SUBJECTS, hops=0, walks=(Walk(("model",), upstream=True, stop=frozenset({"offline_evaluation"})),)),
      reads=Reads(kinds=("training_pipeline", "offline_evaluation", *SERVING), flows=("model",),
                  props=("uses_model",)))
def no_evaluation_gate(g: DiagramGraph) -> Iterator[Hit]:
    """Over `model` connectors, with every `offline_evaluation` block removed, some `training_pipeline`
    still reaches a model-serving block (online or batch)."""
    origins = g.reached_from(g.of_kind("training_pipeline"), ("model",), avoid=g.of_kind("offline_evaluation"))
    for block_id in g.serving:
        trainer = origins.get(block_id)
        if trainer is None:
            continue
        name, trainer_name = g.name(block_id), g.name(trainer)
        yield Hit(
            message=f"a model from {trainer_name} can reach {name} without passing an offline evaluation: "
                    "nothing stops a bad training run",
            hint=f"put an Offline evaluation block on the model path from {trainer_name} to {name} "
                 "(training → evaluation → registry)",
            blocks=(block_id, trainer),
        )


@rule("no-online-experiment", "warning", 5, "No online experiment between the registry and online serving",
      fix="Connect model registry -> online experiment -> online serving with model connectors.",
      why="Offline metrics do not reliably predict online impact; a new online model should meet live traffic "
          "through a shadow run, a canary or an A/B test before it replaces the current one. Batch models are "
          "judged by their backtest and are not asked for one.",
      question="Offline metrics look better: how do you find out whether users are better off?",
      scope=Parts(MODEL_PARTS, joins=_experiments_join, veto=_experiment_on_path),
      reads=Reads(kinds=("model_registry", "online_experiment", *SERVING), flows=("model",),
                  props=("mode", "uses_model")))
def no_online_experiment(g: DiagramGraph) -> Iterator[Hit]:
    """An online model-serving block exists and no `online_experiment` block lies on a path over
    `model` connectors from a `model_registry` to an online model-serving block."""
    online = g.online_serving
    if not online:
        return
    experiments = g.of_kind("online_experiment")
    if experiments:
        registries = g.of_kind("model_registry")
        from_registry = g.reached(registries, ("model",), among=experiments) | set(registries)
        to_serving = g.reached(online, ("model",), reverse=True, among=experiments) | set(online)
        if any(block_id in from_registry and block_id in to_serving for block_id in experiments):
            return
    names = listing(g.names(online))
    if experiments:
        message = (f"{listing(g.names(experiments))} is not on the model path from the registry to {names}: "
                   "new models reach users untested on live traffic")
    else:
        message = f"no online experiment before {names}: new models reach users untested on live traffic"
    yield Hit(
        message=message,
        hint="connect Model registry → Online experiment → serving block with model connectors "
             "(shadow, canary or A/B test)",
        blocks=(*online, *experiments),
    )


@rule("ab-test-without-control", "warning", 5, "An A/B test or canary has no control group",
      fix="Give the treatment a small share of traffic (1-10% for a canary, a few % to 50% for an A/B test).",
      why="An A/B test on all traffic has no control to compare with and exposes every user to an untested "
          "model; one on no traffic never sees the model. A canary on all traffic is a full rollout.",
      question="What is the control group, and how much traffic does the new model get at first?",
      scope=Local(frozenset({"online_experiment"}), hops=0),
      reads=Reads(kinds=("online_experiment",), props=("strategy", "traffic_percent")))
def ab_test_without_control(g: DiagramGraph) -> Iterator[Hit]:
    """An `online_experiment` with `strategy` ab_test or canary has `traffic_percent` 100 (no control;
    for a canary, a full rollout) or 0 (the new model sees no traffic). Shadow runs mirror traffic, so
    100 is their normal setting; interleaving and bandits share traffic by design."""
    for block_id in g.of_kind("online_experiment"):
        strategy = g.prop(block_id, "strategy")
        traffic = g.prop(block_id, "traffic_percent")
        if strategy not in ("ab_test", "canary") or traffic not in (0, 100):
            continue
        name = g.name(block_id)
        if traffic == 0:
            message = f"{name} sends 0% of traffic to the new model: the experiment never sees it"
        elif strategy == "ab_test":
            message = (f"{name} sends 100% of traffic to the new model: no control group to compare with, and "
                       "a bad model reaches every user")
        else:
            message = f"{name} is a canary on 100% of traffic: that is a full rollout, not a canary"
        yield Hit(message=message, hint=f"set Traffic (%) on {name} to a small treatment share, e.g. 5",
                  blocks=(block_id,))


@rule("continual-training-gate", "warning", 5, "Routine retraining goes through an A/B test every time",
      fix="Give routinely retrained models an automated path: offline evaluation -> registry -> canary or shadow "
          "-> serving, promoted and rolled back automatically; keep the A/B test for model changes.",
      why="An A/B test needs one to two weeks to detect a small change, so a model retrained every hour, day or "
          "week cannot wait for one: the next refresh arrives before the test concludes. Routine refreshes need "
          "automated guardrails (offline checks on fresh data, a canary or shadow run with automatic rollback); "
          "the A/B test is for changes to the model itself (new features, architecture, objective).",
      question="You retrain on a schedule: how does each refreshed model reach traffic without waiting two weeks "
               "for an A/B test, and how fast is a bad one rolled back?",
      scope=Parts(MODEL_PARTS),
      reads=Reads(kinds=("training_pipeline", "online_experiment", *SERVING), flows=("model",),
                  props=("cadence", "strategy", "mode", "uses_model")))
def continual_training_gate(g: DiagramGraph) -> Iterator[Hit]:
    """A `training_pipeline` with a routine `cadence` (hourly, daily, weekly or continuous) reaches a
    model-serving block (online or batch) over `model` connectors, but only through `online_experiment`
    blocks of strategy ab_test: with those removed it no longer reaches it. Training run once or on demand
    (a model change) may go through an A/B test alone."""
    routine = [block_id for block_id in g.of_kind("training_pipeline") if g.prop(block_id, "cadence") in ROUTINE]
    ab_tests = [block_id for block_id in g.of_kind("online_experiment") if g.prop(block_id, "strategy") == "ab_test"]
    if not routine or not ab_tests:
        return
    reached = g.reached_from(routine, ("model",))
    free = g.reached_from(routine, ("model",), avoid=ab_tests)
    for block_id in g.serving:
        trainer = reached.get(block_id)
        if trainer is None or block_id in free:
            continue
        name, trainer_name = g.name(block_id), g.name(trainer)
        before = g.reached([block_id], ("model",), reverse=True, among=ab_tests)  # this block's, not any serving's
        tests = [test for test in ab_tests if test in before]
        yield Hit(
            message=f"{trainer_name} retrains {ROUTINE[str(g.prop(trainer, 'cadence'))]}, yet every new model "
                    f"reaches {name} only through {listing(g.names(tests))}: an A/B test takes one to two weeks, "
                    "so refreshes pile up behind it",
            hint=f"give {trainer_name}'s refreshes an automated path (Offline evaluation → Model registry → canary "
                 f"or shadow → {name}); keep the A/B test for model changes",
            blocks=(block_id, trainer, *tests),
        )


def _queriers(g: DiagramGraph, index: str) -> list[str]:
    """Model-serving blocks querying an index: calling it over `request`, or calling the block that does
    (an encoder in front of a rule-based nearest-neighbour lookup)."""
    callers = [source for source, _ in g.incoming(index, ("request",))]
    found = list(callers)
    for caller in callers:
        found += [source for source, _ in g.incoming(caller, ("request",))]
    serving = set(g.serving)
    return [block_id for block_id in dict.fromkeys(found) if block_id in serving]


def _model_sources(g: DiagramGraph, block_id: str, kind: str) -> list[str]:
    return [source for source, _ in g.incoming(block_id, ("model",)) if g.kind[source] == kind]


@rule("index-outside-experiment", "warning", 5, "An encoder is tested without its index",
      fix="Feed the indexing pipeline its model from the online experiment, so the treatment's index is built "
          "with the treatment's encoder.",
      why="Query and item embeddings must come from the same model version; an experiment that swaps the query "
          "encoder while the index is still built with the old one compares vectors from two different spaces.",
      question="When you test a new embedding model, how do treatment users get an index built with it?",
      scope=Local(frozenset({"vector_index"}), hops=0, walks=(Walk(None, upstream=True, depth=3),), subject_at=1),
      reads=Reads(kinds=("vector_index", "indexing_pipeline", "online_experiment", "model_registry", *SERVING),
                  flows=FLOWS, props=("uses_model",)))
def index_outside_experiment(g: DiagramGraph) -> Iterator[Hit]:
    """A model-serving block that gets its model from an `online_experiment` queries a `vector_index`
    (over `request`, directly or through the block it calls) whose indexing pipelines take their model
    straight from a `model_registry` and none from an online experiment."""
    for index in g.of_kind("vector_index"):
        builders = [source for source in g.sorted(s for s, _ in g.incoming(index))
                    if g.kind[source] == "indexing_pipeline"]
        if not builders or any(_model_sources(g, builder, "online_experiment") for builder in builders):
            continue
        registries = [registry for builder in builders for registry in _model_sources(g, builder, "model_registry")]
        if not registries:
            continue
        tested = [(querier, experiment) for querier in _queriers(g, index)
                  for experiment in _model_sources(g, querier, "online_experiment")[:1]]
        if not tested:
            continue
        querier, experiment = tested[0]
        builder_names = listing(g.names(builders))
        yield Hit(
            message=f"{g.name(querier)} gets its model through {g.name(experiment)}, but {g.name(index)} is built "
                    f"by {builder_names} with the model straight from {g.name(registries[0])}: a new encoder "
                    "would be tested against an index built with the old one",
            hint=f"connect {g.name(experiment)} to {builder_names} with a model connector, so the treatment's "
                 "index is built with the treatment's encoder",
            blocks=(querier, index, *builders, experiment),
        )
