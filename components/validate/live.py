"""Live validation: findings and step coverage that follow a Document edit by edit, always equal to a full
validation, at a cost that grows with what an edit can change rather than with the design.

After an edit, each rule is re-checked only if the edit touches what it reads (``Reads``: a block of its
kinds added or removed, a connector of its flows, one of its properties, any label), and then only for the
blocks its scope (``components.validate.scopes``) says the edit can reach: ``Local`` rules on one small
piece of the design holding every affected block's surroundings, ``Parts`` rules on the parts the edit
touched, ``Summary`` rules on the few blocks they need. A change of the requirements card runs the rules
reading the fields that changed, over the whole design; new rule settings and a new document run
everything again.

    live = LiveValidation(doc)        # follows doc.events from now on
    ... edits ...
    live.update()                     # True when findings or coverage changed
    live.findings, live.coverage
    live.delta                        # which findings appeared and went in that update
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field

from components.catalog import KINDS
from components.document import Document
from components.events import ChangeEvent
from components.gcpause import without_gc
from components.validate.delta import FindingsDelta, follow
from components.validate.engine import enabled, findings_of
from components.validate.findings import Finding, StepCoverage
from components.validate.graph import DiagramGraph
from components.validate.live_graph import Change, LiveGraph
from components.validate.live_parts import MainParts, PartGroup
from components.validate.rules.base import Hit, Rule
from components.validate.rules.coverage import BLOCK_STEPS, block_step, scale_fields, steps_of
from components.validate.rules.regions import BATCH_MODEL, ONLINE_MODEL
from components.validate.scopes import Local, MainPart, Parts, PartSpec, Summary

# A full run instead when an edit touches more blocks than this share of the design and this many (a
# paste of thousands): one pass over everything is then cheaper than many small pieces.
_BULK_SHARE = 0.25
_BULK_MIN = 200
_RENAMED = ("label", "")  # the reason a rename gives


@dataclass
class _Reading:
    """A rule's ``Reads`` as sets, for telling at once whether a change concerns it."""

    kinds: frozenset[str]
    any_kind: bool
    flows: frozenset[str]
    props: frozenset[str]

    @classmethod
    def of(cls, entry: Rule) -> _Reading:
        reads = entry.reads
        return cls(frozenset(reads.kinds), any(kind not in KINDS for kind in reads.kinds), frozenset(reads.flows),
                   frozenset(reads.props))

    def concerns(self, reasons: Iterable[tuple[str, str]]) -> bool:
        for what, name in reasons:
            if (what == "label" or (what == "flow" and name in self.flows) or (what == "prop" and name in self.props)
                    or (what == "kind" and (self.any_kind or name in self.kinds))):
                return True
        return False


@dataclass
class _LocalState:
    found: dict[str | None, list[Finding]] = field(default_factory=dict)  # subject (None: no block) -> findings
    traced: dict[str, set[str]] = field(default_factory=dict)  # subject -> its traced region
    traced_by: dict[str, set[str]] = field(default_factory=dict)  # block -> the subjects whose region has it


class LiveValidation:
    """Findings and coverage of ``doc``, following its events (see the module docstring)."""

    def __init__(self, doc: Document, follow: bool = True) -> None:
        self.doc = doc
        self.graph = LiveGraph(doc)
        self._change = Change()
        self.findings: list[Finding] = []
        self.coverage: list[StepCoverage] = []
        self.delta = FindingsDelta()  # what the last ``update`` changed in ``findings``
        self.full_runs = 0
        if follow:
            self.follow()
        self._run_all()

    def follow(self) -> None:
        """Follow the document's events from now on. Without ``follow`` at construction, the state can be
        built on another thread (the window's first run of a big design) and follow the edits only once
        it is handed back, provided the document did not change meanwhile."""
        self.doc.events.subscribe(self._note)

    def close(self) -> None:
        """Stop following the document."""
        self.doc.events.unsubscribe(self._note)

    def _note(self, event: ChangeEvent) -> None:
        self.graph.apply(event, self._change)

    @property
    def pending(self) -> bool:
        """Whether edits happened since the last ``update``."""
        return bool(self._change)

    @property
    def needs_full_run(self) -> bool:
        """Whether the next ``update`` runs everything again (a new document, new rule settings, a bulk edit)."""
        change = self._change
        return change.reset or bool(change.meta) or len(change.reasons) > max(
            _BULK_MIN, _BULK_SHARE * len(self.doc.diagram.blocks))

    @without_gc
    def update(self) -> bool:
        """Bring findings and coverage up to date with the edits since the last call; returns whether
        either changed."""
        change, self._change = self._change, Change()
        self.delta = FindingsDelta()
        if not change:
            return False
        before = (self.findings, self.coverage)
        self._change = change
        full = self.needs_full_run
        self._change = Change()
        if full:
            self._run_all()
        else:
            self._follow(change)
        self.delta, self.findings = follow(before[0], self.findings)
        return bool(self.delta) or (self.findings, self.coverage) != before

    # ----- everything again ---------------------------------------------------------------------------
    def _run_all(self) -> None:
        self.full_runs += 1
        diagram = self.doc.diagram
        self._rules = enabled(diagram)
        self._severity = {entry.id: severity for entry, severity in self._rules}
        self._reading = {entry.id: _Reading.of(entry) for entry, _ in self._rules}
        whole = DiagramGraph(diagram)
        self._local: dict[str, _LocalState] = {}
        self._summary: dict[str, list[Finding]] = {}
        self._main_found: list[Finding] = []
        self._main: MainParts | None = None
        specs: dict[PartSpec, list[tuple[Rule, Parts, str]]] = {}
        for entry, severity in self._rules:
            scope = entry.scope
            if isinstance(scope, Local):
                state = self._local[entry.id] = _LocalState()
                for finding in self._evaluate(entry, whole)[0]:
                    state.found.setdefault(self._subject(scope, finding), []).append(finding)
                if scope.traced is not None:
                    for subject in self.graph.of_kinds(scope.subjects):
                        self._trace(state, scope, subject)
            elif isinstance(scope, Parts):
                specs.setdefault(scope.spec, []).append((entry, scope, severity))
            elif isinstance(scope, Summary):
                self._summary[entry.id] = self._evaluate(entry, whole)[0]
            elif isinstance(scope, MainPart):
                self._main = MainParts(self.graph)
                self._main_found = self._main.findings(entry, self._evaluate)
        self._groups = [PartGroup(spec, rules, self.graph, self._evaluate) for spec, rules in specs.items()]
        self._stages: dict[int, list[str]] = {number: [] for number in BLOCK_STEPS}
        for block in diagram.blocks:
            number = block_step(block.kind)
            if number is not None:
                self._stages[number].append(block.id)
        self._cover()
        self._collect()

    def _cover(self) -> None:
        facts = self.graph.facts
        self.coverage = steps_of(self.doc.diagram.requirements, self._stages,
                                 scale_fields(bool(facts[ONLINE_MODEL]), bool(facts[BATCH_MODEL])))

    # ----- one edit ------------------------------------------------------------------------------------
    def _follow(self, change: Change) -> None:
        self._follow_local(change)
        for group in self._groups:
            touched = [block_id for block_id, reasons in change.reasons.items()
                       if any(self._reading[entry.id].concerns(reasons) for entry, _, _ in group.rules)]
            if touched:
                group.update(touched)
        for entry, _ in self._rules:
            scope = entry.scope
            if isinstance(scope, Summary) and self._summary_concerned(entry, change):
                support = scope.support(self.graph)
                graph = DiagramGraph(self.doc.diagram if support is None else self.graph.piece(support))
                self._summary[entry.id] = self._evaluate(entry, graph)[0]
            elif isinstance(scope, MainPart) and self._main is not None:
                renamed = any(_RENAMED in change.reasons.get(block_id, ()) for block_id in self._main.outside)
                if self._main.update(change) or renamed:
                    self._main_found = self._main.findings(entry, self._evaluate)
        if change.requirements or change.estimates:  # after the parts follow the edits: none may hold a block gone
            self._follow_requirements(change.requirements, change.estimates)
        self._follow_stages(change)
        self._collect()

    def _summary_concerned(self, entry: Rule, change: Change) -> bool:
        """Whether a Summary rule must run again. A rename alone matters only for a block its findings
        name (its messages name no other block): one block renamed in a design the rule reads as a
        whole would otherwise cost a graph of the whole design (0.1 s at 45,000 blocks)."""
        reading = self._reading[entry.id]
        named: set[str] | None = None
        for block_id, reasons in change.reasons.items():
            if reading.concerns(reason for reason in reasons if reason != _RENAMED):
                return True
            if _RENAMED not in reasons:  # (a label concerns every rule: it names the block in messages)
                continue
            if named is None:
                named = {name for finding in self._summary[entry.id] for name in finding.blocks}
            if block_id in named:
                return True
        return False

    def _follow_stages(self, change: Change) -> None:
        """Keep the blocks covering steps 3-7 in document order; the seven steps again if they changed.
        Every block an edit added, removed or gave another kind leaves its steps first and the ones still
        there come back under their kind's step after: a block placed among others must not meet one that
        is gone but not yet taken out (a removal and an addition in one update)."""
        touched: list[str] = []
        for block_id, reasons in change.reasons.items():
            for what, kind in reasons:
                number = block_step(kind) if what == "kind" else None
                if number is None:
                    continue
                members = self._stages[number]
                if block_id in members:
                    members.remove(block_id)
                touched.append(block_id)
        position = self.graph.block_positions()
        for block_id in dict.fromkeys(touched):
            number = block_step(self.graph.kind(block_id)) if self.graph.has(block_id) else None
            if number is not None:
                members = self._stages[number]
                members.insert(bisect.bisect(members, position[block_id], key=position.__getitem__), block_id)
        if touched or {ONLINE_MODEL, BATCH_MODEL} & change.flipped:
            self._cover()

    def _follow_requirements(self, names: set[str], estimates: set[str]) -> None:
        """Run again, over the whole design, the rules reading a requirement or estimate input that changed."""

        def reads(entry: Rule) -> bool:
            return bool(names & set(entry.reads.requirements) or estimates & set(entry.reads.estimates))

        whole: DiagramGraph | None = None
        for entry, _ in self._rules:
            if not reads(entry):
                continue
            scope = entry.scope
            if isinstance(scope, Local | Summary):
                whole = whole or DiagramGraph(self.doc.diagram)
                found = self._evaluate(entry, whole)[0]
                if isinstance(scope, Summary):
                    self._summary[entry.id] = found
                    continue
                state = self._local[entry.id]
                state.found = {}
                for finding in found:
                    state.found.setdefault(self._subject(scope, finding), []).append(finding)
        for group in self._groups:
            group.reevaluate({entry.id for entry, _, _ in group.rules if reads(entry)})
        self._cover()

    def _follow_local(self, change: Change) -> None:
        """Re-check the Local rules' affected subjects, all on one piece of the design."""
        graph = self.graph
        affected: dict[str, set[str | None]] = {}
        region: set[str] = set()
        for entry, _ in self._rules:
            scope = entry.scope
            if not isinstance(scope, Local):
                continue
            state, reading = self._local[entry.id], self._reading[entry.id]
            subjects: set[str | None] = set()
            for block_id, reasons in change.reasons.items():
                if not reading.concerns(reasons):
                    continue
                subjects |= state.traced_by.get(block_id, set())
                if graph.has(block_id):
                    subjects |= scope.inverse(graph, block_id)
                if block_id in state.found:  # gone, or now of a kind the rule does not judge
                    subjects.add(block_id)
            if set(scope.facts) & change.flipped:
                subjects |= set(graph.of_kinds(scope.subjects)) | {None}
            if not subjects:
                continue
            kept: set[str | None] = set()
            for subject in subjects:
                if subject is None:
                    kept.add(None)
                elif not graph.has(subject) or not scope.is_subject(graph, subject):  # gone, or changed kind
                    state.found.pop(subject, None)
                    self._forget(state, subject)
                else:
                    kept.add(subject)
                    region |= scope.reach(graph, subject)
                    if scope.traced is not None:
                        region |= self._trace(state, scope, subject)
            for name in scope.facts:
                region |= graph.witness(name)
            affected[entry.id] = kept
        if not region and not any(None in subjects for subjects in affected.values()):
            return
        piece = DiagramGraph(graph.piece(region))
        for entry, _ in self._rules:
            chosen = affected.get(entry.id)
            if not chosen or not isinstance(entry.scope, Local):
                continue
            state = self._local[entry.id]
            found: dict[str | None, list[Finding]] = {}
            for finding in self._evaluate(entry, piece)[0]:
                found.setdefault(self._subject(entry.scope, finding), []).append(finding)
            for subject in chosen:
                if subject in found:
                    state.found[subject] = found[subject]
                else:
                    state.found.pop(subject, None)

    # ----- helpers -------------------------------------------------------------------------------------
    def _evaluate(self, entry: Rule, graph: DiagramGraph) -> tuple[list[Finding], list[Hit]]:
        hits = list(entry.check(graph))
        return findings_of(entry, self._severity[entry.id], hits), hits

    @staticmethod
    def _subject(scope: Local, finding: Finding) -> str | None:
        return finding.blocks[scope.subject_at] if len(finding.blocks) > scope.subject_at else None

    def _trace(self, state: _LocalState, scope: Local, subject: str) -> set[str]:
        """Run the subject's traced search again: remember what it watched, return what a piece needs."""
        self._forget(state, subject)
        watched, needed = scope.traced(self.graph, subject) if scope.traced is not None else (set(), set())
        if watched:
            state.traced[subject] = watched
            for block_id in watched:
                state.traced_by.setdefault(block_id, set()).add(subject)
        return needed

    @staticmethod
    def _forget(state: _LocalState, subject: str) -> None:
        for block_id in state.traced.pop(subject, ()):
            state.traced_by[block_id].discard(subject)

    def _collect(self) -> None:
        found: list[Finding] = []
        for entry, _ in self._rules:
            scope = entry.scope
            if isinstance(scope, Local):
                for findings in self._local[entry.id].found.values():
                    found += findings
            elif isinstance(scope, Summary):
                found += self._summary[entry.id]
            elif isinstance(scope, MainPart):
                found += self._main_found
        for group in self._groups:
            for findings in group.findings.values():
                found += findings
        found.sort(key=Finding.sort_key)
        self.findings = found
