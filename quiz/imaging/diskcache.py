"""Downsized previews kept on disk, so a picture seen before opens without its original."""

from __future__ import annotations

import io
import json
import os
import zlib
from pathlib import Path

from PIL import Image

_FORMAT_VERSION = 2  # bump when the entry layout or the preview pipeline changes
_DEFAULT_MAX_BYTES = 512 * 1024 * 1024
_PRUNE_CHANCE = 1 / 16


def default_cache_dir() -> Path:
    """`images` in the cache folder of the settings in force."""
    from quiz.settings import current

    return current().cache_dir / "images"


class DiskCache:
    """One file per source picture: a JSON header line, then a JPEG or PNG preview.

    Keyed by the source's absolute path, size and mtime, so an edited file is decoded again.
    Every failure here (read-only folder, full disk, a damaged entry) only costs a cache miss.
    """

    def __init__(self, folder: Path | None = None, max_bytes: int = _DEFAULT_MAX_BYTES) -> None:
        self.folder = Path(folder) if folder is not None else default_cache_dir()
        self.max_bytes = max_bytes
        self._pruned = False

    def _entry(self, key: tuple[str, int, int]) -> Path:
        data = f"{_FORMAT_VERSION}\0{key[0]}\0{key[1]}\0{key[2]}".encode("utf-8", "surrogatepass")
        # 96 bits of zlib checksums name the entry: not hashlib, whose OpenSSL import was
        # 2.5 ms of a first `dermquiz image`. A clash only costs a miss (load() checks the key).
        digest = f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{zlib.crc32(data[::-1]):08x}"
        return self.folder / digest[:2] / f"{digest}.dqimg"

    def load(self, key: tuple[str, int, int]) -> tuple[Image.Image, dict] | None:
        path = self._entry(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            head, _, body = data.partition(b"\n")
            meta = json.loads(head)
            if meta.get("key") != list(key):
                return None  # a hash collision, however unlikely, must not show the wrong picture
            im = Image.open(io.BytesIO(body))
            im.decodermaxblock = len(body) + 1  # one decode call: see loader._one_read
            im.load()
        except Exception:
            self._discard(path)
            return None
        try:
            os.utime(path)  # mtime doubles as "last used" for prune(); atime is often frozen
        except OSError:
            pass
        return im, meta

    def save(self, key: tuple[str, int, int], image: Image.Image, meta: dict) -> None:
        path = self._entry(key)
        buf = io.BytesIO()
        try:
            # The format comes from the buffer's name: Pillow then imports that one plugin,
            # where `format=` first imports five (about 6 ms of a first `dermquiz image`).
            if image.mode == "RGBA":
                buf.name = f"{path.stem}.png"
                image.save(buf, compress_level=1)
            else:
                buf.name = f"{path.stem}.jpg"
                # Quality 90 is indistinguishable at terminal resolution and 5-10x smaller than PNG.
                image.save(buf, quality=90)
            header = json.dumps({**meta, "key": list(key)}).encode()
            path.parent.mkdir(parents=True, exist_ok=True)
            # A name of its own (not tempfile: its import costs a first `dermquiz image`
            # more than the write), created exclusively.
            tmp = str(path.parent / f"{path.stem}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(header + b"\n" + buf.getvalue())
                os.replace(tmp, path)  # atomic: a reader never sees half an entry
            except BaseException:
                self._discard(Path(tmp))
                raise
        except OSError:
            return
        # Listing the folder costs more than a save: do it on a process's first save only
        # once in a while (one `dermquiz image` run is a whole process).
        if not self._pruned:
            self._pruned = True
            if os.urandom(1)[0] < 256 * _PRUNE_CHANCE:
                self.prune()

    def prune(self) -> None:
        """Drop the least recently used entries while the folder holds more than max_bytes."""
        try:
            entries = [(p.stat(), p) for p in self.folder.glob("*/*.dqimg")]
        except OSError:
            return
        total = sum(st.st_size for st, _ in entries)
        for st, p in sorted(entries, key=lambda e: e[0].st_mtime):
            if total <= self.max_bytes:
                break
            self._discard(p)
            total -= st.st_size

    def clear(self) -> None:
        for p in self.folder.glob("*/*.dqimg"):
            self._discard(p)

    @staticmethod
    def _discard(path: Path) -> None:
        try:
            path.unlink()
        except OSError:
            pass
