"""Images for the terminal: open, check, downsize, cache, crop, render. No Textual here."""

from __future__ import annotations

from quiz.imaging.errors import MAX_PIXELS, ImageError
from quiz.imaging.loader import check_image

__all__ = ["MAX_PIXELS", "ImageError", "check_image"]
