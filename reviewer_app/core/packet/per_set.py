"""One packet per standards set of a review (issue 17).

A credentialing body files with each program separately, so a review of several sets
exports one complete packet per set into ``DIR/<set-id>/``, each with its own outcome,
findings.json and manifest, each verifiable alone; a review of one set exports into
``DIR`` itself, exactly as before. The packet writer itself is unchanged: it is called
once per set with the review seen as that set (``set_view.SetView``).
"""

from __future__ import annotations

from pathlib import Path

from reviewer_app.core.packet import PacketResult, Progress, export_packet
from reviewer_app.core.review.set_view import set_store
from reviewer_app.core.review.store import ReviewStore


def packet_folders(store: ReviewStore, out_dir: Path) -> list[tuple[str | None, Path]]:
    """(set id, folder) of each packet: (None, out_dir) for a review of one set."""
    sets = [s.id for s in store.sets()]
    if len(sets) == 1:
        return [(None, Path(out_dir))]
    return [(set_id, Path(out_dir) / set_id) for set_id in sets]


def export_packets(store: ReviewStore, out_dir: Path, progress: Progress | None = None,
                   force: bool = False) -> list[tuple[str | None, PacketResult]]:
    """Export every set's packet; the first problem stops it (earlier packets stay whole:
    each one is written aside and moved into place complete)."""
    return [(set_id, export_packet(set_store(store, set_id), folder, progress, force=force))
            for set_id, folder in packet_folders(store, out_dir)]
