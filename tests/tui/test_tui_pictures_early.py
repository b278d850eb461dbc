"""Pictures without waiting: a picture the caches hold is in the case's very first frame,
and the next case's pictures are decoded while the learner reads the current one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import EXAMPLE
from tui_helpers import make_app, on_screen, settle

from quiz.imaging import default_store
from quiz.pack.loader import load_pack
from quiz.tui.prefetch import case_pictures
from quiz.tui.widgets.image_viewer import ImageViewer

CASE = """\
id: {id}
title: A case with its picture first
difficulty: {difficulty}
stages:
  - name: Biopsy
    text: A skin biopsy is taken.
    images:
      - file: {file}
        kind: histology
        stain: H&E
        caption: Deposits in the dermis.
        alt: Dark purple masses among pink collagen.
findings:
  calcium_phosphate: normal
answer: idiopathic
"""


@pytest.fixture
def picture_pack(tmp_path) -> Path:
    """Two cases, each with its own picture in its first stage."""
    target = tmp_path / "pictures"
    shutil.copytree(EXAMPLE, target)
    for case in (target / "cases").glob("*.yaml"):
        case.unlink()
    source = target / "images" / "white-plaque-cheek" / "he-100.png"
    for n in (1, 2):
        shutil.copy(source, target / "images" / f"slide-{n}.png")
        (target / "cases" / f"picture-{n}.yaml").write_text(
            CASE.format(id=f"picture-{n}", difficulty=n, file=f"slide-{n}.png"), encoding="utf-8"
        )
    return target


class FirstFrame:
    """Notes, at the first frame each case screen is drawn, whether its picture was in it."""

    def __init__(self, app) -> None:
        self.seen: list[bool] = []
        shown: set[int] = set()
        original = app._display

        def display(screen, renderable):
            original(screen, renderable)
            if type(screen).__name__ == "CaseScreen" and id(screen) not in shown:
                shown.add(id(screen))
                self.seen.append(screen.query_one(ImageViewer).current_view is not None)

        app._display = display


async def test_a_case_seen_before_has_its_picture_in_its_first_frame(picture_pack):
    pack = load_pack(picture_pack).pack
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        frames = FirstFrame(app)
        for _ in range(2):
            await settle(pilot)
            assert await app.begin_session(pack, "learn", cases=["picture-1"], preview=True)
            case = await on_screen(pilot, "CaseScreen")
            assert case.query_one(ImageViewer).current_view is not None
            await app.end_session(case.flow)  # nothing answered: straight back home
            await on_screen(pilot, "HomeScreen")
        # The first time it may or may not be ready (it is decoded from the session's start);
        # the second time it is in memory and drawn as the first frame is painted.
        assert frames.seen[-1] is True


async def test_the_next_case_is_decoded_while_this_one_is_read(picture_pack):
    pack = load_pack(picture_pack).pack
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert await app.begin_session(pack, "learn", preview=True)
        case = await on_screen(pilot, "CaseScreen")
        flow = case.flow
        assert flow.total == 2
        upcoming = case_pictures(pack, pack.case(flow.session.case_ids[1]))
        await settle(pilot)  # the prefetch is a worker: done when the workers are
        store = default_store()
        assert upcoming and all(store.cached_source_size(p) is not None for p in upcoming)
