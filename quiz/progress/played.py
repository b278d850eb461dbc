"""The packs a learner has played from a folder or zip the app does not list (`--pack`,
`dermquiz play FOLDER`): remembered beside the progress store, so statistics and results
can still name their entities. A damaged or edited file means "none remembered"."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quiz.pack.pack import Pack
    from quiz.progress.store import ProgressStore

FILE = "played-packs.json"


def _read(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def remember(store: ProgressStore, pack: Pack) -> None:
    path = Path(store.path).parent / FILE
    known = _read(path)
    where = str(Path(pack.root).resolve())
    if known.get(pack.id) == where:
        return
    known[pack.id] = where
    try:
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(known, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # only the names in the statistics are at stake, never an answer


def played_folders(data_dir: Path) -> dict[str, Path]:
    """Pack id → the folder it was last played from (those that still exist)."""
    return {
        pid: Path(p)
        for pid, p in _read(Path(data_dir) / FILE).items()
        if (Path(p) / "pack.yaml").is_file()
    }
