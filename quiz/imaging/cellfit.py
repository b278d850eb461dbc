"""Pictures sized to terminal cells without distortion, whatever the font's proportions.

Graphics protocols: the kitty and Sixel widgets draw a picture over whole cells (textual-image
scales it to cols x cell width by rows x cell height). A fitted picture rarely ends on a cell
edge; rounding both sides up stretched it by up to a cell each way. Here the whole cells whose
shape is closest to the picture's are chosen and the picture is resized to them once, so the
error is at most half a cell's worth, on one side. (Padding to whole cells would be exact, but
xterm drew the first Sixel band of a padded picture garbled, seen under Xvfb.)

Half-cell blocks: a block is a cell wide and half a cell high, square only when the cell is
1:2 (10x20). With the cell size known (kernel or the terminal's answer), the picture is fitted
in square units of a cell's width, then its rows are scaled to half-cells: a 6x13 xterm cell or
an 8x17 one no longer stretches the picture upright.
"""

from __future__ import annotations

from PIL import Image


def fit_to_cells(
    image: Image.Image, cell_w: int, cell_h: int, max_cols: int, max_rows: int
) -> tuple[Image.Image, int, int]:
    """(picture, cols, rows): the fitted picture resized to exactly cols x rows cells, the
    whole cells whose shape is closest to the picture's (never more than the panel has)."""
    w, h = image.width / cell_w, image.height / cell_h
    aspect = image.width / image.height
    best = None
    for cols in {max(1, int(w)), max(1, -(-image.width // cell_w))}:
        for rows in {max(1, int(h)), max(1, -(-image.height // cell_h))}:
            if cols > max(1, max_cols) or rows > max(1, max_rows):
                continue
            error = abs((cols * cell_w) / (rows * cell_h) / aspect - 1)
            if best is None or error < best[0]:
                best = (error, cols, rows)
    if best is None:  # the picture was fitted to the panel, so this is a panel of < 1 cell
        best = (0.0, max(1, min(max_cols, round(w))), max(1, min(max_rows, round(h))))
    _, cols, rows = best
    size = (cols * cell_w, rows * cell_h)
    if size == image.size:
        return image, cols, rows
    return image.resize(size, Image.Resampling.LANCZOS), cols, rows


def halfcell_box(cols: int, rows: int, cell_w: int, cell_h: int) -> tuple[int, int]:
    """The box to fit a picture into for cols x rows cells of half-blocks, in square units
    of a cell's width (10x20 cells give cols x 2*rows, the half-blocks themselves)."""
    return max(1, cols), max(1, round(rows * cell_h / cell_w))


def to_halfcells(image: Image.Image, cols: int, rows: int, cell_w: int, cell_h: int) -> Image.Image:
    """A picture fitted in halfcell_box units, its rows scaled to half-cell blocks."""
    height = min(2 * max(1, rows), max(1, round(image.height * 2 * cell_w / cell_h)))
    if height == image.height:
        return image
    return image.resize((image.width, height), Image.Resampling.BOX)
