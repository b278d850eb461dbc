"""`dermquiz serve` in a real browser: Debian's chromium driven by Playwright.

What a learner would notice: their link opens the app, a case plays by keyboard, the
feedback shows, the H&E picture is a bitmap (not half-cell blocks) and leaves nothing behind
when another picture replaces it, two learners' answers stay apart, a bad link is refused,
and a reload in the middle of an exam comes back to the same exam with the answers kept.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import time
from pathlib import Path

import pytest
from PIL import Image
from serve_support import class_pack, hne_pixels, links, served, write_roster
from support import REPO, run_cli

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="needs Debian's chromium (.ci/run installs it)"
)

ANSI = re.compile(
    r"\x1b(?:\[[0-9;?<>=]*[ -/]*[@-~]|P.*?\x1b\\|\].*?(?:\x07|\x1b\\)|[@-Z\\-_])", re.DOTALL
)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        # --no-sandbox: CI runs as root, where chromium's sandbox cannot start.
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


class Tab:
    """A browser tab on a link, with what its terminal received, as text."""

    def __init__(self, browser, url: str) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.page = self.context.new_page()
        self.frames: list[bytes] = []
        self.page.on(
            "websocket",
            lambda ws: ws.on(
                "framereceived",
                lambda d: self.frames.append(d if isinstance(d, bytes) else d.encode()),
            ),
        )
        self.open(url)

    def open(self, url: str | None = None) -> None:
        self.frames.clear()
        if url is None:
            self.page.reload()
        else:
            self.page.goto(url)
        self.page.wait_for_selector("body.-first-byte", timeout=30000)

    def text(self) -> str:
        return ANSI.sub("", b"".join(self.frames).decode("utf-8", "replace"))

    def wait_for(self, words: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while words not in self.text():
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{words!r} never showed; the tab got: {self.text()[-2000:]!r}"
                )
            self.page.wait_for_timeout(100)

    def keys(self, *keys: str, pause: int = 350) -> None:
        for key in keys:
            self.page.keyboard.press(key)
            self.page.wait_for_timeout(pause)

    def settle(self, quiet_ms: int = 500, limit_s: float = 15) -> None:
        """Until the screen stops changing for a moment: a learner reads before typing, and
        a case that has just opened may still move the focus to its text."""
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            count = len(self.frames)
            self.page.wait_for_timeout(quiet_ms)
            if len(self.frames) == count:
                return

    def answer(self, name: str, confidence: str) -> None:
        self.settle()
        self.keys("/")
        self.page.keyboard.type(name, delay=20)
        self.page.wait_for_timeout(300)
        asked = self.text().count("How sure are you?")
        self.keys("Enter")
        # As a learner does: read the question, then answer it (a digit sent before the
        # prompt is up would be typed into the name field).
        deadline = time.monotonic() + 30
        while self.text().count("How sure are you?") <= asked:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"no confidence prompt after {name!r}: {self.text()[-1500:]!r}"
                )
            self.page.wait_for_timeout(100)
        self.keys(confidence)

    def screenshot(self) -> Image.Image:
        self.page.wait_for_timeout(1500)  # the picture is encoded and drawn after the keys
        return Image.open(io.BytesIO(self.page.screenshot()))

    def close(self) -> None:
        self.context.close()


def _results(data: Path, tmp: Path) -> list[dict]:
    out = tmp / "results.csv"
    result = run_cli("results", "--data-dir", str(data), "--csv", str(out))
    assert result.returncode == 0, result.stderr
    return list(csv.DictReader(open(out, encoding="utf-8")))


def _histology_shot(
    browser, tmp: Path, graphics: str
) -> tuple[tuple[int, float], tuple[int, float]]:
    """(H&E measure with the scan on screen, after stepping to the next picture)."""
    data = tmp / f"data-{graphics}"
    roster = write_roster(tmp / "class.csv", [("ada", "Ada")])
    with served(
        str(class_pack(tmp / graphics)),
        "--roster",
        str(roster),
        "--graphics",
        graphics,
        data_dir=data,
    ):
        tab = Tab(browser, links(data)["ada"])
        tab.wait_for("Presentation")
        tab.keys("n", "n", "i")  # the biopsy stage shows the scan; i goes to the pictures
        scan = hne_pixels(tab.screenshot())
        tab.keys("[")  # back to the wide green clinical picture
        after = hne_pixels(tab.screenshot())
        if graphics == "sixel":
            tab.keys("Escape")
            tab.answer("Idiopathic calcinosis cutis", "3")
            tab.wait_for("Correct")
            rows = _results(data, tmp)
            assert [(r["learner"], r["choice"], r["verdict"]) for r in rows] == [
                ("ada", "idiopathic", "correct")
            ]
        tab.close()
    return scan, after


def test_a_roster_link_plays_a_case_with_sharp_histology_and_feedback(browser, tmp_path):
    (tmp_path / "sixel").mkdir()
    (tmp_path / "halfcell").mkdir()
    scan, after = _histology_shot(browser, tmp_path, "sixel")
    blocks, _ = _histology_shot(browser, tmp_path, "halfcell")
    assert scan[0] > 5000, "the H&E scan is not on screen"
    # A bitmap varies from pixel to pixel like the scan; half-cell blocks repeat a colour.
    assert scan[1] > 0.6 and blocks[1] < 0.3 and scan[1] > 2 * blocks[1], (scan, blocks)
    # Nothing of the scan stays on screen once the next picture replaces it.
    assert after[0] < scan[0] * 0.01, (scan, after)


def test_a_bad_token_is_refused_in_the_browser(browser, tmp_path):
    data = tmp_path / "data"
    roster = write_roster(tmp_path / "class.csv", [("ada", "Ada")])
    with served(str(class_pack(tmp_path)), "--roster", str(roster), data_dir=data):
        context = browser.new_context()
        page = context.new_page()
        sockets = []
        page.on("websocket", lambda ws: sockets.append(ws))
        good = links(data)["ada"]
        response = page.goto(good[:-3] + ("xyz" if not good.endswith("xyz") else "abc"))
        assert response.status == 403
        assert "This link is not valid" in page.content()
        assert not sockets
        context.close()


def test_two_learners_at_once_keep_their_answers_apart(browser, tmp_path):
    data = tmp_path / "data"
    roster = write_roster(tmp_path / "class.csv", [("ada", "Ada"), ("bo", "Bo")])
    with served(str(class_pack(tmp_path)), "--roster", str(roster), data_dir=data):
        urls = links(data)
        ada, bo = Tab(browser, urls["ada"]), Tab(browser, urls["bo"])
        ada.wait_for("Presentation")
        bo.wait_for("Presentation")
        ada.answer("Idiopathic calcinosis cutis", "3")
        bo.answer("Metastatic calcinosis", "1")
        ada.wait_for("Correct")
        bo.wait_for("Wrong")
        assert "Wrong" not in ada.text() and "Correct" not in bo.text()
        ada.close()
        bo.close()
    rows = _results(data, tmp_path)
    assert sorted((r["learner"], r["choice"]) for r in rows) == [
        ("ada", "idiopathic"),
        ("bo", "metastatic"),
    ]


def _diagnosis_only_copy(folder: Path) -> Path:
    """The built-in pack without its format-2 questions: each case asks only the diagnosis,
    so a case's answer is followed at once by its confidence prompt."""
    import shutil

    import yaml

    pack = folder / "course"
    pack.mkdir()
    for name in ("pack.yaml", "entities.yaml"):
        shutil.copy(REPO / name, pack / name)
    shutil.copytree(REPO / "images", pack / "images")
    (pack / "cases").mkdir()
    for case_file in (REPO / "cases").glob("*.yaml"):
        case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
        case.pop("questions", None)
        (pack / "cases" / case_file.name).write_text(
            yaml.safe_dump(case, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
    return pack


def test_a_reload_mid_exam_comes_back_to_the_same_exam(browser, tmp_path):
    data = tmp_path / "data"
    roster = write_roster(tmp_path / "class.csv", [("ada", "Ada")])
    with served(
        str(_diagnosis_only_copy(tmp_path)),
        "--roster",
        str(roster),
        "--mode",
        "exam",
        "--count",
        "2",
        "--time-limit",
        "10",
        data_dir=data,
    ):
        tab = Tab(browser, links(data)["ada"])
        tab.wait_for("case 1 of 2")
        tab.answer("Metastatic calcinosis", "2")
        tab.wait_for("case 2 of 2")
        record = next((data / "exams").glob("*.json")).read_text()
        tab.open()  # the learner reloads the page
        tab.wait_for("case 2 of 2")
        assert "case 1 of 2" not in tab.text()
        assert next((data / "exams").glob("*.json")).read_text() == record  # clock not reset
        tab.answer("Idiopathic calcinosis cutis", "2")
        tab.wait_for("Cases answered: 2 of 2")  # the summary, with both answers' verdicts
        during = tab.text().split("Cases answered: 2 of 2")[0]
        tab.open()  # back after the end: the summary again, not a new exam
        tab.wait_for("Cases answered: 2 of 2")
        assert "case 1 of 2" not in tab.text()
        tab.close()
    rows = _results(data, tmp_path)
    assert [(r["learner"], r["mode"], r["choice"]) for r in rows] == [
        ("ada", "exam", "metastatic"),
        ("ada", "exam", "idiopathic"),
    ]
    assert rows[0]["session"] == rows[1]["session"]  # one exam, across the reload
    assert "Correct ✓" not in during and "Wrong ✗" not in during  # no feedback before the end


def test_the_same_link_in_a_second_tab_takes_over_and_the_first_says_so(browser, tmp_path):
    data = tmp_path / "data"
    roster = write_roster(tmp_path / "class.csv", [("ada", "Ada")])
    with served(str(class_pack(tmp_path)), "--roster", str(roster), data_dir=data):
        first = Tab(browser, links(data)["ada"])
        first.wait_for("Presentation")
        second = Tab(browser, links(data)["ada"])
        second.wait_for("Presentation")
        first.page.wait_for_selector("body.-closed", timeout=30000)
        assert first.page.is_visible("text=This session has ended")
        assert not second.page.evaluate("document.body.classList.contains('-closed')")
        second.answer("Idiopathic calcinosis cutis", "3")  # the new tab plays on
        second.wait_for("Correct")
        first.close()
        second.close()
    assert [r["learner"] for r in _results(data, tmp_path)] == ["ada"]
