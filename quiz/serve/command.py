"""`dermquiz serve`: check the packs and the roster, write the links, run the server."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from quiz.serve.config import ServeConfig

MB_PER_SESSION = (
    120  # measured: ~115 MB RSS, ~94 MB PSS per learner process (benchmarks/RESULTS.md)
)
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def default_max_sessions(mb_per_session: int = MB_PER_SESSION) -> int:
    """Sessions that fit in 3/4 of the memory available now (at least 1, at most 500)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            fields = dict(line.split(":", 1) for line in meminfo)
        available_mb = int(fields["MemAvailable"].split()[0]) // 1024
    except (OSError, KeyError, ValueError):
        return 20
    return max(1, min(500, available_mb * 3 // 4 // mb_per_session))


def _check_port(host: str, port: int, user_error) -> None:
    """Say plainly when the address cannot be had, before links are written for it."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        with socket.socket(infos[0][0], socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(infos[0][4])
    except OSError as exc:
        raise user_error(
            f"cannot listen on {host}:{port} ({exc.strerror or exc}) — choose "
            "another --port, or stop what is using it"
        ) from None


def run_serve(args, pack_dir, load_pack, user_error) -> int:
    """*pack_dir*, *load_pack* and *user_error* come from quiz.cli (one way to find packs)."""
    from quiz.progress.store import ProgressError, open_store, resolve_data_dir
    from quiz.serve.roster import RosterError, TokenBook, assign_tokens, read_roster, write_links
    from quiz.session import select_cases

    _check_port(args.host, args.port, user_error)
    refs = args.packs or [None]
    packs = [load_pack(ref) for ref in refs]  # every pack checked now, not in a learner's tab
    dirs = [pack_dir(ref) for ref in refs]
    data_dir = (
        Path(args.data_dir) if getattr(args, "data_dir", None) else resolve_data_dir() / "class"
    )
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        open_store(data_dir).close()  # the class's results store exists before anyone plays
    except ProgressError as exc:
        raise user_error(str(exc)) from None
    config = ServeConfig(
        packs=[d.resolve() for d in dirs],
        data_dir=data_dir.resolve(),
        host=args.host,
        port=args.port,
        mode=args.mode,
        count=args.count,
        time_limit=args.time_limit,
        graphics=args.graphics_for_serve,
        max_sessions=args.max_sessions or default_max_sessions(),
        public_url=args.public_url or "",
    )
    if args.mode == "exam":
        # One draw for the whole class, seeded so a restarted server draws the same cases.
        rng = random.Random(args.seed)
        config.exam_cases = select_cases(packs[0], "exam", count=args.count or 10, rng=rng)
    total = (
        len(config.exam_cases)
        if args.mode == "exam"
        else min(args.count or len(packs[0].cases), len(packs[0].cases))
    )
    (data_dir / "class.json").write_text(
        json.dumps({"mode": args.mode, "cases": total, "pack": packs[0].id}), encoding="utf-8"
    )
    learners = []
    if args.roster:
        try:
            learners = assign_tokens(read_roster(Path(args.roster)), data_dir)
        except RosterError as exc:
            raise user_error(str(exc)) from None
        links = Path(args.links) if args.links else data_dir / "links.csv"
        write_links(learners, config.base_url, links)
        (data_dir / "roster.json").write_text(
            json.dumps({lr.id: lr.name for lr in learners}), encoding="utf-8"
        )
    tell = print
    tell(
        f"DermQuiz class: {packs[0].title} ({args.mode}"
        + (f", {len(config.exam_cases)} cases" if args.mode == "exam" else "")
        + (f", {config.time_limit:g} min" if args.mode == "exam" and config.time_limit else "")
        + f"), at most {config.max_sessions} learners at once."
    )
    if learners:
        tell(
            f"Personal links for {len(learners)} learners: {links} (hand each learner "
            "their own; whoever has a link answers as that learner)."
        )
    else:
        tell(f"Open mode (no --roster): learners open {config.base_url}/ and type their name.")
    tell(
        f"Results: dermquiz results --data-dir {data_dir} --csv results.csv · "
        f"live view: dermquiz class --data-dir {data_dir}"
    )
    if args.host not in LOCAL_HOSTS:
        print(
            "Serving beyond this machine: put a TLS proxy in front (links carry the learner's "
            "key; over plain HTTP the network can read them). See docs/serving.md (Caddy, "
            "nginx).",
            file=sys.stderr,
        )
    from quiz.serve.server import ClassServer

    server = ClassServer(config, TokenBook(learners), open_mode=not learners)
    import uvicorn

    tell(f"Serving on {config.base_url} — Ctrl+C stops it.", flush=True)
    uvicorn.run(
        server.app, host=args.host, port=args.port, log_level="warning", ws_max_size=1 << 20
    )
    return 0
