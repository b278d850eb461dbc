"""The case's images: fitted with their caption, full screen, zoom, pan, regions of interest.

Decoding runs in thread workers (quiz.imaging does the work); the widget keeps the viewport,
starts a worker per change and shows the newest result. A picture the caches already hold
(seen before, or prefetched: quiz.tui.prefetch) is cropped at once on the UI thread, a few
milliseconds, so it is in the very frame that first shows the viewer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from quiz.imaging import (
    Frame,
    FrameRequest,
    ImageStore,
    View,
    Viewport,
    alt_text,
    caption_line,
    choose_protocol,
    default_store,
    prepare_cached_frame,
    prepare_frame,
)
from quiz.imaging.viewport import PAN_STEP
from quiz.tui.widgets.graphics import graphics_widget_class, sync_cell_size
from quiz.tui.widgets.image_canvas import ImageCanvas
from quiz.tui.widgets.image_caption import fitted_status, region_name, slide_part
from quiz.tui.widgets.image_geometry import image_regions, pixel_box, region_box

Item = tuple[Path, Any]  # (file, quiz.pack.models.Image or anything with its attributes)


class ImageViewer(Widget, can_focus=True):
    """Shows one case's images, one at a time, with caption, stain and magnification."""

    ALLOW_MAXIMIZE = True

    # Short labels, zoom and image keys grouped: the footer fits 80 columns.
    BINDINGS = [
        Binding("z", "toggle_full_screen", "Full screen", id="full-screen"),
        Binding(
            "plus,equals_sign", "zoom_in", "Zoom in", group=Binding.Group("Zoom"), id="zoom-in"
        ),
        Binding("minus", "zoom_out", "Zoom out", group=Binding.Group("Zoom"), id="zoom-out"),
        Binding("0", "fit", "Fit", show=False, id="fit"),
        Binding("left,h", "pan(-1, 0)", "Pan left", show=False, id="pan-left"),
        Binding("right,l", "pan(1, 0)", "Pan right", show=False, id="pan-right"),
        Binding("up,k", "pan(0, -1)", "Pan up", show=False, id="pan-up"),
        Binding("down,j", "pan(0, 1)", "Pan down", show=False, id="pan-down"),
        Binding("r", "next_region", "Region", id="next-region"),
        Binding("o", "toggle_outline", "Outline", id="outline"),
        Binding(
            "left_square_bracket",
            "previous_image",
            "Previous image",
            group=Binding.Group("Image"),
            id="previous-image",
        ),
        Binding(
            "right_square_bracket",
            "next_image",
            "Next image",
            group=Binding.Group("Image"),
            id="next-image",
        ),
        # Before the screen's escape (end the session): out of the pictures first.
        Binding("escape", "leave", "Back to the case", id="leave-pictures"),
    ]

    COMPONENT_CLASSES = {"image-viewer--outline"}

    DEFAULT_CSS = """
    ImageViewer {
        height: 1fr;
        min-height: 6;
        layout: vertical;
        background: $surface;
        border: round $panel;
    }
    ImageViewer:focus {
        border: round $accent;
    }
    ImageViewer > #caption {
        height: auto;
        max-height: 3;
        padding: 0 1;
        background: $boost;
    }
    ImageViewer > #status {
        height: auto;
        max-height: 2;  /* a region's label and the credit (its licence) wrap, not cut */
        padding: 0 1;
        color: $text-muted;
    }
    ImageViewer .image-viewer--outline {
        color: $accent;
    }
    """

    index: reactive[int] = reactive(0, init=False)
    show_outline: reactive[bool] = reactive(False, init=False)

    class ImageChanged(Message):
        """Another image of the case is shown (after [ or ], or new images)."""

        def __init__(self, viewer: ImageViewer, index: int, path: Path | None) -> None:
            self.viewer, self.index, self.path = viewer, index, path
            super().__init__()

        @property
        def control(self) -> ImageViewer:
            return self.viewer

    class RegionShown(Message):
        """The view jumped to a region of interest; `label` is what the case calls it."""

        def __init__(self, viewer: ImageViewer, index: int, label: str) -> None:
            self.viewer, self.index, self.label = viewer, index, label
            super().__init__()

        @property
        def control(self) -> ImageViewer:
            return self.viewer

    class Shown(Message):
        """A picture (or its placeholder, when `error` is set) is now on screen."""

        def __init__(
            self, viewer: ImageViewer, index: int, view: View | None, error: str | None
        ) -> None:
            self.viewer, self.index, self.view, self.error = viewer, index, view, error
            super().__init__()

        @property
        def control(self) -> ImageViewer:
            return self.viewer

    class Leave(Message):
        """Escape on the pictures: the screen puts the focus back where reading goes on."""

        def __init__(self, viewer: ImageViewer) -> None:
            self.viewer = viewer
            super().__init__()

        @property
        def control(self) -> ImageViewer:
            return self.viewer

    class Rendered(Message):
        """A worker finished frame `generation` (internal: the viewer stops it)."""

        def __init__(self, generation: int, request: FrameRequest, frame: Frame) -> None:
            self.generation, self.request, self.frame = generation, request, frame
            super().__init__()

    def __init__(
        self,
        items: Sequence[Item] = (),
        *,
        graphics: str | None = None,
        store: ImageStore | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.protocol = choose_protocol(graphics)
        self._graphics_class = graphics_widget_class(self.protocol)
        if self.protocol in ("kitty", "sixel") and self._graphics_class is None:
            self.protocol = "halfcell"
        self._store = store
        self._items: list[Item] = list(items)
        self._viewport: Viewport | None = None
        self._region: int | None = None
        self._generation = 0
        self._shown: FrameRequest | None = None  # what the canvas shows now, viewport resolved
        self.current_view: View | None = None
        self.error: str | None = None
        self._ready = False  # children composed: updates before this are replayed in on_mount

    # -- composition and public API -------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield ImageCanvas(self._graphics_class, id="canvas")
        yield Static("", id="caption", markup=False)
        yield Static("", id="status", markup=False)

    def on_mount(self) -> None:
        self._ready = True
        self._image_changed()
        self._prefetch()

    @property
    def store(self) -> ImageStore:
        return self._store or default_store()

    @property
    def viewport(self) -> Viewport | None:
        return self._viewport

    @property
    def region_label(self) -> str | None:
        return region_name(self._regions(), self._region)

    def show_images(self, items: Sequence[Item]) -> None:
        """Show a case's images (path, image metadata), starting with the first."""
        self._items = list(items)
        if self.index == 0:
            self._image_changed()
        else:
            self.index = 0  # the watcher does the rest
        self._prefetch()

    def cell_size_changed(self) -> None:
        """The terminal's font changed: draw the picture again for the new cell size."""
        self._shown = None
        self._request_render()

    # -- reactives ---------------------------------------------------------------------------
    def watch_index(self) -> None:
        self._image_changed()

    def watch_show_outline(self) -> None:
        self._update_status()
        self._request_render()

    def _image_changed(self) -> None:
        self._viewport, self._region, self.current_view, self.error = None, None, None, None
        self._shown = None
        self._update_caption()
        self._update_status()
        self.refresh_bindings()
        path = self._items[self.index][0] if self._items else None
        self.post_message(self.ImageChanged(self, self.index, path))
        self._request_render()

    # -- actions -----------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("previous_image", "next_image"):
            return len(self._items) > 1 or None
        if action in ("next_region", "toggle_outline"):
            return bool(self._regions()) or None
        return True

    def action_toggle_full_screen(self) -> None:
        if self.screen.maximized is self:
            self.screen.minimize()
        else:
            self.screen.maximize(self, container=False)

    def action_zoom_in(self) -> None:
        self._move(lambda v: v.zoom_in())

    def action_zoom_out(self) -> None:
        self._move(lambda v: v.zoom_out())

    def action_fit(self) -> None:
        self._region = None  # the whole picture: no region is shown any more
        self._move(lambda v: v.reset())

    def action_pan(self, dx: float, dy: float) -> None:
        self._move(lambda v: v.pan(dx * PAN_STEP, dy * PAN_STEP))

    def action_next_region(self) -> None:
        regions = self._regions()
        if not regions or self._viewport is None:
            return
        self._region = 0 if self._region is None else (self._region + 1) % len(regions)
        box = region_box(regions[self._region])
        # Outline on without its watcher's render: the move below renders once, zoomed.
        self.set_reactive(ImageViewer.show_outline, True)
        self._move(lambda v: v.to_region(box))
        self.post_message(self.RegionShown(self, self._region, self.region_label or ""))

    def action_leave(self) -> None:
        self.post_message(self.Leave(self))

    def action_toggle_outline(self) -> None:
        self.show_outline = not self.show_outline

    def action_previous_image(self) -> None:
        if self._items:
            self.index = (self.index - 1) % len(self._items)

    def action_next_image(self) -> None:
        if self._items:
            self.index = (self.index + 1) % len(self._items)

    def _move(self, change) -> None:
        if self._viewport is None:
            return  # the first view is not ready yet: it will be fitted anyway
        self._viewport = change(self._viewport)
        self._update_status()
        self._request_render()

    # -- rendering -----------------------------------------------------------------------------
    @on(ImageCanvas.Resized)
    def _canvas_resized(self, event: ImageCanvas.Resized) -> None:
        event.stop()
        self._request_render()

    def _box(self) -> tuple[int, int] | None:
        size = self.query_one(ImageCanvas).size
        return pixel_box(size.width, size.height, self.protocol)

    def _request_render(self) -> None:
        if not self._ready:
            return
        canvas = self.query_one(ImageCanvas)
        if not self._items:
            canvas.show_text("No image")
            return
        path, meta = self._items[self.index]
        if self.protocol == "none":
            canvas.show_text(f"[image] {alt_text(meta, path)}")
            return
        box = self._box()
        if box is None:
            # Not laid out yet: the canvas calls back when it is first painted, at its size.
            canvas.before_first_paint(self._request_render)
            return
        canvas.before_first_paint(None)
        outlines = tuple(region_box(r) for r in self._regions())
        request = FrameRequest(
            path=Path(path),
            box=box,
            viewport=self._viewport,
            outlines=outlines if self.show_outline else (),
            emphasis=self._region,
            colour=self._outline_colour(),
            halfcell=False,  # the canvas makes the rows when it paints
            start=_start(meta),
        )
        if request == self._shown:
            return  # on screen already (drawn at the first paint, then the Resize came)
        self._generation += 1
        # In the cache (seen before, or prefetched): drawn now, in this very frame.
        frame = prepare_cached_frame(self.store, request)
        if frame is not None:
            self._show_frame(request, frame)
        else:
            self._render_frame(self._generation, request)

    @work(thread=True, exclusive=True, group="image-viewer-render", exit_on_error=False)
    def _render_frame(self, generation: int, request: FrameRequest) -> None:
        frame = prepare_frame(self.store, request)  # decoding and cropping, off the UI thread
        self.post_message(self.Rendered(generation, request, frame))

    @on(Rendered)
    def _rendered(self, message: Rendered) -> None:
        message.stop()
        if message.generation != self._generation:
            return  # an older request finished after a newer one was made
        self._show_frame(message.request, message.frame)

    def _show_frame(self, request: FrameRequest, frame: Frame) -> None:
        canvas = self.query_one(ImageCanvas)
        if frame.error is not None:
            self.error = frame.error
            self._shown = None
            _, meta = self._items[self.index]
            canvas.show_text(f"{alt_text(meta)}\n\n{frame.error}")
        else:
            self._viewport = frame.viewport
            self._shown = replace(request, viewport=frame.viewport)
            self.current_view = frame.view
            if self.protocol == "halfcell" and frame.image is not None:
                from quiz.imaging import cell_pixel_size
                from quiz.imaging.cellfit import to_halfcells

                size = canvas.size
                canvas.show_halfcell(
                    to_halfcells(frame.image, size.width, size.height, *cell_pixel_size())
                )
            elif frame.image is not None:
                from quiz.imaging.cellfit import fit_to_cells

                cell_w, cell_h = sync_cell_size()  # the font may have changed since
                size = canvas.size
                canvas.show_picture(
                    *fit_to_cells(frame.image, cell_w, cell_h, size.width, size.height)
                )
        self._update_status()
        self.post_message(self.Shown(self, self.index, self.current_view, self.error))

    def _prefetch(self) -> None:
        """Decode the case's pictures in the background: the shown one first, so its decode
        overlaps the first layout, then the rest, so [ and ] never wait."""
        if self.protocol == "none" or not self._ready or not self._items:
            return
        from quiz.tui.prefetch import prefetch

        order = self._items[self.index :] + self._items[: self.index]
        prefetch(self.app, [Path(p) for p, _ in order], self.protocol, self.store)

    # -- text ----------------------------------------------------------------------------------
    def _regions(self) -> list[Any]:
        if not self._items:
            return []
        return image_regions(self._items[self.index][1])

    def _outline_colour(self) -> tuple[int, int, int]:
        colour = self.get_component_rich_style("image-viewer--outline").color
        if colour is not None and colour.triplet is not None:
            return tuple(colour.triplet)  # type: ignore[return-value]
        return self.styles.color.rgb  # the viewer's own text colour, from the theme

    def _update_caption(self) -> None:
        if not self._ready:
            return
        text = ""
        if self._items:
            text = caption_line(self._items[self.index][1], self.index, len(self._items))
        self.query_one("#caption", Static).update(text)

    def _update_status(self) -> None:
        if not self._ready:
            return
        text = ""
        status = self.query_one("#status", Static)
        if self._items:
            meta = self._items[self.index][1]
            zoom = self._viewport.zoom if self._viewport is not None else None
            width = status.content_region.width or self.content_region.width - 2
            text = fitted_status(meta, zoom, self._region, width, self._slide_text())
        status.update(text)

    def _slide_text(self) -> str:
        """Magnification equivalent and scale bar, for a slide that records its µm/pixel."""
        view = self.current_view
        if view is None or view.mpp is None:
            return ""
        canvas = self.query_one(ImageCanvas).size
        box = pixel_box(canvas.width, canvas.height, self.protocol)
        return slide_part(view, box[0] / canvas.width if box else 1.0)


def _start(meta: Any) -> tuple[float, float, float] | None:
    """The image's `view:` (centre and field, fractions) as the frame request wants it."""
    view = getattr(meta, "view", None)
    if view is None:
        return None
    try:
        return float(view.center[0]), float(view.center[1]), float(view.field)
    except (AttributeError, TypeError, ValueError, IndexError):
        return None
