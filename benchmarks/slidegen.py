"""Whole-slide test files: pyramidal tiled TIFFs with JPEG tiles, written with tifffile.

`synthetic_slide` writes a slide of any size in about a second: a handful of distinct tiles
are JPEG-encoded once and their bytes repeated (tifffile takes pre-encoded tiles from an
iterator), so a 60,000 x 40,000 slide never exists in memory. The tiles are told apart by
colour (the column mod 8, the row mod 4), so a test can see which tile a view shows.
Used by the tests and the benchmarks; never committed.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import tifffile
from PIL import Image

TILE = 256


def _encoded(tile: np.ndarray, quality: int) -> bytes:
    """One tile JPEG-encoded exactly as tifffile would write it (its own bytes, reused)."""
    buf = io.BytesIO()
    tifffile.imwrite(
        buf,
        tile,
        tile=tile.shape[:2],
        compression="jpeg",
        compressionargs={"level": quality},
        photometric="rgb",
    )
    buf.seek(0)
    with tifffile.TiffFile(buf) as tif:
        page = tif.pages[0]
        start, count = page.dataoffsets[0], page.databytecounts[0]
    return buf.getvalue()[start : start + count]


def tile_colour(col: int, row: int) -> tuple[int, int, int]:
    """The flat colour of the synthetic tile at (col, row) of any level."""
    return (60 + 24 * (col % 8), 90 + 40 * (row % 4), 200)


def _levels(w: int, h: int, step: int, smallest: int) -> list[tuple[int, int]]:
    levels = [(w, h)]
    while max(levels[-1]) > smallest:
        lw, lh = levels[-1]
        levels.append((max(1, -(-lw // step)), max(1, -(-lh // step))))
    return levels


def synthetic_slide(
    path: Path,
    width: int = 60_000,
    height: int = 40_000,
    *,
    mpp: float = 0.25,
    step: int = 4,
    smallest: int = 1024,
    quality: int = 80,
    tile: int = TILE,
    texture: Path | None = None,
) -> Path:
    """A pyramidal tiled TIFF of width x height pixels; levels shrink by `step` down to
    `smallest` pixels on the long side; `mpp` microns per pixel at full resolution.

    Tiles are flat colours (tile_colour), or with `texture` 32 different crops of that
    picture, so that decoding and drawing cost what a real scan's tiles cost."""
    encoded = {}
    picture = None
    if texture is not None:
        with Image.open(texture) as im:
            picture = np.asarray(im.convert("RGB"))
    for c in range(8):
        for r in range(4):
            if picture is not None:
                y0 = (r * picture.shape[0] // 4) % max(1, picture.shape[0] - tile)
                x0 = (c * picture.shape[1] // 8) % max(1, picture.shape[1] - tile)
                block = np.ascontiguousarray(picture[y0 : y0 + tile, x0 : x0 + tile])
            else:
                block = np.empty((tile, tile, 3), np.uint8)
                block[:] = tile_colour(c, r)
            encoded[c, r] = _encoded(block, quality)
    with tifffile.TiffWriter(path, bigtiff=True) as tw:
        for n, (lw, lh) in enumerate(_levels(width, height, step, smallest)):
            cols, rows = -(-lw // tile), -(-lh // tile)
            tiles = (encoded[c % 8, r % 4] for r in range(rows) for c in range(cols))
            res = 1e4 / (mpp * width / lw)  # pixels per centimetre at this level
            tw.write(
                tiles,
                shape=(lh, lw, 3),
                dtype="uint8",
                tile=(tile, tile),
                compression="jpeg",
                photometric="rgb",
                resolution=(res, res),
                resolutionunit="CENTIMETER",
                subfiletype=0 if n == 0 else 1,
                metadata=None,
            )
    return path


def slide_from_picture(
    path: Path,
    picture: Path,
    *,
    mpp: float = 0.5,
    step: int = 2,
    smallest: int = 512,
    quality: int = 85,
) -> Path:
    """A pyramidal tiled TIFF (JPEG tiles) holding `picture` at full resolution."""
    with Image.open(picture) as im:
        base = im.convert("RGB")
    width = base.width
    with tifffile.TiffWriter(path, bigtiff=False) as tw:
        for n, (lw, lh) in enumerate(_levels(base.width, base.height, step, smallest)):
            level = base if n == 0 else base.resize((lw, lh), Image.Resampling.LANCZOS)
            res = 1e4 / (mpp * width / lw)
            tw.write(
                np.asarray(level),
                tile=(TILE, TILE),
                compression="jpeg",
                compressionargs={"level": quality},
                photometric="rgb",
                resolution=(res, res),
                resolutionunit="CENTIMETER",
                subfiletype=0 if n == 0 else 1,
                metadata=None,
            )
    return path


def aperio_from_picture(
    path: Path, picture: Path, *, mpp: float = 0.499, magnification: int = 20
) -> Path:
    """An Aperio SVS as the scanners lay it out: full resolution (tiled, with the Aperio
    description OpenSlide reads MPP and AppMag from), a stripped thumbnail, a 4x level."""
    with Image.open(picture) as im:
        base = im.convert("RGB")
    w, h = base.size
    head = "Aperio Image Library v12.0.15\r\n"
    tail = f"|AppMag = {magnification}|MPP = {mpp:.4f}"
    with tifffile.TiffWriter(path) as tw:
        tw.write(
            np.asarray(base),
            tile=(TILE, TILE),
            compression="jpeg",
            photometric="rgb",
            description=f"{head}{w}x{h} [0,0 {w}x{h}] ({TILE}x{TILE}) JPEG/RGB Q=70{tail}",
            metadata=None,
        )
        for n, factor in enumerate((8, 4)):
            small = base.resize((w // factor, h // factor), Image.Resampling.LANCZOS)
            tw.write(
                np.asarray(small),
                tile=None if n == 0 else (TILE, TILE),
                compression="jpeg",
                photometric="rgb",
                metadata=None,
                description=f"{head}{w}x{h} -> {w // factor}x{h // factor} - {tail}",
            )
    return path
