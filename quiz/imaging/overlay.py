"""Region outlines drawn onto a view, so every protocol (half-cell, kitty, sixel) shows them."""

from __future__ import annotations

from collections.abc import Sequence

from PIL import Image, ImageDraw

Box = tuple[float, float, float, float]
RGB = tuple[int, int, int]


def draw_outlines(
    image: Image.Image,
    boxes: Sequence[Box],
    colour: RGB,
    emphasis: int | None = None,
) -> Image.Image:
    """A copy of `image` with rectangles at fractional boxes (x, y, w, h in 0..1 of the image).

    The box at index `emphasis` is drawn twice as thick. Lines scale with the picture so they
    stay visible in a 60-pixel half-cell view and in a 2000-pixel kitty view alike.
    """
    if not boxes:
        return image
    out = image.copy()
    draw = ImageDraw.Draw(out)
    fill = colour + (255,) if out.mode == "RGBA" else colour
    base = max(1, round(min(out.size) / 150))
    for i, (x, y, w, h) in enumerate(boxes):
        width = base * 2 if i == emphasis else base
        left = round(x * out.width)
        top = round(y * out.height)
        right = max(left, round((x + w) * out.width) - 1)
        bottom = max(top, round((y + h) * out.height) - 1)
        draw.rectangle((left, top, right, bottom), outline=fill, width=width)
    return out
