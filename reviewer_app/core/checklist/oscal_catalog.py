"""Importing an OSCAL catalog (JSON) as a standards set.

Controls (and their enhancements) become items, groups become categories (a nested group's
controls join the innermost group), a control's ``statement`` part becomes the requirement and
its ``guidance`` part the guidance. Parameters are written as the catalog labels them
(``[Assignment: frequency]``). Problems are named by their JSON path.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

from reviewer_app.core.checklist.importing import ImportResult, slug
from reviewer_app.core.checklist.standards import parse_standards
from reviewer_app.core.checklist.toml_writer import Scalar, toml_document
from reviewer_app.core.errors import StandardsError

_PARAM = re.compile(r"\{\{\s*insert:\s*param,\s*([^}\s]+)\s*\}\}")


def read_catalog(path: Path) -> dict:
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except FileNotFoundError:
        raise StandardsError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise StandardsError(f"{path}: not UTF-8 text; an OSCAL catalog is UTF-8 JSON") from None
    except json.JSONDecodeError as exc:
        raise StandardsError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    except RecursionError:
        raise StandardsError(f"{path}: nests too deeply to read") from None
    catalog = data.get("catalog") if isinstance(data, dict) else None
    if not isinstance(catalog, dict):
        raise StandardsError(f"{path}: not an OSCAL catalog (no top-level 'catalog' object; "
                             "a profile must be resolved into a catalog first)")
    return catalog


def _param_text(param: dict) -> str:
    """How SP 800-53 prints a parameter: an assignment by its label, a selection by its
    choices (``[Selection (one or more): a; b]``)."""
    select = param.get("select")
    if isinstance(select, dict) and isinstance(select.get("choice"), list):
        many = " (one or more)" if select.get("how-many") == "one-or-more" else ""
        choices = "; ".join(str(c) for c in select["choice"])
        return f"[Selection{many}: {_PARAM.sub('...', choices)}]"
    return f"[Assignment: {param.get('label') or param['id']}]"


class _Walker:
    def __init__(self, name: str, catalog: dict):
        self.name = name
        self.problems: list[str] = []
        self.params: dict[str, str] = {}
        self.items: list[dict[str, Scalar]] = []
        self.categories: list[dict[str, Scalar]] = []
        self._collect_params(catalog)

    def fail(self, where: str, what: str) -> None:
        self.problems.append(f"{self.name}: {where}: {what}")

    def _collect_params(self, node: object) -> None:
        if isinstance(node, dict):
            for p in node.get("params", []) if isinstance(node.get("params"), list) else []:
                if isinstance(p, dict) and isinstance(p.get("id"), str):
                    self.params[p["id"]] = _param_text(p)
            for v in node.values():
                self._collect_params(v)
        elif isinstance(node, list):
            for v in node:
                self._collect_params(v)

    def prose(self, parts: object, names: set[str], where: str, depth: int = 0) -> list[str]:
        """The prose of the parts named ``names`` and all their sub-parts, labelled."""
        out: list[str] = []
        if not isinstance(parts, list):
            return out
        for n, part in enumerate(parts):
            if not isinstance(part, dict):
                self.fail(f"{where}.parts[{n}]", "must be an object")
                continue
            if depth == 0 and part.get("name") not in names:
                continue
            label = next((p.get("value") for p in part.get("props", [])
                          if isinstance(p, dict) and p.get("name") == "label"), "")
            text = _PARAM.sub(lambda m: self.params.get(m.group(1), m.group(0)),
                              str(part.get("prose", ""))).strip()
            if text:
                out.append(f"{label} {text}".strip())
            out += self.prose(part.get("parts"), names, f"{where}.parts[{n}]", depth + 1)
        return out

    def controls(self, controls: object, category: str, where: str) -> None:
        if controls is None:
            return
        if not isinstance(controls, list):
            self.fail(where, "'controls' must be a list")
            return
        for n, ctl in enumerate(controls):
            at = f"{where}.controls[{n}]"
            if not isinstance(ctl, dict) or not isinstance(ctl.get("id"), str):
                self.fail(at, "a control needs an 'id'")
                continue
            label = next((p.get("value") for p in ctl.get("props", [])
                          if isinstance(p, dict) and p.get("name") == "label"), None)
            requirement = " ".join(self.prose(ctl.get("parts"), {"statement"}, at))
            if not requirement:
                self.fail(f"{at} ('{ctl['id']}')", "no 'statement' part with prose: the "
                                                   "requirement of the item")
            self.items.append({
                "id": slug(ctl["id"]), "code": str(label or ctl["id"].upper()),
                "title": str(ctl.get("title", "")).strip(), "category": category,
                "requirement": requirement, "mandatory": False,
                "guidance": "\n".join(self.prose(ctl.get("parts"), {"guidance"}, at))})
            self.controls(ctl.get("controls"), category, at)

    def groups(self, groups: object, where: str) -> None:
        if groups is None:
            return
        if not isinstance(groups, list):
            self.fail(where, "'groups' must be a list")
            return
        for n, grp in enumerate(groups):
            at = f"{where}.groups[{n}]"
            if not isinstance(grp, dict):
                self.fail(at, "must be an object")
                continue
            gid = slug(str(grp.get("id") or grp.get("title") or f"group-{n + 1}"))
            if grp.get("controls"):
                self.categories.append({"id": gid, "title": str(grp.get("title", gid)),
                                        "mandatory": False})
            self.controls(grp.get("controls"), gid, at)
            self.groups(grp.get("groups"), at)


def import_catalog(path: Path, set_id: str, title: str = "", edition: str = "",
                   publisher: str = "", months: int = 36) -> ImportResult:
    catalog = read_catalog(path)
    meta = catalog.get("metadata")
    meta = meta if isinstance(meta, dict) else {}
    w = _Walker(path.name, catalog)
    w.groups(catalog.get("groups"), "catalog")
    if catalog.get("controls"):
        w.categories.append({"id": "controls", "title": "Controls outside any group",
                             "mandatory": False})
        w.controls(catalog.get("controls"), "controls", "catalog")
    if not w.items and not w.problems:
        w.fail("catalog", "no controls")
    if w.problems:
        raise StandardsError("\n".join(w.problems[:25]) + "\nnothing was written")
    title = title or str(meta.get("title", "")).strip()
    top: dict[str, Scalar] = {
        "id": set_id, "title": title, "edition": edition or str(meta.get("version", "")),
        "publisher": publisher, "source": f"imported from the OSCAL catalog {path.name}"
                                          + (f" ({catalog['uuid']})" if catalog.get("uuid")
                                             else ""),
        "certification_months": months}
    text = toml_document(top, {"categories": w.categories, "items": w.items},
                         comment=f"{title}\nImported from the OSCAL catalog {path.name}.")
    standards = parse_standards(tomllib.loads(text), f"<imported {set_id}>", text)
    read = [f"{len(w.items)} controls as items, {len(w.categories)} groups as groups, "
            "statement parts as requirements, guidance parts as guidance"]
    return ImportResult(standards, text, read)
