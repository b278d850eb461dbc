"""One frame of the viewer: the viewport's region cropped, outlined and made into cell rows.

Pure work for a thread worker: no Textual, no shared state besides the thread-safe store.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image

from quiz.imaging.errors import ImageError
from quiz.imaging.halfblock import segment_rows
from quiz.imaging.overlay import draw_outlines
from quiz.imaging.slide import is_slide
from quiz.imaging.store import ImageStore, View
from quiz.imaging.viewport import Viewport

if TYPE_CHECKING:
    from rich.segment import Segment

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class FrameRequest:
    path: Path
    box: tuple[int, int]  # pixels the picture may fill
    viewport: Viewport | None = None  # None: the whole picture, fitted (first show)
    outlines: tuple[Box, ...] = ()  # fractional boxes of the source to outline
    emphasis: int | None = None  # index into outlines drawn thicker
    colour: tuple[int, int, int] = (255, 255, 255)
    halfcell: bool = True  # also make half-block rows
    start: tuple[float, float, float] | None = None  # the case's `view:` (cx, cy, field)
    inset: bool = True  # a zoomed whole slide shows its overview with the field marked


@dataclass(frozen=True)
class Frame:
    viewport: Viewport | None = None
    view: View | None = None
    image: Image.Image | None = None
    rows: list[list[Segment]] | None = None
    error: str | None = None  # set instead of the rest when the picture cannot be shown


def prepare_frame(store: ImageStore, request: FrameRequest) -> Frame:
    """The frame for `request`; never raises: a problem becomes Frame(error=message)."""
    frame = _prepare(store, request, cached_only=False)
    assert frame is not None
    return frame


def prepare_cached_frame(store: ImageStore, request: FrameRequest) -> Frame | None:
    """The frame for `request` if the picture is cached (memory, or its preview on disk),
    else None: nothing is decoded, so the UI thread may call it and draw at once."""
    return _prepare(store, request, cached_only=True)


def _prepare(store: ImageStore, request: FrameRequest, cached_only: bool) -> Frame | None:
    try:
        viewport = request.viewport
        if cached_only:
            size = store.cached_source_size(request.path)  # None: not cached at all
            if size is None:
                return None
            if viewport is None:
                viewport = _first(Viewport(*size, *request.box), request)
        elif viewport is None:
            viewport = _first(Viewport(*store.source_size(request.path), *request.box), request)
        viewport = viewport.resized(*request.box)
        if cached_only:
            view = store.cached_view(request.path, request.box, viewport.region())
            if view is None:
                return None
        else:
            view = store.view(request.path, request.box, viewport.region())
        image = view.image
        if request.outlines:
            projected = [viewport.project(b) for b in request.outlines]
            shown = [(i, b) for i, b in enumerate(projected) if b is not None]
            emphasis = next((n for n, (i, _) in enumerate(shown) if i == request.emphasis), None)
            image = draw_outlines(image, [b for _, b in shown], request.colour, emphasis)
        if request.inset and viewport.is_zoomed and is_slide(request.path):
            image = _with_inset(store, request, viewport, image)
        rows = segment_rows(image) if request.halfcell else None
        return Frame(viewport=viewport, view=view, image=image, rows=rows)
    except ImageError as exc:
        if cached_only:
            return None  # the worker will say it
        return Frame(error=str(exc))
    except Exception as exc:  # whatever the file holds, the user gets a sentence, not a traceback
        if cached_only:
            return None
        return Frame(
            error=f"{request.path}: cannot be shown ({type(exc).__name__}) — "
            "check the file or export it again."
        )


def _first(viewport: Viewport, request: FrameRequest) -> Viewport:
    """The opening view: the case's `view:` if it has one, else the whole picture."""
    if request.start is None:
        return viewport
    return viewport.to_field(*request.start)


def _with_inset(
    store: ImageStore, request: FrameRequest, viewport: Viewport, image: Image.Image
) -> Image.Image:
    """The frame with the slide's overview in a corner and the field shown marked on it,
    when zoomed in (at the whole slide the frame is the overview)."""
    from quiz.imaging.inset import draw_inset

    overview = store.thumbnail(request.path, inset_box(image.size, viewport))
    if overview is None:
        return image
    x, y, w, h = viewport.region()
    field = (x / viewport.image_w, y / viewport.image_h, w / viewport.image_w, h / viewport.image_h)
    return draw_inset(image, overview, field, request.colour)


def inset_box(size: tuple[int, int], viewport: Viewport) -> tuple[int, int]:
    """The overview's box: a quarter of the frame's width, at most a third of its height."""
    return max(8, size[0] // 4), max(6, size[1] // 3)
