"""The one error the imaging core raises, and the pixel limit it enforces."""

from __future__ import annotations

# A 24-megapixel camera photo (6000x4000) must pass with room to spare; anything past
# 100 million pixels is almost surely a decompression bomb and would need gigabytes to decode.
MAX_PIXELS: int = 100_000_000


class ImageError(Exception):
    """A picture that cannot be shown. str(e) is a message for the user: what, and what to do."""
