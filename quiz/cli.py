"""The command line: every `dermquiz` command is declared here and handed to the core or the UI.

Heavy modules are imported inside the handlers, so `dermquiz --help` and line mode start fast.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path

from quiz import __version__
from quiz.errors import UserError
from quiz.settings import GRAPHICS
from quiz.vocabulary import Mode

__all__ = ["UserError", "build_parser", "main", "run"]


def _pack_dir(ref: str | None) -> Path:
    """The folder of the pack *ref* names (None: the built-in pack), or UserError."""
    from quiz.pack.service import resolve

    return resolve(ref, _settings().data_dir)


def _load(ref: str | None):
    """A pack ready to play, or UserError listing its errors."""
    from quiz.pack.service import load_playable

    return load_playable(ref, _settings().data_dir)


def _settings():
    from quiz.settings import current

    return current()


def _open_store(data_dir: Path):
    """The progress store, or None with a message (line mode still works without it)."""
    from quiz.progress.store import ProgressError, open_store

    try:
        return open_store(data_dir)
    except ProgressError as exc:
        print(f"dermquiz: progress will not be saved: {exc}", file=sys.stderr)
        return None


# -- commands ---------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    from quiz.pack.loader import load_pack
    from quiz.pack.service import list_known, user_packs_dir

    settings = _settings()
    if args.list:
        for known in list_known(settings.data_dir):
            print(f"{known.id or '?'}\t{known.path}")
        print(
            f"Your pack folder: {user_packs_dir(settings.data_dir)} "
            "(add packs with `dermquiz add PACK`)"
        )
        return 0
    reports, failed = [], False
    for ref in args.packs:
        folder = _pack_dir(ref)
        result = load_pack(folder)
        errors, warnings = result.errors, result.warnings
        failed |= bool(errors) or (args.strict and bool(warnings))
        if args.json:
            reports.append(
                {
                    "pack": ref,
                    "path": str(folder),
                    "id": result.pack.id if result.pack else None,
                    "errors": len(errors),
                    "warnings": len(warnings),
                    "notes": len(result.notes),
                    "diagnostics": [d.to_json(Path.cwd()) for d in result.diagnostics],
                }
            )
            continue
        for diagnostic in result.diagnostics:
            print(diagnostic.format(Path.cwd()))
        name = result.pack.id if result.pack else ref
        cases = f", {len(result.pack.cases)} cases" if result.pack else ""
        verdict = "OK" if not errors and not (args.strict and warnings) else "FAILED"
        notes = f", {len(result.notes)} note(s)" if result.notes else ""
        print(
            f"{name}: {verdict} — {len(errors)} error(s), {len(warnings)} warning(s){notes}{cases}"
        )
    if args.json:
        import json

        print(json.dumps({"packs": reports}, indent=2))
    return 1 if failed else 0


def _play_pack(args: argparse.Namespace) -> str | None:
    """The pack `play` plays: its argument, else the one `dermquiz --pack X play` named."""
    extra = getattr(args, "extra_packs", None) or []
    if args.pack is None and len(extra) == 1:
        return extra[0]
    if args.pack is None and len(extra) > 1:
        raise UserError(
            "`play` plays one pack: name it after `play` "
            f"(e.g. `dermquiz play {extra[0]}`), not with several --pack options"
        )
    return args.pack


def _has_terminal() -> bool:
    """A terminal to draw the app in: a tty, or a Textual driver of its own (the browser's,
    under `dermquiz serve`: there standard input and output are pipes to the server)."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()


def cmd_play(args: argparse.Namespace) -> int:
    args.pack = _play_pack(args)
    if not args.plain and not _has_terminal():
        # A pipe or a file: the full-screen app would draw into it and wait for keys.
        print(
            "dermquiz: no terminal here (input or output is redirected): playing in line "
            "mode (`--plain`).",
            file=sys.stderr,
        )
        args.plain = True
    settings = _settings()
    if not args.plain:
        # `dermquiz play` means a session now, on the built-in pack unless one is named
        from quiz.pack.registry import builtin_pack_dir

        return _run_app(args, start_pack=args.pack or str(builtin_pack_dir()))
    from quiz.plain import PlainRunner, ask_to_continue, learn_intro
    from quiz.session import Session, SessionError, select_cases
    from quiz.vocabulary import Mode

    pack = _load(args.pack)
    mode = Mode(args.mode) if args.mode else settings.mode
    store = _open_store(settings.data_dir)
    requested = [c.strip() for c in args.cases.split(",") if c.strip()] if args.cases else None
    tags = (
        [t.strip() for t in args.tags.split(",") if t.strip()]
        if getattr(args, "tags", None)
        else None
    )
    try:
        session, intro = None, ""
        if mode is Mode.LEARN and not requested and not tags:
            left = ask_to_continue(pack, store, sys.stdin, sys.stdout)
            if left is not None:
                session = Session(
                    pack,
                    Mode.LEARN,
                    list(left.remaining),
                    store,
                    session_id=left.session,
                    learner=settings.learner,
                )
                intro = f"Continuing: {len(left.remaining)} case(s) left."
        if session is None:
            ids = select_cases(
                pack,
                mode,
                requested,
                store,
                count=args.count,
                new_per_day=settings.new_per_day,
                tags=tags,
            )
            if not ids:
                from quiz.feedback_text import nothing_to_play

                print(nothing_to_play(mode))
                return 0
            session = Session(
                pack,
                mode,
                ids,
                store,
                learner=settings.learner,
                marking=getattr(args, "marking", "plain"),
            )
            intro = learn_intro(pack, ids, store) if mode is Mode.LEARN and not requested else ""
        import shutil

        width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
        PlainRunner(session, sys.stdin, sys.stdout, width=width).run(intro)
    except SessionError as exc:
        raise UserError(str(exc)) from None
    finally:
        if store is not None:
            store.close()
    return 0


def _run_app(args: argparse.Namespace, start_pack: str | None = None) -> int:
    # The cyclic collector is held off while the app's modules load and its first screen is
    # built (Textual's objects set it off again and again: ~10 ms of the start); the app
    # turns it back on after its first frame (DermQuizApp.on_mount).
    gc.disable()
    try:
        return _start_app(args, start_pack)
    finally:
        gc.enable()


def _start_app(args: argparse.Namespace, start_pack: str | None) -> int:
    from quiz.imaging.terminal_caps import probe_terminal

    try:
        with probe_terminal():  # the terminal answers while the app's modules import
            from quiz.tui.app import run_app
    except ImportError:
        # The full-screen app is not installed in this build: line mode still works (and
        # runs long: the collector is back on).
        gc.enable()
        args.plain, args.pack = True, start_pack
        for name in ("mode", "cases", "count"):
            if not hasattr(args, name):
                setattr(args, name, None)
        return cmd_play(args)
    packs = [_pack_dir(p) for p in (getattr(args, "extra_packs", None) or [])]
    return run_app(
        args,
        extra_packs=packs,
        start_pack=_pack_dir(start_pack) if start_pack else None,
        settings=_settings(),
    )


def cmd_image(args: argparse.Namespace) -> int:
    if args.detect:
        from quiz.imaging.detect_report import run_detect

        return run_detect(args.graphics)
    if args.file is None:
        raise UserError("`dermquiz image` needs an image file (or --detect)")
    from quiz.imaging.command import run_image_command

    return run_image_command(args.file, args.cols, args.rows, _settings().graphics)


def cmd_crop(args: argparse.Namespace) -> int:
    from quiz.imaging.crop import run_crop

    return run_crop(args)


def cmd_preview(args: argparse.Namespace) -> int:
    from quiz.imaging.terminal_caps import probe_terminal

    with probe_terminal():
        from quiz.tui.preview import run_preview

    if args.case:
        _check_case_id(args.pack, args.case)
    return run_preview(_pack_dir(args.pack), case_id=args.case, watch=args.watch)


def _check_case_id(ref: str, case_id: str) -> None:
    """`preview --case typo`: say so before the app opens, with the nearest id."""
    from quiz.pack.loader import load_pack

    pack = load_pack(_pack_dir(ref), check_images=False).pack
    if pack is None or pack.has_case(case_id):
        return  # a broken pack: the preview shows its problems
    from quiz.pack.diagnostics import did_you_mean

    ids = [c.id for c in pack.cases]
    hint = did_you_mean(case_id, ids)
    raise UserError(
        f"the pack `{pack.id}` has no case `{case_id}`"
        + (f"; {hint}" if hint else f"; its cases: {', '.join(ids[:10])}")
    )


def cmd_stats(args: argparse.Namespace) -> int:
    from quiz.progress.commands import run_stats

    settings = _settings()
    # A learner named (--learner, DERMQUIZ_LEARNER, the config file) sees their own answers;
    # otherwise every answer in the folder counts, as before there were learners.
    named = settings.given("learner")
    return run_stats(args.pack, args.json, settings.data_dir, settings.learner if named else None)


def cmd_results(args: argparse.Namespace) -> int:
    from quiz.progress.commands import run_results

    return run_results(args.csv, args.pack, _settings().data_dir)


def cmd_analyze(args: argparse.Namespace) -> int:
    from quiz.analysis.command import run_analyze

    return run_analyze(
        args.sources,
        args.pack,
        args.mode,
        args.attempts,
        args.json,
        args.csv,
        args.html,
        args.data_dir,
    )


def cmd_add(args: argparse.Namespace) -> int:
    from quiz.pack.install import InstallError, add_pack
    from quiz.pack.registry import user_packs_dir

    folder = _pack_dir(args.pack)
    packs_dir = user_packs_dir(_settings().data_dir)
    try:
        target = add_pack(Path(args.pack), folder, packs_dir, replace=args.replace)
    except InstallError as exc:
        raise UserError(str(exc), code=1) from None
    print(
        f"Added: {target}. It is on the home screen now, and `dermquiz play "
        f"{target.name.removesuffix('.zip')}` plays it."
    )
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    from quiz.authoring.formatdoc import reference_markdown

    sys.stdout.write(reference_markdown())


def cmd_config(args: argparse.Namespace) -> int:
    from quiz.config_report import config_report

    if args.example:
        from quiz.settings import example_config

        print(example_config(), end="")
        return 0
    print(config_report(_settings()), end="")
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
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of cases: give a whole number from 1 up"
        )
    return value


def _minutes(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0
    if not 0 < value <= 24 * 60:
        raise argparse.ArgumentTypeError(f"{text!r} is not a time limit: give minutes, e.g. 20")
    return value


def build_parser(commands: bool = True, only: str | None = None) -> argparse.ArgumentParser:
    """The command line; with *commands* False only the options that come before a command
    (what `dermquiz` alone, the home screen, needs); with *only*, that one command."""
    parser = argparse.ArgumentParser(
        prog="dermquiz",
        description="Learn dermatopathology from cases, in the terminal. "
        "With no command, the app opens on its home screen.",
        exit_on_error=commands,
    )
    parser.add_argument("--version", action="version", version=f"dermquiz {__version__}")
    parser.add_argument(
        "--pack",
        dest="extra_packs",
        action="append",
        metavar="PATH",
        help="a further pack (folder, zip or id) to offer on the home screen; repeatable",
    )
    parser.add_argument(
        "--data-dir",
        help="where progress is kept (default: the user data folder; also DERMQUIZ_DATA_DIR)",
    )
    parser.add_argument(
        "--graphics",
        choices=GRAPHICS,
        default=None,
        help="how images are drawn (default: auto; also DERMQUIZ_GRAPHICS)",
    )
    parser.add_argument(
        "--plain", action="store_true", help="line mode instead of the full-screen app"
    )
    parser.add_argument(
        "--learner",
        metavar="NAME",
        help="who is answering: recorded on every "
        "attempt (default: DERMQUIZ_LEARNER, the config file, else your user name)",
    )
    parser.add_argument(
        "--theme",
        metavar="NAME",
        help="the app's colours, a Textual theme (also DERMQUIZ_THEME and the config file)",
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="the config file to read (default: "
        "config.toml in your config folder; also DERMQUIZ_CONFIG)",
    )
    if not commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, handler, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(handler=handler)
        # accepted after the command too: packs named by id are looked up in the data folder
        p.add_argument(
            "--data-dir", default=argparse.SUPPRESS, help="where progress and your packs are kept"
        )
        return p

    for name, handler, help, declare in _COMMANDS:
        if only is None or name == only:
            declare(command(name, handler, help))
    return parser


# Each command's arguments, declared once; build_parser() adds all of them, or only the one
# the command line names (argparse's set-up of every command was a tenth of a first
# `dermquiz image`).
_COMMANDS: list[tuple[str, Callable[[argparse.Namespace], int], str, Callable]] = []


def _command(name: str, handler, help: str):
    def declare(arguments: Callable[[argparse.ArgumentParser], None]):
        _COMMANDS.append((name, handler, help, arguments))
        return arguments

    return declare


@_command("play", cmd_play, "play a session of cases (the app, or line mode with --plain)")
def _play_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("pack", nargs="?", help="a pack folder, zip or id (default: the built-in pack)")
    p.add_argument(
        "--plain", action="store_true", help="line mode: stages printed, answers read from stdin"
    )
    p.add_argument(
        "--mode",
        choices=[m.value for m in Mode],
        default=None,
        help="the kind of session (default: learn; also DERMQUIZ_MODE and the config file)",
    )
    p.add_argument("--cases", help="play exactly these case ids, in this order (comma-separated)")
    p.add_argument("--count", type=_positive, help="how many cases (exam default: 10)")
    p.add_argument("--tags", help="only cases with one of these tags (comma-separated)")
    p.add_argument(
        "--time-limit", type=_minutes, metavar="MINUTES", help="exam time limit (the app)"
    )
    p.add_argument(
        "--marking",
        choices=["plain", "cbm"],
        default="plain",
        help="cbm: certainty-based marking, every answer rated 1–3 (for exams)",
    )
    p.add_argument(
        "--new-per-day",
        type=_positive,
        default=None,
        metavar="N",
        help="review mode: unseen cases introduced per day (default 10; "
        "also DERMQUIZ_NEW_PER_DAY and the config file)",
    )
    p.add_argument("--graphics", choices=GRAPHICS, default=argparse.SUPPRESS)
    p.add_argument(
        "--learner",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help="who is answering (default: DERMQUIZ_LEARNER, the config file, else your user name)",
    )


@_command(
    "config",
    cmd_config,
    "where the config file is, and each setting in force with where it comes from",
)
def _config_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--example",
        action="store_true",
        help="print a config file with every setting explained, to start from",
    )


@_command("validate", cmd_validate, "check packs: every error located, warnings too")
def _validate_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "packs",
        nargs="*",
        default=["."],
        metavar="PACK",
        help="pack folders, zips or ids (default: .)",
    )
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("--json", action="store_true", help="print the findings as JSON")
    p.add_argument("--list", action="store_true", help="list the packs the app knows and exit")


@_command("add", cmd_add, "add a shared pack (folder or zip) to your own packs")
def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("pack", help="a pack folder or zip file")
    p.add_argument("--replace", action="store_true", help="replace a pack with the same id")


@_command("image", cmd_image, "print an image as the app would show it")
def _image_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", nargs="?")
    p.add_argument(
        "--detect",
        action="store_true",
        help="print what the terminal can draw, and why (asks the terminal)",
    )
    p.add_argument("--cols", type=int)
    p.add_argument("--rows", type=int)
    p.add_argument("--graphics", choices=GRAPHICS, default=argparse.SUPPRESS)


@_command("crop", cmd_crop, "cut a view out of a whole slide (or image) as a JPEG")
def _crop_arguments(p: argparse.ArgumentParser) -> None:
    from quiz.imaging.crop import add_arguments as crop_arguments

    crop_arguments(p)


@_command("stats", cmd_stats, "your statistics: accuracy, confusions, calibration, due cases")
def _stats_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--pack", help="only this pack id")
    p.add_argument("--json", action="store_true")


@_command("results", cmd_results, "export every attempt as CSV (for instructors)")
def _results_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--csv", required=True, metavar="FILE")
    p.add_argument("--pack", help="only this pack id")


@_command("analyze", cmd_analyze, "item statistics of a class's results: which cases work")
def _analyze_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "sources",
        nargs="*",
        metavar="SOURCE",
        help="results CSVs or data folders (default: the data folder)",
    )
    p.add_argument(
        "--pack",
        help="the pack: an id, ID@VERSION, or its folder (default: the pack with most attempts)",
    )
    p.add_argument(
        "--mode",
        choices=["exam", "learn", "any"],
        default="exam",
        help="attempts of which mode count (default: exam)",
    )
    p.add_argument(
        "--attempts",
        choices=["first", "last"],
        default="first",
        help="each learner's first or last attempt at a case (default: first)",
    )
    p.add_argument("--json", metavar="FILE", help="write the analysis as JSON ('-': stdout)")
    p.add_argument("--csv", metavar="FILE", help="write one row per case ('-': stdout)")
    p.add_argument("--html", metavar="DIR", help="write a self-contained report with charts")


@_command(
    "serve",
    cmd_serve,
    "the app in the browser for a class: a link per learner, one results store (docs/serving.md)",
)
def _serve_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "packs",
        nargs="*",
        metavar="PACK",
        help="packs to play (default: the built-in "
        "pack); the first is opened, the others are on the home screen",
    )
    p.add_argument(
        "--roster",
        metavar="FILE",
        help="CSV with the columns id,name: a personal "
        "link per learner (without it: open mode, learners type their name)",
    )
    p.add_argument(
        "--links", metavar="FILE", help="where to write the links (default: DATA_DIR/links.csv)"
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument(
        "--public-url",
        metavar="URL",
        help="the address learners use, when a proxy is in front (e.g. https://quiz.example.org)",
    )
    p.add_argument("--mode", choices=["learn", "exam"], default="learn")
    p.add_argument("--count", type=_positive, help="how many cases (exam default: 10)")
    p.add_argument("--time-limit", type=_minutes, metavar="MIN", help="exam time limit in minutes")
    p.add_argument(
        "--seed",
        type=int,
        default=0,
        help="exam: which cases are drawn (the same for everyone; default 0)",
    )
    p.add_argument(
        "--max-sessions",
        type=_positive,
        metavar="N",
        help="learners at once (default: what this machine's free memory holds)",
    )
    p.add_argument(
        "--graphics",
        dest="graphics_for_serve",
        choices=["sixel", "halfcell"],
        default="sixel",
        help="how pictures reach the browser (default: sixel bitmaps)",
    )


@_command("class", cmd_class, "who in a served class has started, finished, and their scores")
def _class_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--once", action="store_true", help="print once instead of refreshing")
    p.add_argument("--every", type=float, default=2.0, metavar="SECONDS", help="refresh interval")


@_command("new", _authoring("new"), "make a new pack that validates and plays at once")
def _new_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir")
    p.add_argument("--uses", help="re-use this pack's entities and findings")
    p.add_argument(
        "--format",
        type=int,
        choices=[1, 2],
        default=1,
        help="2: the example case gets one question of each kind (choose, point, rank, concordance)",
    )


@_command("preview", cmd_preview, "the app on one pack, reloaded when a file is saved")
def _preview_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("pack")
    p.add_argument("--case", help="open this case")
    p.add_argument("--watch", action="store_true")
    p.add_argument("--graphics", choices=GRAPHICS, default=argparse.SUPPRESS)


@_command("docs", cmd_docs, "print a reference shipped with DermQuiz (format: every pack key)")
def _docs_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("topic", choices=["format"])


@_command("schema", _authoring("schema"), "write the JSON Schema of the pack files")
def _schema_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", metavar="DIR")


@_command("pack", _authoring("pack"), "zip a pack folder for sharing")
def _pack_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir")
    p.add_argument("-o", "--output", required=True, metavar="FILE.zip")


@_command("export", _authoring("export"), "export a pack to Anki, Moodle XML or an HTML handout")
def _export_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("pack")
    p.add_argument("--to", required=True, choices=["anki", "moodle", "html"])
    p.add_argument("-o", "--output", required=True)


def _parse(argv: list[str]) -> argparse.Namespace:
    """The arguments. argparse's set-up of every command's parser (gettext looks each label
    up on disk) took milliseconds the home screen and a first `dermquiz image` feel, so the
    options before any command are read first: with nothing after them it is the home
    screen; if a command follows, only that command's parser is built. Help and anything
    unrecognised go through the whole parser, which says it the usual way."""
    if "-h" not in argv and "--help" not in argv:
        try:
            args, rest = build_parser(commands=False).parse_known_args(argv)
        except argparse.ArgumentError:
            rest = argv
        if not rest:
            return args
        if rest[0] in {name for name, *_ in _COMMANDS}:
            return build_parser(only=rest[0]).parse_args(argv)
    return build_parser().parse_args(argv)


# Commands that print and end within a second: run() leaves the cyclic garbage collector off
# for them. Everything else (the app, line mode, serve, class) gets it back after parsing.
_BRIEF = frozenset({"image", "crop", "config", "docs", "schema"})


def run() -> None:
    """The `dermquiz` process (its console script, and `python -m quiz`).

    The cyclic garbage collector is held off while the modules load (their objects set it
    off again and again: about 4 ms of a first `dermquiz image`) and, by main(), for a brief
    command's whole run; what is left is frozen before exit, so the interpreter's last
    collections skip it (about 6 ms): the process ends and its memory goes with it.
    """
    gc.disable()
    try:
        code = main()
    finally:
        gc.freeze()
    raise SystemExit(code)


def main(argv: list[str] | None = None) -> int:
    from quiz.settings import Settings, installed

    args = _parse(sys.argv[1:] if argv is None else list(argv))
    if args.command not in _BRIEF:
        gc.enable()  # a long run collects as usual (run() held it off for the imports)
    try:
        # Resolved once, then passed down (and installed for code deep in the core).
        settings = Settings.resolve(args)
    except UserError as exc:
        if getattr(args, "command", None) == "config" and getattr(args, "example", False):
            settings = Settings.resolve(args, read_config=False)
        else:
            print(f"dermquiz: {exc}", file=sys.stderr)
            return exc.code
    try:
        with installed(settings):
            if args.command is None:
                if args.plain or not _has_terminal():
                    args.pack, args.mode, args.cases, args.count = None, None, None, None
                    args.tags = None
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
        from quiz import crash

        # The settings in force name the folder (`--config` may set it), not a fresh look-up.
        print(crash.message(exc, crash.write_report(settings.cache_dir)), file=sys.stderr)
        return crash.EXIT_CODE
