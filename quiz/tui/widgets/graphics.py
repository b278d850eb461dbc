"""textual-image's kitty and Sixel widgets, imported without its terminal probes.

Importing `textual_image.renderable` writes a DA1 and a kitty query to the terminal and reads
stdin for the answers (up to 0.1 s each), and `textual_image.widget` may send a cell-size query:
a silent terminal loses the user's first keystroke, and once Textual reads stdin the answers
land in the app as garbage keys. We ask the terminal once, before Textual starts
(quiz.imaging.terminal_caps), so here the package's probing __init__ is skipped and the cell
size is filled in from ours (the kernel, else the terminal's answer to that query).
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from typing import Any

from quiz.imaging.protocol import cell_pixel_size

log = logging.getLogger(__name__)

_widgets: dict[str, Any] | None = None


def graphics_widget_class(protocol: str) -> type | None:
    """The textual-image widget class for "kitty" or "sixel"; None if it cannot be had."""
    global _widgets
    if protocol not in ("kitty", "sixel"):
        return None
    if _widgets is None:
        try:
            _widgets = _import_quietly()
        except Exception:  # a broken or changed textual-image must not stop the app
            log.warning("textual-image unavailable; using half-cell blocks", exc_info=True)
            _widgets = {}
    return _widgets.get(protocol)


def sync_cell_size() -> tuple[int, int]:
    """The cell size now (kernel, else the terminal's answer at start), also given to
    textual-image, which scales pictures by it: a font change in the terminal must not leave
    it with the old size (pictures cut or too small)."""
    width, height = cell_pixel_size()
    try:
        from textual_image import _terminal

        # get_cell_size() caches its answer on the function; setting it means it never queries.
        _terminal.get_cell_size._result = _terminal.CellSize(width, height)  # type: ignore[attr-defined]
    except Exception:  # a changed textual-image: our own sums still use the right size
        log.debug("could not give textual-image the cell size", exc_info=True)
    return width, height


def _import_quietly() -> dict[str, Any]:
    sync_cell_size()

    name = "textual_image.renderable"
    if name not in sys.modules:
        # Register the package without running its __init__ (the probes), then load the
        # renderer modules themselves, which only define classes.
        spec = importlib.util.find_spec(name)
        if spec is None:
            raise ImportError(name)
        package = importlib.util.module_from_spec(spec)
        sys.modules[name] = package
        try:
            from textual_image.renderable.halfcell import Image as HalfcellImage
            from textual_image.renderable.sixel import Image as SixelImage
            from textual_image.renderable.tgp import Image as TGPImage
            from textual_image.renderable.unicode import Image as UnicodeImage
        except Exception:
            del sys.modules[name]
            raise
        # What the real __init__ would export, with the auto choice made without probing.
        package.TGPImage = TGPImage
        package.SixelImage = SixelImage
        package.HalfcellImage = HalfcellImage
        package.UnicodeImage = UnicodeImage
        package.Image = HalfcellImage

    from textual_image.widget import SixelImage as SixelWidget
    from textual_image.widget import TGPImage as TGPWidget

    return {"kitty": TGPWidget, "sixel": SixelWidget}
