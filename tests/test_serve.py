"""`dermquiz serve` without a browser: roster and tokens, the learner's process, the class
store with many writers, the HTTP side's refusals, take-over, a full class, open mode."""

from __future__ import annotations

import asyncio
import csv
import json
import os
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import websockets
import websockets.exceptions
from serve_support import class_pack, links, served, write_roster
from support import REPO, run_cli
from websockets.asyncio.client import connect as ws_connect

from quiz.progress.attempt import Attempt
from quiz.progress.store import open_store
from quiz.serve import exam_record
from quiz.serve.config import ServeConfig
from quiz.serve.roster import (
    Learner,
    RosterError,
    TokenBook,
    assign_tokens,
    read_roster,
    write_links,
)


def _attempt(learner: str, case: str = "c1", session: str = "s1", credit: float = 1.0) -> Attempt:
    return Attempt(
        pack_id="p",
        pack_version="1",
        case_id=case,
        choice="x",
        answer="x",
        verdict="correct" if credit == 1 else "wrong",
        credit=credit,
        confidence=2,
        stages_seen=1,
        seconds=1.0,
        mode="exam",
        session=session,
        learner=learner,
    )


# -- roster and links ---------------------------------------------------------------------


def test_roster_reads_ids_and_names_and_ignores_other_columns(tmp_path):
    path = write_roster(tmp_path / "class.csv", [("ada", "Ada L"), ("b.2", "Bo")])
    assert read_roster(path) == [Learner("ada", "Ada L"), Learner("b.2", "Bo")]


@pytest.mark.parametrize(
    "text, where",
    [
        ("name\nAda\n", ":1:"),
        ("id,name\nada,A\nada,B\n", ":3:"),
        ("id,name\n../etc,A\n", ":2:"),
        ("id,name\n", "no learners"),
    ],
)
def test_bad_roster_is_refused_with_file_and_line(tmp_path, text, where):
    path = tmp_path / "class.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RosterError) as err:
        read_roster(path)
    assert str(path) in str(err.value) and where in str(err.value)


def test_tokens_are_long_random_private_and_kept_across_restarts(tmp_path):
    learners = read_roster(write_roster(tmp_path / "c.csv", [("a", "A"), ("b", "B")]))
    first = assign_tokens(learners, tmp_path)
    again = assign_tokens(learners, tmp_path)
    assert [lr.token for lr in first] == [lr.token for lr in again]
    assert first[0].token != first[1].token
    assert all(len(lr.token) >= 43 for lr in first)  # 32 bytes base64url: 256 bits
    write_links(first, "http://127.0.0.1:8000", tmp_path / "links.csv")
    for name in ("links.csv", "tokens.json"):
        assert stat.S_IMODE(os.stat(tmp_path / name).st_mode) == 0o600
    with open(tmp_path / "links.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows[0]["link"] == f"http://127.0.0.1:8000/c/{first[0].token}"


def test_token_book_finds_only_the_exact_token():
    ada = Learner("ada", "Ada", "A" * 43)
    book = TokenBook([ada, Learner("bo", "Bo", "B" * 43)])
    assert book.find("A" * 43) is ada
    for wrong in ("A" * 42, "A" * 44, "A" * 42 + "B", "", None, "ä" * 43):
        assert book.find(wrong) is None


def test_the_learners_process_takes_who_they_are_from_the_server(tmp_path):
    config = ServeConfig(
        packs=[REPO], data_dir=tmp_path, mode="exam", exam_cases=["a", "b"], time_limit=5
    )
    argv = config.learner_argv("ada")
    assert argv[argv.index("--learner") + 1] == "ada"
    assert argv[argv.index("--data-dir") + 1] == str(tmp_path)
    assert argv[argv.index("--cases") + 1] == "a,b" and "--time-limit" in argv
    env = config.learner_env("ada")
    assert env["DERMQUIZ_ONLY_LEARNER"] == "ada"
    assert Path(env[exam_record.ENV_VAR]).parent == tmp_path / "exams"


# -- the class store --------------------------------------------------------------------------


def test_a_learners_process_reads_back_only_their_own_attempts(tmp_path, monkeypatch):
    with open_store(tmp_path) as store:
        store.record(_attempt("ada"))
        store.record(_attempt("bo", credit=0.0))
    monkeypatch.setenv("DERMQUIZ_ONLY_LEARNER", "ada")
    with open_store(tmp_path) as store:
        assert [a.learner for a in store.attempts()] == ["ada"]
    monkeypatch.delenv("DERMQUIZ_ONLY_LEARNER")
    with open_store(tmp_path) as store:  # the instructor's export sees everyone
        assert sorted(a.learner for a in store.attempts()) == ["ada", "bo"]


WRITER = """
import sys, time
from quiz.progress.attempt import Attempt
from quiz.progress.store import open_store
folder, me, go = sys.argv[1], sys.argv[2], float(sys.argv[3])
store = open_store(folder)
while time.time() < go:
    time.sleep(0.005)
for i in range(5):
    store.record(Attempt(pack_id="p", pack_version="1", case_id=f"c{i}", choice=me, answer="x",
        verdict="wrong", credit=0.0, confidence=1, stages_seen=1, seconds=1.0, mode="learn",
        session=me, learner=me))
store.close()
"""


def test_thirty_learner_processes_write_one_store_and_nothing_is_lost(tmp_path):
    open_store(tmp_path).close()
    go = time.time() + 3  # every writer starts at the same moment
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path), f"w{i:02d}", str(go)],
            cwd=REPO,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(30)
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert all(p.returncode == 0 for p in procs), errors
    result = run_cli("results", "--data-dir", str(tmp_path), "--csv", str(tmp_path / "r.csv"))
    assert result.returncode == 0, result.stderr
    with open(tmp_path / "r.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 150
    for i in range(30):
        mine = [r for r in rows if r["learner"] == f"w{i:02d}"]
        assert len(mine) == 5 and all(r["choice"] == f"w{i:02d}" for r in mine)
    with open_store(tmp_path) as store:
        assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


# -- exam records -----------------------------------------------------------------------------


def test_an_exam_record_resumes_and_keeps_its_clock(tmp_path):
    path = exam_record.record_path(tmp_path, "ada")
    first = exam_record.start_or_resume(path, "ada", "p", ["c1", "c2"], 600, now=1000.0)
    again = exam_record.start_or_resume(path, "ada", "p", ["c9"], 60, now=1300.0)
    assert again == first  # a reload: same cases, same start, same session
    assert not again.expired(now=1500.0) and again.expired(now=1600.0)
    attempts = [
        _attempt("ada", "c2", first.session_id),
        _attempt("bo", "c1", first.session_id),
        _attempt("ada", "c1", "other"),
        _attempt("ada", "c1", first.session_id, 0.0),
    ]
    assert [a.case_id for a in exam_record.answered_in(first, attempts)] == ["c1", "c2"]
    assert exam_record.record_path(tmp_path, "../x").parent == tmp_path / "exams"


# -- the server ---------------------------------------------------------------------------


def _get(url: str, data: bytes | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, data=data)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode() if exc.fp else (exc.headers.get("location") or "")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _raw_get(base: str, path: str) -> int:
    """A request line sent as written: no client normalises the dots away."""
    import http.client

    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.putrequest("GET", path, skip_host=False, skip_accept_encoding=True)
    conn.endheaders()
    status = conn.getresponse().status
    conn.close()
    return status


@pytest.fixture(scope="module")
def roster_class(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cls")
    roster = write_roster(tmp / "class.csv", [("ada", "Ada"), ("bo", "Bo")])
    data = tmp / "data"
    with served(
        str(class_pack(tmp)), "--roster", str(roster), "--max-sessions", "1", data_dir=data
    ) as base:
        yield base, links(data), data


def test_wrong_or_missing_tokens_get_a_plain_refusal(roster_class):
    base, _, _ = roster_class
    for path in ("/", "/c/not-a-token", "/c/" + "A" * 43):
        status, body = _get(base + path)
        assert status == 403 and "This link is not valid" in body


def test_only_the_static_files_are_served(roster_class):
    base, _, _ = roster_class
    assert _get(base + "/static/js/textual.js")[0] == 200
    for path in (
        "/static/../server.py",
        "/static/%2e%2e/%2e%2e/server.py",
        "/static/..%2f..%2fserver.py",
        "/static/../../../../etc/passwd",
        "/static//etc/passwd",
        "/etc/passwd",
        "/tokens.json",
        "/links.csv",
    ):
        assert _raw_get(base, path) == 404, path


def test_the_page_loads_nothing_from_outside(roster_class):
    base, links_, _ = roster_class
    status, page = _get(links_["ada"])
    assert status == 200
    import re

    loads = re.findall(r"""(?:src|href)=["']([^"']+)|import [^"']*["']([^"']+)""", page)
    urls = [a or b for a, b in loads]
    assert urls and all(u.startswith("/static/") for u in urls), urls
    assert "googleapis" not in page and "//fonts." not in page
    css = _get(base + "/static/css/xterm.css")[1]
    assert "@import" not in css and "url(http" not in css


async def _first_output(ws, timeout: float = 30) -> bytes:
    while True:
        message = await asyncio.wait_for(ws.recv(), timeout)
        if isinstance(message, bytes) and message:
            return message


def _ws(link: str) -> str:
    return link.replace("http://", "ws://").replace("/c/", "/ws/") + "?width=100&height=30"


async def test_a_bad_token_cannot_open_a_terminal(roster_class):
    base, _, _ = roster_class
    with pytest.raises(websockets.exceptions.InvalidStatus):
        async with ws_connect(base.replace("http", "ws") + "/ws/nope"):
            pass


async def test_same_link_twice_the_newest_tab_takes_over_and_a_full_class_says_so(roster_class):
    _, links_, data = roster_class
    async with ws_connect(_ws(links_["ada"]), max_size=None) as first:
        assert await _first_output(first)
        # --max-sessions 1: Bo is told the class is full while Ada plays
        status, body = _get(links_["bo"])
        assert status == 503 and "The class is full" in body
        async with ws_connect(_ws(links_["ada"]), max_size=None) as second:
            assert await _first_output(second)
            with pytest.raises(websockets.exceptions.ConnectionClosed):
                while True:  # the first tab's connection is closed by the server
                    await asyncio.wait_for(first.recv(), 30)
            await second.send(json.dumps(["ping", "x"]))
            while True:  # the new tab is the one alive
                reply = await asyncio.wait_for(second.recv(), 30)
                if isinstance(reply, str) and json.loads(reply) == ["pong", "x"]:
                    break
    events = [json.loads(line) for line in (data / "sessions.jsonl").read_text().splitlines()]
    assert [e["event"] for e in events if e["learner"] == "ada"][:3] == [
        "connected",
        "taken-over",
        "connected",
    ]


def test_open_mode_asks_for_a_name_and_records_under_it(tmp_path):
    data = tmp_path / "data"
    with served(str(class_pack(tmp_path)), data_dir=data) as base:
        status, body = _get(base + "/")
        assert status == 200 and 'name="name"' in body
        status, _ = _get(base + "/join", urllib.parse.urlencode({"name": "\x1b[2J"}).encode())
        assert status == 400
        request = urllib.request.Request(
            base + "/join", data=urllib.parse.urlencode({"name": "Ann"}).encode()
        )
        try:
            urllib.request.build_opener(_NoRedirect).open(request, timeout=10)
            location = None
        except urllib.error.HTTPError as exc:
            assert exc.code == 303
            location = exc.headers["location"]
        assert location and location.startswith("/c/")
        status, body = _get(base + location)
        assert status == 200 and "Ann" in body


def test_class_view_lists_learners_and_their_scores(tmp_path):
    (tmp_path / "roster.json").write_text(json.dumps({"ada": "Ada", "bo": "Bo", "cy": "Cy"}))
    with open_store(tmp_path) as store:
        store.record(_attempt("ada", "c1", credit=1.0))
        store.record(_attempt("ada", "c2", credit=0.0))
    (tmp_path / "sessions.jsonl").write_text(
        json.dumps({"at": time.time(), "learner": "bo", "event": "connected"}) + "\n"
    )
    result = run_cli("class", "--data-dir", str(tmp_path), "--once", env={"COLUMNS": "120"})
    assert result.returncode == 0, result.stderr
    lines = {
        line.split("│")[1].strip(): line
        for line in result.stdout.splitlines()
        if line.count("│") > 3 and line.split("│")[1].strip() in ("ada", "bo", "cy")
    }
    assert "50 %" in lines["ada"] and "2" in lines["ada"]
    assert "playing" in lines["bo"] and "not started" in lines["cy"]
    assert "3 learners · 2 started" in result.stdout


def test_a_served_exam_resumes_with_its_answers_cases_and_clock(tmp_path, monkeypatch):
    from quiz.pack.loader import load_pack
    from quiz.tui.exam_resume import resumed_flow

    pack = load_pack(REPO).pack
    ids = [case.id for case in pack.cases[:3]]
    path = exam_record.record_path(tmp_path, "ada")
    monkeypatch.setenv(exam_record.ENV_VAR, str(path))
    with open_store(tmp_path) as store:
        flow, _ = resumed_flow(pack, ids, 600.0, store, "ada")
        assert flow.index == 0 and flow.session.case_ids == ids
        flow.open_case()
        flow.answer(pack.case(ids[0]).answer, 3)
        # The page is reloaded five minutes later; the new process draws other cases.
        record = exam_record.load(path)
        record.started_at -= 300
        exam_record.save(path, record)
        again, _ = resumed_flow(pack, list(reversed(ids)), 600.0, store, "ada")
        assert again.session.case_ids == ids and again.index == 1
        assert [a.case_id for a in again.results] == [ids[0]]
        assert again.results[0].feedback.verdict.value == "correct"
        assert 290 <= again.remaining <= 301  # the clock ran on while the page reloaded
        # Another learner on the same store starts their own exam.
        monkeypatch.setenv(exam_record.ENV_VAR, str(exam_record.record_path(tmp_path, "bo")))
        other, _ = resumed_flow(pack, ids, 600.0, store, "bo")
        assert other.index == 0 and not other.results


def test_serving_beyond_localhost_says_a_tls_proxy_belongs_in_front(tmp_path):
    import signal

    port = __import__("serve_support").free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "quiz",
            "serve",
            "--host",
            "127.0.0.2",
            "--port",
            str(port),
            "--data-dir",
            str(tmp_path / "d"),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        out, err = proc.communicate(timeout=8)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
    assert "TLS proxy" in err and "docs/serving.md" in err
    assert "Open mode" in out


async def test_quitting_the_app_ends_the_page_session(roster_class):
    _, links_, data = roster_class
    async with ws_connect(_ws(links_["bo"]), max_size=None) as ws:
        assert await _first_output(ws)
        await ws.send(json.dumps(["stdin", "\x11"]))  # ctrl+q
        with pytest.raises(websockets.exceptions.ConnectionClosed):
            while True:
                await asyncio.wait_for(ws.recv(), 30)
    for _ in range(100):  # the server logs it once the process has ended
        events = [json.loads(line) for line in (data / "sessions.jsonl").read_text().splitlines()]
        if [e["event"] for e in events if e["learner"] == "bo"][-2:] == ["connected", "left"]:
            break
        await asyncio.sleep(0.1)
    else:
        raise AssertionError(f"bo never left: {events}")


def test_a_port_in_use_is_said_plainly(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", "--port", str(port), "--data-dir", str(tmp_path), timeout=30)
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "links.csv").exists()


def test_a_served_exam_whose_time_ran_out_while_away_is_over_on_return(tmp_path, monkeypatch):
    from quiz.pack.loader import load_pack
    from quiz.tui.exam_resume import resumed_flow

    pack = load_pack(REPO).pack
    ids = [case.id for case in pack.cases[:2]]
    path = exam_record.record_path(tmp_path, "ada")
    monkeypatch.setenv(exam_record.ENV_VAR, str(path))
    exam_record.start_or_resume(path, "ada", pack.id, ids, 600.0, now=time.time() - 700)
    with open_store(tmp_path) as store:
        flow, _ = resumed_flow(pack, ids, 600.0, store, "ada")
    assert flow.expired and flow.remaining == 0
    (tmp_path / "roster.json").write_text(json.dumps({"ada": "Ada"}))
    result = run_cli("class", "--data-dir", str(tmp_path), "--once", env={"COLUMNS": "120"})
    assert "time up" in result.stdout
