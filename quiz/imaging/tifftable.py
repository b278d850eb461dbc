"""The tile (or strip) table of every image in a TIFF file, read from the file's directories
alone: where each piece of pixel data starts and how long it is. No pixel is decoded.

Enough to tell that a slide was cut short (its last tiles point past the end of the file)
without the cost of importing a TIFF library in the app's start-up path.
"""

from __future__ import annotations

import struct
from array import array
from pathlib import Path

_TYPES = {3: ("H", 2), 4: ("I", 4), 16: ("Q", 8), 13: ("I", 4), 18: ("Q", 8)}
_OFFSETS = (324, 273)  # TileOffsets, StripOffsets
_COUNTS = (325, 279)  # TileByteCounts, StripByteCounts
MAX_IFDS = 1000
MAX_ENTRIES = 50_000_000  # a 200,000-pixel-square slide in 256-pixel tiles, every level


class TiffTableError(Exception):
    """The directory structure itself is broken; str() says where."""


def data_end(path: Path) -> tuple[int, int]:
    """(the largest end of any tile or strip over all images, the number of images).

    Raises TiffTableError when a directory lies outside the file or cannot be parsed."""
    with open(path, "rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(0)
        head = fh.read(16)
        order = "<" if head[:2] == b"II" else ">"
        big = struct.unpack(order + "H", head[2:4])[0] == 43
        off = struct.unpack(order + ("Q" if big else "I"), head[8:16] if big else head[4:8])[0]
        end, seen, n = 0, set(), 0
        while off:
            if off in seen or n >= MAX_IFDS:
                raise TiffTableError(f"image directory {n} loops back or there are too many")
            if off + (8 if big else 2) > size:
                raise TiffTableError(
                    f"image directory {n} starts at byte {off:,}, past the "
                    f"end of the file ({size:,} bytes)"
                )
            seen.add(off)
            tags, off = _directory(fh, off, order, big, size, n)
            offsets = next((tags[t] for t in _OFFSETS if t in tags), None)
            counts = next((tags[t] for t in _COUNTS if t in tags), None)
            if offsets is not None and counts is not None:
                starts = _values(fh, order, *offsets, size)
                lengths = _values(fh, order, *counts, size)
                if len(starts) != len(lengths):
                    raise TiffTableError(
                        f"image {n} lists {len(starts)} tiles but {len(lengths)} lengths"
                    )
                if starts:
                    end = max(end, max(map(int.__add__, starts, lengths)))
            n += 1
    return end, n


def _directory(fh, off: int, order: str, big: bool, size: int, n: int):
    fh.seek(off)
    count = struct.unpack(order + ("Q" if big else "H"), fh.read(8 if big else 2))[0]
    entry = 20 if big else 12
    raw = fh.read(count * entry + (8 if big else 4))
    if len(raw) < count * entry + (8 if big else 4):
        raise TiffTableError(f"image directory {n} is cut off by the end of the file")
    tags = {}
    for i in range(count):
        at = i * entry
        tag, kind = struct.unpack_from(order + "HH", raw, at)
        if tag in _OFFSETS + _COUNTS and kind in _TYPES:
            number = struct.unpack_from(order + ("Q" if big else "I"), raw, at + 4)[0]
            inline = raw[at + (12 if big else 8) : at + entry]
            tags[tag] = (kind, number, inline, big)
    nxt = struct.unpack_from(order + ("Q" if big else "I"), raw, count * entry)[0]
    return tags, nxt


def _values(
    fh, order: str, kind: int, number: int, inline: bytes, big: bool, size: int
) -> list[int]:
    code, width = _TYPES[kind]
    if number > MAX_ENTRIES:
        raise TiffTableError(f"a tile table of {number:,} entries")
    nbytes = number * width
    if nbytes <= len(inline):
        data = inline[:nbytes]
    else:
        where = struct.unpack(order + ("Q" if big else "I"), inline[: 8 if big else 4])[0]
        if where + nbytes > size:
            raise TiffTableError(
                f"the tile table at byte {where:,} runs past the end of the file ({size:,} bytes)"
            )
        fh.seek(where)
        data = fh.read(nbytes)
    values = array(code, data)
    if (order == "<") != (array("H", b"\x01\x00")[0] == 1):
        values.byteswap()
    return values.tolist()
