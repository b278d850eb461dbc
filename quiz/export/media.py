"""The pack's images, made fit for a web view (Anki, Moodle, a browser).

Browsers show PNG, JPEG, GIF and WebP; anything else (TIFF, BMP) is converted. Images far
larger than any screen are scaled down, so that exports stay light: the original files in the
pack are never changed.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from quiz.export import ExportError
from quiz.pack.models import Image as PackImage
from quiz.pack.pack import Pack

WEB_FORMATS = {
    "PNG": ("image/png", ".png"),
    "JPEG": ("image/jpeg", ".jpg"),
    "GIF": ("image/gif", ".gif"),
    "WEBP": ("image/webp", ".webp"),
}
MAX_SIDE = 2400  # px on the long side: sharp on a 4K screen at half width, and in print
MAX_BYTES = 3 * 1024 * 1024
REGION_MARGIN = 1.25  # a region's view shows a quarter of its size around it, as the viewer does


@dataclass(frozen=True)
class WebImage:
    name: str  # a file name safe in any folder, URL and media store: [a-z0-9._-]
    data: bytes
    mime: str
    width: int
    height: int


class ImageSet:
    """The web versions of a pack's images, made once each however often cases show them."""

    def __init__(self, pack: Pack, prefix: str = ""):
        self.pack = pack
        self.prefix = prefix
        self._done: dict[str, WebImage] = {}

    def get(self, image: PackImage) -> WebImage:
        found = self._done.get(image.file)
        if found is None:
            found = self._done[image.file] = web_image(
                self.pack.image_path(image), image.file, self.prefix
            )
        return found

    def views(self, image: PackImage) -> list[tuple[str, WebImage]]:
        """For a whole slide: its opening `view:` and each region, rendered (label, picture);
        nothing for a picture, whose regions the export's readers see in the picture itself."""
        from quiz.imaging.slide import is_slide

        path = self.pack.image_path(image)
        if not is_slide(path):
            return []
        boxes: list[tuple[str, tuple[float, float, float, float]]] = []
        if image.view is not None:
            (cx, cy), f = image.view.center, image.view.field
            # the width the case opens on, 4:3 (margin taken off: slide_view adds it back)
            w = f / REGION_MARGIN
            h = w * 0.75 * self._aspect(path)
            boxes.append(("view", (cx - w / 2, cy - h / 2, w, h)))
        boxes += [(r.label, r.box) for r in image.regions]
        out = []
        for label, box in boxes:
            key = f"{image.file}#{label}#{box}"
            found = self._done.get(key)
            if found is None:
                found = self._done[key] = slide_view(path, box, self.prefix)
            out.append((label, found))
        return out

    @staticmethod
    def _aspect(path: Path) -> float:
        from quiz.imaging import default_store

        sw, sh = default_store().source_size(path)
        return sw / sh

    def all(self) -> list[WebImage]:
        return list(self._done.values())


def slide_view(
    path: Path, box: tuple[float, float, float, float] | None, prefix: str = ""
) -> WebImage:
    """A whole slide (box None) or a fractional box of it with a margin around, as a JPEG of
    at most MAX_SIDE pixels, read from the pyramid level that size needs."""
    from quiz.imaging import ImageError, default_store

    store = default_store()
    try:
        region = None
        if box is not None:
            sw, sh = store.source_size(path)
            w, h = box[2] * sw * REGION_MARGIN, box[3] * sh * REGION_MARGIN
            cx, cy = (box[0] + box[2] / 2) * sw, (box[1] + box[3] / 2) * sh
            region = (cx - w / 2, cy - h / 2, w, h)
        view = store.view(path, (MAX_SIDE, MAX_SIDE) if box is None else (1600, 1200), region)
        out = io.BytesIO()
        view.image.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
    except ImageError as exc:
        raise ExportError(f"{exc} (run `dermquiz validate`)") from None
    data = out.getvalue()
    digest = hashlib.sha256(data).hexdigest()[:16]
    return WebImage(f"{prefix}img-{digest}.jpg", data, "image/jpeg", *view.image.size)


def web_image(path: Path, label: str, prefix: str = "") -> WebImage:
    """*path* as a WebImage, named by its content alone (never by *label*, the path
    written in the case)."""
    from PIL import Image, ImageOps

    from quiz.imaging.slide import is_slide

    if is_slide(path):  # never read whole: the export carries its overview
        return slide_view(path, None, prefix)
    try:
        raw = path.read_bytes()
        with Image.open(io.BytesIO(raw)) as im:
            fmt, size = im.format, im.size
            # Camera metadata (GPS, device, dates) must not travel with a shared export:
            # a file that carries any is re-encoded without it.
            private = any(key in im.info for key in ("exif", "xmp", "XML:com.adobe.xmp", "comment"))
            if (
                fmt in WEB_FORMATS
                and max(size) <= MAX_SIDE
                and len(raw) <= MAX_BYTES
                and not private
            ):
                data, (mime, suffix) = raw, WEB_FORMATS[fmt]
                width, height = size
            else:
                im = ImageOps.exif_transpose(im)
                im.thumbnail((MAX_SIDE, MAX_SIDE))
                photo = fmt == "JPEG" or (im.mode in ("RGB", "L", "CMYK", "YCbCr") and fmt != "PNG")
                out = io.BytesIO()
                if photo:
                    im.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
                    mime, suffix = WEB_FORMATS["JPEG"]
                else:
                    im.save(out, "PNG", optimize=True)
                    mime, suffix = WEB_FORMATS["PNG"]
                data = out.getvalue()
                width, height = im.size
    except ExportError:
        raise
    except Exception as exc:  # Pillow raises many kinds; validate has checked the file already
        raise ExportError(
            f"{path}: the image cannot be read for the export ({exc}) — run "
            "`dermquiz validate` and replace the file"
        ) from None
    # Named by content, not by the path in the pack: authors often name files after the
    # diagnosis ("calciphylaxis/he-40.jpg"), and a student sees media names in Anki's
    # editor, in a browser's status bar, and in a saved handout.
    digest = hashlib.sha256(data).hexdigest()[:16]
    return WebImage(f"{prefix}img-{digest}{suffix}", data, mime, width, height)
