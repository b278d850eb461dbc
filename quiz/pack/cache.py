"""Loading a pack again without reading its YAML: the checked result is kept in the user's
cache folder, keyed by the size and modification time of every file of the pack."""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path

from quiz import __version__
from quiz.pack.loader import LoadResult, load_pack
from quiz.pack.models import Case, Entity, Manifest
from quiz.pack.pack import Pack

_FORMAT = 1  # bump when LoadResult or the models change shape


def cache_root() -> Path:
    env = os.environ.get("DERMQUIZ_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("dermquiz"))


def _fingerprint(roots: list[Path]) -> str:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{_FORMAT}|{__version__}|{sys.version_info[:2]}".encode())
    for root in roots:
        digest.update(str(root.resolve()).encode())
        for entry in _walk(root):
            digest.update(entry.encode())
    return digest.hexdigest()


def _walk(root: Path):
    """'path size mtime' for every file that can change what the loader says."""
    for name in ("pack.yaml", "entities.yaml"):
        try:
            st = os.stat(root / name)
            yield f"{name} {st.st_size} {st.st_mtime_ns}"
        except OSError:
            yield f"{name} -"
    for folder in ("cases", "images"):
        top = root / folder
        yield f"{folder}/"
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames.sort()
            for name in sorted(filenames):
                full = os.path.join(dirpath, name)
                try:
                    st = os.stat(full)
                except OSError:
                    continue
                yield f"{full} {st.st_size} {st.st_mtime_ns}"


def load_pack_cached(path: Path | str, *, check_images: bool = True) -> LoadResult:
    """Like `load_pack`, from the cache when no file of the pack (or of a pack it uses) changed."""
    root = Path(path)
    slot = cache_root() / "loaded" / (hashlib.blake2b(
        f"{root.resolve()}|{check_images}".encode(), digest_size=16).hexdigest() + ".pickle")
    try:
        with open(slot, "rb") as handle:
            roots, fingerprint, payload = pickle.load(handle)
        if _fingerprint(roots) == fingerprint:
            return _thaw(root, payload)
    except Exception:  # a missing, stale or damaged cache entry is simply rebuilt
        pass
    result = load_pack(root, check_images=check_images)
    if result.pack is None or result.pack.used:
        return result  # only whole, self-contained packs are worth keeping
    roots = [root]
    try:
        slot.parent.mkdir(parents=True, exist_ok=True)
        tmp = slot.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as handle:
            pickle.dump((roots, _fingerprint(roots), _freeze(result)), handle,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, slot)  # never a half-written entry, even with two apps at once
    except OSError:
        pass  # no cache folder: just slower next time
    return result


# Plain dicts and lists unpickle several times faster than pydantic models, and validating
# them again in pydantic-core costs little; so the cache keeps data, not objects.
def _freeze(result: LoadResult) -> dict:
    pack = result.pack
    assert pack is not None
    return {
        "manifest": pack.manifest.model_dump(),
        "entities": [e.model_dump(exclude_defaults=True) for e in pack.entities.values()],
        "own": pack.own_entity_ids,
        "cases": [(c.model_dump(exclude_defaults=True), str(pack.case_files[c.id])) for c in pack.cases],
        "diagnostics": result.diagnostics,
    }


def _thaw(root: Path, payload: dict) -> LoadResult:
    manifest = Manifest.model_validate(payload["manifest"], strict=False)
    entities = {e["id"]: Entity.model_validate(e, strict=False) for e in payload["entities"]}
    cases, files = [], {}
    for data, file in payload["cases"]:
        case = Case.model_validate(data, strict=False)
        cases.append(case)
        files[case.id] = Path(file)
    pack = Pack(root=root, manifest=manifest, entities=entities, findings=dict(manifest.findings),
                cases=cases, case_files=files, own_entity_ids=payload["own"])
    return LoadResult(pack, payload["diagnostics"])
