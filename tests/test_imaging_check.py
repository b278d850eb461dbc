"""Opening and checking images: broken, huge, rotated, and every pixel mode we meet."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image
from support import SCAN

from quiz.imaging import MAX_PIXELS, ImageError, check_image
from quiz.imaging.loader import decode_level


def _png_header_only(path: Path, width: int, height: int) -> Path:
    """A PNG whose header claims width x height; no pixel data is ever allocated."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b""))
    return path


def _noise(size=(64, 48), mode="RGB") -> Image.Image:
    return Image.frombytes(mode, size, bytes((i * 37) % 251 for i in range(size[0] * size[1] * 3)))


def test_a_good_png_reports_its_size(tmp_path):
    path = tmp_path / "ok.png"
    _noise().save(path)
    assert check_image(path) == (64, 48)


def test_a_24_megapixel_photo_is_within_the_limit():
    assert MAX_PIXELS >= 6000 * 4000


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("size", [(100_000, 100_000), (12_000, 9_000)])
def test_a_decompression_bomb_is_refused_without_decoding(tmp_path, size):
    # 10^10 pixels trips Pillow's own hard limit; 108 M pixels only ours.
    path = _png_header_only(tmp_path / "bomb.png", *size)
    with pytest.raises(ImageError) as info:
        check_image(path)
    message = str(info.value)
    assert "bomb.png" in message and "limit" in message
    assert "Traceback" not in message


def test_a_missing_file(tmp_path):
    with pytest.raises(ImageError, match="no such file"):
        check_image(tmp_path / "nope.png")


def test_a_text_file_is_not_an_image(tmp_path):
    path = tmp_path / "notes.png"
    path.write_text("this is not a picture\n")
    with pytest.raises(ImageError, match="not an image"):
        check_image(path)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_a_truncated_file_is_reported(tmp_path, fmt):
    buf = io.BytesIO()
    _noise((256, 256)).save(buf, fmt)
    path = tmp_path / f"cut.{fmt.lower()}"
    path.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    with pytest.raises(ImageError) as info:
        check_image(path)
    assert "cut." in str(info.value)
    assert "export the image again" in str(info.value)


def test_exif_rotation_swaps_the_size_and_turns_the_pixels(tmp_path):
    im = Image.new("RGB", (40, 20), (0, 0, 255))
    im.paste((255, 0, 0), (0, 0, 20, 20))  # left half red, as stored
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    path = tmp_path / "phone.jpg"
    im.save(path, "JPEG", exif=exif.tobytes(), quality=95)
    assert check_image(path) == (20, 40)
    shown = decode_level(path, 1)
    assert shown.size == (20, 40)
    top, bottom = shown.getpixel((10, 5)), shown.getpixel((10, 35))
    assert top[0] > 200 and top[2] < 60  # the stored left (red) is now on top
    assert bottom[2] > 200 and bottom[0] < 60


@pytest.mark.parametrize(
    "mode, expect",
    [("L", "RGB"), ("1", "RGB"), ("P", "RGB"), ("RGBA", "RGBA"), ("LA", "RGBA"), ("CMYK", "RGB")],
)
def test_pixel_modes_come_out_as_rgb_or_rgba(tmp_path, mode, expect):
    im = Image.new(mode, (8, 6))
    path = tmp_path / ("x.jpg" if mode == "CMYK" else "x.png")
    im.save(path)
    check_image(path)
    assert decode_level(path, 1).mode == expect


def test_cmyk_colours_survive(tmp_path):
    path = tmp_path / "print.jpg"
    Image.new("CMYK", (16, 16), (0, 255, 255, 0)).save(path, quality=95)  # pure red ink
    r, g, b = decode_level(path, 1).getpixel((8, 8))
    assert r > 200 and g < 60 and b < 60


def test_a_palette_image_with_transparency_keeps_it(tmp_path):
    im = Image.new("P", (8, 8), 1)
    im.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    im.info["transparency"] = 0
    im.putpixel((0, 0), 0)
    path = tmp_path / "pal.png"
    im.save(path, transparency=0)
    out = decode_level(path, 1)
    assert out.mode == "RGBA"
    assert out.getpixel((0, 0))[3] == 0 and out.getpixel((4, 4)) == (255, 0, 0, 255)


def test_sixteen_bit_greyscale_is_stretched_not_clipped(tmp_path):
    # A 12-bit camera in a 16-bit file: a plain 8-bit cut would show all white or all black.
    im = Image.new("I;16", (8, 8), 100)
    im.putpixel((0, 0), 4000)
    path = tmp_path / "deep.png"
    im.save(path)
    out = decode_level(path, 1)
    assert out.mode == "RGB"
    assert out.getpixel((0, 0)) == (255, 255, 255)
    assert out.getpixel((4, 4)) == (0, 0, 0)


def test_draft_levels_of_a_jpeg_are_smaller(tmp_path):
    path = tmp_path / "big.jpg"
    _noise((400, 300)).save(path, quality=90)
    assert decode_level(path, 1).size == (400, 300)
    assert decode_level(path, 4).size == (100, 75)
    assert decode_level(path, 8).size == (50, 38)


def test_the_real_scan_checks():
    assert check_image(SCAN) == (2220, 2967)
