"""Whole-slide files (SVS, NDPI, MRXS, pyramidal tiled TIFF, ...): recognise, open, check.

OpenSlide reads them (openslide-python with the openslide-bin wheel: no system library to
install). Nothing here reads a whole level: the viewer reads tiles (quiz.imaging.slidestore);
the check reads the file's structure and the positions of the tile data, not the pixels.
"""

from __future__ import annotations

import os
import struct
import threading
from collections import OrderedDict
from pathlib import Path
from typing import NamedTuple

from quiz.imaging.errors import ImageError

# Formats OpenSlide knows that are not TIFF inside (TIFF-based ones are found by their magic).
SLIDE_SUFFIXES = {
    ".svs",
    ".ndpi",
    ".vms",
    ".vmu",
    ".scn",
    ".mrxs",
    ".svslide",
    ".bif",
    ".czi",
    ".dcm",
    ".tif",
    ".tiff",
}
_TIFF_MAGIC = (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")
# A tile is decoded whole by OpenSlide: a file claiming enormous tiles would need that much
# memory for one read. Real scanners use 240..1024 pixel tiles.
MAX_TILE_PIXELS = 4096 * 4096
MAX_SLIDE_PIXELS = 40_000_000_000  # 200,000 x 200,000: beyond any scanner's output
# The overview is made from the smallest level; a slide without a pyramid would have to be
# decoded whole for it.
MAX_OVERVIEW_PIXELS = 25_000_000
MAX_LEVELS = 40


class SlideInfo(NamedTuple):
    size: tuple[int, int]  # level 0, in pixels
    levels: tuple[tuple[int, int], ...]
    downsamples: tuple[float, ...]
    mpp: float | None  # microns per pixel at level 0, when the scanner recorded it
    vendor: str
    objective: float | None  # the scanner's objective power (20, 40), when recorded

    def describe(self) -> str:
        w, h = self.size
        text = f"{self.vendor} slide {w:,}x{h:,} pixels, {len(self.levels)} levels"
        if self.mpp:
            text += f", {self.mpp:.3g} µm/pixel"
        return text


def _looks_like_slide(path: Path) -> bool:
    """Cheap test before OpenSlide is imported: TIFF magic, or a slide-only suffix."""
    suffix = path.suffix.lower()
    if suffix in SLIDE_SUFFIXES - {".tif", ".tiff"}:
        return True
    try:
        with open(path, "rb") as fh:
            return fh.read(4) in _TIFF_MAGIC
    except OSError:
        return False


_verdicts: OrderedDict[tuple, bool] = OrderedDict()
_verdicts_lock = threading.Lock()


def is_slide(path: Path) -> bool:
    """True when OpenSlide recognises `path` (a tiled TIFF counts; a striped one is a picture
    for Pillow). JPEG and PNG files never load OpenSlide. Remembered per file version."""
    path = Path(path)
    try:
        st = os.stat(path)
    except OSError:
        return False
    key = (str(path), st.st_size, st.st_mtime_ns)
    with _verdicts_lock:
        if key in _verdicts:
            return _verdicts[key]
    verdict = False
    if _looks_like_slide(path):
        try:
            import openslide

            verdict = openslide.OpenSlide.detect_format(str(path)) is not None
        except Exception:  # an unreadable file is for the picture path to report
            verdict = False
        # A tiled TIFF OpenSlide cannot open (cut short, damaged) is still a slide: the slide
        # check then says what is wrong with it, not Pillow.
        verdict = verdict or _first_ifd_tiled(path)
    with _verdicts_lock:
        _verdicts[key] = verdict
        while len(_verdicts) > 512:
            _verdicts.popitem(last=False)
    return verdict


def _first_ifd_tiled(path: Path) -> bool:
    """Whether a TIFF's first image is tiled (it has a TileWidth tag), from its header alone."""
    import struct

    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
            if head[:4] not in _TIFF_MAGIC:
                return False
            order = "<" if head[:2] == b"II" else ">"
            big = struct.unpack(order + "H", head[2:4])[0] == 43
            if big:
                offset, count_fmt, entry, tag_at = (
                    struct.unpack(order + "Q", head[8:16])[0],
                    "Q",
                    20,
                    0,
                )
            else:
                offset, count_fmt, entry, tag_at = (
                    struct.unpack(order + "I", head[4:8])[0],
                    "H",
                    12,
                    0,
                )
            fh.seek(offset)
            raw = fh.read(struct.calcsize(count_fmt))
            count = struct.unpack(order + count_fmt, raw)[0]
            if not 0 < count < 4096:
                return False
            table = fh.read(count * entry)
        tags = {
            struct.unpack_from(order + "H", table, i * entry + tag_at)[0]
            for i in range(len(table) // entry)
        }
        return 322 in tags  # TileWidth
    except (OSError, struct.error):
        return False


def open_slide(path: Path):
    """An openslide.OpenSlide for `path`; ImageError (located, with what to do) otherwise."""
    import openslide

    try:
        return openslide.OpenSlide(str(path))
    except FileNotFoundError:
        raise ImageError(f"{path}: no such file — check the file name and folder.") from None
    except openslide.OpenSlideUnsupportedFormatError:
        if _first_ifd_tiled(Path(path)):
            raise ImageError(
                f"{path}: a tiled TIFF that OpenSlide cannot read: it is cut short "
                "(truncated) or damaged — copy the slide again, or save it as a "
                "pyramidal tiled TIFF."
            ) from None
        raise ImageError(
            f"{path}: not a slide OpenSlide can read — save it as a pyramidal tiled TIFF or SVS."
        ) from None
    except (openslide.OpenSlideError, OSError) as exc:
        raise ImageError(
            f"{path}: the slide cannot be opened ({_short(exc)}); it may be cut "
            "short (truncated) — copy the slide again."
        ) from None


def info_of(slide, path: Path) -> SlideInfo:
    """Size, levels and resolution from the slide's header, checked against our limits."""
    import openslide

    props = slide.properties
    levels = tuple(tuple(int(v) for v in d) for d in slide.level_dimensions)
    downs = tuple(float(d) for d in slide.level_downsamples)
    if not levels or len(levels) > MAX_LEVELS:
        raise ImageError(
            f"{path}: the slide has {len(levels)} levels — save it again as a pyramidal tiled TIFF."
        )
    w, h = levels[0]
    if w <= 0 or h <= 0:
        raise ImageError(f"{path}: the slide has no pixels ({w}x{h}) — scan or export it again.")
    if w * h > MAX_SLIDE_PIXELS:
        raise ImageError(
            f"{path}: {w:,}x{h:,} pixels is more than the limit of "
            f"{MAX_SLIDE_PIXELS:,} for a slide — export a smaller area."
        )
    for n in range(len(levels)):
        tw = _int(props.get(f"openslide.level[{n}].tile-width"))
        th = _int(props.get(f"openslide.level[{n}].tile-height"))
        if tw and th and tw * th > MAX_TILE_PIXELS:
            raise ImageError(
                f"{path}: level {n} has tiles of {tw}x{th} pixels, more than the "
                f"limit of {MAX_TILE_PIXELS:,} — save it again with 256 or 512 "
                "pixel tiles."
            )
    sw, sh = levels[-1]
    if sw * sh > MAX_OVERVIEW_PIXELS:
        raise ImageError(
            f"{path}: the slide has no small level (its smallest is {sw:,}x{sh:,}) "
            "— save it again as a pyramid, e.g. `vips tiffsave IN OUT.tif --tile "
            "--pyramid --compression jpeg`."
        )
    mpp = _float(props.get(openslide.PROPERTY_NAME_MPP_X))
    objective = _float(props.get(openslide.PROPERTY_NAME_OBJECTIVE_POWER))
    vendor = props.get(openslide.PROPERTY_NAME_VENDOR) or "slide"
    return SlideInfo(
        (w, h), levels, downs, mpp if mpp and 0.01 < mpp < 1000 else None, vendor, objective
    )


def check_slide(path: Path) -> SlideInfo:
    """The validator's check: header, limits, and that every tile's data lies inside the file
    (a cut-short file is found without decoding a pixel)."""
    path = Path(path)
    _check_tile_offsets(path)  # first: a cut-short file gets the plainest message
    slide = open_slide(path)
    try:
        info = info_of(slide, path)
    finally:
        slide.close()
    return info


def _check_tile_offsets(path: Path) -> None:
    """For TIFF-based slides: the tile table of every level must point inside the file."""
    try:
        with open(path, "rb") as fh:
            if fh.read(4) not in _TIFF_MAGIC:
                return  # MRXS, VMS, ...: OpenSlide's own checks at open are all we have
    except OSError:
        return
    from quiz.imaging.tifftable import TiffTableError, data_end

    size = os.path.getsize(path)
    try:
        end, _ = data_end(path)
    except TiffTableError as exc:
        raise ImageError(
            f"{path}: the file is cut short (truncated) or damaged: {exc} — copy the slide again."
        ) from None
    except (OSError, struct.error, ValueError) as exc:
        raise ImageError(
            f"{path}: the slide's structure is damaged ({_short(exc)}) — copy the slide again."
        ) from None
    if end > size:
        raise ImageError(
            f"{path}: the file is cut short (truncated): its tiles need "
            f"{end:,} bytes, the file has {size:,} — copy the slide again."
        )


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _float(value) -> float | None:
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return out if out > 0 else None


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]
