"""Views of whole-slide files made from the tiles of one pyramid level, never the whole slide.

For a region shown in `out` pixels, the level read is the coarsest one still at least as sharp
as the screen (OpenSlide's levels step by 2 or 4); its tiles are read in 512-pixel blocks,
reduced by a power of two towards the screen's scale, cached in a memory LRU bounded in bytes,
pasted and resized once. Memory per view is a few times the output, whatever the slide's size.
"""

from __future__ import annotations

import math
import os
import threading
from collections import OrderedDict
from pathlib import Path

from PIL import Image

from quiz.imaging.errors import ImageError
from quiz.imaging.memcache import LRUCache
from quiz.imaging.slide import SlideInfo, info_of, open_slide

BLOCK = 512  # pixels of a level read at once: a few native tiles of any scanner
MAX_OUT_PIXELS = 64_000_000  # the largest view asked for in one go (crop --size included)
# Decoded blocks kept: a full-screen view at 2560x1600 needs ~24 blocks (19 MB); this holds
# a few screens around it, so panning back is free. DERMQUIZ_SLIDE_CACHE_MB overrides it.
_TILE_BYTES = 64 * 1024 * 1024
_HANDLES = 8  # open slides kept (each holds OpenSlide's own small cache)

Box = tuple[float, float, float, float]


class SlideReader:
    """Open slides and their decoded blocks. Thread-safe: OpenSlide reads in parallel."""

    def __init__(self, tile_bytes: int | None = None) -> None:
        self.tiles = LRUCache(tile_bytes if tile_bytes is not None else _cache_bytes())
        self._handles: OrderedDict[tuple, tuple[object, SlideInfo]] = OrderedDict()
        self._lock = threading.Lock()
        self.blocks_read = 0  # blocks decoded from the file (tests and benchmarks look)

    # -- slides ---------------------------------------------------------------------------
    def _handle(self, path: Path, key: tuple) -> tuple[object, SlideInfo]:
        with self._lock:
            hit = self._handles.get(key)
            if hit is not None:
                self._handles.move_to_end(key)
                return hit
        slide = open_slide(path)
        try:
            info = info_of(slide, path)
        except ImageError:
            slide.close()
            raise
        with self._lock:
            self._handles[key] = (slide, info)
            while len(self._handles) > _HANDLES:
                self._handles.popitem(last=False)  # closed when the last reader lets go
        return slide, info

    def info(self, path: Path, key: tuple) -> SlideInfo:
        return self._handle(path, key)[1]

    def _drop(self, key: tuple) -> None:
        with self._lock:
            self._handles.pop(key, None)  # OpenSlide refuses every call after an error

    # -- views ----------------------------------------------------------------------------
    def overview(self, path: Path, key: tuple, edge: int) -> Image.Image:
        """The whole slide from its smallest level, at most `edge` pixels on the long side."""
        info = self.info(path, key)
        w, h = info.size
        ratio = min(1.0, edge / max(info.levels[-1]))
        lw, lh = info.levels[-1]
        out = (max(1, round(lw * ratio)), max(1, round(lh * ratio)))
        image = self.region(path, key, (0, 0, w, h), out, level=len(info.levels) - 1)
        assert image is not None
        return image

    def region(
        self,
        path: Path,
        key: tuple,
        region: Box,
        out: tuple[int, int],
        cached_only: bool = False,
        level: int | None = None,
    ) -> Image.Image | None:
        """`region` (level-0 pixels) resized to `out`; None if `cached_only` and a block is
        not in memory."""
        ow, oh = max(1, int(out[0])), max(1, int(out[1]))
        if ow * oh > MAX_OUT_PIXELS:
            raise ImageError(
                f"{path}: a view of {ow}x{oh} pixels is too large — ask for at most 8000x8000."
            )
        if cached_only and key not in self._handles:
            return None  # opening a slide (MRXS: many files) is for a worker, not the UI thread
        slide, info = self._handle(path, key)
        x, y, w, h = region
        scale = max(w / ow, h / oh)  # level-0 pixels per output pixel
        n = best_level(info.downsamples, scale) if level is None else level
        ds = info.downsamples[n]
        lw, lh = info.levels[n]
        k = reduction(scale / ds)
        # The region at this level, and the blocks that cover it.
        lx0, ly0 = x / ds, y / ds
        lx1, ly1 = min(lw, (x + w) / ds), min(lh, (y + h) / ds)
        bx0, by0 = int(lx0 // BLOCK), int(ly0 // BLOCK)
        bx1, by1 = max(bx0, math.ceil(lx1 / BLOCK) - 1), max(by0, math.ceil(ly1 / BLOCK) - 1)
        step = BLOCK // k
        # The mosaic covers only the region (in reduced pixels, a pixel of margin for the
        # resampling): at full resolution a view is a few hundred pixels, not whole blocks.
        mx0, my0 = max(0, math.floor(lx0 / k) - 1), max(0, math.floor(ly0 / k) - 1)
        mx1, my1 = math.ceil(lx1 / k) + 1, math.ceil(ly1 / k) + 1
        mosaic = Image.new("RGB", (mx1 - mx0, my1 - my0), "white")
        for by in range(by0, by1 + 1):
            for bx in range(bx0, bx1 + 1):
                block = self._block(slide, path, key, info, n, bx, by, k, cached_only)
                if block is None:
                    return None
                left, top = bx * step, by * step
                part = (
                    max(mx0, left) - left,
                    max(my0, top) - top,
                    min(mx1, left + block.width) - left,
                    min(my1, top + block.height) - top,
                )
                if part[2] > part[0] and part[3] > part[1]:
                    mosaic.paste(block.crop(part), (left + part[0] - mx0, top + part[1] - my0))
        crop = (lx0 / k - mx0, ly0 / k - my0, lx1 / k - mx0, ly1 / k - my0)
        return mosaic.resize((ow, oh), Image.Resampling.LANCZOS, box=crop, reducing_gap=2.0)

    def _block(
        self,
        slide,
        path: Path,
        key: tuple,
        info: SlideInfo,
        n: int,
        bx: int,
        by: int,
        k: int,
        cached_only: bool,
    ) -> Image.Image | None:
        cache_key = ("block", key, n, bx, by, k)
        hit = self.tiles.get(cache_key)
        if hit is not None or cached_only:
            return hit
        lw, lh = info.levels[n]
        ds = info.downsamples[n]
        bw, bh = min(BLOCK, lw - bx * BLOCK), min(BLOCK, lh - by * BLOCK)
        if bw <= 0 or bh <= 0:
            return Image.new("RGB", (max(1, BLOCK // k),) * 2, "white")
        import openslide

        try:
            # OpenSlide takes the block's corner in level-0 pixels.
            rgba = slide.read_region((round(bx * BLOCK * ds), round(by * BLOCK * ds)), n, (bw, bh))
        except openslide.OpenSlideError as exc:
            self._drop(key)
            raise ImageError(
                f"{path}: the slide's picture data is damaged or cut short "
                f"(truncated) at level {n} ({str(exc)[:100]}) — copy the slide "
                "again."
            ) from None
        self.blocks_read += 1
        block = on_white(rgba)
        if k > 1:
            block = block.reduce(k)
        self.tiles.put(cache_key, block)
        return block

    def forget_memory(self) -> None:
        self.tiles.clear()


def _cache_bytes() -> int:
    try:
        mb = float(os.environ.get("DERMQUIZ_SLIDE_CACHE_MB", ""))
    except ValueError:
        return _TILE_BYTES
    return int(mb * 1024 * 1024) if 8 <= mb <= 65536 else _TILE_BYTES


def on_white(rgba: Image.Image) -> Image.Image:
    """RGB, with the unscanned (transparent) parts of the slide white like the glass."""
    if rgba.mode != "RGBA":
        return rgba.convert("RGB")
    alpha = rgba.getchannel("A")
    if alpha.getextrema()[0] == 255:
        return rgba.convert("RGB")
    out = Image.new("RGB", rgba.size, "white")
    out.paste(rgba.convert("RGB"), mask=alpha)
    return out


def best_level(downsamples: tuple[float, ...], scale: float) -> int:
    """The coarsest level still at least as sharp as `scale` level-0 pixels per screen pixel."""
    best = 0
    for n, ds in enumerate(downsamples):
        if ds <= scale * 1.01:
            best = n
    return best


def reduction(ratio: float) -> int:
    """A power of two (1..16) not above `ratio`: blocks are shrunk this much as they are read,
    so the mosaic stays within twice the output size each way."""
    if ratio < 2:
        return 1
    return min(16, 2 ** math.floor(math.log2(ratio)))
