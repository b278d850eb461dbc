"""The class list: roster CSV in, a personal link per learner out, tokens checked in constant time.

A token is 32 random bytes (256 bits) from `secrets`, URL-safe. The links file is written
with owner-only permissions: whoever holds a link can answer as that learner.
"""

from __future__ import annotations

import csv
import hmac
import json
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
TOKEN_BYTES = 32
TOKENS_FILE = "tokens.json"  # in the serve data dir: id -> token, reused across restarts


class RosterError(Exception):
    """A roster that cannot be used; the message names the file, the line and the fix."""


@dataclass(frozen=True)
class Learner:
    id: str
    name: str
    token: str = ""


def read_roster(path: Path) -> list[Learner]:
    """Learners from a CSV with a header naming at least `id` (and usually `name`)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RosterError(
            f"{path}: cannot be read ({exc}) — give a UTF-8 CSV file with the columns id,name"
        ) from None
    rows = csv.reader(text.splitlines())
    header = [h.strip().lower() for h in next(rows, [])]
    if "id" not in header:
        raise RosterError(
            f"{path}:1: the first line must name the columns, with `id` among them (e.g. `id,name`)"
        )
    at_id = header.index("id")
    at_name = header.index("name") if "name" in header else None
    learners: list[Learner] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        learner_id = row[at_id].strip() if at_id < len(row) else ""
        if not ID_PATTERN.fullmatch(learner_id):
            raise RosterError(
                f"{path}:{line}: the id {learner_id!r} is not usable — use 1 to 64 "
                "letters, digits, '.', '_', '@' or '-', starting with a letter or digit"
            )
        if learner_id in seen:
            raise RosterError(
                f"{path}:{line}: the id {learner_id!r} is already on line "
                f"{seen[learner_id]} — every learner needs their own id"
            )
        seen[learner_id] = line
        name = row[at_name].strip() if at_name is not None and at_name < len(row) else ""
        learners.append(Learner(learner_id, name or learner_id))
    if not learners:
        raise RosterError(f"{path}: no learners listed — add one line per learner under the header")
    return learners


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def assign_tokens(learners: list[Learner], data_dir: Path) -> list[Learner]:
    """Each learner with a token: the one handed out before (links keep working after a
    restart), else a new one; the id -> token map is saved owner-only in *data_dir*."""
    path = data_dir / TOKENS_FILE
    try:
        known = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(known, dict):
            known = {}
    except (OSError, ValueError):
        known = {}
    out = [
        Learner(
            lr.id,
            lr.name,
            known.get(lr.id)
            if isinstance(known.get(lr.id), str) and len(known[lr.id]) >= 22
            else new_token(),
        )
        for lr in learners
    ]
    known.update({lr.id: lr.token for lr in out})
    _write_private(path, json.dumps(known, indent=1))
    return out


def write_links(learners: list[Learner], base_url: str, path: Path) -> None:
    """The file the instructor hands out from: id, name, link (CSV)."""
    lines = [["id", "name", "link"]] + [
        [lr.id, lr.name, f"{base_url}/c/{lr.token}"] for lr in learners
    ]
    import io

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(lines)
    _write_private(path, buffer.getvalue())


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(tmp, path)


class TokenBook:
    """token -> learner, looked up without leaking by timing which token came close."""

    def __init__(self, learners: list[Learner] = ()) -> None:
        self._entries = [(lr.token.encode(), lr) for lr in learners]

    def add(self, learner: Learner) -> None:
        self._entries.append((learner.token.encode(), learner))

    def find(self, token: str | None) -> Learner | None:
        if not token:
            return None
        given = token.encode("utf-8", "replace")
        found = None
        # Every entry compared, each in constant time: neither the match's place in the list
        # nor a shared prefix shows in the time taken.
        for known, learner in self._entries:
            if hmac.compare_digest(known, given):
                found = learner
        return found

    def __len__(self) -> int:
        return len(self._entries)
