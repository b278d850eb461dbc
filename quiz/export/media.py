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

WEB_FORMATS = {"PNG": ("image/png", ".png"), "JPEG": ("image/jpeg", ".jpg"),
               "GIF": ("image/gif", ".gif"), "WEBP": ("image/webp", ".webp")}
MAX_SIDE = 2400  # px on the long side: sharp on a 4K screen at half width, and in print
MAX_BYTES = 3 * 1024 * 1024


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
            found = self._done[image.file] = web_image(self.pack.image_path(image), image.file,
                                                       self.prefix)
        return found

    def all(self) -> list[WebImage]:
        return list(self._done.values())


def web_image(path: Path, label: str, prefix: str = "") -> WebImage:
    """*path* as a WebImage, named by its content alone (never by *label*, the path
    written in the case)."""
    from PIL import Image, ImageOps

    try:
        raw = path.read_bytes()
        with Image.open(io.BytesIO(raw)) as im:
            fmt, size = im.format, im.size
            # Camera metadata (GPS, device, dates) must not travel with a shared export:
            # a file that carries any is re-encoded without it.
            private = any(key in im.info for key in ("exif", "xmp", "XML:com.adobe.xmp", "comment"))
            if fmt in WEB_FORMATS and max(size) <= MAX_SIDE and len(raw) <= MAX_BYTES and not private:
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
        raise ExportError(f"{path}: the image cannot be read for the export ({exc}) — run "
                          "`dermquiz validate` and replace the file") from None
    # Named by content, not by the path in the pack: authors often name files after the
    # diagnosis ("calciphylaxis/he-40.jpg"), and a student sees media names in Anki's
    # editor, in a browser's status bar, and in a saved handout.
    digest = hashlib.sha256(data).hexdigest()[:16]
    return WebImage(f"{prefix}img-{digest}{suffix}", data, mime, width, height)
