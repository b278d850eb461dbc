"""The pack service: the one way to name, find, load and list packs.

A pack is named by a folder, a zip file or the id of a pack the app knows (quiz.pack.registry
says which those are). It is loaded through the pack cache, with the garbage collector
handled. The command line, the app's home screen, the statistics and the instructor commands
all come here.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

from quiz.errors import UserError
from quiz.pack import registry
from quiz.pack.registry import (  # where packs are: part of this service's API
    BUILTIN_ID,
    KnownPack,
    builtin_pack_dir,
    find_pack,
    known_packs,
    list_known,
    pack_id_of,
    unzipped,
    user_packs_dir,
)

if TYPE_CHECKING:
    from quiz.pack.loader import LoadResult
    from quiz.pack.pack import Pack

__all__ = [
    "BUILTIN_ID",
    "KnownPack",
    "PackRefError",
    "builtin_pack_dir",
    "find_pack",
    "known_packs",
    "list_known",
    "load",
    "load_known",
    "load_playable",
    "pack_id_of",
    "resolve",
    "unzipped",
    "user_packs_dir",
]


class PackRefError(UserError):
    """A pack that cannot be found or used as named; str() says why and what to do."""


def resolve(ref: str | None, data_dir: Path | None = None) -> Path:
    """The folder of the pack *ref* names (None: the built-in pack). Raises PackRefError with
    the ids the app knows when nothing matches."""
    if ref is None:
        return registry.builtin_pack_dir()
    from quiz.pack.zipped import ZipPackError

    try:
        found = registry.find_pack(ref, data_dir=data_dir)
    except ZipPackError as exc:
        raise PackRefError(str(exc)) from None
    if found is None:
        ids = [k.id or k.path.name for k in registry.list_known(data_dir)]
        raise PackRefError(
            f"no pack `{ref}`: not a folder with pack.yaml, not a zip file, and "
            f"not the id of a pack the app knows ({', '.join(ids)})"
        )
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
        raise PackRefError(
            "the pack has errors; fix them, then try again "
            "(`dermquiz validate` lists them all):\n" + "\n".join(lines) + more
        )
    return result.pack


def load_known(data_dir: Path | None = None, pack_id: str | None = None) -> list[Pack]:
    """The known packs that load (only *pack_id*'s, if given), one per id; broken ones are
    left out (statistics and results need only what loads)."""
    packs: list[Pack] = []
    for known in registry.list_known(data_dir):
        if known.folder is None or (pack_id is not None and known.id != pack_id):
            continue
        try:
            result = load(known.folder, check_images=False)
        except Exception:  # a broken pack must not stop the statistics of the others
            continue
        if result.pack is not None and all(p.id != result.pack.id for p in packs):
            packs.append(result.pack)
    return packs
