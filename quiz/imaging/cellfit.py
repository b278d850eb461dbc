"""A picture made exactly whole cells wide and high, so a graphics protocol never stretches it.

The kitty and Sixel widgets draw a picture over whole cells: textual-image scales it to
cols x cell width by rows x cell height. A fitted picture rarely ends on a cell edge, so the
last part-filled cell would stretch it a little (more in a small panel); padding it with
clear pixels, picture centred, keeps its proportions exactly.
"""

from __future__ import annotations

from PIL import Image


def pad_to_cells(image: Image.Image, cell_w: int, cell_h: int) -> tuple[Image.Image, int, int]:
    """(padded picture, cols, rows): the picture centred on a clear canvas of whole cells."""
    cols = max(1, -(-image.width // cell_w))
    rows = max(1, -(-image.height // cell_h))
    width, height = cols * cell_w, rows * cell_h
    if (width, height) == image.size:
        return image, cols, rows
    canvas = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    rgba = image if image.mode == "RGBA" else image.convert("RGBA")
    canvas.paste(rgba, ((width - image.width) // 2, (height - image.height) // 2))
    return canvas, cols, rows
