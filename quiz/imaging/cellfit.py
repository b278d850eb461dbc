"""Pictures sized to terminal cells without distortion, whatever the font's proportions.

Graphics protocols: the kitty and Sixel widgets draw a picture over whole cells (textual-image
scales it to cols x cell width by rows x cell height). A fitted picture rarely ends on a cell
edge, so the last part-filled cell would stretch it a little (more in a small panel); padding
it with clear pixels, picture centred, keeps its proportions exactly.

Half-cell blocks: a block is a cell wide and half a cell high, square only when the cell is
1:2 (10x20). With the cell size known (kernel or the terminal's answer), the picture is fitted
in square units of a cell's width, then its rows are scaled to half-cells: a 6x13 xterm cell or
an 8x17 one no longer stretches the picture upright.
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


def halfcell_box(cols: int, rows: int, cell_w: int, cell_h: int) -> tuple[int, int]:
    """The box to fit a picture into for cols x rows cells of half-blocks, in square units
    of a cell's width (10x20 cells give cols x 2*rows, the half-blocks themselves)."""
    return max(1, cols), max(1, round(rows * cell_h / cell_w))


def to_halfcells(image: Image.Image, cols: int, rows: int, cell_w: int,
                 cell_h: int) -> Image.Image:
    """A picture fitted in halfcell_box units, its rows scaled to half-cell blocks."""
    height = min(2 * max(1, rows), max(1, round(image.height * 2 * cell_w / cell_h)))
    if height == image.height:
        return image
    return image.resize((image.width, height), Image.Resampling.BOX)
