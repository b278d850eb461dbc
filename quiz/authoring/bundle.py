"""`dermquiz pack`: a pack folder as one zip file to share.

Only what makes the pack goes in (pack.yaml, entities.yaml, cases/, images/, the schemas and
the top-level notes), in a fixed order with fixed timestamps, so the same pack always gives
the same bytes — and so the same cache folder when students open it.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from quiz.pack import zipped
from quiz.pack.paths import IMAGE_SUFFIXES

STORED = {".png", ".jpg", ".jpeg", ".gif", ".webp"}  # already compressed: deflate gains nothing
_EPOCH = (1980, 1, 1, 0, 0, 0)


class BundleError(Exception):
    """The zip cannot be made; str() says why and what to do."""


def members(root: Path) -> list[tuple[str, Path]]:
    """(name in the zip, file) for every file that belongs to the pack, sorted."""
    root = Path(root)
    real_root = root.resolve()
    chosen: dict[str, Path] = {}

    def add(path: Path) -> None:
        try:
            inside = path.resolve().is_relative_to(real_root)
        except (OSError, RuntimeError):
            inside = False
        if path.is_file() and inside:  # a link leading out of the pack is left behind
            chosen[path.relative_to(root).as_posix()] = path

    for name in ("pack.yaml", "entities.yaml"):
        add(root / name)
    for top in root.iterdir():
        if top.is_file() and (
            top.suffix.lower() in (".md", ".txt") or top.name.upper().startswith("LICENSE")
        ):
            add(top)
    for folder, keep in (
        ("cases", lambda p: p.suffix in (".yaml", ".yml")),
        ("images", lambda p: p.suffix.lower() in IMAGE_SUFFIXES),
        (".schema", lambda p: p.suffix == ".json"),
    ):
        base = root / folder
        if base.is_dir():
            for path in base.rglob("*"):
                rel = path.relative_to(root).parts
                if keep(path) and not any(part.startswith(".") for part in rel[1:]):
                    add(path)
    return sorted(chosen.items())


def write_zip(root: Path, output: Path) -> tuple[int, int]:
    """Zip the pack in *root* into *output*; return (files, bytes written)."""
    files = members(root)
    if len(files) > zipped.MAX_MEMBERS:
        raise BundleError(
            f"the pack has {len(files):,} files, more than the "
            f"{zipped.MAX_MEMBERS:,} a zipped pack may hold"
        )
    from quiz.imaging.slide import is_slide

    for name, path in files:
        if name.startswith("images/") and is_slide(path):
            raise BundleError(zipped.slide_in_zip(path, name).removeprefix(f"{path}: "))
        if path.stat().st_size > zipped.MAX_MEMBER_BYTES:
            raise BundleError(
                f"{path} is larger than the {zipped.MAX_MEMBER_BYTES // 2**20} MiB "
                "a file in a zipped pack may have — downsize it"
            )
    output = Path(output)
    tmp = output.with_name(output.name + ".part")
    try:
        with zipfile.ZipFile(tmp, "w") as archive:
            for name, path in files:
                info = zipfile.ZipInfo(name, _EPOCH)
                info.external_attr = 0o644 << 16
                info.compress_type = (
                    zipfile.ZIP_STORED if path.suffix.lower() in STORED else zipfile.ZIP_DEFLATED
                )
                with open(path, "rb") as source, archive.open(info, "w") as sink:
                    while block := source.read(1024 * 1024):
                        sink.write(block)
        os.replace(tmp, output)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise BundleError(
            f"cannot write {output}: {exc.strerror or exc} — check the folder "
            "exists and is writable"
        ) from None
    return len(files), output.stat().st_size
