"""The command line: every `dermquiz` command is declared here and handed to the core or the UI.

Heavy modules are imported inside the handlers, so `dermquiz --help` and line mode start fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from quiz import __version__

GRAPHICS = ["auto", "kitty", "sixel", "halfcell", "none"]


class UserError(Exception):
    """A problem the user can fix; printed as one line, exit code 2 unless given."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


def _pack_dir(ref: str | None) -> Path:
    from quiz.pack.registry import builtin_pack_dir, find_pack, known_packs, pack_id_of

    if ref is None:
        return builtin_pack_dir()
    from quiz.pack.zipped import ZipPackError

    try:
        found = find_pack(ref)
    except ZipPackError as exc:
        raise UserError(str(exc)) from None
    if found is None:
        ids = [pack_id_of(p) or p.name for p in known_packs()]
        raise UserError(f"no pack `{ref}`: not a folder with pack.yaml, not a zip file, and not "
                        f"the id of a pack the app knows ({', '.join(ids)})")
    return found


def _load(ref: str | None):
    """A pack ready to play, or UserError listing its errors."""
    from quiz.pack.loader import load_pack

    result = load_pack(_pack_dir(ref))
    if not result.ok:
        lines = [d.format(Path.cwd()) for d in result.errors[:20]]
        more = f"\n… and {len(result.errors) - 20} more" if len(result.errors) > 20 else ""
        raise UserError("the pack has errors; fix them, then try again "
                        "(`dermquiz validate` lists them all):\n" + "\n".join(lines) + more)
    return result.pack


def _open_store(data_dir: str | None):
    """The progress store, or None with a message (line mode still works without it)."""
    from quiz.progress.store import ProgressError, open_store, resolve_data_dir

    try:
        return open_store(resolve_data_dir(data_dir))
    except ProgressError as exc:
        print(f"dermquiz: progress will not be saved: {exc}", file=sys.stderr)
        return None


def _learner(args: argparse.Namespace) -> str:
    from quiz.progress.learner import LearnerNameError, resolve_learner

    try:
        return resolve_learner(getattr(args, "learner", None))
    except LearnerNameError as exc:
        raise UserError(str(exc)) from None


# -- commands ---------------------------------------------------------------------------

def cmd_validate(args: argparse.Namespace) -> int:
    from quiz.pack.loader import load_pack
    from quiz.pack.registry import known_packs, pack_id_of

    if args.list:
        from quiz.pack.registry import user_packs_dir
        from quiz.pack.zipped import ZipPackError, open_zip

        for known in known_packs():
            try:
                folder = open_zip(known) if known.suffix == ".zip" else known
            except ZipPackError:
                folder = None
            print(f"{(pack_id_of(folder) if folder else None) or '?'}\t{known}")
        print(f"Your pack folder: {user_packs_dir()} (add packs with `dermquiz add PACK`)")
        return 0
    reports, failed = [], False
    for ref in args.packs:
        folder = _pack_dir(ref)
        result = load_pack(folder)
        errors, warnings = result.errors, result.warnings
        failed |= bool(errors) or (args.strict and bool(warnings))
        if args.json:
            reports.append({"pack": ref, "path": str(folder),
                            "id": result.pack.id if result.pack else None,
                            "errors": len(errors), "warnings": len(warnings), "notes": len(result.notes),
                            "diagnostics": [d.to_json(Path.cwd()) for d in result.diagnostics]})
            continue
        for diagnostic in result.diagnostics:
            print(diagnostic.format(Path.cwd()))
        name = result.pack.id if result.pack else ref
        cases = f", {len(result.pack.cases)} cases" if result.pack else ""
        verdict = "OK" if not errors and not (args.strict and warnings) else "FAILED"
        notes = f", {len(result.notes)} note(s)" if result.notes else ""
        print(f"{name}: {verdict} — {len(errors)} error(s), {len(warnings)} warning(s){notes}{cases}")
    if args.json:
        print(json.dumps({"packs": reports}, indent=2))
    return 1 if failed else 0


def cmd_play(args: argparse.Namespace) -> int:
    if not args.plain:
        # `dermquiz play` means a session now, on the built-in pack unless one is named
        from quiz.pack.registry import builtin_pack_dir

        return _run_app(args, start_pack=args.pack or str(builtin_pack_dir()))
    from quiz.plain import PlainRunner
    from quiz.session import Session, SessionError, select_cases

    pack = _load(args.pack)
    store = _open_store(args.data_dir)
    requested = [c.strip() for c in args.cases.split(",") if c.strip()] if args.cases else None
    try:
        ids = select_cases(pack, args.mode, requested, store, count=args.count,
                           new_per_day=args.new_per_day)
    except SessionError as exc:
        raise UserError(str(exc)) from None
    if not ids:
        what = {"review": "No case is due for review now.",
                "mistakes": "There are no missed cases to go over."}.get(args.mode, "No cases to play.")
        print(what)
        return 0
    try:
        session = Session(pack, args.mode, ids, store, learner=_learner(args))
        PlainRunner(session, sys.stdin, sys.stdout).run()
    finally:
        if store is not None:
            store.close()
    return 0


def _run_app(args: argparse.Namespace, start_pack: str | None = None) -> int:
    try:
        from quiz.tui.app import run_app
    except ImportError:
        # The full-screen app is not installed in this build: line mode still works.
        args.plain, args.pack = True, start_pack
        for name, default in (("mode", "learn"), ("cases", None), ("count", None), ("new_per_day", 10)):
            if not hasattr(args, name):
                setattr(args, name, default)
        return cmd_play(args)
    packs = [_pack_dir(p) for p in (getattr(args, "extra_packs", None) or [])]
    args.learner = _learner(args)
    return run_app(args, extra_packs=packs, start_pack=_pack_dir(start_pack) if start_pack else None)


def cmd_image(args: argparse.Namespace) -> int:
    from quiz.imaging.command import run_image_command

    return run_image_command(args.file, args.cols, args.rows, args.graphics)


def cmd_preview(args: argparse.Namespace) -> int:
    from quiz.tui.preview import run_preview

    return run_preview(_pack_dir(args.pack), case_id=args.case, watch=args.watch)


def cmd_stats(args: argparse.Namespace) -> int:
    from quiz.progress.commands import run_stats

    return run_stats(args.pack, args.json, args.data_dir)


def cmd_results(args: argparse.Namespace) -> int:
    from quiz.progress.commands import run_results

    return run_results(args.csv, args.pack, args.data_dir)


def cmd_add(args: argparse.Namespace) -> int:
    from quiz.pack.install import InstallError, add_pack
    from quiz.pack.registry import user_packs_dir
    from quiz.progress.store import resolve_data_dir

    folder = _pack_dir(args.pack)
    packs_dir = user_packs_dir(resolve_data_dir(getattr(args, "data_dir", None)))
    try:
        target = add_pack(Path(args.pack), folder, packs_dir, replace=args.replace)
    except InstallError as exc:
        raise UserError(str(exc), code=1) from None
    print(f"Added: {target}. It is on the home screen now, and `dermquiz play "
          f"{target.name.removesuffix('.zip')}` plays it.")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from quiz.serve.command import run_serve

    return run_serve(args, _pack_dir, _load, UserError)


def cmd_class(args: argparse.Namespace) -> int:
    from quiz.serve.class_view import run_class

    return run_class(args)


def _not_yet(name: str):
    def handler(args: argparse.Namespace) -> int:
        raise UserError(f"`dermquiz {name}` is not available in this version yet")
    return handler


def _authoring(name: str):
    """The instructor commands (new, schema, pack, export) live in quiz.authoring.commands."""
    def handler(args: argparse.Namespace) -> int:
        from quiz.authoring.commands import run

        return run(name, args)
    return handler


# -- the parser -------------------------------------------------------------------------

def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of cases: give a whole number from 1 up")
    return value


def _minutes(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0
    if not 0 < value <= 24 * 60:
        raise argparse.ArgumentTypeError(f"{text!r} is not a time limit: give minutes, e.g. 20")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dermquiz",
        description="Learn dermatopathology from cases, in the terminal. "
        "With no command, the app opens on its home screen.")
    parser.add_argument("--version", action="version", version=f"dermquiz {__version__}")
    parser.add_argument("--pack", dest="extra_packs", action="append", metavar="PATH",
                        help="a further pack (folder, zip or id) to offer on the home screen; repeatable")
    parser.add_argument("--data-dir", help="where progress is kept (default: the user data "
                        "folder; also DERMQUIZ_DATA_DIR)")
    parser.add_argument("--graphics", choices=GRAPHICS, default=None,
                        help="how images are drawn (default: auto; also DERMQUIZ_GRAPHICS)")
    parser.add_argument("--plain", action="store_true", help="line mode instead of the full-screen app")
    parser.add_argument("--learner", metavar="NAME", help="who is answering: recorded on every "
                        "attempt (default: DERMQUIZ_LEARNER, else your user name)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, handler, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(handler=handler)
        # accepted after the command too: packs named by id are looked up in the data folder
        p.add_argument("--data-dir", default=argparse.SUPPRESS, help="where progress and your packs are kept")
        return p

    p = command("play", cmd_play, "play a session of cases (the app, or line mode with --plain)")
    p.add_argument("pack", nargs="?", help="a pack folder, zip or id (default: the built-in pack)")
    p.add_argument("--plain", action="store_true", help="line mode: stages printed, answers read from stdin")
    p.add_argument("--mode", choices=["learn", "exam", "review", "mistakes"], default="learn")
    p.add_argument("--cases", help="play exactly these case ids, in this order (comma-separated)")
    p.add_argument("--count", type=_positive, help="how many cases (exam default: 10)")
    p.add_argument("--time-limit", type=_minutes, metavar="MINUTES", help="exam time limit (the app)")
    p.add_argument("--new-per-day", type=_positive, default=os.environ.get("DERMQUIZ_NEW_PER_DAY", "10"),
                   metavar="N", help="review mode: unseen cases introduced per day (default 10; "
                   "also DERMQUIZ_NEW_PER_DAY)")
    p.add_argument("--graphics", choices=GRAPHICS, default=argparse.SUPPRESS)
    p.add_argument("--learner", metavar="NAME", default=argparse.SUPPRESS,
                   help="who is answering (default: DERMQUIZ_LEARNER, else your user name)")

    p = command("validate", cmd_validate, "check packs: every error located, warnings too")
    p.add_argument("packs", nargs="*", default=["."], metavar="PACK", help="pack folders, zips or ids (default: .)")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("--json", action="store_true", help="print the findings as JSON")
    p.add_argument("--list", action="store_true", help="list the packs the app knows and exit")

    p = command("add", cmd_add, "add a shared pack (folder or zip) to your own packs")
    p.add_argument("pack", help="a pack folder or zip file")
    p.add_argument("--replace", action="store_true", help="replace a pack with the same id")

    p = command("image", cmd_image, "print an image as the app would show it")
    p.add_argument("file")
    p.add_argument("--cols", type=int)
    p.add_argument("--rows", type=int)
    p.add_argument("--graphics", choices=GRAPHICS, default=argparse.SUPPRESS)

    p = command("stats", cmd_stats, "your statistics: accuracy, confusions, calibration, due cases")
    p.add_argument("--pack", help="only this pack id")
    p.add_argument("--json", action="store_true")

    p = command("results", cmd_results, "export every attempt as CSV (for instructors)")
    p.add_argument("--csv", required=True, metavar="FILE")
    p.add_argument("--pack", help="only this pack id")

    p = command("serve", cmd_serve, "the app in the browser for a class: a link per learner, "
                "one results store (docs/serving.md)")
    p.add_argument("packs", nargs="*", metavar="PACK", help="packs to play (default: the built-in "
                   "pack); the first is opened, the others are on the home screen")
    p.add_argument("--roster", metavar="FILE", help="CSV with the columns id,name: a personal "
                   "link per learner (without it: open mode, learners type their name)")
    p.add_argument("--links", metavar="FILE", help="where to write the links (default: "
                   "DATA_DIR/links.csv)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--public-url", metavar="URL", help="the address learners use, when a proxy "
                   "is in front (e.g. https://quiz.example.org)")
    p.add_argument("--mode", choices=["learn", "exam"], default="learn")
    p.add_argument("--count", type=_positive, help="how many cases (exam default: 10)")
    p.add_argument("--time-limit", type=_minutes, metavar="MIN", help="exam time limit in minutes")
    p.add_argument("--seed", type=int, default=0, help="exam: which cases are drawn (the same "
                   "for everyone; default 0)")
    p.add_argument("--max-sessions", type=_positive, metavar="N", help="learners at once "
                   "(default: what this machine's free memory holds)")
    p.add_argument("--graphics", dest="graphics_for_serve", choices=["sixel", "halfcell"],
                   default="sixel", help="how pictures reach the browser (default: sixel bitmaps)")

    p = command("class", cmd_class, "who in a served class has started, finished, and their scores")
    p.add_argument("--once", action="store_true", help="print once instead of refreshing")
    p.add_argument("--every", type=float, default=2.0, metavar="SECONDS", help="refresh interval")

    p = command("new", _authoring("new"), "make a new pack that validates and plays at once")
    p.add_argument("dir")
    p.add_argument("--uses", help="re-use this pack's entities and findings")

    p = command("preview", cmd_preview, "the app on one pack, reloaded when a file is saved")
    p.add_argument("pack")
    p.add_argument("--case", help="open this case")
    p.add_argument("--watch", action="store_true")
    p.add_argument("--graphics", choices=GRAPHICS, default=argparse.SUPPRESS)

    p = command("schema", _authoring("schema"), "write the JSON Schema of the pack files")
    p.add_argument("-o", "--output", metavar="DIR")

    p = command("pack", _authoring("pack"), "zip a pack folder for sharing")
    p.add_argument("dir")
    p.add_argument("-o", "--output", required=True, metavar="FILE.zip")

    p = command("export", _authoring("export"), "export a pack to Anki, Moodle XML or an HTML handout")
    p.add_argument("pack")
    p.add_argument("--to", required=True, choices=["anki", "moodle", "html"])
    p.add_argument("-o", "--output", required=True)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.data_dir:
        os.environ["DERMQUIZ_DATA_DIR"] = args.data_dir
    if args.graphics:
        os.environ["DERMQUIZ_GRAPHICS"] = args.graphics
    try:
        if args.command is None:
            if args.plain:
                args.pack, args.mode, args.cases, args.count = None, "learn", None, None
                args.new_per_day = 10
                return cmd_play(args)
            return _run_app(args)
        return args.handler(args)
    except UserError as exc:
        print(f"dermquiz: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # never a traceback in the learner's face; keep it for a report
        log = _log_crash()
        print(f"dermquiz: something went wrong inside DermQuiz ({type(exc).__name__}). "
              f"Details were written to {log}; please report them.", file=sys.stderr)
        return 70


def _log_crash() -> str:
    import traceback

    try:
        from platformdirs import user_cache_dir

        folder = Path(os.environ.get("DERMQUIZ_CACHE_DIR") or user_cache_dir("dermquiz"))
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "crash.log"
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(traceback.format_exc() + "\n")
        return str(path)
    except OSError:
        return "(nowhere: the cache folder is not writable)"
