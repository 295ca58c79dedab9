"""The review file's schema, as sqlite-utils migrations.

``SCHEMA_VERSION`` (also written to ``PRAGMA user_version``) is the number of migrations
this build knows; a file with a higher number was written by a newer app and is refused.
Add a migration by appending a function; never edit one that has shipped.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("reviewer_app")

# Frozen with m001 (a shipped migration never changes); the vocabulary is core/vocabulary.py,
# and tests check that its values are exactly these.
M001_RESULTS = ("met", "partial", "not_met", "not_applicable", "not_assessed")
M001_EVIDENCE_STATUSES = ("intact", "moved", "changed", "orphaned")


@migrations()
def m001_initial(db: Database) -> None:
    db.executescript(
        f"""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE review (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            agency_name TEXT NOT NULL, agency_ori TEXT NOT NULL DEFAULT '',
            agency_state TEXT NOT NULL DEFAULT '', credentialing_body TEXT NOT NULL DEFAULT '',
            assessor TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '',
            standards_id TEXT NOT NULL, standards_sha256 TEXT NOT NULL,
            standards_json TEXT NOT NULL, created_at TEXT NOT NULL
        );
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
            filename TEXT NOT NULL, page_count INTEGER NOT NULL, pdf_id TEXT NOT NULL DEFAULT '',
            page_labels TEXT NOT NULL DEFAULT '[]', extractor_version INTEGER NOT NULL,
            added_at TEXT NOT NULL, added_by TEXT NOT NULL DEFAULT '',
            replaces INTEGER REFERENCES documents(id), active INTEGER NOT NULL DEFAULT 1,
            data BLOB NOT NULL
        );
        CREATE TABLE doc_pages (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            page INTEGER NOT NULL, text TEXT NOT NULL, words BLOB NOT NULL,
            width REAL NOT NULL, height REAL NOT NULL, rotation INTEGER NOT NULL,
            PRIMARY KEY (doc_id, page)
        );
        CREATE TABLE evidence (
            id INTEGER PRIMARY KEY, item_id TEXT NOT NULL,
            doc_id INTEGER NOT NULL REFERENCES documents(id),
            kind TEXT NOT NULL CHECK (kind IN ('text', 'area')),
            page INTEGER NOT NULL, start INTEGER, end INTEGER,
            exact TEXT NOT NULL DEFAULT '', prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '', quads TEXT NOT NULL DEFAULT '[]',
            extractor_version INTEGER NOT NULL, note TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'intact'
                CHECK (status IN ({", ".join(repr(s) for s in M001_EVIDENCE_STATUSES)})),
            previous_exact TEXT NOT NULL DEFAULT '',
            created_by TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL
        );
        CREATE INDEX evidence_item ON evidence(item_id);
        CREATE INDEX evidence_doc ON evidence(doc_id);
        CREATE TABLE findings (
            item_id TEXT PRIMARY KEY,
            result TEXT NOT NULL CHECK (result IN ({", ".join(repr(r) for r in M001_RESULTS)})),
            rationale TEXT NOT NULL DEFAULT '', needs_rereview INTEGER NOT NULL DEFAULT 0,
            updated_by TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL
        );
        CREATE TABLE log (
            id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL,
            action TEXT NOT NULL, summary TEXT NOT NULL, payload TEXT NOT NULL DEFAULT '{{}}'
        );
        CREATE TRIGGER log_no_update BEFORE UPDATE ON log
            BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
        CREATE TRIGGER log_no_delete BEFORE DELETE ON log
            BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
        CREATE TABLE passages (
            id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL REFERENCES documents(id)
                ON DELETE CASCADE,
            page INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
            section TEXT NOT NULL DEFAULT '', heading TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL
        );
        CREATE INDEX passages_doc ON passages(doc_id);
        CREATE VIRTUAL TABLE passages_fts USING fts5(
            text, heading, content='passages', content_rowid='id',
            tokenize='porter unicode61 remove_diacritics 2'
        );
        """
    )


@migrations()
def m002_passage_outline(db: Database) -> None:
    """Passages remember their heading chain and kind; the index searches the chain too.

    Passages of files written before this migration are rebuilt from the stored pages.
    """
    from reviewer_app.core.index.passages import create_passage_index, reindex_all

    db.execute("DROP TABLE passages_fts")
    db.execute("DELETE FROM passages")
    db.execute("ALTER TABLE passages ADD COLUMN context TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE passages ADD COLUMN kind TEXT NOT NULL DEFAULT 'paragraph'")
    create_passage_index(db)
    reindex_all(db)


@migrations()
def m003_review_uuid(db: Database) -> None:
    """Every review carries a stable UUID, so a copied, moved or renamed file is still known
    as the same review (the caseload index keys on it). Older files get the id derived from
    their immutable parts (``review_id.legacy_review_uuid``), which the caseload scanner
    also computes for files it cannot migrate."""
    from reviewer_app.core.review.review_id import legacy_review_uuid

    db.execute("ALTER TABLE review ADD COLUMN review_uuid TEXT NOT NULL DEFAULT ''")
    if db.execute("SELECT count(*) FROM review").fetchone()[0]:
        db.execute("UPDATE review SET review_uuid = ?", [legacy_review_uuid(db.conn)])


@migrations()
def m004_log_chain(db: Database) -> None:
    """The log becomes a hash chain sealing the review's state (see ``log_chain``); the
    rows of an older file are sealed by one ``chain_start`` entry."""
    from datetime import UTC, datetime

    from reviewer_app.core.review.log_chain import start_chain

    for column in ("prev_hash", "state_hash", "row_hash"):
        db.execute(f"ALTER TABLE log ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
    at = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    start_chain(db.conn, at)


@migrations()
def m007_extra_sets(db: Database) -> None:
    """A review may assess several standards sets (issue 17). The set it was created with
    stays in ``review``; each further set is a snapshot here (like the primary's copy),
    and the crosswalks that propose evidence between them are snapshots too, so later
    edits to the files never change a review. Findings and evidence of a further set name
    their item qualified, ``SETID/ITEM`` (``extra_sets.qualify``); the primary's stay bare."""
    db.executescript(
        """
        CREATE TABLE review_sets (
            set_id TEXT PRIMARY KEY, position INTEGER NOT NULL,
            standards_json TEXT NOT NULL, standards_sha256 TEXT NOT NULL,
            added_at TEXT NOT NULL
        );
        CREATE TABLE review_crosswalks (
            crosswalk_id TEXT PRIMARY KEY, from_set TEXT NOT NULL, to_set TEXT NOT NULL,
            crosswalk_json TEXT NOT NULL, sha256 TEXT NOT NULL, added_at TEXT NOT NULL
        );
        """
    )


@migrations()
def m006_stable_ids(db: Database) -> None:
    """Stable ids for merging copies edited offline (``stable_ids``, ``merge``): a uid for
    every log row and evidence, ``stamps`` naming the action that last set each row, and
    ``merge_conflicts`` for what two copies changed differently."""
    from reviewer_app.core.review.stable_ids import add_stable_ids

    add_stable_ids(db.conn)


# Frozen with m005: who worked on a review, and the stages a review passes through.
# (Applied after m007 and m006, which reached main first: migrations run in the order they
# are written and are recorded by name, so a file that has those gets m005 on its own.)
M005_ROLES = ("assessor", "second_reviewer", "approving_official")
M005_STAGES = ("assessment", "second_review", "reconciliation", "signed_off")


@migrations()
def m005_people_and_stages(db: Database) -> None:
    """People and their roles, the second reviewer's blind results, reconciliations and the
    review's stage (with its sign-off). Every row has a natural key (the item) or a uuid4
    hex id, so that two copies of one review can later be merged by union; reopening is
    kept in the log."""
    results = ", ".join(repr(r) for r in M001_RESULTS)
    db.executescript(
        f"""
        CREATE TABLE people (
            id TEXT PRIMARY KEY, name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ({", ".join(repr(r) for r in M005_ROLES)})),
            added_at TEXT NOT NULL, UNIQUE (name, role)
        );
        CREATE TABLE second_results (
            item_id TEXT PRIMARY KEY, result TEXT NOT NULL CHECK (result IN ({results})),
            rationale TEXT NOT NULL DEFAULT '', person TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL
        );
        CREATE TABLE reconciliations (
            item_id TEXT PRIMARY KEY, result TEXT NOT NULL CHECK (result IN ({results})),
            note TEXT NOT NULL, person TEXT NOT NULL DEFAULT '', at TEXT NOT NULL
        );
        CREATE TABLE stage (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            stage TEXT NOT NULL DEFAULT 'assessment'
                CHECK (stage IN ({", ".join(repr(s) for s in M005_STAGES)})),
            signed_by TEXT NOT NULL DEFAULT '', signed_role TEXT NOT NULL DEFAULT '',
            signed_at TEXT NOT NULL DEFAULT ''
        );
        INSERT INTO stage (id) VALUES (1);
        """
    )

SCHEMA_VERSION = len(migrations._migrations)
