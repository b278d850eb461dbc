"""Open and check image files, turning every Pillow failure into a readable ImageError."""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from quiz.imaging.errors import MAX_PIXELS, ImageError
from quiz.imaging.modes import to_display_mode

# We enforce our own MAX_PIXELS (below Pillow's hard limit of 2x its default), so Pillow's
# warning for the band between its default and ours would only leak onto the terminal.
warnings.simplefilter("ignore", Image.DecompressionBombWarning)

# EXIF orientations that swap width and height (rotated by 90 or 270 degrees).
_SWAPPING_ORIENTATIONS = {5, 6, 7, 8}
_ORIENTATION_TAG = 0x0112
_MAX_READ = 64 * 1024 * 1024


def orientation(im: Image.Image) -> int:
    """The EXIF orientation (1..8) of an opened image; 1 when absent or unreadable."""
    try:
        value = im.getexif().get(_ORIENTATION_TAG, 1)
    except Exception:  # a damaged EXIF block must not make the picture unusable
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def oriented_size(im: Image.Image) -> tuple[int, int]:
    """Width and height as the picture is meant to be seen (after EXIF rotation)."""
    w, h = im.size
    return (h, w) if orientation(im) in _SWAPPING_ORIENTATIONS else (w, h)


@contextmanager
def open_image(path: Path) -> Iterator[Image.Image]:
    """Open the header of `path` (no pixels decoded), with the pixel limit checked."""
    path = Path(path)
    name = path.name or str(path)
    try:
        im = Image.open(path)
    except FileNotFoundError:
        raise ImageError(f"{path}: no such file — check the file name and folder.") from None
    except IsADirectoryError:
        raise ImageError(f"{path}: is a folder, not an image — name an image file.") from None
    except PermissionError:
        raise ImageError(
            f"{path}: not allowed to read it — check the file's permissions."
        ) from None
    except Image.DecompressionBombError:
        raise _too_big(path, None) from None
    except UnidentifiedImageError:
        raise ImageError(
            f"{path}: not an image Pillow can read — save {name} as PNG or JPEG."
        ) from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise ImageError(
            f"{path}: cannot be opened ({_short(exc)}) — save it again as PNG or JPEG."
        ) from None
    try:
        w, h = im.size
        if w <= 0 or h <= 0:
            raise ImageError(f"{path}: the image has no pixels ({w}x{h}) — export it again.")
        if w * h > MAX_PIXELS:
            raise _too_big(path, (w, h))
        yield im
    finally:
        im.close()


def check_image(path: Path) -> tuple[int, int]:
    """Verify that `path` is a whole, readable image within MAX_PIXELS; return its oriented size.

    Cheap: only JPEGs are decoded, at 1/8 scale (draft mode), which still reads every byte of the
    entropy-coded data and so finds a truncated file; other formats are checked with verify().
    """
    path = Path(path)
    from quiz.imaging.slide import check_slide, is_slide

    if is_slide(path):  # a whole-slide file: its header and tile table, no pixels
        return check_slide(path).size
    with open_image(path) as im:
        size = oriented_size(im)
        fmt = im.format
    try:
        with Image.open(path) as im:
            _one_read(im, path)
            if fmt == "JPEG":
                im.draft(None, (max(1, im.width // 8), max(1, im.height // 8)))
                im.load()
            else:
                im.verify()
    except ImageError:
        raise
    except Exception as exc:  # Pillow raises many kinds for damaged data
        raise damaged(path, exc) from None
    return size


def _one_read(im: Image.Image, path: Path) -> None:
    """Feed the decoder the whole file in one read instead of 64 KiB blocks.

    Between blocks Pillow takes the GIL back; while the UI thread runs Python, each block then
    waits up to a switch interval (5 ms), which made a 24-megapixel decode in a worker 3-4x
    slower than alone. Capped so that a huge file is still read in pieces.
    """
    try:
        size = os.path.getsize(path)
    except OSError:
        return
    current = getattr(im, "decodermaxblock", 0)
    im.decodermaxblock = max(current, min(size + 1, _MAX_READ))  # type: ignore[attr-defined]


def damaged(path: Path, exc: BaseException) -> ImageError:
    """The error for a file whose header opened but whose pixel data is broken."""
    text = _short(exc)
    if "truncated" in text.lower() or isinstance(exc, EOFError):
        what = "the file is cut short (truncated)"
    else:
        what = f"the picture data is damaged ({text})"
    return ImageError(f"{path}: {what} — copy or export the image again.")


def _too_big(path: Path, size: tuple[int, int] | None) -> ImageError:
    dims = f"{size[0]}x{size[1]} = {size[0] * size[1]:,} pixels" if size else "far too many pixels"
    return ImageError(
        f"{path}: {dims}, more than the limit of {MAX_PIXELS:,} — "
        "scale it down (a 6000x4000 photo is plenty)."
    )


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


def file_key(path: Path) -> tuple[str, int, int]:
    """Identity of a file for caching: absolute path, size and modification time (ns)."""
    st = os.stat(path)
    return (str(Path(path).resolve()), st.st_size, st.st_mtime_ns)


def decode_level(path: Path, factor: int) -> Image.Image:
    """The whole picture decoded at about 1/factor of its size, upright, in RGB or RGBA.

    JPEGs are decoded straight at 1/2, 1/4 or 1/8 (draft mode: the DCT is scaled, so a
    24-megapixel file costs a fraction of a full decode); other formats are decoded whole and
    then reduced, which is all their codecs allow.
    """
    path = Path(path)
    factor = max(1, int(factor))
    with open_image(path) as im:
        try:
            full_w, full_h = im.size
            _one_read(im, path)
            if im.format == "JPEG" and factor > 1:
                f = min(factor, 8)
                # Ask for the floor: draft() picks the scale s with size // request >= s, so a
                # rounded-up request would fall back to the next finer (and slower) scale.
                im.draft(None, (max(1, full_w // f), max(1, full_h // f)))
            im.load()
            done = max(1, round(full_w / im.width))
            out: Image.Image = im
            if factor // done > 1:
                out = out.reduce(factor // done)  # what draft() left of the factor
            if orientation(im) != 1:
                from PIL import ImageOps  # here: most pictures are upright

                out = ImageOps.exif_transpose(out)
            out = to_display_mode(out)
            if out is im:
                out = im.copy()  # detach from the file that open_image() closes
        except ImageError:
            raise
        except Image.DecompressionBombError:
            raise _too_big(path, None) from None
        except Exception as exc:  # Pillow raises many kinds for damaged data
            raise damaged(path, exc) from None
    return out
