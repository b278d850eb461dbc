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


@dataclass(frozen=True)
class Frame:
    viewport: Viewport | None = None
    view: View | None = None
    image: Image.Image | None = None
    rows: list[list[Segment]] | None = None
    error: str | None = None  # set instead of the rest when the picture cannot be shown


def prepare_frame(store: ImageStore, request: FrameRequest) -> Frame:
    """The frame for `request`; never raises: a problem becomes Frame(error=message)."""
    try:
        viewport = request.viewport
        if viewport is None:
            viewport = Viewport(*store.source_size(request.path), *request.box)
        else:
            viewport = viewport.resized(*request.box)
        view = store.view(request.path, request.box, viewport.region())
        image = view.image
        if request.outlines:
            projected = [viewport.project(b) for b in request.outlines]
            shown = [(i, b) for i, b in enumerate(projected) if b is not None]
            emphasis = next((n for n, (i, _) in enumerate(shown) if i == request.emphasis), None)
            image = draw_outlines(image, [b for _, b in shown], request.colour, emphasis)
        rows = segment_rows(image) if request.halfcell else None
        return Frame(viewport=viewport, view=view, image=image, rows=rows)
    except ImageError as exc:
        return Frame(error=str(exc))
    except Exception as exc:  # whatever the file holds, the user gets a sentence, not a traceback
        return Frame(error=f"{request.path}: cannot be shown ({type(exc).__name__}) — "
                           "check the file or export it again.")
