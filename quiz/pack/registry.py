"""Where packs are: the built-in one, then each pack (folder or zip) in `<data dir>/packs`;
finding one by folder, zip or id. Loading is quiz.pack.service's (the one way in for the
command line, the app, the statistics and authoring); the loader's `uses` finds packs here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

BUILTIN_ID = "calcinosis-cutis"


def builtin_pack_dir() -> Path:
    """The built-in pack: inside the installed package, or the repository itself."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "builtin_pack"
    if (installed / "pack.yaml").is_file():
        return installed
    return here.parent  # a source checkout: the repository is the pack


def user_packs_dir(data_dir: Path | None = None) -> Path:
    """Packs a learner has added: `<data dir>/packs` (the settings' data dir by default)."""
    if data_dir is None:
        from quiz.settings import current

        data_dir = current().data_dir
    return Path(data_dir) / "packs"


# -- the packs the app knows ------------------------------------------------------------------


def known_packs(data_dir: Path | None = None) -> list[Path]:
    """The built-in pack first, then each pack folder (or zip) in the user's pack folder."""
    found = [builtin_pack_dir()]
    try:
        folder = user_packs_dir(data_dir)
        if folder.is_dir():
            for entry in sorted(folder.iterdir()):
                if (entry / "pack.yaml").is_file() or entry.suffix.lower() == ".zip":
                    found.append(entry)
    except Exception:  # an unreadable data folder must not stop the built-in pack
        pass
    return found


@dataclass(frozen=True)
class KnownPack:
    """A pack the app knows: where it is kept, the folder it is read from (a zip unpacked into
    the cache), its id; `problem` says why a damaged zip has no folder."""

    path: Path
    folder: Path | None
    id: str | None
    problem: str = ""


def list_known(data_dir: Path | None = None) -> list[KnownPack]:
    """Every known pack, zips unpacked; a damaged zip is listed with its problem, never raised."""
    out = []
    for path in known_packs(data_dir):
        try:
            folder = unzipped(path)
        except Exception as exc:  # a damaged zip in the pack folder must not hide the others
            out.append(KnownPack(path, None, None, str(exc)))
            continue
        out.append(KnownPack(path, folder, pack_id_of(folder) if folder else None))
    return out


def pack_id_of(folder: Path) -> str | None:
    """The id in *folder*'s pack.yaml, read cheaply; None when it cannot be read."""
    import yaml  # here: the home screen lists the known packs before anything needs YAML

    try:
        with open(folder / "pack.yaml", "rb") as handle:
            data = yaml.safe_load(handle.read(256 * 1024))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def unzipped(path: Path) -> Path | None:
    """*path* itself, or for a zip file the pack folder unpacked from it into the cache.
    Raises ZipPackError for a zip that cannot be used."""
    path = Path(path)
    if path.suffix.lower() != ".zip" or not path.is_file():
        return path
    from quiz.pack.zipped import open_zip

    return open_zip(path)


# -- finding one ------------------------------------------------------------------------------


def find_pack(ref: str, base: Path | None = None, data_dir: Path | None = None) -> Path | None:
    """The pack folder *ref* names: a path (relative to *base*, else the working folder), a
    zip file, or the id of a pack the app knows. None when nothing matches; ZipPackError for
    a zip that cannot be used."""
    candidates = (
        [Path(ref)]
        if Path(ref).is_absolute()
        else [*([base / ref] if base is not None else []), Path(os.getcwd()) / ref]
    )
    for candidate in candidates:
        if candidate.is_dir() and (candidate / "pack.yaml").is_file():
            return candidate
        if candidate.is_file() and candidate.suffix.lower() == ".zip":
            return unzipped(candidate)
        if candidate.is_dir() and base is None:
            return candidate  # the loader explains what is missing in it
    return next(
        (k.folder for k in list_known(data_dir) if k.folder is not None and k.id == ref), None
    )
