"""m006_stable_ids: uids for log rows and evidence, stamps, and what a copy knows."""

from __future__ import annotations

import shutil

from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.integrity import all_problems
from reviewer_app.core.review.stable_ids import known_actions, log_uids
from reviewer_app.core.review.store import ReviewStore
from tests.data import make_golden_reviews as golden
from tests.factories.merging import content_of, merged

OLD = golden.DATA / "review-schema4-v0.1.0.review"


def test_an_upgraded_file_gets_the_same_ids_in_every_copy(tmp_path):
    a, b = tmp_path / "a.review", tmp_path / "b.review"
    shutil.copyfile(OLD, a)
    shutil.copyfile(OLD, b)
    with ReviewStore.open(a) as sa, ReviewStore.open(b) as sb:
        assert log_uids(sa.conn) == log_uids(sb.conn)
        assert len(set(log_uids(sa.conn))) == len(log_uids(sa.conn))
        uids = [e.uid for e in sa.evidence()]
        assert uids == [e.uid for e in sb.evidence()] and all(uids)
        assert all_problems(sa.conn) == []  # the chain still verifies with the uids
        stamped = sa.conn.execute("SELECT count(*) FROM stamps WHERE tbl = 'findings'")
        assert stamped.fetchone()[0] == len(sa.findings())
        cmd.run(sa, cmd.EditReview({"notes": "edited on laptop A"}))
        cmd.run(sb, cmd.SetFinding("no_knock", "met", "edited on laptop B"))
        assert all_problems(sa.conn) == []
    # copies upgraded apart merge without conflicts, each taking the other's change
    c = merged(a, b, tmp_path / "ab.review")
    assert c is not None and c.plan is not None and not c.plan.conflicts
    assert merged(b, a, tmp_path / "ba.review") is not None
    content = content_of(tmp_path / "ab.review")
    assert content == content_of(tmp_path / "ba.review")
    assert "laptop A" in content["review"]["notes"]
    assert "laptop B" in content["findings"]["no_knock"]


def test_every_action_gets_a_uid_and_stamps_what_it_set(review):
    store, doc_id = review
    c = cmd.run(store, cmd.SetFinding("chokehold", "met", "ok"))
    last = store.conn.execute("SELECT uid FROM log ORDER BY id DESC LIMIT 1").fetchone()[0]
    stamp = store.conn.execute("SELECT set_by FROM stamps WHERE tbl = 'findings' AND key = "
                               "'chokehold'").fetchone()[0]
    assert stamp == last and len(last) == 32
    cmd.revert(store, c)  # an undo is an action too: the row's removal is stamped by it
    undo = store.conn.execute("SELECT uid FROM log ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert store.conn.execute("SELECT set_by FROM stamps WHERE key = 'chokehold'"
                              ).fetchone()[0] == undo
    assert {last, undo} <= known_actions(store.conn)


def test_a_log_uid_edited_outside_the_app_breaks_the_chain(review):
    store, _ = review
    cmd.run(store, cmd.SetFinding("chokehold", "met", "ok"))
    store.conn.execute("DROP TRIGGER log_no_update")
    store.conn.execute("UPDATE log SET uid = 'x' WHERE id = (SELECT max(id) FROM log)")
    assert any("altered" in p for p in all_problems(store.conn))


def test_a_copied_evidence_record_gets_a_uid_of_its_own(review):
    """A command that copies an evidence record (``replace(ev, id=new)``) keeps its uid;
    the copy is given a fresh one, so every evidence stays one key across copies."""
    from dataclasses import replace

    from reviewer_app.core.review.commands import AddEvidence, next_evidence_id
    from tests.factories.pdfs import CHOKE
    from tests.factories.reviews import link

    store, doc_id = review
    first = store.evidence_by_id(link(store, "chokehold", doc_id, CHOKE))
    copy = replace(first, id=next_evidence_id(store), item_id="legal_compliance")
    cmd.run(store, AddEvidence(item_id="legal_compliance", doc_id=doc_id, kind="text",
                               page=first.page, quads=first.quads, evidence=copy))
    uids = [e.uid for e in store.evidence()]
    assert len(set(uids)) == 2 and uids[0] == first.uid
    stamped = {k for (k,) in store.conn.execute(
        "SELECT key FROM stamps WHERE tbl = 'evidence'")}
    assert set(uids) <= stamped
