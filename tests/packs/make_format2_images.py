"""Draw the schematic PNGs of tests/packs/format2 (run once; the files are committed)."""

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent / "format2" / "images"


def draw(path: Path, split_y: float, cells: list[tuple[float, float]]) -> None:
    w, h = 160, 120
    im = Image.new("RGB", (w, h), (240, 200, 215))
    d = ImageDraw.Draw(im)
    d.rectangle([0, 0, w, int(h * split_y)], fill=(200, 120, 170))  # epidermis
    d.rectangle([16, int(h * split_y), w - 16, int(h * (split_y + 0.12))], fill=(250, 245, 248))
    for x, y in cells:
        d.ellipse([x * w - 3, y * h - 3, x * w + 3, y * h + 3], fill=(220, 60, 80))
    path.parent.mkdir(parents=True, exist_ok=True)
    im.save(path, optimize=True)


if __name__ == "__main__":
    draw(HERE / "pv" / "he.png", 0.30, [(0.2 + 0.1 * i, 0.50) for i in range(7)])
    draw(HERE / "bp" / "he.png", 0.50, [(0.4, 0.56), (0.7, 0.56)])
