"""Loading a pack again without reading its YAML: the checked result is kept in the user's
cache folder, keyed by the size and modification time of every file of the pack."""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path

import pydantic
from pydantic import BaseModel

from quiz import __version__
from quiz.pack.diagnostics import Diagnostic
from quiz.pack.loader import LoadResult, _collector_paused, load_pack
from quiz.pack.pack import Pack

_FORMAT = 2  # bump when LoadResult, Pack or the models change shape


def cache_root() -> Path:
    env = os.environ.get("DERMQUIZ_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("dermquiz"))


def _fingerprint(roots: list[Path]) -> str:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{_FORMAT}|{__version__}|{sys.version_info[:2]}|{pydantic.VERSION}".encode())
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
        with open(slot, "rb") as handle, _collector_paused():
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
            _Pickler(handle).dump((roots, _fingerprint(roots), _freeze(result)))
        os.replace(tmp, slot)  # never a half-written entry, even with two apps at once
    except OSError:
        pass  # no cache folder: just slower next time
    return result


# The checked models themselves are kept: unpickling a pydantic model only sets its fields
# (no validation runs), several times faster than validating plain data again. Each model
# is written as its class and field values, with one shared set of "fields set" for all
# models that set the same fields: fewer objects to make, and fewer for the cyclic collector
# to walk afterwards. The collector is paused while unpickling (loader._collector_paused).
class _Pickler(pickle.Pickler):
    def __init__(self, file) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._field_sets: dict[frozenset, set] = {}

    def reducer_override(self, obj):
        if isinstance(obj, BaseModel) and not obj.__pydantic_extra__ and not obj.__pydantic_private__:
            fields = obj.__pydantic_fields_set__
            shared = self._field_sets.setdefault(frozenset(fields), set(fields))
            return _model, (type(obj), obj.__dict__, shared)
        return NotImplemented


_set = object.__setattr__


def _model(cls: type[BaseModel], values: dict, fields_set: set) -> BaseModel:
    """A model as pydantic's own __setstate__ makes it: fields as they were checked."""
    model = cls.__new__(cls)
    _set(model, "__dict__", values)
    _set(model, "__pydantic_fields_set__", fields_set)
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model


def _freeze(result: LoadResult) -> tuple:
    pack = result.pack
    assert pack is not None
    return (str(pack.root), pack.manifest, pack.entities, pack.own_entity_ids, pack.cases,
            {case_id: str(file) for case_id, file in pack.case_files.items()},
            result.diagnostics)


def _thaw(root: Path, payload: tuple) -> LoadResult:
    saved_root, manifest, entities, own, cases, files, diagnostics = payload
    if saved_root == str(root):
        case_files = {case_id: Path(file) for case_id, file in files.items()}
    else:  # the same folder named another way (relative, through a link): name it as asked
        case_files = {case_id: _moved(Path(file), saved_root, root) for case_id, file in files.items()}
        diagnostics = [_moved_diagnostic(d, saved_root, root) for d in diagnostics]
    pack = Pack(root=root, manifest=manifest, entities=entities, findings=dict(manifest.findings),
                cases=cases, case_files=case_files, own_entity_ids=own)
    return LoadResult(pack, diagnostics)


def _moved(file: Path, old_root: str, root: Path) -> Path:
    try:
        return root / file.relative_to(old_root)
    except ValueError:
        return file


def _moved_diagnostic(d: Diagnostic, old_root: str, root: Path) -> Diagnostic:
    return Diagnostic(_moved(d.file, old_root, root), d.line, d.col, d.message, d.hint, d.severity)
