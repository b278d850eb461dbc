"""The viewer's status text: what quiz.imaging says, fitted to the two rows under the picture."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from quiz.imaging import status_line
from quiz.imaging.caption import clean


def region_name(regions: Sequence[Any], region: int | None) -> str | None:
    """What the case calls the shown region, None when no (valid) region is shown."""
    if region is None or region >= len(regions):
        return None
    return clean(getattr(regions[region], "label", ""))


def slide_part(view: Any, px_per_cell: float) -> str:
    """ "≈40× · ├────┤ 50 µm" for a view of a slide that records its resolution, else ""."""
    mpp = getattr(view, "mpp", None)
    if not mpp or view.image.width < 1:
        return ""
    from quiz.imaging.scalebar import slide_status

    um_per_pixel = mpp * view.region[2] / view.image.width
    return slide_status(um_per_pixel, um_per_pixel * px_per_cell)


def fitted_status(
    meta: Any, zoom: float | None, region: int | None, width: int, slide: str = ""
) -> str:
    """The status line for `meta`, without its credit when `width` columns need over 2 rows."""
    text = status_line(meta, zoom, region)
    if slide:
        text = f"{slide} · {text}" if text else slide
    credit = clean(getattr(meta, "credit", None) or "")
    if credit and width > 0 and len(textwrap.wrap(text, width)) > 2:
        # The zoom and the region's name matter more than the credit: it goes
        # first (the full screen, wider, shows it again), nothing is cut mid-word.
        text = text.removesuffix(credit).rstrip(" ·")
    return text
