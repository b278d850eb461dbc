"""The instructor commands behind the CLI: new, schema, pack and export.

Each takes the parsed arguments, prints what it did, and raises UserError (one line for the
user, no traceback) for anything the user can fix. Packs are found and loaded by the pack
service (quiz.pack.service), as everywhere else.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import time
from pathlib import Path

from quiz.errors import UserError
from quiz.pack.service import load_playable, resolve


def _user_error(message: str) -> UserError:
    return UserError(message)


def run(name: str, args: argparse.Namespace) -> int:
    return {"new": cmd_new, "schema": cmd_schema, "pack": cmd_pack, "export": cmd_export}[name](
        args
    )


def cmd_new(args: argparse.Namespace) -> int:
    from quiz.authoring.skeleton import NewPackError, new_pack
    from quiz.pack.loader import load_pack

    dest = Path(args.dir)
    used, ref = None, None
    if args.uses:
        used = load_playable(args.uses)
        ref = args.uses
        given = Path(args.uses)
        if given.exists():  # a path: written relative to the new pack, as the loader reads it
            ref = os.path.relpath(given.resolve(), dest.resolve())
    try:
        files = new_pack(dest, uses_ref=ref, used=used, format=getattr(args, "format", 1))
    except NewPackError as exc:
        raise _user_error(str(exc)) from None
    result = load_pack(dest)
    for diagnostic in result.diagnostics:
        print(diagnostic.format(Path.cwd()))
    print(
        f"Made the pack `{result.pack.id if result.pack else dest.name}` in {dest} "
        f"({len(files)} files): {len(result.errors)} error(s), {len(result.warnings)} warning(s)."
    )
    shown = shlex.quote(str(dest))  # so the commands can be pasted as printed
    print(
        f"Next: read {shlex.quote(str(dest / 'AUTHORING.md'))}, then `dermquiz play {shown} --plain` "
        f"or `dermquiz preview {shown} --watch`."
    )
    return 1 if result.errors else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from quiz.authoring.schema import FILES, schemas, write_schemas

    if not args.output:
        json.dump(schemas(), sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    try:
        written = write_schemas(Path(args.output))
    except OSError as exc:
        raise _user_error(
            f"cannot write the schemas into {args.output}: {exc.strerror or exc}"
        ) from None
    for path in written:
        print(f"{path}  (for {FILES[path.name]})")
    print(
        "Put `# yaml-language-server: $schema=<path to the schema>` at the top of a pack file "
        "to have the editor check it."
    )
    return 0


def cmd_pack(args: argparse.Namespace) -> int:
    from quiz.authoring.bundle import BundleError, write_zip

    folder = resolve(args.dir)
    pack = load_playable(args.dir)  # refuses a pack with errors, listing them
    output = Path(args.output)
    if output.suffix.lower() != ".zip":
        raise _user_error(
            f"{output}: the output should end in .zip, so that DermQuiz and "
            "students' systems know it for a zip"
        )
    try:
        count, size = write_zip(folder, output)
    except BundleError as exc:
        raise _user_error(str(exc)) from None
    print(
        f"{output}: the pack `{pack.id}` {pack.version}, {len(pack.cases)} cases, {count} files, "
        f"{size / 1024:,.0f} KiB. Students open it with `dermquiz play {shlex.quote(output.name)}`."
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from quiz.export import ExportError

    pack = load_playable(args.pack)
    output = Path(args.output)
    started = time.monotonic()
    try:
        if args.to == "anki":
            from quiz.export.anki import export_anki as export
        elif args.to == "moodle":
            from quiz.export.moodle import export_moodle as export
        else:
            from quiz.export.html import export_html as export
        counts = export(pack, output)
    except ExportError as exc:
        raise _user_error(str(exc)) from None
    took = time.monotonic() - started
    what = ", ".join(f"{n} {k}" for k, n in counts.items())
    target = output / "index.html" if args.to == "html" else output
    print(f"{target}: {what} ({_size(output) / 1024:,.0f} KiB, {took:.1f} s).")
    return 0


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
