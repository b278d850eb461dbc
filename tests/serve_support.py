"""Helpers for the `dermquiz serve` tests: a class pack with a real H&E scan, a served class
in a subprocess on a free port, and the bitmap-or-blocks measure of a screenshot."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from PIL import Image
from support import EXAMPLE, REPO, SCAN


def class_pack(folder: Path) -> Path:
    """The example pack with a real H&E scan (portrait) for the biopsy and a wide, green
    clinical picture: stepping from one to the other shows whether the old one lingers."""
    pack = folder / "pack"
    shutil.copytree(EXAMPLE, pack)
    images = pack / "images" / "white-plaque-cheek"
    scan = Image.open(SCAN).convert("RGB")
    scan.thumbnail((450, 600))
    scan.save(images / "he-100.png")
    wide = Image.new("RGB", (900, 220), (40, 160, 60))
    wide.save(images / "clinical.png")
    return pack


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_roster(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text(
        "id,name,email\n" + "".join(f"{i},{n},{i}@example.org\n" for i, n in rows), encoding="utf-8"
    )
    return path


@contextlib.contextmanager
def served(*args: str, data_dir: Path, port: int | None = None, timeout: float = 30):
    """`python -m quiz serve ARGS` running until the block ends; yields the base URL."""
    port = port or free_port()
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    log = open(data_dir.parent / f"serve-{port}.log", "w")  # noqa: SIM115 — closed in finally
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "quiz",
            "serve",
            *args,
            "--data-dir",
            str(data_dir),
            "--port",
            str(port),
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                log.flush()
                raise RuntimeError(
                    "serve exited: " + (data_dir.parent / f"serve-{port}.log").read_text()
                )
            try:
                urllib.request.urlopen(base + "/static/css/xterm.css", timeout=2).close()
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def links(data_dir: Path) -> dict[str, str]:
    import csv

    with open(data_dir / "links.csv", encoding="utf-8") as f:
        return {row["id"]: row["link"] for row in csv.DictReader(f)}


def hne_pixels(im: Image.Image) -> tuple[int, float]:
    """(H&E-coloured pixels, share of them whose right neighbour has another colour).

    A bitmap of a scan varies from pixel to pixel (~0.8); half-cell blocks repeat one colour
    across a whole cell (< 0.2)."""
    import numpy as np

    a = np.asarray(im.convert("RGB")).astype(int)
    r, g, b = a[..., 0], a[..., 1], a[..., 2]
    pink = (r > g + 25) & (b > g + 10)  # eosin pink and haematoxylin purple, not grey or green
    both = pink[:, :-1] & pink[:, 1:]
    differ = (a[:, :-1] != a[:, 1:]).any(axis=2) & both
    count = int(both.sum())
    return count, (float(differ.sum()) / count if count else 0.0)
