"""The overview in the corner of a zoomed slide: where on the glass the field shown lies."""

from __future__ import annotations

from PIL import Image, ImageDraw

Box = tuple[float, float, float, float]


def draw_inset(
    frame: Image.Image, overview: Image.Image, field: Box, colour: tuple[int, int, int]
) -> Image.Image:
    """`frame` with `overview` pasted top right, framed, and `field` (fractions of the slide)
    outlined on it; at least a 2x2 mark, so a field at full resolution still shows."""
    out = frame.copy()
    ow, oh = overview.size
    if ow + 2 > out.width or oh + 2 > out.height:
        return out
    left, top = out.width - ow - 1, 0
    thumb = overview.convert(out.mode) if overview.mode != out.mode else overview
    draw = ImageDraw.Draw(out)
    draw.rectangle((left - 1, top, left + ow, top + oh + 1), outline=(0, 0, 0))
    out.paste(thumb, (left, top + 1))
    fx, fy, fw, fh = field
    x0, y0 = left + fx * ow, top + 1 + fy * oh
    x1 = max(x0 + 1, x0 + fw * ow - 1)
    y1 = max(y0 + 1, y0 + fh * oh - 1)
    draw.rectangle((round(x0), round(y0), round(x1), round(y1)), outline=colour)
    return out
