"""`dermquiz serve` at class scale: memory per learner session, keystroke -> screen update
latency with 1, 10 and 30 scripted websocket clients, and how many sessions fit here.

    python -m benchmarks.bench_serve [--clients 1,10,30] [--keys 15] [--json FILE]

A real server (a subprocess on a free port, the built-in pack, a roster of 30) and real
learner processes; each client is a websocket speaking what the page's JavaScript speaks.
A keystroke is a letter typed into the answer field (which filters the entity list) or a
backspace; its latency is the time from sending the key to the first screen bytes back.
Baselines from the same run: a ping answered by the server itself (the floor any keystroke
pays), and the 1-client latency for the 10- and 30-client runs. The run is bounded: each
client sends --keys keys, and everything stops after --budget seconds.

Run it alone on the machine: it starts up to 30 app processes.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from serve_support import served, write_roster  # noqa: E402 - tests/ on the path first


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def _mem_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in kB: PSS shares common pages out among the processes using them."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def _server_pid(port: int) -> int:
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            cmd = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"serve" in cmd and str(port).encode() in cmd:
            return int(proc.name)
    raise RuntimeError("server process not found")


async def _session(url: str):
    from websockets.asyncio.client import connect

    ws = await connect(
        url.replace("http://", "ws://").replace("/c/", "/ws/")
        + "?width=120&height=36&cellWidth=10&cellHeight=20",
        max_size=None,
    )
    return ws


async def _drain(ws, quiet: float, limit: float) -> float | None:
    """Wait up to *limit* s for screen bytes, then read until nothing comes for *quiet* s;
    the time the first bytes came (None if none came)."""
    first = None
    end = time.perf_counter() + limit
    while time.perf_counter() < end:
        try:
            wait = quiet if first is not None else end - time.perf_counter()
            message = await asyncio.wait_for(ws.recv(), max(0.01, wait))
        except TimeoutError:
            return first
        if isinstance(message, bytes) and first is None:
            first = time.perf_counter()
    return first


async def _until_case(ws, limit: float = 180) -> None:
    """Read until the first case is on screen (its header says "case 1 of"), then quiet."""
    seen = b""
    end = time.perf_counter() + limit
    while b"case 1 of" not in seen:
        message = await asyncio.wait_for(ws.recv(), max(0.01, end - time.perf_counter()))
        if isinstance(message, bytes):
            seen = seen[-200:] + message
    await _drain(ws, 1.0, 30)


async def _client(
    url: str,
    keys: int,
    ready: asyncio.Event,
    go: asyncio.Event,
    out: list[float],
    pings: list[float],
    missed: list[int],
) -> None:
    ws = await _session(url)
    try:
        await _until_case(ws)  # the app is up and its first case drawn
        await ws.send(json.dumps(["stdin", "/"]))  # into the answer field
        await _drain(ws, 0.5, 10)
        ready.set()
        await go.wait()
        for i in range(keys):
            t0 = time.perf_counter()
            await ws.send(json.dumps(["ping", str(i)]))
            while True:
                reply = await asyncio.wait_for(ws.recv(), 30)
                if isinstance(reply, str) and json.loads(reply)[0] == "pong":
                    pings.append(time.perf_counter() - t0)
                    break
            key = "c" if i % 2 == 0 else "\x7f"  # type a letter, then take it back
            t0 = time.perf_counter()
            await ws.send(json.dumps(["stdin", key]))
            first = await _drain(ws, 0.25, 10)
            if first is not None:
                out.append(first - t0)
            else:
                missed.append(i)
            await asyncio.sleep(0.2)
    finally:
        await ws.close()


async def _run_clients(urls: list[str], keys: int) -> tuple[list[float], list[float]]:
    latencies: list[float] = []
    pings: list[float] = []
    missed: list[int] = []
    readies = [asyncio.Event() for _ in urls]
    go = asyncio.Event()
    tasks = []
    for url, ready in zip(urls, readies):
        tasks.append(asyncio.create_task(_client(url, keys, ready, go, latencies, pings, missed)))
        await asyncio.sleep(0.3)  # staggered, as a class arrives
    await asyncio.gather(*(r.wait() for r in readies))
    go.set()
    await asyncio.gather(*tasks)
    if missed:
        print(f"  {len(missed)} keys drew nothing within 10 s", file=sys.stderr)
    return latencies, pings


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_serve")
    parser.add_argument("--clients", default="1,10,30")
    parser.add_argument("--keys", type=int, default=15)
    parser.add_argument("--budget", type=float, default=600, help="seconds for the whole run")
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args(argv)
    counts = [int(c) for c in args.clients.split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="dq-bench-serve-"))
    ids = [(f"s{i:02d}", f"Student {i}") for i in range(max(counts))]
    roster = write_roster(tmp / "class.csv", ids)
    data = tmp / "data"
    figures: list[dict] = []
    started = time.monotonic()
    with open("/proc/meminfo") as f:
        available_mb = (
            int(dict(line.split(":", 1) for line in f)["MemAvailable"].split()[0]) // 1024
        )
    with served(
        str(ROOT), "--roster", str(roster), "--max-sessions", str(max(counts) + 5), data_dir=data
    ) as base:
        port = int(base.rsplit(":", 1)[1])
        server = _server_pid(port)
        with open(data / "links.csv", encoding="utf-8") as f:
            urls = [row["link"] for row in csv.DictReader(f)]
        base_lat: float | None = None
        for n in counts:
            if time.monotonic() - started > args.budget:
                print(f"budget spent: {n} clients not run", file=sys.stderr)
                break
            time.sleep(3)  # the previous run's sessions end first
            t0 = time.monotonic()
            lat, pings = asyncio.run(
                asyncio.wait_for(_run_clients(urls[:n], args.keys), args.budget)
            )
            p50, p95 = _pct(lat, 0.5), _pct(lat, 0.95)
            base_lat = base_lat or p50
            figures.append(
                {
                    "name": f"serve: keystroke -> screen update, {n} clients, p50",
                    "value": round(p50, 1),
                    "baseline": round(_pct(pings, 0.5), 1),
                    "unit": "ms",
                    "baseline_name": "ping round trip (same run)",
                    "p95": round(p95, 1),
                    "samples": len(lat),
                    "ratio_vs_1_client": round(p50 / base_lat, 2),
                    "seconds": round(time.monotonic() - t0, 1),
                }
            )
            print(
                f"{n:>2} clients: keystroke p50 {p50:.1f} ms, p95 {p95:.1f} ms "
                f"({len(lat)} keys); ping p50 {_pct(pings, 0.5):.1f} ms, p95 "
                f"{_pct(pings, 0.95):.1f} ms; {time.monotonic() - t0:.0f} s",
                flush=True,
            )
        # Memory: hold every session open at once and read the learner processes.
        n = max(counts)

        async def hold() -> list[tuple[int, int]]:
            sockets = [await _session(u) for u in urls[:n]]
            # Each app up and its first case drawn (the wait for first bytes is long: 30
            # processes start at once), then quiet.
            await asyncio.gather(*(_until_case(ws) for ws in sockets))
            await asyncio.sleep(2)
            learners = [pid for pid in _children(server) if _mem_kb(pid)[0] > 0]
            mem = [_mem_kb(pid) for pid in learners]
            for ws in sockets:
                await ws.close()
            return mem

        mem = asyncio.run(hold())
        rss = statistics.median(m[0] for m in mem) / 1024
        pss = statistics.median(m[1] for m in mem) / 1024
        server_rss = _mem_kb(server)[0] / 1024
        figures.append(
            {
                "name": f"serve: memory per learner session ({len(mem)} open), RSS",
                "value": round(rss, 1),
                "unit": "MB",
                "pss": round(pss, 1),
                "baseline": round(server_rss, 1),
                "baseline_name": "the server process",
            }
        )
        fits = int(available_mb * 0.75 // max(pss, 1))
        figures.append(
            {
                "name": "serve: sessions that fit in 3/4 of available memory (by PSS)",
                "value": fits,
                "unit": "sessions",
                "available_mb": available_mb,
            }
        )
        print(
            f"memory: {len(mem)} learner processes, median RSS {rss:.1f} MB, PSS {pss:.1f} MB; "
            f"server RSS {server_rss:.1f} MB; available {available_mb} MB -> ~{fits} sessions "
            "by memory",
            flush=True,
        )
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
