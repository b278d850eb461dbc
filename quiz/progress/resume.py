"""An unfinished learn session, to offer to continue: its plan kept beside the progress store.

A learn session writes the cases it will play (and its session id) when it starts; what the
store already holds under that id is what was answered. Once every case is answered the plan
is removed. The file is ours but may be damaged or edited: anything odd in it means "no
unfinished session", never an error.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quiz.pack.pack import Pack
    from quiz.progress.store import ProgressStore


@dataclass(frozen=True)
class Unfinished:
    session: str
    cases: tuple[str, ...]  # the whole plan
    remaining: tuple[str, ...]  # those not answered yet (and still in the pack)

    @property
    def answered(self) -> int:
        return len(self.cases) - len(self.remaining)


def _plan_path(store: ProgressStore, pack_id: str) -> Path:
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in pack_id)
    return Path(store.path).parent / "unfinished" / f"{safe}.json"


def save_plan(store: ProgressStore, pack_id: str, session: str, cases: list[str]) -> None:
    path = _plan_path(store, pack_id)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(
            json.dumps({"pack": pack_id, "session": session, "cases": cases}), encoding="utf-8"
        )
        os.replace(tmp, path)
    except OSError:
        pass  # only an offer is lost, never an answer


def clear_plan(store: ProgressStore, pack_id: str, session: str | None = None) -> None:
    """Forget the plan (only if it is *session*'s, when given)."""
    path = _plan_path(store, pack_id)
    if session is not None:
        plan = _read(path)
        if plan is None or plan[0] != session:
            return
    try:
        path.unlink()
    except OSError:
        pass


def _read(path: Path) -> tuple[str, list[str]] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        session, cases = data["session"], data["cases"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if (
        not isinstance(session, str)
        or not isinstance(cases, list)
        or not all(isinstance(c, str) for c in cases)
    ):
        return None
    return session, cases


def unfinished(store: ProgressStore | None, pack: Pack) -> Unfinished | None:
    """The learner's unfinished learn session of *pack*, if one has cases left."""
    if store is None:
        return None
    plan = _read(_plan_path(store, pack.id))
    if plan is None:
        return None
    session, cases = plan
    done = {a.case_id for a in store.attempts(pack.id) if a.session == session}
    remaining = tuple(c for c in cases if c not in done and pack.has_case(c))
    if not remaining or not done:
        return None  # nothing left, or nothing answered: nothing worth continuing
    return Unfinished(session, tuple(cases), remaining)
