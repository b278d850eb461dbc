"""Loading a pack again without reading its YAML: the checked result is kept in the user's
cache folder, keyed by the size and modification time of every file of the pack.

A cache entry is only ever a shortcut: a missing, stale, damaged or foreign entry is
ignored and the pack loaded for real, and a cache that cannot be written is not an error.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import struct
import sys
import threading
import time
import zlib
from pathlib import Path

import pydantic
from pydantic import BaseModel

from quiz import __version__
from quiz.pack import fingerprint, models
from quiz.pack.diagnostics import Diagnostic
from quiz.pack.loader import LoadResult, _collector_paused, load_pack
from quiz.pack.pack import Pack

_FORMAT = 3  # bump when LoadResult, Pack or the way entries are written change
# The models' shape is part of the key too: an entry written by code whose models had other
# fields must not be thawed into today's classes (an editable install changes them freely).
_SHAPE = repr(
    [
        (cls.__name__, tuple(cls.model_fields))
        for cls in (
            models.Manifest,
            models.Author,
            models.FindingDef,
            models.Entity,
            models.Region,
            models.Image,
            models.Stage,
            models.Case,
            models.ChooseQuestion,
            models.PointQuestion,
            models.RankQuestion,
            models.ConcordanceQuestion,
        )
    ]
)
# An entry is this header, then the pickle: a truncated or damaged file fails the length or
# the CRC before a single object is made from it.
_HEADER = struct.Struct("<4sIQ")  # magic, crc32 of the pickle, its length
_MAGIC = b"DQP3"
# A file changed this recently may change again within its file system's timestamp tick
# (2 s on FAT) with no visible change of size or mtime: such a pack is not written to the
# cache, so an entry can never hide an edit ("racy" entries, as git calls them).
_RACY_NS = 2_000_000_000
# Strings up to this length are written once per entry and shared by every model that holds
# them: ids, finding keys and values, file names, captions recur across cases in any pack.
# Longer prose is unique in a real pack, so sharing it would only cost a lookup.
_SHARED_STR = 200


def cache_root() -> Path:
    from quiz.settings import current

    return current().cache_dir


def _snapshot(roots: list[Path]) -> tuple[str, int]:
    """The fingerprint of the files under *roots*, and the newest of their mtimes (ns)."""
    salt = f"{_FORMAT}|{__version__}|{sys.version_info[:2]}|{pydantic.VERSION}|{_SHAPE}"
    return fingerprint.snapshot(roots, salt)


def _fingerprint(roots: list[Path]) -> str:
    return _snapshot(roots)[0]


def load_pack_cached(path: Path | str, *, check_images: bool = True) -> LoadResult:
    """Like `load_pack`, from the cache when no file of the pack changed since it was kept."""
    root = Path(path)
    try:
        slot = (
            cache_root()
            / "loaded"
            / (
                hashlib.blake2b(
                    f"{root.resolve()}|{check_images}".encode(), digest_size=16
                ).hexdigest()
                + ".pickle"
            )
        )
    except Exception:  # no cache folder can be named (no home?): load as if there were none
        return load_pack(root, check_images=check_images)
    cached = _read(slot, root)
    if cached is not None:
        return cached
    roots = [root]
    try:
        before = _snapshot(roots)  # before reading: an edit during the load must show
    except Exception:
        before = None
    result = load_pack(root, check_images=check_images)
    if before is not None and result.pack is not None and not result.pack.used:
        _write(slot, roots, before, result)  # only whole, self-contained packs are kept
    return result


def _read(slot: Path, root: Path) -> LoadResult | None:
    """The entry in *slot* if it is whole and still describes the pack's files, else None."""
    try:
        with open(slot, "rb") as handle:
            data = handle.read()
        magic, crc, length = _HEADER.unpack_from(data)
        body = memoryview(data)[_HEADER.size :]
        if magic != _MAGIC or length != len(body):
            return None
        stream = io.BytesIO(data)  # shares the bytes, no copy
        stream.seek(_HEADER.size)
        roots, fingerprint = _Unpickler(stream).load()  # small: which files, in what state
        if _fingerprint(roots) != fingerprint or zlib.crc32(body) != crc:
            return None  # stale (the pack changed) or damaged: the pack itself is not read
        with _collector_paused():
            payload = _Unpickler(stream).load()
        return _thaw(root, payload)
    except Exception:  # missing, stale, damaged, foreign: the caller loads the pack for real
        return None


def _write(slot: Path, roots: list[Path], before: tuple[str, int], result: LoadResult) -> None:
    fingerprint, newest = before
    tmp = slot.with_suffix(f".{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        if newest > time.time_ns() - _RACY_NS or _snapshot(roots) != before:
            return  # just edited, or edited while it loaded: not safe to key on these stats
        slot.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as handle:  # streamed: no second copy of the entry in memory
            handle.write(bytes(_HEADER.size))
            body = _Summed(handle)
            _Pickler(body).dump((roots, fingerprint))
            _Pickler(body).dump(_freeze(result))
            handle.seek(0)
            handle.write(_HEADER.pack(_MAGIC, body.crc, body.length))
        os.replace(tmp, slot)  # never a half-written entry, even with two apps at once
    except Exception:  # a read-only or full disk, or a pack pickle cannot take: slower next time
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


class _Summed:
    """A file that keeps the CRC and length of what is written to it."""

    def __init__(self, handle) -> None:
        self.handle, self.crc, self.length = handle, 0, 0

    def write(self, data) -> int:
        self.crc = zlib.crc32(data, self.crc)
        self.length += len(data)
        return self.handle.write(data)


# The checked models themselves are kept: unpickling a pydantic model only sets its fields
# (no validation runs), several times faster than validating plain data again. Each model
# is written as its class and field values, with one shared set of "fields set" for all
# models that set the same fields, and equal short strings and boxes written once: fewer
# objects to make when reading, less memory for the app that holds them, and fewer for the
# cyclic collector to walk. The collector is paused while unpickling.
#
# The sharing is done in the loaded result itself (equal strings become one object), not in
# copies: copying every model's fields cost +15 MB at the peak of a first load of 5,000
# cases, and the result just loaded gets lighter too. No caller can tell but by `is`.
class _Pickler(pickle.Pickler):
    def __init__(self, file) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._field_sets: dict[frozenset, set] = {}
        self._atoms: dict[str, str] = {}
        self._boxes: dict[str, tuple] = {}

    def reducer_override(self, obj):
        if (
            isinstance(obj, BaseModel)
            and not obj.__pydantic_extra__
            and not obj.__pydantic_private__
        ):
            fields = obj.__pydantic_fields_set__
            shared = self._field_sets.setdefault(frozenset(fields), set(fields))
            values = obj.__dict__
            atoms = self._atoms
            for key, value in values.items():  # (the keys are field names, already shared)
                kind = type(value)
                if kind is str:
                    if len(value) <= _SHARED_STR:
                        values[key] = atoms.setdefault(value, value)
                elif kind is list or kind is dict or kind is tuple:
                    values[key] = self._shared(value)
            return _model, (type(obj), values, shared)
        return NotImplemented

    def _shared(self, value):
        """The one object kept for *value*: a short string or a box of floats."""
        kind = type(value)
        if kind is str:
            return self._atoms.setdefault(value, value) if len(value) <= _SHARED_STR else value
        if kind is tuple and set(map(type, value)) == {float}:
            # A region's box. Keyed by repr, as == would take -0.0 for 0.0.
            return self._boxes.setdefault(repr(value), value)
        if kind is list or kind is dict:
            self._share(value)
        return value

    def _share(self, container: list | dict) -> None:
        """Put the shared objects in *container*, in place (models are left to
        reducer_override: each is reduced on its own)."""
        shared = self._shared
        if type(container) is list:
            if container and not isinstance(container[0], BaseModel):
                container[:] = [shared(item) for item in container]
            return
        items = [(shared(k), shared(v)) for k, v in container.items()]
        if any(k is not old for (k, _), old in zip(items, container)):
            container.clear()  # a key is replaced only by rebuilding, in the same order
        container.update(items)


# What an entry may name: the models, the function that remakes them, paths, diagnostics.
# Anything else is not an entry this code wrote, and is refused before it can run.
_ALLOWED = {
    ("quiz.pack.cache", "_model"),
    ("quiz.pack.diagnostics", "Diagnostic"),
    ("pathlib", "Path"),
    ("pathlib", "PosixPath"),
    ("pathlib", "WindowsPath"),
    *(("quiz.pack.models", name) for name in vars(models)),
}


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a pack cache entry")
        return super().find_class(module, name)


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
    return (
        str(pack.root),
        pack.manifest,
        pack.entities,
        pack.own_entity_ids,
        pack.cases,
        {case_id: str(file) for case_id, file in pack.case_files.items()},
        result.diagnostics,
    )


def _thaw(root: Path, payload: tuple) -> LoadResult:
    saved_root, manifest, entities, own, cases, files, diagnostics = payload
    if saved_root == str(root):
        case_files = _paths(files)
    else:  # the same folder named another way (relative, through a link): name it as asked
        case_files = {
            case_id: _moved(Path(file), saved_root, root) for case_id, file in files.items()
        }
        diagnostics = [_moved_diagnostic(d, saved_root, root) for d in diagnostics]
    pack = Pack(
        root=root,
        manifest=manifest,
        entities=entities,
        findings=dict(manifest.findings),
        cases=cases,
        case_files=case_files,
        own_entity_ids=own,
    )
    return LoadResult(pack, diagnostics)


def _paths(files: dict[str, str]) -> dict[str, Path]:
    """The case files as paths. Thousands share a folder: joining a name to the folder's
    path is a third of the cost of parsing each whole path (a tenth of a cached load)."""
    folders: dict[str, Path] = {}
    out = {}
    for case_id, file in files.items():
        head, tail = os.path.split(file)
        folder = folders.get(head)
        if folder is None:
            folder = folders[head] = Path(head)
        out[case_id] = folder / tail if tail else Path(file)
    return out


def _moved(file: Path, old_root: str, root: Path) -> Path:
    try:
        return root / file.relative_to(old_root)
    except ValueError:
        return file


def _moved_diagnostic(d: Diagnostic, old_root: str, root: Path) -> Diagnostic:
    return Diagnostic(_moved(d.file, old_root, root), d.line, d.col, d.message, d.hint, d.severity)
