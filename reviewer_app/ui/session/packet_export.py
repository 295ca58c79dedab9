"""File > Export packet…: the packet writer (``core.packet``) in a worker, with progress.

The worker reads through its own read-only connection to the review file, so the
interface thread's connection is never shared; the export never changes the review.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from reviewer_app.core.checklist.determination import outcome_label
from reviewer_app.core.errors import ReviewError
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.ui.common.plain_text import plain_box
from reviewer_app.ui.common.workers import run_with_progress
from reviewer_app.ui.dialogs.common import show_error


def _export(review_path: Path, out_dir: Path, force: bool, progress):
    """The packet's result; for a review of several sets the first set's, the others'
    attached as ``others`` (one packet per set, ``core.packet.per_set``)."""
    from reviewer_app.core.packet.per_set import export_packets

    with ReviewStore.open(review_path, read_only=True) as store:
        results = export_packets(store, out_dir, progress, force=force)
    first = results[0][1]
    return first if len(results) == 1 else _Several(first, results)


class _Several:
    """Several packets, shown as one summary (the folder above them)."""

    def __init__(self, first, results):
        self.results = results
        self.folder = first.folder.parent
        self.is_draft = any(r.is_draft for _, r in results)
        self.warnings = tuple(w for _, r in results for w in r.warnings)


def _confirm_replace(parent: QWidget | None, out_dir: Path) -> bool:
    """Ask before replacing a packet that was changed after its export (signed?)."""
    box = plain_box(QMessageBox(
        QMessageBox.Icon.Warning, "Export packet",
        f"The packet in\n{out_dir}\nwas changed after it was exported (signed, perhaps). "
        "Replace it with a new packet?",
        QMessageBox.StandardButton.Cancel, parent))
    replace = box.addButton("Replace", QMessageBox.ButtonRole.DestructiveRole)
    box.exec()
    return box.clickedButton() is replace


def default_packet_dir(review_path: Path) -> Path:
    return review_path.with_name(review_path.stem + " packet")


def export_packet_interactive(parent: QWidget, review_path: Path, start_dir: str | None = None
                              ) -> Path | None:
    """Ask for a folder, export with a progress dialog, offer to open the result."""
    suggested = default_packet_dir(review_path)
    out, _ = QFileDialog.getSaveFileName(
        parent, "Export certification packet to folder", str(suggested), "Folder (*)")
    if not out:
        return None
    return export_packet_to(parent, review_path, Path(out))


def export_summary(result) -> str:
    """What the export produced, why it is a draft, and every warning (as ``export`` prints)."""
    if isinstance(result, _Several):
        return f"One packet per standards set, in\n{result.folder}\n\n" + "\n\n".join(
            f"{set_id}/ — " + export_summary(r).split("\n\n", 1)[1]
            for set_id, r in result.results)
    label = outcome_label(result.outcome, result.assessed, result.total, result.is_draft)
    text = (f"The packet for this review is in\n{result.folder}\n\n{result.pages} pages · "
            f"outcome {label} · {result.assessed} of {result.total} items assessed.")
    if result.is_draft:
        text += "\n\nDraft packet, not a final determination, because:\n" + "\n".join(
            f"• {b}" for b in result.blockers)
    if result.warnings:
        text += "\n\nWarnings:\n" + "\n".join(f"• {w}" for w in result.warnings)
    return text


def export_packet_to(parent: QWidget | None, review_path: Path, out_dir: Path,
                     confirm: bool = True) -> Path | None:
    from reviewer_app.core.packet.targets import EarlierPacketChanged

    force = False
    while True:
        try:
            result = run_with_progress(parent, "Export packet", "Writing the packet…",
                                       _export, review_path, out_dir, force,
                                       with_progress=True)
            break
        except EarlierPacketChanged as exc:
            if not confirm or force or not _confirm_replace(parent, out_dir):
                show_error(parent, "Export packet", str(exc))
                return None
            force = True
        except ReviewError as exc:
            show_error(parent, "Export packet", str(exc))
            return None
    if confirm:
        box = QMessageBox(QMessageBox.Icon.Information, "Packet exported",
                          export_summary(result), QMessageBox.StandardButton.Ok, parent)
        if result.is_draft or result.warnings:
            box.setIcon(QMessageBox.Icon.Warning)
        plain_box(box)
        open_button = box.addButton("Open folder", QMessageBox.ButtonRole.ActionRole)
        box.exec()
        if box.clickedButton() is open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.folder)))
    return Path(result.folder)
