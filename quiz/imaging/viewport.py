"""Zoom and pan as pure functions: which part of the picture a box of pixels shows.

A Viewport never touches pixels. The UI keeps one per picture, replaces it on every key
(zoom_in, pan, to_region, …) and asks `region()` what to crop from the source.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

ZOOM_STEP = 1.5
PAN_STEP = 0.25  # of the visible width or height per key press
REGION_MARGIN = 1.25  # a region is shown with a quarter of its size around it, for context
MAX_UPSCALE = 2.0  # deepest zoom: one source pixel drawn as 2x2 output pixels

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Viewport:
    """What part of an image_w x image_h picture a view_w x view_h pixel box shows.

    zoom 1 shows the whole picture fitted into the box; zoom z shows 1/z of that span,
    centred on (cx, cy), given as fractions of the picture's width and height.
    """

    image_w: int
    image_h: int
    view_w: int
    view_h: int
    zoom: float = 1.0
    cx: float = 0.5
    cy: float = 0.5

    # -- geometry -------------------------------------------------------------------------
    def _base_span(self) -> tuple[float, float]:
        """Source span at zoom 1: the box's shape, just large enough to hold the picture."""
        aspect = max(self.view_w, 1) / max(self.view_h, 1)
        w = max(float(self.image_w), self.image_h * aspect)
        return w, w / aspect

    @property
    def max_zoom(self) -> float:
        base_w, _ = self._base_span()
        return max(1.0, base_w * MAX_UPSCALE / max(self.view_w, 1))

    def region(self) -> Box:
        """The visible part of the source, (x, y, w, h) in source pixels, inside the picture."""
        base_w, base_h = self._base_span()
        w = min(self.image_w, base_w / self.zoom)
        h = min(self.image_h, base_h / self.zoom)
        x = self.cx * self.image_w - w / 2
        y = self.cy * self.image_h - h / 2
        x = min(max(x, 0.0), self.image_w - w)
        y = min(max(y, 0.0), self.image_h - h)
        return x, y, w, h

    def clamped(self) -> Viewport:
        """The same view with zoom in range and the centre where the region really is."""
        zoom = min(max(self.zoom, 1.0), self.max_zoom)
        v = replace(self, zoom=zoom)
        x, y, w, h = v.region()
        return replace(v, cx=(x + w / 2) / self.image_w, cy=(y + h / 2) / self.image_h)

    def project(self, box: Box) -> Box | None:
        """Where a fractional box of the picture lands in the view, in fractions of the view's
        drawn image (0..1 each way), clipped; None when it is out of sight."""
        x, y, w, h = self.region()
        bx, by = box[0] * self.image_w, box[1] * self.image_h
        bw, bh = box[2] * self.image_w, box[3] * self.image_h
        left, top = max(bx, x), max(by, y)
        right, bottom = min(bx + bw, x + w), min(by + bh, y + h)
        if right <= left or bottom <= top:
            return None
        return ((left - x) / w, (top - y) / h, (right - left) / w, (bottom - top) / h)

    # -- moves ------------------------------------------------------------------------------
    def zoom_in(self, step: float = ZOOM_STEP) -> Viewport:
        return replace(self.clamped(), zoom=self.zoom * step).clamped()

    def zoom_out(self, step: float = ZOOM_STEP) -> Viewport:
        return replace(self.clamped(), zoom=self.zoom / step).clamped()

    def reset(self) -> Viewport:
        return replace(self, zoom=1.0, cx=0.5, cy=0.5)

    def pan(self, dx: float, dy: float) -> Viewport:
        """Move by dx, dy visible widths/heights (so a step feels the same at every zoom)."""
        _, _, w, h = self.region()
        return replace(
            self, cx=self.cx + dx * w / self.image_w, cy=self.cy + dy * h / self.image_h
        ).clamped()

    def resized(self, view_w: int, view_h: int) -> Viewport:
        """The same view in a box of another size. The centre is kept as it was, not clamped,
        so that growing and shrinking the box (full screen and back) returns to the same spot."""
        v = replace(self, view_w=max(1, view_w), view_h=max(1, view_h))
        return replace(v, zoom=min(max(v.zoom, 1.0), v.max_zoom))

    def to_region(self, box: Box) -> Viewport:
        """Centre on a fractional (x, y, w, h) box and zoom so that it fills most of the view."""
        base_w, base_h = self._base_span()
        need_w = max(box[2] * self.image_w * REGION_MARGIN, 1.0)
        need_h = max(box[3] * self.image_h * REGION_MARGIN, 1.0)
        zoom = min(base_w / need_w, base_h / need_h)
        return replace(self, zoom=zoom, cx=box[0] + box[2] / 2, cy=box[1] + box[3] / 2).clamped()

    def to_field(self, cx: float, cy: float, field: float) -> Viewport:
        """Centre on (cx, cy) and show `field` of the picture's width (all fractions): a
        case's `view:`."""
        base_w, _ = self._base_span()
        zoom = base_w / max(field * self.image_w, 1.0)
        return replace(self, zoom=zoom, cx=cx, cy=cy).clamped()

    @property
    def is_zoomed(self) -> bool:
        return self.zoom > 1.0 + 1e-9
