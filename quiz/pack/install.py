"""Adding a shared pack (a folder or a zip) to the learner's own pack folder, checked first."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

from quiz.pack.loader import load_pack


class InstallError(Exception):
    """The pack cannot be added; str() says why and what to do."""


def add_pack(source: Path, folder: Path, packs_dir: Path, *, replace: bool = False) -> Path:
    """Copy the pack *source* (unpacked at *folder*) into *packs_dir*, named by its id."""
    result = load_pack(folder)
    if not result.ok:
        first = result.errors[0].format(Path.cwd()) if result.errors else "it cannot be read"
        raise InstallError(
            f"the pack at {source} has {len(result.errors)} error(s), e.g. {first}; "
            f"fix them first (`dermquiz validate {source}` lists them all)"
        )
    pack_id = result.pack.id
    from quiz.pack.registry import builtin_pack_dir, pack_id_of

    if pack_id == pack_id_of(builtin_pack_dir()):
        raise InstallError(
            f"the id `{pack_id}` is the built-in pack's; progress is kept by pack id, "
            "so give this pack its own `id:` in pack.yaml"
        )
    is_zip = source.is_file() and source.suffix.lower() == ".zip"
    target = packs_dir / (f"{pack_id}.zip" if is_zip else pack_id)
    others = [packs_dir / pack_id, packs_dir / f"{pack_id}.zip"]
    if any(p.exists() for p in others) and not replace:
        raise InstallError(
            f"a pack with the id `{pack_id}` is already added ({packs_dir}); "
            "add --replace to put this one in its place"
        )
    packs_dir.mkdir(parents=True, exist_ok=True)
    staging = packs_dir / f".adding-{uuid.uuid4().hex[:8]}"
    try:
        if is_zip:
            shutil.copyfile(source, staging)
        else:
            shutil.copytree(folder, staging, symlinks=True)
        for old in others:  # the new copy is complete before the old one goes
            if old.is_dir():
                shutil.rmtree(old)
            elif old.exists():
                old.unlink()
        os.replace(staging, target)
    except OSError as exc:
        raise InstallError(
            f"could not copy the pack into {packs_dir}: {exc.strerror or exc}"
        ) from None
    finally:
        if staging.is_dir():
            shutil.rmtree(staging, ignore_errors=True)
        elif staging.exists():
            staging.unlink()
    return target
