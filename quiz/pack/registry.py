"""Which packs the app knows: the built-in one, those in the user's pack folder, and any
folder named on the command line; and finding a pack by path or by id."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

BUILTIN_ID = "calcinosis-cutis"


def builtin_pack_dir() -> Path:
    """The built-in pack: inside the installed package, or the repository itself."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "builtin_pack"
    if (installed / "pack.yaml").is_file():
        return installed
    return here.parent  # a source checkout: the repository is the pack


def user_packs_dir(data_dir: Path | None = None) -> Path:
    """Packs a learner has added: `<data dir>/packs`."""
    if data_dir is None:
        from quiz.progress.store import resolve_data_dir

        data_dir = resolve_data_dir(None)
    return data_dir / "packs"


def known_packs(data_dir: Path | None = None) -> list[Path]:
    """The built-in pack first, then each pack folder (or zip) in the user's pack folder."""
    found = [builtin_pack_dir()]
    try:
        folder = user_packs_dir(data_dir)
        if folder.is_dir():
            for entry in sorted(folder.iterdir()):
                if (entry / "pack.yaml").is_file() or entry.suffix == ".zip":
                    found.append(entry)
    except Exception:  # an unreadable data folder must not stop the built-in pack
        pass
    return found


def pack_id_of(folder: Path) -> str | None:
    """The id in *folder*'s pack.yaml, read cheaply; None when it cannot be read."""
    try:
        with open(folder / "pack.yaml", "rb") as handle:
            data = yaml.safe_load(handle.read(256 * 1024))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def find_pack(ref: str, base: Path | None = None, data_dir: Path | None = None) -> Path | None:
    """The pack folder *ref* names: a path (relative to *base*, else the working folder), a
    zip file, or the id of a pack the app knows. None when nothing matches."""
    candidates = [Path(ref)] if Path(ref).is_absolute() else [
        *( [base / ref] if base is not None else []), Path(os.getcwd()) / ref]
    for candidate in candidates:
        if candidate.is_dir() and (candidate / "pack.yaml").is_file():
            return candidate
        if candidate.is_file() and candidate.suffix.lower() == ".zip":
            return _unzipped(candidate)
        if candidate.is_dir() and base is None:
            return candidate  # the loader explains what is missing in it
    for known in known_packs(data_dir):
        try:
            folder = _unzipped(known) if known.suffix == ".zip" else known
        except Exception:  # a damaged zip in the pack folder must not hide the other packs
            continue
        if folder is not None and pack_id_of(folder) == ref:
            return folder
    return None


def _unzipped(path: Path) -> Path | None:
    try:
        from quiz.pack.zipped import open_zip  # noqa: PLC0415 - the zip support is optional
    except ImportError:
        return None
    return open_zip(path)
