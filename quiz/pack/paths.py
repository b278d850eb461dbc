"""Where a pack's image paths may lead: only to files inside its own images/ folder."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff"}
# Whole-slide files (quiz.imaging.slide); a tiled TIFF is one too, found by its content.
SLIDE_SUFFIXES = {".svs", ".ndpi", ".vms", ".vmu", ".scn", ".mrxs", ".svslide", ".bif", ".czi"}
IMAGE_SUFFIXES |= SLIDE_SUFFIXES


class UnsafePath(Exception):
    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message = message
        self.hint = hint


def image_file(root: Path, name: str) -> Path:
    """The file *name* (as written in a case) names, or UnsafePath saying why not."""
    if not name.strip():
        raise UnsafePath("the image `file` is empty", "write a path relative to images/")
    if "\\" in name:
        raise UnsafePath(f"the image path `{name}` uses backslashes", "use forward slashes (/)")
    if name.startswith(("/", "~")) or re.match(r"^[A-Za-z]:", name):
        raise UnsafePath(
            f"the image path `{name}` is absolute", "write it relative to the pack's images/ folder"
        )
    parts = PurePosixPath(name).parts
    if ".." in parts:
        raise UnsafePath(
            f"the image path `{name}` leads out of images/ with `..`",
            "put the file inside the pack's images/ folder",
        )
    images = root / "images"
    target = images.joinpath(*parts)
    try:
        inside = target.resolve().is_relative_to(
            images.resolve()
        ) and images.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a link loop
        inside = False
    if not inside:
        raise UnsafePath(
            f"the image path `{name}` is a link leading out of the pack",
            "copy the file itself into images/",
        )
    if not target.is_file():
        hint = "check the spelling; paths are relative to the pack's images/ folder"
        if target.parent.is_dir():
            near = [p.name for p in target.parent.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES]
            from quiz.pack.diagnostics import did_you_mean

            found = did_you_mean(target.name, near)
            if found:
                hint = found[0].upper() + found[1:]
        raise UnsafePath(f"the image `{name}` does not exist in images/", hint)
    return target


def images_on_disk(root: Path) -> list[str]:
    """Every image file under images/, as paths relative to it (forward slashes)."""
    images = root / "images"
    if not images.is_dir():
        return []
    return sorted(
        p.relative_to(images).as_posix()
        for p in images.rglob("*")
        if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file()
    )
