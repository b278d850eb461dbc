"""Pictures keep their proportions on screen, whatever the terminal's cell size."""

from __future__ import annotations

import pytest
from PIL import Image

from quiz.imaging.cellfit import fit_to_cells, halfcell_box, to_halfcells
from quiz.imaging.store import ImageStore


def _on_screen_aspect_halfcell(image: Image.Image, cell_w: int, cell_h: int) -> float:
    """Width / height in screen pixels of a half-cell picture (a block: cell_w x cell_h/2)."""
    return (image.width * cell_w) / (image.height * cell_h / 2)


@pytest.mark.parametrize("cell", [(10, 20), (6, 13), (9, 20), (8, 17), (7, 16), (12, 18)])
@pytest.mark.parametrize("source", [(1600, 1200), (1200, 1600), (3000, 600)])
def test_half_cell_pictures_keep_their_shape_and_stay_in_the_panel(tmp_path, cell, source):
    path = tmp_path / "p.png"
    Image.new("RGB", source, (200, 100, 180)).save(path)
    store = ImageStore()
    cols, rows = 60, 20
    view = store.view(path, halfcell_box(cols, rows, *cell))
    shown = to_halfcells(view.image, cols, rows, *cell)
    assert shown.width <= cols and shown.height <= 2 * rows
    # One side fills the panel (within a block) ...
    assert shown.width >= cols - 1 or shown.height >= 2 * rows - 1
    # ... and the shape on screen is the picture's, within a block's rounding.
    aspect = source[0] / source[1]
    tolerance = 1 / min(shown.width, shown.height) * 2 + 0.02
    assert _on_screen_aspect_halfcell(shown, *cell) == pytest.approx(aspect, rel=tolerance)


def test_a_1_to_2_cell_changes_nothing():
    assert halfcell_box(80, 24, 10, 20) == (80, 48)
    image = Image.new("RGB", (80, 40))
    assert to_halfcells(image, 80, 24, 10, 20) is image


@pytest.mark.parametrize("cell", [(6, 13), (9, 20), (10, 20), (7, 16)])
@pytest.mark.parametrize("fitted", [(397, 301), (260, 195), (1000, 97), (61, 400)])
def test_graphics_pictures_take_whole_cells_of_nearly_their_own_shape(cell, fitted):
    image = Image.new("RGB", fitted, (200, 100, 180))
    panel = (-(-fitted[0] // cell[0]), -(-fitted[1] // cell[1]))  # what it was fitted into
    shown, cols, rows = fit_to_cells(image, *cell, *panel)
    assert shown.size == (cols * cell[0], rows * cell[1])  # textual-image scales nothing
    assert cols <= panel[0] and rows <= panel[1]
    # Rounding both sides up (the old way) is never closer than the chosen cells.
    aspect = fitted[0] / fitted[1]
    error = abs(shown.width / shown.height / aspect - 1)
    ceil_error = abs(panel[0] * cell[0] / (panel[1] * cell[1]) / aspect - 1)
    assert error <= ceil_error + 1e-9
    assert error <= 0.5 / min(cols, rows) + 1e-9  # half a cell's worth at most


def test_a_picture_on_cell_edges_is_left_alone():
    image = Image.new("RGB", (60, 130))
    shown, cols, rows = fit_to_cells(image, 6, 13, 10, 10)
    assert shown is image and (cols, rows) == (10, 10)
