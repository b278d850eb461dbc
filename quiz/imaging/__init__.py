"""Images for the terminal: open, check, downsize, cache, crop, render. No Textual here.

What the rest of the app calls:
- check_image(path) -> (w, h)          the validator's check; ImageError on any problem
- default_store().view(path, box, region) -> View   a picture fitted to `box` pixels, cached
- Viewport                             zoom/pan geometry (pure)
- choose_protocol(requested)           kitty | sixel | halfcell | none
- prepare_frame(store, FrameRequest)    one viewer frame (crop, outlines, rows) for a worker
- segment_rows / ansi_lines / HalfBlock   half-block rendering
- caption_line / status_line / alt_text   the text under or instead of a picture

Whole-slide files (SVS, NDPI, MRXS, tiled TIFF) go through the same calls: check_image and
the store recognise them (quiz.imaging.slide) and read only the tiles a view needs
(quiz.imaging.slidestore); `dermquiz crop` is quiz.imaging.crop.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from quiz.imaging.errors import MAX_PIXELS, ImageError

# Names are loaded on first use (PEP 562), so `dermquiz image` and the validator pay only
# for the modules they touch.
_HOMES = {
    "alt_text": "caption",
    "caption_line": "caption",
    "status_line": "caption",
    "Frame": "frame",
    "FrameRequest": "frame",
    "prepare_frame": "frame",
    "prepare_cached_frame": "frame",
    "DiskCache": "diskcache",
    "default_cache_dir": "diskcache",
    "HalfBlock": "halfblock",
    "ansi_lines": "halfblock",
    "segment_rows": "halfblock",
    "text_rows": "halfblock",
    "check_image": "loader",
    "draw_outlines": "overlay",
    "MODES": "protocol",
    "cell_pixel_size": "protocol",
    "choose_protocol": "protocol",
    "parse_mode": "protocol",
    "ImageStore": "store",
    "View": "store",
    "default_store": "store",
    "Viewport": "viewport",
}


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'quiz.imaging' has no attribute {name!r}")
    value = getattr(import_module(f"quiz.imaging.{home}"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from quiz.imaging.caption import alt_text, caption_line, status_line
    from quiz.imaging.diskcache import DiskCache, default_cache_dir
    from quiz.imaging.frame import Frame, FrameRequest, prepare_cached_frame, prepare_frame
    from quiz.imaging.halfblock import HalfBlock, ansi_lines, segment_rows, text_rows
    from quiz.imaging.loader import check_image
    from quiz.imaging.overlay import draw_outlines
    from quiz.imaging.protocol import MODES, cell_pixel_size, choose_protocol, parse_mode
    from quiz.imaging.store import ImageStore, View, default_store
    from quiz.imaging.viewport import Viewport

__all__ = [
    "MAX_PIXELS",
    "MODES",
    "DiskCache",
    "Frame",
    "FrameRequest",
    "HalfBlock",
    "ImageError",
    "ImageStore",
    "View",
    "Viewport",
    "alt_text",
    "ansi_lines",
    "caption_line",
    "cell_pixel_size",
    "check_image",
    "choose_protocol",
    "default_cache_dir",
    "default_store",
    "draw_outlines",
    "parse_mode",
    "prepare_cached_frame",
    "prepare_frame",
    "segment_rows",
    "status_line",
    "text_rows",
]
