"""The pack service: which packs the app knows, finding one by folder, zip or id, and loading
it (through the pack cache, with the garbage collector handled). The command line, the app's
home screen, the statistics and the loader's `uses` all go through here.

Known packs: the built-in one, then each pack (folder or zip) in `<data dir>/packs`.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from quiz.errors import UserError

if TYPE_CHECKING:
    from quiz.pack.loader import LoadResult
    from quiz.pack.pack import Pack

BUILTIN_ID = "calcinosis-cutis"


class PackRefError(UserError):
    """A pack that cannot be found or used as named; str() says why and what to do."""


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
    candidates = [Path(ref)] if Path(ref).is_absolute() else [
        *([base / ref] if base is not None else []), Path(os.getcwd()) / ref]
    for candidate in candidates:
        if candidate.is_dir() and (candidate / "pack.yaml").is_file():
            return candidate
        if candidate.is_file() and candidate.suffix.lower() == ".zip":
            return unzipped(candidate)
        if candidate.is_dir() and base is None:
            return candidate  # the loader explains what is missing in it
    return next((k.folder for k in list_known(data_dir) if k.folder is not None and k.id == ref),
                None)


def resolve(ref: str | None, data_dir: Path | None = None) -> Path:
    """The folder of the pack *ref* names (None: the built-in pack). Raises PackRefError with
    the ids the app knows when nothing matches."""
    if ref is None:
        return builtin_pack_dir()
    from quiz.pack.zipped import ZipPackError

    try:
        found = find_pack(ref, data_dir=data_dir)
    except ZipPackError as exc:
        raise PackRefError(str(exc)) from None
    if found is None:
        ids = [k.id or k.path.name for k in list_known(data_dir)]
        raise PackRefError(f"no pack `{ref}`: not a folder with pack.yaml, not a zip file, and "
                           f"not the id of a pack the app knows ({', '.join(ids)})")
    return found


# -- loading ------------------------------------------------------------------------------------

def load(path: Path, *, check_images: bool = True, freeze: bool = False) -> LoadResult:
    """The pack in folder *path*, from the pack cache when no file of it changed (YAML and
    checks otherwise). Never raises for a broken pack (its result has the errors).

    *freeze*: for a pack that lives as long as the process (the app's packs). A pack is
    hundreds of thousands of objects without reference cycles; frozen, the cyclic collector
    no longer walks them: without this each full collection in the app walks the whole pack
    (pauses of up to ~300 ms with 5,000 cases), and the first ones come right after loading.
    Refcounting still frees them if the pack is dropped. The price: cyclic garbage that exists
    at this moment is never collected; at start-up that is little. Preview, which reloads on
    every save, does not freeze.
    """
    from quiz.pack.cache import load_pack_cached
    from quiz.pack.loader import load_pack

    was_enabled = gc.isenabled()
    gc.disable()  # the loader pauses the collector too; here it stays paused until frozen
    try:
        try:
            result = load_pack_cached(path, check_images=check_images)
        except Exception:  # the cache is only a shortcut: a fault in it must not cost the pack
            result = load_pack(path, check_images=check_images)
        if freeze:
            gc.freeze()
        return result
    finally:
        if was_enabled:
            gc.enable()


def load_playable(ref: str | None, data_dir: Path | None = None) -> Pack:
    """The pack *ref* names, ready to play; PackRefError listing its errors otherwise."""
    result = load(resolve(ref, data_dir))
    if not result.ok:
        lines = [d.format(Path.cwd()) for d in result.errors[:20]]
        more = f"\n… and {len(result.errors) - 20} more" if len(result.errors) > 20 else ""
        raise PackRefError("the pack has errors; fix them, then try again "
                           "(`dermquiz validate` lists them all):\n" + "\n".join(lines) + more)
    return result.pack


def load_known(data_dir: Path | None = None, pack_id: str | None = None) -> list[Pack]:
    """The known packs that load (only *pack_id*'s, if given), one per id; broken ones are
    left out (statistics and results need only what loads)."""
    packs: list[Pack] = []
    for known in list_known(data_dir):
        if known.folder is None or (pack_id is not None and known.id != pack_id):
            continue
        try:
            result = load(known.folder, check_images=False)
        except Exception:  # a broken pack must not stop the statistics of the others
            continue
        if result.pack is not None and all(p.id != result.pack.id for p in packs):
            packs.append(result.pack)
    return packs
