"""What a slide view means under the microscope: the objective it matches, and a scale bar."""

from __future__ import annotations

# A scan at 0.25 µm per pixel is what a 40x objective gives: magnification x µm/pixel = 10.
_MICRONS_AT_1X = 10.0
_NICE = (1, 2, 5)


def magnification(um_per_pixel: float) -> float:
    """The objective whose scan would show one screen pixel as `um_per_pixel` microns."""
    return _MICRONS_AT_1X / um_per_pixel


def bar_length(um_per_cell: float, max_cells: int) -> tuple[int, float] | None:
    """The longest round length (1, 2 or 5 x 10^n µm) that fits `max_cells` cells: (cells, µm)."""
    if um_per_cell <= 0 or max_cells < 2:
        return None
    best = None
    exp = -1
    while exp < 8:
        for nice in _NICE:
            um = nice * 10.0**exp
            cells = round(um / um_per_cell)
            if cells > max_cells:
                return best
            if cells >= 2:
                best = (cells, um)
        exp += 1
    return best


def length_text(um: float) -> str:
    if um >= 1000:
        return f"{um / 1000:g} mm"
    return f"{um:g} µm"


def slide_status(um_per_pixel: float, um_per_cell: float, max_cells: int = 12) -> str:
    """ "≈40× · ├──────┤ 50 µm": the view's magnification equivalent and a scale bar."""
    mag = magnification(um_per_pixel)
    text = f"≈{mag:.0f}×" if mag >= 9.5 else f"≈{mag:.2g}×"  # 40×, 2.5×, 0.052×
    bar = bar_length(um_per_cell, max_cells)
    if bar is not None:
        cells, um = bar
        text += f" · ├{'─' * max(0, cells - 2)}┤ {length_text(um)}"
    return text
