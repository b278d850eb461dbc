"""The viewer's sums between terminal cells and picture pixels, and its regions as boxes."""

from __future__ import annotations

from typing import Any

from quiz.imaging import cell_pixel_size
from quiz.imaging.viewport import Box


def image_regions(meta: Any) -> list[Any]:
    """The regions of interest of one image's metadata (none when it has no such field)."""
    return list(getattr(meta, "regions", None) or [])


def region_box(region: Any) -> Box:
    """A region's fractional (x, y, w, h) box as floats: pack values may be ints or strings."""
    return tuple(float(v) for v in region.box)  # type: ignore[return-value]


def pixel_box(width: int, height: int, protocol: str) -> tuple[int, int] | None:
    """The pixels a canvas of `width` x `height` cells shows, None before it is laid out.

    Half-cell mode: square units of a cell's width (quiz.imaging.cellfit); the graphics
    protocols get real pixels.
    """
    if width < 1 or height < 1:
        return None
    cell_w, cell_h = cell_pixel_size()
    if protocol == "halfcell":
        from quiz.imaging.cellfit import halfcell_box

        return halfcell_box(width, height, cell_w, cell_h)
    return width * cell_w, height * cell_h


def picture_cells(width: int, height: int) -> tuple[int, int]:
    """The cells a picture of `width` x `height` pixels covers: a part-filled cell counts."""
    cell_w, cell_h = cell_pixel_size()
    return -(-width // cell_w), -(-height // cell_h)
