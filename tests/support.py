"""Shared test helpers: paths of the test packs, and running the CLI as a user would.

Import from here (`from support import ...`), not from conftest: there is more than one
conftest.py under tests/, and a module name must not depend on which was imported first.
"""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
EXAMPLE = TESTS / "packs" / "example"
BROKEN = TESTS / "packs" / "broken"
# A real H&E scan (CC0; tests/fixtures/README.md): in the repository, so no test skips for it.
SCAN = TESTS / "fixtures" / "cmu-skin-he.jpg"


def run_cli(
    *args: str,
    input: str = "",
    env: dict | None = None,
    cwd: Path | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess:
    """`python -m quiz ARGS` in a subprocess, as a user would run it."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    full_env.setdefault("PYTHONIOENCODING", "utf-8")
    return subprocess.run(
        [sys.executable, "-m", "quiz", *args],
        input=input,
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=timeout,
    )


NOBODY = 65534  # the unprivileged user and group of Debian and most Linux systems


@contextmanager
def folder_anyone_can_reach() -> Iterator[Path]:
    """A fresh folder under the system's temp folder that every user may enter (pytest's
    tmp_path sits in a folder only its owner may enter, so `as_unprivileged` could not
    reach it)."""
    folder = Path(tempfile.mkdtemp(prefix="dermquiz-test-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for inner in folder.rglob("*"):
            if inner.is_dir():
                inner.chmod(0o755)  # folders made read-only by the test
        shutil.rmtree(folder)


def as_unprivileged(function: Callable[..., T], *args) -> T:
    """*function(*args)*, run so that file permissions bind it: here when we are not root;
    as root (CI, containers), in a forked child that has become nobody. Its return value,
    or the exception it raised. Names it uses must be imported already: the child may not
    read root's Python installation."""
    if os.geteuid() != 0:
        return function(*args)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop root for good, run, send the outcome back, leave
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            try:
                outcome = ("returned", function(*args))
            except Exception as exc:
                outcome = ("raised", exc)
            data = pickle.dumps(outcome)
        except BaseException as exc:
            data = pickle.dumps(("broken", repr(exc)))
        with os.fdopen(write, "wb") as out:
            out.write(data)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as incoming:
        data = incoming.read()
    os.waitpid(pid, 0)
    kind, value = pickle.loads(data)
    if kind == "broken":
        raise RuntimeError(f"could not run as user {NOBODY}: {value}")
    if kind == "raised":
        raise value
    return value


def write_pack(folder: Path, pack: str, entities: str, cases: dict[str, str]) -> Path:
    """A folder pack from its texts: pack.yaml, entities.yaml and cases/NAME.yaml."""
    (folder / "cases").mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(pack, encoding="utf-8")
    (folder / "entities.yaml").write_text(entities, encoding="utf-8")
    for name, text in cases.items():
        (folder / "cases" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder
