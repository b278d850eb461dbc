"""Bring any Pillow mode to RGB or RGBA, the two modes every renderer here takes."""

from __future__ import annotations

from PIL import Image

from quiz.imaging.errors import ImageError

_HIGH_DEPTH = ("I", "F")


def to_display_mode(im: Image.Image) -> Image.Image:
    """RGB, or RGBA when the picture has transparency; raises ImageError for an unusable mode."""
    mode = im.mode
    try:
        if mode in ("RGB", "RGBA"):
            return im
        if mode.startswith("I;16") or mode in _HIGH_DEPTH:
            return _stretch_to_l(im).convert("RGB")
        if mode in ("LA", "PA", "RGBa", "La") or (mode == "P" and "transparency" in im.info):
            return im.convert("RGBA")
        if mode == "L" or mode == "1":
            return im.convert("RGB")
        # P, CMYK, YCbCr, HSV, LAB: Pillow converts these itself (CMYK naively, without a profile,
        # which is close enough for a preview of a scan).
        return im.convert("RGB")
    except (ValueError, OSError) as exc:
        raise ImageError(
            f"colour mode {mode} cannot be shown ({exc}) — save the image as 8-bit RGB PNG or JPEG."
        ) from None


def _stretch_to_l(im: Image.Image) -> Image.Image:
    """16-bit and float pixels mapped linearly from their own min..max onto 0..255.

    Medical and microscope cameras often fill only 10 or 12 of 16 bits, so a plain shift by
    8 bits would show an almost black picture; the data's own range is the usual auto window.
    """
    im32 = im.convert("F") if im.mode == "F" else im.convert("I")
    lo, hi = im32.getextrema()
    if hi <= lo:
        return Image.new("L", im.size, 0 if hi <= 0 else 255)
    scale = 255.0 / (hi - lo)
    offset = -lo * scale
    if im32.mode == "F":
        return im32.point(lambda v: v * scale + offset).convert("L")
    return im32.point(lambda v: v * scale + offset, "L")
