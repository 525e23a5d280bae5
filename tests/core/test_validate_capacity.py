"""Step 6 capacity rule: index-exceeds-memory (the ANN index against the memory the design states)."""

from __future__ import annotations

from components.estimate import estimate
from components.model.estimates import EstimateInputs
from components.validate import validate
from tests.core.validate_helpers import Design, healthy


def with_memory(design: Design, **inputs: object):
    """The design built with these estimate inputs (the memory statement lives there, not on a block)."""
    return design.build().model_copy(update={"estimates": EstimateInputs(**inputs)})


def findings(diagram, rule: str = "index-exceeds-memory"):
    return [finding for finding in validate(diagram) if finding.rule == rule]


def test_an_index_bigger_than_the_hosts_fires_with_the_arithmetic() -> None:
    # healthy(): 10,000,000 items x 256 x 4 B = 10.2 GB of float32 vectors; 2 hosts x 4 GB hold 8 GB
    diagram = with_memory(healthy(), memory_gb_per_host=4, index_shards=2)
    [finding] = findings(diagram)
    assert finding.severity == "warning" and finding.stage == 6 and finding.blocks == ("index",)
    assert finding.message == (
        "Step 6, Deployment and serving: the vectors of “ANN index” need 10.2 GB (10,000,000 items × 256 × 4 B), "
        "but 2 hosts × 4 GB hold only 8 GB: it takes at least 3 hosts")
    assert finding.hint == ("split the index over at least 3 hosts (Index shards in the estimate inputs), or store "
                            "the vectors more compactly (int8: 2.56 GB and PQ: 640 MB), or correct the Memory per "
                            "index host (GB)")


def test_the_finding_and_the_estimates_agree_on_the_hosts() -> None:
    diagram = with_memory(healthy(), memory_gb_per_host=3)
    [finding] = findings(diagram)
    hosts = estimate(diagram).get("index_hosts")
    assert hosts is not None and f"at least {hosts.result}" in finding.message  # 10.24 / 3 -> 4 hosts


def test_an_index_that_fits_or_states_no_memory_is_quiet() -> None:
    assert findings(with_memory(healthy(), memory_gb_per_host=16)) == []  # 10.2 GB in 16 GB
    assert findings(with_memory(healthy(), memory_gb_per_host=4, index_shards=3)) == []  # 12 GB
    assert findings(with_memory(healthy(), memory_gb_per_host=4, embedding_precision="int8")) == []  # 2.56 GB
    assert findings(with_memory(healthy(), embedding_dim=4096)) == []  # no memory stated: nothing to contradict
    assert findings(healthy().build()) == []


def test_the_designs_precision_is_the_one_weighed() -> None:
    # PQ at 64 B: 10,000,000 x 64 B = 640 MB, over a 0.5 GB host; the smaller-precision hint has nothing to offer
    [finding] = findings(with_memory(healthy(), memory_gb_per_host=0.5, embedding_precision="pq"))
    assert "need 640 MB (10,000,000 items × 64 B)" in finding.message
    assert "more compactly" not in finding.hint


def test_without_an_index_or_a_corpus_nothing_is_said() -> None:
    no_index = healthy().remove("index").remove("indexer")
    assert findings(with_memory(no_index, memory_gb_per_host=1)) == []
    no_corpus = healthy().require(corpus_size=None)
    assert findings(with_memory(no_corpus, memory_gb_per_host=1)) == []


def test_the_rule_can_be_disabled_like_any_other() -> None:
    design = healthy()
    design.rules = {"disabled": ["index-exceeds-memory"]}
    assert findings(with_memory(design, memory_gb_per_host=1)) == []
