"""Views of image files at the size a screen needs, served from memory, disk, or the file.

The one entry point for the UI and the `image` command: `ImageStore.view(path, box, region)`.
"""

from __future__ import annotations

import math
import threading
from pathlib import Path
from typing import NamedTuple

from PIL import Image

from quiz.imaging.diskcache import DiskCache, default_cache_dir
from quiz.imaging.errors import ImageError
from quiz.imaging.loader import decode_level, file_key, open_image, oriented_size
from quiz.imaging.memcache import LRUCache
from quiz.imaging.slide import is_slide
from quiz.imaging.slidestore import SlideReader

# Longest edge of the preview kept per picture. Large enough for a full-screen half-cell view
# and for moderate zoom; deeper zoom goes back to the original at the resolution it needs.
PREVIEW_EDGE = 1600
_MEMORY_BYTES = 384 * 1024 * 1024  # holds one full-resolution 24-megapixel decode and more

Box = tuple[float, float, float, float]  # x, y, w, h in source pixels (upright)


class View(NamedTuple):
    """A picture ready to draw: `image` fits the requested box; `region` is what it shows."""

    image: Image.Image
    source_size: tuple[int, int]
    region: Box
    from_cache: str  # "memory", "disk" or "file": where the pixels came from
    mpp: float | None = None  # microns per source pixel: whole-slide files that record it


class ImageStore:
    """Downsized views with an in-memory LRU and an on-disk preview cache. Thread-safe."""

    def __init__(
        self,
        disk: DiskCache | None = None,
        memory_bytes: int = _MEMORY_BYTES,
        use_disk: bool = True,
    ) -> None:
        self.disk = (disk or DiskCache()) if use_disk else None
        # Previews kept back until `flush()` writes them (`dermquiz image`: the picture is
        # printed first). A thread for the save was slower: it waited for the GIL while the
        # picture was drawn in Python, up to a switch interval (5 ms) at each turn.
        self.deferred_saves = False
        self._pending: list[tuple] = []
        self.memory = LRUCache(memory_bytes)
        self._locks: dict[tuple, threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self.slides = SlideReader()  # whole-slide files: their tiles, never the whole slide
        self._mpp: dict[tuple, float | None] = {}  # slides seen: microns per pixel

    # -- public -------------------------------------------------------------------------
    def source_size(self, path: Path) -> tuple[int, int]:
        """Upright width and height of the original (from cache, else from the file's header)."""
        key = self._key(path)
        cached = self._cached_preview(key)
        if cached is not None:
            return cached[1]
        if is_slide(Path(path)):
            return self.slides.info(Path(path), key).size
        with open_image(Path(path)) as im:
            return oriented_size(im)

    def cached_source_size(self, path: Path) -> tuple[int, int] | None:
        """The upright size if the picture's preview is cached (memory or disk), else None."""
        try:
            cached = self._cached_preview(self._key(path))
        except ImageError:
            return None
        return cached[1] if cached is not None else None

    def view(self, path: Path, box: tuple[int, int], region: Box | None = None) -> View:
        """The `region` of the picture (default: all of it) scaled to fit `box` pixels.

        Served from the preview (memory, then disk) when that is sharp enough for the request;
        otherwise the original is decoded just fine enough (JPEG draft levels) and the preview
        is upgraded, so the next request of that kind is served from cache.
        """
        view = self._view(path, box, region, cached_only=False)
        assert view is not None
        return view

    def cached_view(
        self, path: Path, box: tuple[int, int], region: Box | None = None
    ) -> View | None:
        """As view(), but only from what is cached (the memory, or the preview on disk);
        None when the original would have to be decoded. Cheap enough for the UI thread:
        a resize of a small preview, or one read of a preview file. Never waits for a decode
        in another thread."""
        try:
            key = self._key(path)
        except ImageError:
            return None
        cached = self._cached_preview(key)
        if cached is None:
            return None
        return self._view(path, box, region, cached_only=True, key=key, cached=cached)

    def _view(
        self,
        path: Path,
        box: tuple[int, int],
        region: Box | None,
        cached_only: bool,
        key: tuple | None = None,
        cached: tuple | None = None,
    ) -> View | None:
        bw, bh = max(1, int(box[0])), max(1, int(box[1]))
        if key is None:
            key = self._key(path)
            cached = self._cached_preview(key)
        slide = is_slide(Path(path))
        if cached is None and slide and not cached_only:
            cached = self._slide_preview(Path(path), key)
        if cached is not None:
            preview, (sw, sh), origin = cached
        else:
            preview, origin = None, "file"
            with open_image(Path(path)) as im:
                sw, sh = oriented_size(im)
        x, y, w, h = _clamp_region(region or (0, 0, sw, sh), sw, sh)
        scale = max(w / bw, h / bh)  # source pixels per output pixel
        out_size = (max(1, round(w / scale)), max(1, round(h / scale)))
        mpp = self._mpp.get(key) if slide else None
        if preview is not None and sw / preview.width <= max(scale, 1.0) * 1.01:
            source = preview
        elif slide:
            # Only the blocks of the level that fits this region are read (or, on the UI
            # thread, only what memory holds).
            image = self.slides.region(Path(path), key, (x, y, w, h), out_size, cached_only)
            if image is None:
                return None
            return View(
                image=image,
                source_size=(sw, sh),
                region=(x, y, w, h),
                from_cache="memory" if cached_only else "file",
                mpp=mpp,
            )
        elif cached_only:
            source = self._level_in_memory(key, _level_factor(scale))
            if source is None:
                return None
            origin = "memory"
        else:
            # No preview, or too coarse for this region: decode the original just fine enough,
            # once: a second thread asking meanwhile (the viewer while a prefetch decodes)
            # waits here, then takes the preview the first one made.
            better = None
            with self._lock(("preview", key)):
                hit = self.memory.get(("preview", key))
                if hit is not None and sw / hit[0].width <= max(scale, 1.0) * 1.01:
                    source, origin = hit[0], "memory"
                else:
                    source = self._level(path, key, _level_factor(scale))
                    origin = "file"
                    # A better preview only if it would be larger: a pan at full resolution
                    # must not shrink the whole decoded picture again at every step.
                    if preview is None or min(max(source.size), PREVIEW_EDGE) > max(preview.size):
                        better = _shrink(source, PREVIEW_EDGE)
                        self.memory.put(("preview", key), (better, (sw, sh)))
            if better is not None:  # to disk after the lock: a waiting thread has it already
                self._save(key, better, (sw, sh))
        fx, fy = source.width / sw, source.height / sh
        crop = (x * fx, y * fy, (x + w) * fx, (y + h) * fy)
        image = source.resize(out_size, Image.Resampling.LANCZOS, box=crop, reducing_gap=2.0)
        return View(
            image=image, source_size=(sw, sh), region=(x, y, w, h), from_cache=origin, mpp=mpp
        )

    def forget_memory(self) -> None:
        """Empty the in-memory cache (the disk cache stays)."""
        self.memory.clear()
        self.slides.forget_memory()

    def thumbnail(self, path: Path, box: tuple[int, int]) -> Image.Image | None:
        """The whole picture fitted to `box`, from what is cached; kept, as a zoomed slide's
        inset needs the same one at every pan step."""
        try:
            key = ("thumb", self._key(path), tuple(box))
        except ImageError:
            return None
        hit = self.memory.get(key)
        if hit is None:
            view = self.cached_view(path, box)
            if view is None:
                return None
            hit = view.image
            self.memory.put(key, hit)
        return hit

    def slide_mpp(self, path: Path) -> float | None:
        """Microns per pixel of a slide, None for a picture or a slide that does not say."""
        key = self._key(path)
        if key not in self._mpp:
            if not is_slide(Path(path)):
                return None
            self._mpp[key] = self.slides.info(Path(path), key).mpp
        return self._mpp[key]

    def _slide_preview(self, path: Path, key) -> tuple[Image.Image, tuple[int, int], str]:
        """The slide's overview (its smallest level), made once and kept like a preview."""
        with self._lock(("preview", key)):
            hit = self.memory.get(("preview", key))
            if hit is not None:
                return hit[0], hit[1], "memory"
            info = self.slides.info(path, key)
            self._mpp[key] = info.mpp
            image = self.slides.overview(path, key, PREVIEW_EDGE)
            self.memory.put(("preview", key), (image, info.size))
        if self.disk is not None:
            self.disk.save(
                key, image, {"width": info.size[0], "height": info.size[1], "mpp": info.mpp}
            )
        return image, info.size, "file"

    # -- internals ----------------------------------------------------------------------
    def _key(self, path: Path) -> tuple[str, int, int]:
        try:
            return file_key(Path(path))
        except FileNotFoundError:
            raise ImageError(f"{path}: no such file — check the file name and folder.") from None
        except OSError as exc:
            raise ImageError(f"{path}: cannot be read ({exc.strerror}) — check the file.") from None

    def _lock(self, key: tuple) -> threading.Lock:
        # One decode per picture and level at a time: a second worker waits, then hits the cache.
        with self._locks_guard:
            return self._locks.setdefault(key, threading.Lock())

    def _cached_preview(self, key) -> tuple[Image.Image, tuple[int, int], str] | None:
        hit = self.memory.get(("preview", key))
        if hit is not None:
            return hit[0], hit[1], "memory"
        if self.disk is None:
            return None
        loaded = self.disk.load(key)
        if loaded is None:
            return None
        image, meta = loaded
        try:
            size = (int(meta["width"]), int(meta["height"]))
        except (KeyError, TypeError, ValueError):
            return None
        mpp = meta.get("mpp")
        if isinstance(mpp, (int, float)) and mpp > 0:
            self._mpp[key] = float(mpp)
        self.memory.put(("preview", key), (image, size))
        return image, size, "disk"

    def _level_in_memory(self, key, factor: int) -> Image.Image | None:
        for f in _finer_or_equal(factor):
            hit = self.memory.get(("level", key, f))
            if hit is not None:
                return hit
        return None

    def _level(self, path: Path, key, factor: int) -> Image.Image:
        hit = self._level_in_memory(key, factor)  # a finer level in memory serves as well
        if hit is not None:
            return hit
        if not _is_jpeg(path):
            # Other codecs always decode everything: keep the whole picture once and derive
            # every level from it, rather than decoding the file again per zoom level.
            full = self._decoded(path, key, 1)
            return full.reduce(factor) if factor > 1 else full
        return self._decoded(path, key, factor)

    def _decoded(self, path: Path, key, factor: int) -> Image.Image:
        with self._lock(("level", key, factor)):
            hit = self.memory.get(("level", key, factor))
            if hit is not None:
                return hit
            level = decode_level(Path(path), factor)
            self.memory.put(("level", key, factor), level)
            return level

    def _save(self, key, preview: Image.Image, size: tuple[int, int]) -> None:
        if self.disk is None:
            return
        args = (key, preview, {"width": size[0], "height": size[1]})
        if self.deferred_saves:
            self._pending.append(args)
        else:
            self.disk.save(*args)

    def flush(self) -> None:
        """Write the previews kept back by `deferred_saves` to disk."""
        while self._pending and self.disk is not None:
            self.disk.save(*self._pending.pop(0))


def _level_factor(scale: float) -> int:
    """The largest power of two not above `scale` (1, 2, 4, 8), so the level is sharp enough."""
    if scale < 2:
        return 1
    return min(8, 2 ** math.floor(math.log2(scale)))


def _finer_or_equal(factor: int) -> list[int]:
    """Levels at least as sharp as `factor`, cheapest (coarsest) first."""
    return [f for f in (8, 4, 2, 1) if f <= factor]


def _is_jpeg(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(3) == b"\xff\xd8\xff"
    except OSError:
        return False


def _shrink(image: Image.Image, edge: int) -> Image.Image:
    if max(image.size) <= edge:
        return image
    ratio = edge / max(image.size)
    size = (max(1, round(image.width * ratio)), max(1, round(image.height * ratio)))
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=2.0)


def _clamp_region(region: Box, sw: int, sh: int) -> Box:
    x, y, w, h = (float(v) for v in region)
    w = min(max(w, 1.0), sw)
    h = min(max(h, 1.0), sh)
    x = min(max(x, 0.0), sw - w)
    y = min(max(y, 0.0), sh - h)
    return x, y, w, h


_default: ImageStore | None = None
_default_guard = threading.Lock()


def default_store() -> ImageStore:
    """The process-wide store (memory LRU + the user's disk cache).

    Made again if DERMQUIZ_CACHE_DIR now names another folder (tests point it elsewhere).
    """
    global _default
    folder = default_cache_dir()
    with _default_guard:
        if _default is None or _default.disk is None or _default.disk.folder != folder:
            _default = ImageStore(DiskCache(folder))
        return _default
