"""findings.json: the review as NIST OSCAL assessment-results (1.1.2).

One finding per checklist item, one observation per evidence clause (page, quote,
section), back-matter resources with the SHA-256 of every policy and its annotated copy.
OSCAL knows only satisfied / not-satisfied: only "met" is satisfied; partially met, not
met and not assessed are not-satisfied, with the exact result in the finding's props
(``result``) so a consumer that reads only the state never over-credits an agency. An item
found not applicable was not assessed against the agency at all: it is excluded from the
reviewed controls and has no finding (its rationale is in the exclusion's remarks).
Every finding says who recorded it and when; documents link only to files in the packet.

Deterministic: UUIDs are uuid5 of stable ids, timestamps come from the review's log and
keys are sorted, so the same review always gives the same bytes.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from urllib.parse import quote

from reviewer_app import __version__
from reviewer_app.core.packet.model import EvidenceView, ItemView, PacketData
from reviewer_app.core.vocabulary import Result

OSCAL_VERSION = "1.1.2"
NS = "urn:reviewer-app:oscal:props"  # a URN: no web address that resolves to nothing
UUID_NAMESPACE = uuid.UUID("6f1c3b52-8e0e-5d7a-9a4f-2b8c1d0e7a31")
STATE = {Result.MET: "satisfied"}
REASON = {Result.MET: "pass", Result.NOT_MET: "fail", Result.PARTIAL: "fail"}


@dataclass(frozen=True)
class DocumentFile:
    """A policy and its annotated copy, as the packet holds them."""

    doc_id: int
    annotated_path: str  # relative to the packet folder
    annotated_sha256: str


def _uuid(*parts: object) -> str:
    return str(uuid.uuid5(UUID_NAMESPACE, "/".join(str(p) for p in parts)))


def _prop(name: str, value: object) -> dict | None:
    text = str(value).strip()
    return {"name": name, "ns": NS, "value": text} if text else None


def _props(*pairs: tuple[str, object]) -> list[dict]:
    return [p for name, value in pairs if (p := _prop(name, value))]


def findings_json(data: PacketData, files: dict[int, DocumentFile]) -> bytes:
    """The assessment-results document as UTF-8 bytes (sorted keys, trailing newline)."""
    doc = {"assessment-results": assessment_results(data, files)}
    return (json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode()


def assessment_results(data: PacketData, files: dict[int, DocumentFile]) -> dict:
    key = data.review_key
    plan_uuid = _uuid(key, "resource", "assessment-plan")
    result = {
        "uuid": _uuid(key, "result"),
        "title": f"Certification desk review of {data.info.agency_name}",
        "description": (f"Review of the agency's written policies against the "
                        f"{data.standards.title} ({data.standards.edition}). "
                        + (f"Outcome: {data.outcome_status}, signed off by "
                           f"{data.stage.signed_by}." if data.signed_off else
                           f"The assessor's recommendation (not signed off): "
                           f"{data.outcome_status}.")),
        "start": data.info.created_at,
        "props": _props(("outcome", data.outcome_status),
                        ("items-assessed", data.assessed), ("items-total", data.total),
                        ("draft", "true" if data.is_draft else "false"))
        + _chain_props(data),
        "reviewed-controls": _reviewed_controls(data),
        "observations": [_observation(data, i, e) for i in data.items for e in i.evidence],
        "findings": [_finding(data, i) for i in data.items if i.result != "not_applicable"],
    }
    if not data.is_draft:
        result["end"] = data.determined_at
    if not result["observations"]:
        del result["observations"]
    return {
        "uuid": _uuid(data.packet_id, "assessment-results"),
        "metadata": _metadata(data),
        "import-ap": {"href": f"#{plan_uuid}",
                      "remarks": "No separate assessment plan exists: the review assessed "
                                 "every item of the standards set named in this resource."},
        "results": [result],
        "back-matter": {"resources": [_plan_resource(data, plan_uuid)]
                        + [_document_resource(data, d.id, files.get(d.id))
                           for d in data.documents]},
    }


def _metadata(data: PacketData) -> dict:
    info, key = data.info, data.review_key
    parties: list[dict] = [{"uuid": _uuid(key, "party", "agency"), "type": "organization",
                "name": info.agency_name,
                "props": _props(("ori", info.agency_ori), ("state", info.agency_state))}]
    roles = [{"id": "assessed-agency", "title": "Agency under review"}]
    responsible = [{"role-id": "assessed-agency", "party-uuids": [parties[0]["uuid"]]}]
    for role, title, name, kind in (
            ("assessor", "Assessor", info.assessor, "person"),
            ("credentialing-body", "Independent credentialing body",
             info.credentialing_body, "organization")):
        if name.strip():
            party = {"uuid": _uuid(key, "party", role), "type": kind, "name": name.strip()}
            parties.append(party)
            roles.append({"id": role, "title": title})
            responsible.append({"role-id": role, "party-uuids": [party["uuid"]]})
    _add_people(data, parties, roles, responsible)
    for p in parties:
        if not p.get("props"):
            p.pop("props", None)
    return {
        "title": f"Certification assessment: {info.agency_name}",
        "last-modified": data.last_change_at,
        "version": data.packet_id,
        "oscal-version": OSCAL_VERSION,
        "props": _props(("packet-id", data.packet_id), ("generator",
                                                         f"reviewer_app {__version__}"),
                        ("review-content-sha256", data.content_sha256)),
        "roles": roles, "parties": parties, "responsible-parties": responsible,
    }


def _add_people(data: PacketData, parties: list[dict], roles: list[dict],
                responsible: list[dict]) -> None:
    """The people of the review chain (issue 12) as parties with their OSCAL roles: the
    second reviewer and the approving official (with the sign-off in the party's props)."""
    key, stage = data.review_key, data.stage
    by_role: dict[str, list[str]] = {}
    for person in data.people:
        role = person.role.replace("_", "-")
        if role == "assessor" and person.name == data.info.assessor.strip():
            continue  # the review's assessor is a party already
        party: dict = {"uuid": _uuid(key, "party", role, person.name), "type": "person",
                       "name": person.name}
        if role == "approving-official" and stage.signed_off and person.name == \
                stage.signed_by:
            party["props"] = _props(("sign-off-role", stage.signed_role),
                                    ("signed-off-at", stage.signed_at))
        parties.append(party)
        by_role.setdefault(role, []).append(party["uuid"])
    known = {r["id"] for r in roles}
    for role, uuids in by_role.items():
        if role not in known:
            roles.append({"id": role, "title": role.replace("-", " ").capitalize()})
        entry = next((r for r in responsible if r["role-id"] == role), None)
        if entry is None:
            responsible.append({"role-id": role, "party-uuids": uuids})
        else:
            entry["party-uuids"] += uuids


def _chain_props(data: PacketData) -> list[dict]:
    """The stage, the sign-off and the agreement of the two reviewers, as result props."""
    found = data.agreement
    return _props(("stage", data.stage.stage.replace("_", "-")),
                  ("signed-off-by", data.stage.signed_by),
                  ("signed-off-at", data.stage.signed_at),
                  ("percent-agreement", "" if found is None or found.percent is None
                   else f"{found.percent:.1f}"),
                  ("cohens-kappa", "" if found is None or found.kappa is None
                   else f"{found.kappa:.4f}"))


def _reviewed_controls(data: PacketData) -> dict:
    excluded = [i for i in data.items if i.result == "not_applicable"]
    selection: dict = {"include-controls": [{"control-id": i.item.id} for i in data.items
                                            if i.result != "not_applicable"]}
    controls = {"description": f"Every item of the standards set {data.standards.id} "
                               "except those found not applicable.",
                "control-selections": [selection]}
    if excluded:
        selection["exclude-controls"] = [{"control-id": i.item.id} for i in excluded]
        controls["remarks"] = " ".join(
            f"{i.item.code} {i.item.title}: not applicable"
            f"{' (' + i.rationale.strip() + ')' if i.rationale.strip() else ''}"
            f"{', recorded by ' + i.decided_by if i.decided_by else ''}"
            f"{' on ' + i.decided_at if i.decided_at else ''}." for i in excluded)
    return controls


def _finding(data: PacketData, iv: ItemView) -> dict:
    item = iv.item
    status = {"state": STATE.get(iv.result, "not-satisfied"),
              "reason": REASON.get(iv.result, "other")}
    if iv.result not in (Result.MET, Result.NOT_MET):
        status["remarks"] = f"Recorded result: {iv.result_label}."
    finding = {
        "uuid": _uuid(data.review_key, "finding", item.id),
        "title": f"{item.code} {item.title}",
        "description": iv.rationale.strip() or f"{iv.result_label}; no rationale recorded.",
        "props": _props(("result", iv.result.replace("_", "-")),
                        ("result-label", iv.result_label),
                        ("mandatory", "true" if item.mandatory else "false"),
                        ("item-code", item.code),
                        ("needs-rereview", "true" if iv.needs_rereview else ""),
                        ("recorded-by", iv.decided_by), ("recorded-at", iv.decided_at)),
        "target": {"type": "objective-id", "target-id": item.id,
                   "title": f"{item.code} {item.title}", "description": item.requirement,
                   "status": status},
    }
    if iv.decided_by and iv.decided_by == data.info.assessor.strip():
        finding["origins"] = [{"actors": [{"type": "party", "actor-uuid": _uuid(
            data.review_key, "party", "assessor"), "role-id": "assessor"}]}]
    if iv.evidence:
        finding["related-observations"] = [
            {"observation-uuid": _uuid(data.review_key, "observation", e.evidence.id)}
            for e in iv.evidence]
    return finding


def _observation(data: PacketData, iv: ItemView, ev: EvidenceView) -> dict:
    e = ev.evidence
    doc_uuid = _uuid(data.review_key, "resource", "document", ev.doc.sha256)
    quote = e.exact.strip()
    description = quote or f"Marked area on page {ev.page_labels()} of {ev.doc.title}."
    return {
        "uuid": _uuid(data.review_key, "observation", e.id),
        "title": f"{iv.item.code} evidence {ev.number}: {ev.doc.title}, page {ev.page_labels()}",
        "description": description,
        "methods": ["EXAMINE"],
        "subjects": [{"subject-uuid": doc_uuid, "type": "resource",
                      "title": ev.doc.title}],
        "relevant-evidence": [{
            "href": f"#{doc_uuid}", "description": description,
            "props": _props(("page", e.page + 1), ("page-label", ev.page_labels()),
                            ("section", ev.section), ("evidence-id", e.id),
                            ("evidence-kind", e.kind), ("anchor-status", e.status),
                            ("start-offset", "" if e.start is None else e.start),
                            ("end-offset", "" if e.end is None else e.end)),
            **({"remarks": e.note} if e.note.strip() else {}),
        }],
        "collected": e.created_at,
        "props": _props(("item-id", iv.item.id)),
    }


def _plan_resource(data: PacketData, plan_uuid: str) -> dict:
    s = data.standards
    return {
        "uuid": plan_uuid,
        "title": f"Standards set: {s.title} ({s.edition})",
        "description": f"{s.publisher}. Items: {len(s.items)}, of which "
                       f"{len(s.mandatory_items)} mandatory. Certification holds "
                       f"{s.certification_months} months.",
        "props": _props(("standards-id", s.id), ("standards-sha256", data.info.standards_sha256)),
        **({"citation": {"text": s.source}} if s.source else {}),
    }


def _document_resource(data: PacketData, doc_id: int, file: DocumentFile | None) -> dict:
    doc = next(d for d in data.documents if d.id == doc_id)
    resource: dict = {
        "uuid": _uuid(data.review_key, "resource", "document", doc.sha256),
        "title": doc.title,
        "description": f"Policy document reviewed ({doc.page_count} pages), submitted as "
                       f"{doc.filename} (SHA-256 in the props). The link is the packet's "
                       "annotated copy.",
        "props": _props(("pages", doc.page_count), ("sha256", doc.sha256),
                        ("submitted-filename", doc.filename),
                        ("pdf-id", doc.pdf_id), ("active", "true" if doc.active else "false")),
    }
    if file is not None:  # only files that are in the packet are linked; hrefs are URI
        # references: a space or '#' in a file name must be percent-encoded
        resource["rlinks"] = [{"href": quote(file.annotated_path, safe="/"),
                               "media-type": "application/pdf",
                               "hashes": [{"algorithm": "SHA-256",
                                           "value": file.annotated_sha256}]}]
    return resource
