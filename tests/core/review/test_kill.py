"""Crash safety, a short run of ``benchmarks/kill_test.py`` (the full one kills hundreds of
times): SIGKILL at random moments loses nothing acknowledged and never damages the file."""

from __future__ import annotations

import importlib.util
import random
import sqlite3
import sys

import pytest

from tests.factories.paths import BENCHMARKS

KILL_TEST = BENCHMARKS / "kill_test.py"


@pytest.fixture(scope="module")
def kt():
    spec = importlib.util.spec_from_file_location("kill_test", KILL_TEST)
    module = importlib.util.module_from_spec(spec)
    sys.modules["kill_test"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_model_of_the_stream(kt):
    notes, findings = kt.model(10)
    # ops 0-2 link, 3 finding, 4 removes op0, 5-7 link, 8 finding, 9 removes op1
    assert notes == ["op2", "op5", "op6", "op7"]
    assert findings == {kt.ITEMS[3]: "op3", kt.ITEMS[8 % len(kt.ITEMS)]: "op8"}


def test_the_check_catches_a_lost_action(kt, tmp_path):
    path = tmp_path / "s.review"
    kt.make_review(path)
    from reviewer_app.core.review.store import ReviewStore

    with ReviewStore.open(path) as store:
        for i in range(8):
            kt.apply_op(store, i)
    assert kt.check_file(path, 8, 9) == 8
    with pytest.raises(kt.Broken, match="acknowledged"):
        kt.check_file(path, 9, 10)
    with sqlite3.connect(path) as c:  # lose an acknowledged evidence behind the app's back
        c.execute("DELETE FROM evidence WHERE note = 'op7'")
    with pytest.raises(kt.Broken, match="evidence after 8 ops"):
        kt.check_file(path, 8, 9)


def test_random_kills_of_a_command_stream(kt, tmp_path):
    path = tmp_path / "stream.review"
    kt.make_review(path)
    report = kt.run_stream_kills(path, kills=16, rng=random.Random(5))
    assert report.kills == 16 and report.ops_acknowledged > 0 and report.mid_stream > 0


def test_random_kills_in_the_middle_of_reviewer_app_link(kt, tmp_path):
    path = tmp_path / "link.review"
    kt.make_review(path)
    report = kt.run_link_kills(path, kills=10, rng=random.Random(9))
    assert report.link_kills >= 1 and report.links_acknowledged >= 1
