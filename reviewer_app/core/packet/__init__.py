"""The certification packet: what leaves the office, and the check that it is unaltered.

``export_packet(store, out_dir)`` writes, into a folder of its own:
``packet.pdf`` (the assessment report), ``annotated/<policy>.pdf`` (each policy with its
evidence as real highlight annotations), ``findings.json`` (NIST OSCAL
assessment-results) and ``manifest.json`` (SHA-256 of every file, and of the review).
It only reads the review. The packet is assembled in a temporary folder beside the
target and moved into place at the end, so a failed export leaves nothing half-written
and an earlier packet in the folder is replaced only by a complete new one.

``verify_packet(folder)`` reports each file as intact, altered, missing or unexpected.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reviewer_app import __version__
from reviewer_app.core.errors import ReviewError
from reviewer_app.core.packet.annotate import annotate_document, annotated_name
from reviewer_app.core.packet.crops import Crop, crops_for_document
from reviewer_app.core.packet.log_file import LOG_FILE, log_jsonl
from reviewer_app.core.packet.manifest import MANIFEST, build_manifest, write_manifest
from reviewer_app.core.packet.methodology import SEARCHES, STATE_LAW, absence_searches, where_cited
from reviewer_app.core.packet.model import PacketData, gather
from reviewer_app.core.packet.oscal import DocumentFile, findings_json
from reviewer_app.core.packet.targets import (
    check_target,
    clean_leftovers,
    move_into_place,
    resolve_target,
    temp_prefix,
)
from reviewer_app.core.packet.text_safety import plain_line
from reviewer_app.core.packet.verify import FileCheck, VerifyReport, verify_packet
from reviewer_app.core.review.integrity import require_intact
from reviewer_app.core.review.store import ReviewStore

PACKET_PDF, FINDINGS, ANNOTATED = "packet.pdf", "findings.json", "annotated"

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class PacketResult:
    folder: Path
    packet_id: str
    pages: int
    outcome: str
    assessed: int
    total: int
    files: dict[str, str] = field(default_factory=dict)  # relative path -> sha256
    blockers: tuple[str, ...] = ()  # why the packet is a draft, besides unassessed items
    warnings: tuple[str, ...] = ()

    @property
    def is_draft(self) -> bool:
        return self.assessed < self.total or bool(self.blockers)

    @property
    def packet_pdf(self) -> Path:
        return self.folder / PACKET_PDF

    @property
    def findings(self) -> Path:
        return self.folder / FINDINGS

    @property
    def manifest(self) -> Path:
        return self.folder / MANIFEST

    @property
    def annotated(self) -> list[Path]:
        return [self.folder / p for p in sorted(self.files) if p.startswith(ANNOTATED + "/")]


def export_packet(store: ReviewStore, out_dir: Path, progress: Progress | None = None,
                  force: bool = False) -> PacketResult:
    """Write the packet of the review into ``out_dir`` (created if needed). An earlier
    packet there that was changed after its export is replaced only with ``force``."""
    out_dir = resolve_target(Path(out_dir))
    clean_leftovers(out_dir)
    check_target(out_dir, force)
    require_intact(store.conn, store.path.name)  # never certify from a tampered file
    data = gather(store)
    data.extra[SEARCHES] = absence_searches(store, data)
    data.extra[STATE_LAW] = where_cited(store, data)
    docs = list(data.documents)
    steps, done = 2 * len(docs) + 4, 0

    def step(message: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, steps, message)

    step("Reading the review")
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=temp_prefix(out_dir), dir=out_dir.parent))
        tmp.chmod(0o755)
    except OSError as exc:
        raise ReviewError(f"{out_dir}: cannot create the packet folder ({exc.strerror}).") \
            from exc
    try:
        crops, files = _write_documents(store, data, docs, tmp, step)
        findings = findings_json(data, files)
        (tmp / FINDINGS).write_bytes(findings)
        step("Writing findings.json (OSCAL)")
        listing = [{"path": f.annotated_path, "sha256": f.annotated_sha256,
                    "what": "annotated copy of " + _title(data, f.doc_id)}
                   for f in files.values()]
        listing.append({"path": FINDINGS, "sha256": hashlib.sha256(findings).hexdigest(),
                        "what": "findings as NIST OSCAL assessment-results"})
        log = log_jsonl(data.log)
        (tmp / LOG_FILE).write_bytes(log)
        listing.append({"path": LOG_FILE, "sha256": hashlib.sha256(log).hexdigest(),
                        "what": f"the complete review log ({len(data.log)} entries, JSON lines)"})
        from reviewer_app.core.packet.pdf_document import build_report
        pdf, pages = build_report(data, crops, listing)
        (tmp / PACKET_PDF).write_bytes(pdf)
        step("Writing packet.pdf")
        manifest = build_manifest(tmp, data.packet_id, f"reviewer_app {__version__}",
                                  _review_entry(store, data))
        write_manifest(tmp, manifest)
        move_into_place(tmp, out_dir)
        step("Packet complete")
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ReviewError(f"{out_dir}: the packet could not be written ({exc}); "
                          "nothing was changed.") from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return PacketResult(out_dir, data.packet_id, pages, data.outcome_status, data.assessed,
                        data.total, {f["path"]: f["sha256"] for f in manifest["files"]},
                        data.blockers, data.warnings)


def _title(data: PacketData, doc_id: int) -> str:
    return next(d.title for d in data.documents if d.id == doc_id)


def _write_documents(store: ReviewStore, data: PacketData, docs, tmp: Path, step
                     ) -> tuple[dict[int, list[Crop]], dict[int, DocumentFile]]:
    (tmp / ANNOTATED).mkdir()
    evidence = [e.evidence for iv in data.items for e in iv.evidence]
    crops: dict[int, list[Crop]] = {}
    files: dict[int, DocumentFile] = {}
    taken: set[str] = set()
    for doc in docs:
        pdf = store.document_data(doc.id)
        mine = [e for e in evidence if e.doc_id == doc.id]
        crops.update(crops_for_document(pdf, store.document_text(doc.id), mine))
        step(f"Rendering evidence from {plain_line(doc.title, 120)}")
        annotated = annotate_document(pdf, mine, data.standards, data.info.assessor,
                                      data.packet_id, {iv.item.id: iv.result for iv in data.items})
        name = annotated_name(doc.filename, taken)
        (tmp / ANNOTATED / name).write_bytes(annotated)
        files[doc.id] = DocumentFile(doc.id, f"{ANNOTATED}/{name}",
                                     hashlib.sha256(annotated).hexdigest())
        step(f"Annotating {plain_line(doc.title, 120)}")
    return crops, files


def _review_entry(store: ReviewStore, data: PacketData) -> dict:
    """The review the packet came from: its content hash (stable) and file hash."""
    try:
        file_sha = hashlib.sha256(store.path.read_bytes()).hexdigest()
    except OSError:
        file_sha = ""
    return {"file": store.path.name, "file_sha256": file_sha,
            "content_sha256": data.content_sha256, "revision": data.revision,
            "outcome": data.outcome_status, "assessed": data.assessed, "total": data.total}


__all__ = ["FileCheck", "PacketResult", "VerifyReport", "export_packet", "verify_packet"]
