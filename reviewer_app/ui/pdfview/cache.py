"""Rendered tiles kept for repainting, least recently used first out, within a byte budget."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from PySide6.QtGui import QImage

MB = 1024 * 1024
DEFAULT_BUDGET = 96 * MB  # when the screen is not known; 256 MB took the window to 460 MB
SCREENS = 8  # the screen in view, one above and below (planned), and some to scroll back
MIN_BUDGET, MAX_BUDGET = 48 * MB, 160 * MB


def screen_budget(width: int, height: int, dpr: float) -> int:
    """Bytes for ``SCREENS`` screenfuls of RGB tiles on a ``width`` x ``height`` screen
    (logical pixels) at ``dpr``, within [MIN_BUDGET, MAX_BUDGET]: re-rendering a page
    takes ~10 ms, so keeping more buys little."""
    screenful = width * height * dpr * dpr * 3
    return int(min(max(SCREENS * screenful, MIN_BUDGET), MAX_BUDGET))


@dataclass(frozen=True, order=True)
class TileKey:
    """One rendered tile: document generation, page, scale (device px per point x 1000)."""

    gen: int
    page: int
    scale_milli: int
    col: int = 0
    row: int = 0

    @property
    def scale(self) -> float:
        return self.scale_milli / 1000.0


@dataclass
class Tile:
    image: QImage  # devicePixelRatio set; RGB32
    x: int  # device-pixel origin within the whole page at this scale
    y: int

    @property
    def nbytes(self) -> int:
        return self.image.sizeInBytes()


class TileCache:
    """LRU of tiles; ``put`` evicts the oldest until the total fits ``budget`` bytes."""

    def __init__(self, budget: int = DEFAULT_BUDGET):
        self.budget = int(budget)
        self._tiles: OrderedDict[TileKey, Tile] = OrderedDict()
        self._by_page: dict[tuple[int, int], set[TileKey]] = {}
        self.bytes = 0
        self.evictions = 0
        self.peak_bytes = 0

    def __len__(self) -> int:
        return len(self._tiles)

    def __contains__(self, key: TileKey) -> bool:
        return key in self._tiles

    def get(self, key: TileKey) -> Tile | None:
        tile = self._tiles.get(key)
        if tile is not None:
            self._tiles.move_to_end(key)
        return tile

    def put(self, key: TileKey, tile: Tile) -> None:
        old = self._tiles.pop(key, None)
        if old is not None:
            self.bytes -= old.nbytes
        self._tiles[key] = tile
        self._by_page.setdefault((key.gen, key.page), set()).add(key)
        self.bytes += tile.nbytes
        self._shrink(keep=key)
        self.peak_bytes = max(self.peak_bytes, self.bytes)

    def set_budget(self, budget: int) -> None:
        self.budget = int(budget)
        self._shrink()

    def page_tiles(self, gen: int, page: int) -> list[tuple[TileKey, Tile]]:
        """All cached tiles of a page at any scale (for previews while zooming)."""
        keys = self._by_page.get((gen, page), ())
        return [(k, self._tiles[k]) for k in keys if k in self._tiles]

    def clear(self) -> None:
        self._tiles.clear()
        self._by_page.clear()
        self.bytes = 0

    def _shrink(self, keep: TileKey | None = None) -> None:
        while self.bytes > self.budget and self._tiles:
            key = next(iter(self._tiles))
            if key == keep and len(self._tiles) == 1:
                break  # a single tile larger than the budget stays until replaced
            if key == keep:
                self._tiles.move_to_end(key)
                continue
            tile = self._tiles.pop(key)
            self.bytes -= tile.nbytes
            self.evictions += 1
            page_keys = self._by_page.get((key.gen, key.page))
            if page_keys is not None:
                page_keys.discard(key)
                if not page_keys:
                    del self._by_page[(key.gen, key.page)]
