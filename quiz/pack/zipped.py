"""Zipped packs: unpack a `.zip` safely into the user's cache folder and hand back the pack folder.

A zip is untrusted: every member is checked before anything is written, so a zip that would
reach outside its folder (`..`, absolute names, links), or that is built to exhaust the disk
(too many members, huge members, absurd compression ratios), is refused whole. The folder is
named after the zip's content hash, so the same zip is unpacked once, and a changed one anew.
"""

from __future__ import annotations

import hashlib
import shutil
import stat
import uuid
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from quiz.pack.paths import SLIDE_SUFFIXES

MAX_MEMBERS = 20_000
MAX_MEMBER_BYTES = 128 * 1024 * 1024  # a 100-megapixel TIFF is ~300 MB, but no sane pack image is
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
# Images barely compress and YAML maybe tenfold; a member that shrinks 200-fold is a bomb.
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024  # small members may compress well; only large ones are judged
_MARKER = ".dermquiz-unpacked"
_SKIPPED_TOP = {"__MACOSX"}  # resource forks macOS Finder adds to every zip
_SKIPPED_NAMES = {".DS_Store", "Thumbs.db"}


class ZipPackError(Exception):
    """A zip that cannot be used as a pack; str() says which file, why, and what to do."""


def cache_root() -> Path:
    """Where unpacked packs live: `<cache dir>/packs`."""
    from quiz.settings import current

    return current().cache_dir / "packs"


def open_zip(path: Path) -> Path | None:
    """The pack folder inside zip *path*, unpacked into the cache; None if *path* is no file.

    Raises ZipPackError for a zip that is damaged, unsafe or holds no pack.
    """
    path = Path(path)
    if not path.is_file():
        return None
    digest = _hash(path)
    root = cache_root()
    dest = root / digest
    ready = _unpacked_root(dest)
    if ready is not None:
        return ready
    try:
        with zipfile.ZipFile(path) as archive:
            members = _checked_members(path, archive)
            inner = _pack_folder(path, members)
            try:
                root.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ZipPackError(
                    f"{path}: cannot unpack into the cache folder {root} "
                    f"({exc.strerror or exc}) — set DERMQUIZ_CACHE_DIR to a "
                    "folder you can write to"
                ) from None
            tmp = root / f".tmp-{digest}-{uuid.uuid4().hex[:8]}"
            try:
                _extract(path, archive, members, tmp)
                _no_slides(path, tmp, members)
                (tmp / _MARKER).write_text(inner, encoding="utf-8")
                try:
                    tmp.rename(dest)
                except OSError:
                    if _unpacked_root(dest) is None:  # not another process winning the race
                        raise
            finally:
                if tmp.exists():
                    shutil.rmtree(tmp, ignore_errors=True)
    except zipfile.BadZipFile as exc:
        raise ZipPackError(
            f"{path}: not a readable zip file ({exc}) — zip the pack folder "
            "again, e.g. with `dermquiz pack FOLDER -o FILE.zip`"
        ) from None
    except (NotImplementedError, RuntimeError, EOFError, zlib.error) as exc:
        raise ZipPackError(
            f"{path}: a member cannot be unpacked ({exc}) — zip the pack folder "
            "again with the usual (deflate) compression"
        ) from None
    except OSError as exc:
        raise ZipPackError(
            f"{path}: cannot unpack it ({exc.strerror or exc}) — check the "
            "disk space and the cache folder (DERMQUIZ_CACHE_DIR)"
        ) from None
    found = _unpacked_root(dest)
    if found is None:
        raise ZipPackError(f"{path}: unpacking did not finish — try again")
    return found


def _hash(path: Path) -> str:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1024 * 1024), b""):
                h.update(block)
    except OSError as exc:
        raise ZipPackError(
            f"{path}: cannot read it ({exc.strerror or exc}) — check the file's permissions"
        ) from None
    return h.hexdigest()[:24]


def _unpacked_root(dest: Path) -> Path | None:
    """The pack folder of an earlier, finished unpacking, or None."""
    try:
        inner = (dest / _MARKER).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    folder = dest / inner if inner else dest
    return folder if (folder / "pack.yaml").is_file() else None


def member_parts(name: str) -> tuple[str, ...] | None:
    """The path parts of a member name, or None when it is not a safe relative path."""
    if "\x00" in name:
        return None
    name = name.replace("\\", "/")  # old Windows tools write backslashes
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    parts = tuple(p for p in PurePosixPath(name).parts if p not in ("", "."))
    if ".." in parts or any(":" in p for p in parts):
        return None
    return parts


def _checked_members(
    path: Path, archive: zipfile.ZipFile
) -> list[tuple[zipfile.ZipInfo, tuple[str, ...]]]:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ZipPackError(
            f"{path}: the zip holds {len(infos):,} files, more than the "
            f"{MAX_MEMBERS:,} a pack may have — is it really a case pack?"
        )
    members, total, seen = [], 0, set()
    for info in infos:
        parts = member_parts(info.filename)
        shown = info.filename.encode("unicode_escape").decode("ascii")
        if parts is None:
            raise ZipPackError(
                f"{path}: the member `{shown}` has an absolute name or leads out "
                "of its folder with `..` — this zip is not safe to open; ask "
                "its author for a clean copy"
            )
        if not parts or parts[0] in _SKIPPED_TOP or parts[-1] in _SKIPPED_NAMES:
            continue
        mode = info.external_attr >> 16
        kind = stat.S_IFMT(mode)
        if kind == stat.S_IFLNK:
            raise ZipPackError(
                f"{path}: the member `{shown}` is a symbolic link — links are "
                "not allowed in a pack zip; put the file itself in the zip"
            )
        if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
            raise ZipPackError(
                f"{path}: the member `{shown}` is not a plain file or folder — "
                "zip the pack folder again"
            )
        if info.flag_bits & 0x1:
            raise ZipPackError(
                f"{path}: the member `{shown}` is encrypted — share the pack without a password"
            )
        if parts in seen:
            raise ZipPackError(
                f"{path}: the member `{shown}` is in the zip twice — zip the pack folder again"
            )
        seen.add(parts)
        if PurePosixPath(parts[-1]).suffix.lower() in SLIDE_SUFFIXES:
            raise ZipPackError(slide_in_zip(path, shown))
        if info.file_size > MAX_MEMBER_BYTES:
            raise ZipPackError(
                f"{path}: the member `{shown}` unpacks to "
                f"{info.file_size / 2**20:,.0f} MiB, more than the "
                f"{MAX_MEMBER_BYTES // 2**20} MiB a pack file may have — "
                "downsize the image"
            )
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ZipPackError(
                f"{path}: the member `{shown}` would grow "
                f"{info.file_size // max(info.compress_size, 1):,}-fold when "
                "unpacked — that is a zip bomb, not a pack; do not use this file"
            )
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise ZipPackError(
                f"{path}: the zip unpacks to more than "
                f"{MAX_TOTAL_BYTES // 2**30} GiB — too large for a pack"
            )
        members.append((info, parts))
    return members


def _pack_folder(path: Path, members: list[tuple[zipfile.ZipInfo, tuple[str, ...]]]) -> str:
    """Where pack.yaml sits: at the top, or in the one folder that holds everything."""
    files = {parts for info, parts in members if not info.is_dir()}
    if ("pack.yaml",) in files:
        return ""
    tops = {parts[0] for _, parts in members}
    if len(tops) == 1:
        top = next(iter(tops))
        if (top, "pack.yaml") in files:
            return top
    raise ZipPackError(
        f"{path}: there is no pack.yaml at the top of the zip (nor in a single "
        "folder at its top) — zip the pack folder itself, e.g. with "
        "`dermquiz pack FOLDER -o FILE.zip`"
    )


def slide_in_zip(path: Path, member: str) -> str:
    """Why a zipped pack may not hold a whole slide, and what to do instead."""
    return (
        f"{path}: `{member}` is a whole-slide file — slides stay in folder packs (a zip is "
        "unpacked whole into the cache, and a slide of gigabytes is read tile by tile from "
        "its own file): share the pack folder itself and open it from there, e.g. "
        "`dermquiz play FOLDER`"
    )


def _no_slides(path: Path, tmp: Path, members) -> None:
    """A tiled TIFF is a slide by its content, not its name: looked at once unpacked."""
    from quiz.imaging.slide import is_slide

    for info, parts in members:
        tiff = PurePosixPath(parts[-1]).suffix.lower() in (".tif", ".tiff")
        if tiff and not info.is_dir() and is_slide(tmp.joinpath(*parts)):
            raise ZipPackError(slide_in_zip(path, info.filename))


def _extract(path: Path, archive: zipfile.ZipFile, members, tmp: Path) -> None:
    tmp.mkdir()
    written = 0
    for info, parts in members:
        target = tmp.joinpath(*parts)
        if info.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        # The sizes in the zip's directory can lie: count what really comes out.
        limit = min(info.file_size, MAX_MEMBER_BYTES)
        count = 0
        with archive.open(info) as source, open(target, "xb") as sink:
            while block := source.read(256 * 1024):
                count += len(block)
                written += len(block)
                if count > limit or written > MAX_TOTAL_BYTES:
                    raise ZipPackError(
                        f"{path}: the member `{info.filename}` holds more data "
                        "than the zip declares — the file is damaged or forged; "
                        "do not use it"
                    )
                sink.write(block)
