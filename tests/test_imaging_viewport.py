"""Zoom and pan geometry: what part of the source a view shows."""

from __future__ import annotations

import pytest

from quiz.imaging import Viewport


def approx(box, expected):
    return all(a == pytest.approx(b, abs=1e-6) for a, b in zip(box, expected))


def test_zoom_one_shows_the_whole_picture():
    assert Viewport(2000, 1000, 80, 80).region() == (0.0, 0.0, 2000, 1000)


def test_zoom_in_halves_the_span_around_the_centre():
    v = Viewport(2000, 2000, 100, 100).zoom_in(2.0)
    assert approx(v.region(), (500, 500, 1000, 1000))


def test_zoomed_region_takes_the_shape_of_the_box():
    # A wide picture in a square box: at zoom 2 the span is 1000 wide, and 1000 high at most.
    v = Viewport(2000, 1000, 80, 80).zoom_in(2.0)
    assert approx(v.region(), (500, 0, 1000, 1000))


def test_pan_moves_by_a_share_of_the_visible_span_and_stops_at_the_edge():
    v = Viewport(2000, 2000, 100, 100).zoom_in(4.0)  # 500 x 500 at the centre
    moved = v.pan(0.5, 0)
    assert approx(moved.region(), (1000, 750, 500, 500))
    far = v.pan(10, -10)
    assert approx(far.region(), (1500, 0, 500, 500))


def test_zoom_out_never_goes_below_the_whole_picture():
    v = Viewport(300, 200, 60, 40).zoom_out().zoom_out()
    assert v.zoom == 1.0 and v.region() == (0.0, 0.0, 300, 200)


def test_zoom_stops_at_two_output_pixels_per_source_pixel():
    v = Viewport(400, 400, 100, 100)
    for _ in range(50):
        v = v.zoom_in()
    assert v.zoom == pytest.approx(8.0)
    assert approx(v.region()[2:], (50, 50))


def test_to_region_centres_and_fits_the_box_with_a_margin():
    v = Viewport(1000, 1000, 100, 100).to_region((0.4, 0.4, 0.2, 0.1))
    x, y, w, h = v.region()
    assert x + w / 2 == pytest.approx(500) and y + h / 2 == pytest.approx(450)
    assert w == pytest.approx(200 * 1.25)  # the wider side decides, with a quarter's margin
    projected = v.project((0.4, 0.4, 0.2, 0.1))
    assert approx(projected, (0.1, 0.3, 0.8, 0.4))


def test_a_region_at_the_edge_is_clamped_inside():
    v = Viewport(1000, 1000, 100, 100).to_region((0.9, 0.9, 0.1, 0.1))
    x, y, w, h = v.region()
    assert x + w == pytest.approx(1000) and y + h == pytest.approx(1000)


def test_project_is_none_out_of_sight():
    v = Viewport(1000, 1000, 100, 100).to_region((0.0, 0.0, 0.1, 0.1))
    assert v.project((0.8, 0.8, 0.1, 0.1)) is None


def test_resizing_the_box_keeps_zoom_and_centre():
    v = Viewport(1000, 1000, 100, 100).zoom_in(2).pan(0.5, 0)
    assert v.cx == pytest.approx(0.75)
    bigger = v.resized(300, 300)
    assert bigger.zoom == v.zoom and approx(bigger.region(), (500, 250, 500, 500))
    wide = v.resized(400, 100)  # span as wide as the picture: drawn centred...
    assert wide.region()[0] == 0
    assert wide.resized(100, 100).region() == v.region()  # ...and back where it was
