"""Pixels from a render process through shared memory instead of the pipe (Linux).

The window and its render process share one anonymous memory file (``memfd``), handed to
the child at start. The child copies a rendered tile into it and replies with its size;
the window copies it out. That is two plain memory copies where a pipe costs two kernel
copies and a round trip per pipe buffer. The buffer grows to the largest tile asked for
(a tile is at most 2048 x 2048 pixels); where there is no ``memfd`` everything goes
through the pipe as before.
"""

from __future__ import annotations

import mmap
import os
import sys

FD_ENV = "REVIEWER_TILE_FD"
STEP = 4 << 20  # grown in steps of 4 MB
LIMIT = 64 << 20


class ParentBuffer:
    """The window's side: creates the memory file and reads tiles out of it."""

    def __init__(self) -> None:
        self.fd = -1
        self.size = 0
        self._map: mmap.mmap | None = None
        if sys.platform.startswith("linux") and hasattr(os, "memfd_create"):
            try:
                self.fd = os.memfd_create("reviewer-tiles")
            except OSError:
                self.fd = -1

    @property
    def available(self) -> bool:
        return self.fd >= 0

    def child_env(self) -> dict[str, str] | None:
        """The environment for the child (None: inherit, no shared buffer)."""
        return {**os.environ, FD_ENV: str(self.fd)} if self.available else None

    def grow(self, needed: int) -> None:
        """Make room for a tile of ``needed`` bytes next time (the child follows)."""
        if not self.available or needed <= self.size or needed > LIMIT:
            return
        size = min(-(-needed // STEP) * STEP, LIMIT)
        try:
            os.ftruncate(self.fd, size)
            new = mmap.mmap(self.fd, size)
        except OSError:
            return
        if self._map is not None:
            self._map.close()
        self._map, self.size = new, size

    def take(self, n: int) -> bytearray:
        """A copy of the first ``n`` bytes (a tile the child just wrote)."""
        assert self._map is not None, "nothing shared before the first grow()"
        return bytearray(memoryview(self._map)[:n])

    def close(self) -> None:
        if self._map is not None:
            self._map.close()
            self._map = None
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


class ChildBuffer:
    """The render process's side: maps the window's memory file at the size it says."""

    def __init__(self) -> None:
        try:
            self.fd = int(os.environ.get(FD_ENV, "-1"))
        except ValueError:
            self.fd = -1
        self._map: mmap.mmap | None = None
        self._size = 0

    def put(self, samples, size: int) -> bool:
        """Copy ``samples`` into the buffer of ``size`` bytes; False when they do not fit
        (or there is no buffer): send them through the pipe then."""
        n = len(samples)
        if self.fd < 0 or not 0 < n <= size:
            return False
        try:
            if self._size != size or self._map is None:
                if self._map is not None:
                    self._map.close()
                self._map, self._size = mmap.mmap(self.fd, size), size
            self._map[:n] = samples
        except (OSError, ValueError):
            self._map, self._size = None, 0
            return False
        return True
