"""Pictures decoded before they are asked for, so a case opens with its picture in place.

A session's first case starts decoding as soon as its cases are chosen (while its screen is
built); each case, once on screen, starts the next case's while the learner reads. The
decoded previews land in the image store's memory (and disk) cache, from which the viewer
draws synchronously, in the case's first frame. Workers run on the app, not on a screen, so
closing a screen does not stop one halfway.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quiz.imaging import ImageStore
    from quiz.pack.models import Case
    from quiz.pack.pack import Pack
    from quiz.tui.app import DermQuizApp as App


def picture_box(app: App, protocol: str) -> tuple[int, int]:
    """The pixels a picture may fill at most: the whole screen (full-screen view)."""
    width, height = app.size
    from quiz.imaging import cell_pixel_size

    cell_w, cell_h = cell_pixel_size()
    if protocol == "halfcell":
        from quiz.imaging.cellfit import halfcell_box

        return halfcell_box(width, height, cell_w, cell_h)
    return max(1, width * cell_w), max(1, height * cell_h)


def case_pictures(pack: Pack, case: Case) -> list[Path]:
    """The case's picture files in the order its stages show them (first stage first)."""
    seen: dict[Path, None] = {}
    for stage in case.stages:
        for image in stage.images:
            seen.setdefault(Path(pack.image_path(image)), None)
    return list(seen)


def prefetch(
    app: App, paths: Iterable[Path], protocol: str | None = None, store: ImageStore | None = None
) -> None:
    """Decode `paths` into the image caches in a thread worker, in order."""
    from quiz.imaging import choose_protocol, default_store

    paths = [Path(p) for p in paths]
    protocol = protocol or choose_protocol(app.options.graphics)
    if not paths or protocol == "none":
        return
    store, box = store or default_store(), picture_box(app, protocol)

    def decode() -> None:
        for path in paths:
            try:
                if store.cached_source_size(path) is None:
                    store.view(path, box)  # fills the memory and disk caches
            except Exception:
                pass  # the error is shown when that picture is opened

    app.run_worker(decode, thread=True, group="image-prefetch", exit_on_error=False)


def prefetch_case(app: App, pack: Pack, case_id: str) -> None:
    if pack.has_case(case_id):
        prefetch(app, case_pictures(pack, pack.case(case_id)))
