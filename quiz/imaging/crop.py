"""`dermquiz crop SLIDE --center X,Y --field W [--size 1600x1200] -o view.jpg`.

Cuts a view out of a whole slide (or any picture) from the pyramid level the output needs:
only that level's tiles under the view are read, so a view of a 60,000-pixel slide costs what
the view costs. Centre and field are fractions of the slide, as in a case's `view:`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from quiz.imaging.errors import ImageError

MAX_SIDE = 8000
_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a whole-slide file (SVS, NDPI, tiled TIFF, ...) or a picture")
    p.add_argument(
        "--center",
        type=_pair,
        default=(0.5, 0.5),
        metavar="X,Y",
        help="the view's centre as fractions of the slide (default 0.5,0.5)",
    )
    p.add_argument(
        "--field",
        type=_fraction,
        default=1.0,
        metavar="W",
        help="the width shown as a fraction of the slide's width (default 1: all)",
    )
    p.add_argument(
        "--size",
        type=_size,
        default=(1600, 1200),
        metavar="WxH",
        help="the output in pixels (default 1600x1200)",
    )
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="where to write the view: .jpg, .png or .webp",
    )


def region_for(
    size: tuple[int, int], center: tuple[float, float], field: float, out: tuple[int, int]
) -> tuple[float, float, float, float]:
    """The box of the slide (pixels) centred on `center`, `field` of its width wide, shaped
    like `out`, kept inside the slide."""
    sw, sh = size
    w = min(sw, field * sw)
    h = w * out[1] / out[0]
    if h > sh:  # a tall output on a wide slide: the height decides
        h = float(sh)
        w = min(sw, h * out[0] / out[1])
    x = min(max(center[0] * sw - w / 2, 0.0), sw - w)
    y = min(max(center[1] * sh - h / 2, 0.0), sh - h)
    return x, y, w, h


def run_crop(args: argparse.Namespace, err: TextIO | None = None) -> int:
    err = err or sys.stderr
    path, out = Path(args.file), Path(args.output)
    fmt = _FORMATS.get(out.suffix.lower())
    try:
        if fmt is None:
            raise ImageError(f"{out}: write the view as .jpg, .png or .webp.")
        from quiz.imaging.store import default_store

        store = default_store()
        region = region_for(store.source_size(path), args.center, args.field, args.size)
        view = store.view(path, args.size, region)
        image = view.image.convert("RGB") if fmt == "JPEG" else view.image
        try:
            image.save(out, fmt, **({"quality": 90} if fmt == "JPEG" else {}))
        except OSError as exc:
            raise ImageError(
                f"{out}: cannot be written ({exc.strerror or exc}) — check the folder."
            ) from None
    except ImageError as exc:
        text = str(exc)
        err.write(
            f"dermquiz crop: {text if str(path) in text or str(out) in text else f'{path}: {text}'}\n"
        )
        return 1
    x, y, w, h = view.region
    level = f"{view.image.width}x{view.image.height} pixels"
    err.write(
        f"{out}: {level} of {path.name}, from x {x:.0f}, y {y:.0f}, {w:.0f}x{h:.0f} slide pixels\n"
    )
    return 0


def _pair(text: str) -> tuple[float, float]:
    try:
        x, y = (float(v) for v in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: give X,Y as fractions, e.g. 0.4,0.6") from None
    if not (0 <= x <= 1 and 0 <= y <= 1):
        raise argparse.ArgumentTypeError(f"{text!r}: X and Y are fractions from 0 to 1")
    return x, y


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"{text!r}: the field is a fraction above 0, at most 1")
    return value


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: give WxH in pixels, e.g. 1600x1200") from None
    if not (1 <= w <= MAX_SIDE and 1 <= h <= MAX_SIDE):
        raise argparse.ArgumentTypeError(f"{text!r}: each side from 1 to {MAX_SIDE} pixels")
    return w, h
