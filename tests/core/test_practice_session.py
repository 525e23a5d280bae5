"""Practice sessions on a fake clock: phases by length, pause and resume, nudges at the boundaries, time up,
questions, where the time went, and a session surviving a save and restore (a crash)."""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from components.commands import AddBlock, Connect, History, MoveItems, SetMeta, UpdateItem
from components.document import Document
from components.model import Block, Connector, Diagram, Requirements
from components.practice import LENGTHS, PHASES, FakeClock, Session, SessionError, nudge_text, prompt_catalog
from components.practice.activity import phase_of_edit
from components.practice.phases import MINUTES, phase_of_step, plan, retry_plan
from components.practice.records import RetryOf
from components.practice.session import NO_EDIT

PROMPT = prompt_catalog().find("video-recommendation").prompt


def session(length: int = 30) -> tuple[Session, FakeClock]:
    clock = FakeClock()
    return Session(PROMPT, length, clock), clock


def minutes(value: float) -> float:
    return value * 60


@pytest.mark.parametrize("length", LENGTHS)
def test_suggested_minutes_follow_the_length_and_add_up(length: int) -> None:
    planned = plan(length)
    assert [entry.key for entry in planned] == [phase.key for phase in PHASES]
    assert sum(entry.minutes for entry in planned) == length and planned[-1].end == minutes(length)
    assert all(later.start == earlier.end for earlier, later in itertools.pairwise(planned))
    serving = next(entry for entry in planned if entry.key == "serving")
    assert serving.minutes == max(MINUTES[length])  # serving gets the most time, as in an interview
    with pytest.raises(ValueError, match="lasts 30, 45, 60 minutes, not 20"):
        plan(20)


def test_a_retry_times_the_phase_of_its_step_alone() -> None:
    [only] = retry_plan(45, phase_of_step(5).key)
    assert only.key == "evaluation" and only.minutes == 6 and (only.start, only.end) == (0, minutes(6))
    assert phase_of_step(1).key == phase_of_step(2).key == "requirements"
    retry = Session(PROMPT, 45, FakeClock(), retry=RetryOf(attempt="a", step=7, before=1))
    assert [entry.key for entry in retry.plan] == ["monitoring"] and retry.duration == minutes(5)


def test_elapsed_time_leaves_pauses_out_and_stops_at_the_end() -> None:
    run, clock = session()
    clock.advance(90)
    assert run.elapsed() == 90 and run.current().key == "requirements" and run.state == "running"
    run.pause()
    clock.advance(600)
    assert run.elapsed() == 90 and run.state == "paused"
    run.pause()  # pausing twice counts once
    run.resume()
    clock.advance(minutes(4))
    assert run.elapsed() == 330 and run.current().key == "data" and run.pauses == 1
    clock.advance(minutes(60))
    assert run.elapsed() == run.duration == minutes(30) and run.remaining() == 0
    assert run.current().key == "wrap_up"


def test_nudges_come_once_per_boundary_passed_and_only_when_the_phase_has_nothing() -> None:
    run, clock = session()
    design = Diagram(requirements=Requirements(business_objective="Watch time", dau=10**8, ml_objective="P(watch)",
                                               task_type="ranking"))

    def check(planned):  # the nudge for the design as it is when the boundary passes
        return nudge_text(planned, design)

    clock.advance(minutes(4))
    assert run.tick(check).nudges == ()
    clock.advance(minutes(1))  # 5:00, the end of requirements and framing
    [first] = run.tick(check).nudges
    assert first.text == "5 minutes in, no latency SLO or metrics yet" and first.phase == "requirements"
    assert run.tick(check).nudges == ()  # the same boundary is not nudged twice
    design.blocks.append(Block(id="logs", kind="data_source"))
    clock.advance(minutes(8))  # past 9:00 (data) and 13:00 (model) at once
    nudges = run.tick(check).nudges
    assert [nudge.text for nudge in nudges] == ["13 minutes in, nothing for model yet (training and experiment "
                                                "tracking)"]
    assert [nudge.at for nudge in run.nudges] == [minutes(5), minutes(13)]


def test_time_up_ends_the_session_and_nothing_happens_after() -> None:
    run, clock = session()
    clock.advance(minutes(31))
    tick = run.tick(lambda _planned: "nothing yet")
    assert tick.time_up and run.state == "ended" and run.ended_by == "time_up"
    assert len(tick.nudges) == len(PHASES) - 1  # every boundary but the end itself
    assert run.tick(lambda _planned: "again") == type(tick)((), False)
    with pytest.raises(SessionError, match="the session is over"):
        run.ask("scale")


def test_submit_ends_the_session_at_the_time_it_was_submitted() -> None:
    run, clock = session()
    clock.advance(minutes(12))
    run.submit()
    clock.advance(minutes(5))
    assert run.ended_by == "submit" and run.elapsed() == minutes(12)
    run.resume()  # an ended session does not start again
    assert run.state == "ended"


def test_asking_records_the_question_once_and_unknown_ones_are_refused() -> None:
    run, clock = session()
    clock.advance(30)
    assert run.ask("scale").topic == "scale"
    clock.advance(30)
    run.ask("scale")
    assert [(asked.id, asked.at) for asked in run.asked] == [("scale", 30)]
    with pytest.raises(SessionError, match="the prompt has no question 'weather'"):
        run.ask("weather")


def test_each_edit_counts_for_the_phase_of_what_it_touches() -> None:
    doc = Document()
    events = []
    doc.events.subscribe(lambda event: events.append(phase_of_edit(event, doc)))
    history = History(doc)
    history.push(AddBlock(Block(id="src", kind="data_source")))
    history.push(AddBlock(Block(id="train", kind="training_pipeline")))
    history.push(Connect(Connector(id="c", source="src", target="train", flow="data")))
    history.push(MoveItems({"src": (40, 40)}))
    history.push(UpdateItem("blocks", "train", {"tradeoffs": "GBDT over a DNN: cheaper"}))
    history.push(SetMeta("requirements", Requirements(dau=5)))
    history.push(SetMeta("title", "Mine"))
    history.push(AddBlock(Block(id="box", kind="custom")))
    assert events == ["data", "model", "model", None, "wrap_up", "requirements", None, None]


def test_time_per_phase_counts_the_time_before_each_edit_for_it() -> None:
    run, clock = session()
    clock.advance(minutes(2))
    run.ask("scale")  # 0-2 min: requirements
    clock.advance(minutes(3))
    run.record("data")  # 2-3: without edits, 3-5: data (two minutes of lead-in at most)
    clock.advance(minutes(1))
    run.record("data")  # 5-6: data
    run.pause()
    run.record("model")  # while paused: not counted
    clock.advance(minutes(10))
    run.resume()
    clock.advance(minutes(4))
    run.record("serving")  # 6-8: without edits, 8-10: serving
    clock.advance(minutes(3))
    run.submit()  # 10-12: after the last edit, still serving; 12-13: without edits
    spent = {row.phase: row.spent for row in run.phase_times()}
    assert spent == {"requirements": minutes(2), "data": minutes(3), "model": 0, "evaluation": 0,
                     "serving": minutes(4), "monitoring": 0, "wrap_up": 0, NO_EDIT: minutes(4)}
    assert sum(spent.values()) == run.elapsed()
    assert run.phase_times()[-1].name == "Without edits"


def test_time_with_no_edit_yet_is_its_own_row() -> None:
    run, clock = session()
    clock.advance(minutes(3))
    run.submit()
    rows = run.phase_times()
    assert rows[-1].phase == NO_EDIT and rows[-1].spent == minutes(3)
    assert [row.spent for row in rows[:-1]] == [0] * len(PHASES)


@given(st.lists(st.tuples(st.floats(0, 400), st.sampled_from([phase.key for phase in PHASES])), max_size=30),
       st.floats(0, 400))
@example(edits=[], tail=0.5)  # no edit and half a second: no "Without edits" row
def test_the_time_per_phase_always_adds_up_to_the_session(edits, tail) -> None:
    run, clock = session(60)
    for wait, phase in edits:
        clock.advance(wait)
        run.record(phase)
    clock.advance(tail)
    run.submit()
    rows = run.phase_times()
    spent = [row.spent for row in rows]
    assert all(value >= 0 for value in spent)
    missing = run.elapsed() - sum(spent)
    if any(row.phase == NO_EDIT for row in rows):
        assert missing == pytest.approx(0, abs=0.01)
    else:  # phase_times leaves out a "Without edits" row of half a second or less
        assert -0.01 <= missing <= 0.51


def test_a_saved_session_comes_back_paused_where_it_was() -> None:
    run, clock = session(45)
    clock.advance(minutes(3))
    run.ask("latency")
    clock.advance(minutes(6))
    run.record("data")
    run.tick(lambda planned: f"nudge {planned.key}")
    saved = json.loads(json.dumps(run.state_data()))  # as written beside the recovery copy
    later = FakeClock(wall_start=clock.wall() + 3600)
    back = Session.restore(saved, PROMPT, later)
    assert back.state == "paused" and back.elapsed() == minutes(9) and back.length == 45
    assert back.asked == run.asked and back.nudges == run.nudges and back.boundaries == 1
    assert back.phase_times() == run.phase_times() and back.started_at == run.started_at
    later.advance(600)
    assert back.elapsed() == minutes(9)  # paused until the candidate resumes
    back.resume()
    later.advance(60)
    assert back.elapsed() == minutes(10) and back.tick(lambda _planned: None).nudges == ()


@pytest.mark.parametrize(("damage", "message"), [
    ({"elapsed": -5}, "elapsed: Input should be greater than or equal to 0"),
    ({"length": 25}, "a practice session lasts 30, 45, 60 minutes, not 25"),
    ({"activity": [["data", "x", 1]]}, "an activity segment is [phase, start, end]"),
    ({"format": 9}, "format: Input should be 1"),
    ({"prompt_id": "video-search"}, "the saved session is on prompt 'video-search', not 'video-recommendation'"),
])
def test_a_damaged_saved_session_is_refused_with_one_line(damage: dict, message: str) -> None:
    run, _clock = session()
    with pytest.raises(SessionError) as caught:
        Session.restore({**run.state_data(), **damage}, PROMPT, FakeClock())
    assert message in str(caught.value) and "\n" not in str(caught.value)


ACTIONS = st.lists(st.one_of(st.tuples(st.just("advance"), st.floats(0, 900)),
                             st.tuples(st.sampled_from(["pause", "resume", "tick", "save"]), st.just(0.0))),
                   max_size=40)


@given(ACTIONS)
def test_elapsed_time_is_the_running_time_whatever_the_order_of_actions(actions) -> None:
    """A model of the clock: elapsed grows by every advance while running, never past the duration, never
    backwards, through pauses, ticks and save-and-restore."""
    run, clock = session()
    expected = 0.0
    for action, amount in actions:
        before = run.elapsed()
        if action == "advance":
            clock.advance(amount)
            if run.state == "running":
                expected = min(run.duration, expected + amount)
        elif action == "pause":
            run.pause()
        elif action == "resume":
            run.resume()
        elif action == "tick":
            run.tick(lambda _planned: None)
        else:
            running = run.state == "running"
            run = Session.restore(run.state_data(), PROMPT, clock) if run.state != "ended" else run
            if running:
                run.resume()
        assert run.elapsed() >= before - 1e-6
        assert run.elapsed() == pytest.approx(expected, abs=1e-2)
        assert run.elapsed() <= run.duration
