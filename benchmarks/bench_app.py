"""In the app: an answer to its feedback on screen, and a case with a 24-megapixel picture.

    python -m benchmarks --only app [--quick]

They run the real DermQuiz app headless in child processes and time from the learner's act
to the frame that shows the result (app_driver.py says what a frame is).

- answer -> feedback: the same app, the same case and the same (wrong) choice, with the
  progress store (the attempt committed and synced before the feedback screen opens) and,
  as the same-run baseline, with no store at all (the app's preview path, which records
  nothing): the difference is what keeping the answer costs. Two figures: the verdict on
  screen (the feedback screen's first frame) and the whole feedback text on screen (its
  teaching text laid out, the lines in view painted; see app_driver).
- a case with a 24-megapixel JPEG in its first stage, from process start
  (`dermquiz play PACK --cases ID`, each run with empty caches) to the first frame with the
  picture, against the same case without it to its first frame. This is the one figure for
  "with the picture vs without" (bench_image's stand-in screen for it is gone).
- the same picture case again in the session (one app, app_driver): the picture's added
  wait over the case without a picture, against that of the first time (caches cold). The
  first time, the picture is decoded from the session's start while the case screen is
  built; again, it is drawn from the memory cache in the case's first frame. bench_image
  times the pipeline's own caches ("case seen this session (memory cache)"); this is the
  same cache seen from the screen, with the app's frames in the way.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import yaml

from benchmarks import harness
from benchmarks.harness import Goal, Pair, Sample, figure, run_child


def _driver(args: list[str], data: Path) -> dict:
    shutil.rmtree(harness.work_dir("app-tmp"))  # the image caches of the last run
    env = harness.child_env(
        DERMQUIZ_DATA_DIR=str(data),
        DERMQUIZ_CACHE_DIR=str(harness.work_dir("app-cache")),
        DERMQUIZ_BENCH_TMP=str(harness.work_dir("app-tmp")),
    )
    _, out = run_child([sys.executable, "-m", "benchmarks.app_driver", *args], env=env, timeout=900)
    return json.loads(out.strip().splitlines()[-1])


def _pair(values: list[float], baselines: list[float]) -> Pair:
    return Pair([Sample(v) for v in values], [Sample(b) for b in baselines])


# -- answer -> feedback ----------------------------------------------------------------------


def _answer_case(pack: Path) -> str:
    """A built-in case whose first stage shows no picture (no decoding in the way)."""
    for file in sorted((pack / "cases").glob("*.yaml")):
        case = yaml.safe_load(file.read_text(encoding="utf-8"))
        if not case["stages"][0].get("images"):
            return case["id"]
    raise RuntimeError("no case without a picture in its first stage")


def answer_figures(result: dict, case_id: str) -> list[dict]:
    saved = result.get("saved") or []
    kept = f"every attempt committed: {'yes' if saved and all(saved) else 'NO'}"
    return [
        figure(
            "answer -> verdict on screen (feedback screen's first frame), commit included, "
            "vs the same path with no store",
            _pair(result["store_verdict"], result["no_store_verdict"]),
            Goal("value", "<", 50, "ms"),
            clock="wall",
            note=f"built-in case {case_id}, a wrong choice; {kept}",
        ),
        figure(
            "answer -> the whole feedback text on screen (laid out; the lines in view "
            "painted), commit included, vs the same path with no store",
            _pair(result["store"], result["no_store"]),
            Goal("value", "<", 50, "ms"),
            clock="wall",
        ),
        figure(
            "answer -> the whole feedback text on screen, commit included, vs a bare "
            "Textual app switching to a screen of the same text",
            _pair(result["store"], result["bare_switch"]),
            Goal("ratio", "<=", 1.5),
            clock="wall",
            note="the bare app: one Static, then a pushed screen of two Statics (the "
            "verdict, and the teaching text as Rich's Markdown), in the same process "
            "after the app's runs",
        ),
    ]


# -- a case with a 24-megapixel picture -----------------------------------------------------------


def _big_jpeg() -> Path:
    try:
        from benchmarks.bench_image import make_24mp
    except ImportError:  # bench_image not there: make the same picture here
        make_24mp = _make_24mp
    return make_24mp()


def _make_24mp() -> Path:
    from PIL import Image

    target = harness.work_dir() / "he-24mp.jpg"
    if target.exists():
        return target
    fixture = harness.ROOT.parent / "shared" / "fixtures" / "cmu-skin-he.jpg"
    with Image.open(fixture) as im:
        scale = (24_000_000 / (im.width * im.height)) ** 0.5
        big = im.convert("RGB").resize((round(im.width * scale), round(im.height * scale)))
    tmp = target.with_suffix(".tmp.jpg")
    big.save(tmp, "JPEG", quality=90)
    tmp.replace(target)
    return target


def image_pack() -> Path:
    """A pack of two cases alike but for a 24 MP picture in the first stage of one."""
    from quiz.pack.registry import builtin_pack_dir

    source = builtin_pack_dir()
    dest = harness.work_dir("pack-image")
    shutil.rmtree(dest)
    (dest / "cases").mkdir(parents=True)
    (dest / "images").mkdir()
    manifest = yaml.safe_load((source / "pack.yaml").read_text(encoding="utf-8"))
    manifest["id"] = "bench-image"
    (dest / "pack.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    shutil.copy(source / "entities.yaml", dest / "entities.yaml")
    big = _big_jpeg()
    try:
        (dest / "images" / "he-24mp.jpg").hardlink_to(big)
    except OSError:
        shutil.copy(big, dest / "images" / "he-24mp.jpg")
    template = yaml.safe_load((source / "cases" / _first_case(source)).read_text(encoding="utf-8"))
    stage = {"name": "Biopsy", "text": " ".join(s["text"] for s in template["stages"])}
    picture = {
        "file": "he-24mp.jpg",
        "kind": "histology",
        "stain": "H&E",
        "magnification": 40,
        "caption": "H&E, a 24-megapixel scan.",
        "alt": "Skin in H&E, epidermis to dermis.",
        "credit": "CMU-1-Small-Region, OpenSlide test data, CC0",
    }
    for case_id, images in (("with-picture", [picture]), ("without-picture", [])):
        case = {k: v for k, v in template.items() if k not in ("stages", "id", "feedback")}
        case.update(id=case_id, stages=[dict(stage, images=images)])
        (dest / "cases" / f"{case_id}.yaml").write_text(
            yaml.safe_dump(case, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
    return dest


def _first_case(source: Path) -> str:
    return min(p.name for p in (source / "cases").glob("*.yaml"))


# The real app from `python` to the first frame of the asked-for case: what a learner waits for
# after typing `dermquiz play PACK --cases ID`. Headless, 120x40, half-cell pictures; frames
# are rendered to the bytes a terminal would get, as in app_driver. Prints the monotonic clock
# (the same clock in every process) and the CPU time at that frame.
PLAY = """
import sys, time
from pathlib import Path
from textual._compositor import CompositorUpdate
from quiz.tui.app import AppOptions, DermQuizApp

pack, case_id, picture = Path(sys.argv[1]), sys.argv[2], sys.argv[3] == "1"

class Timed(DermQuizApp):
    def _display(self, screen, renderable):
        super()._display(screen, renderable)
        if renderable is None or type(screen).__name__ != "CaseScreen":
            return
        if isinstance(renderable, CompositorUpdate):
            renderable.render_segments(self.console)
        if picture:
            viewer = screen.query_one("#viewer")
            if viewer.current_view is None and viewer.error is None:
                return
            if viewer.error:
                raise SystemExit(f"the picture failed: {viewer.error}")
        print(time.monotonic(), time.process_time(), flush=True)
        self.exit()

Timed(AppOptions(start_pack=pack, cases=[case_id])).run(headless=True, size=(120, 40))
"""


def _play(pack: Path, case_id: str, picture: bool) -> Sample:
    """One process: start -> the case's first frame (with its picture, when it has one).
    Every run has new, empty caches: the picture is decoded in that process."""
    import tempfile
    import time

    cache = tempfile.mkdtemp(prefix="play-cache-", dir=harness.work_dir("app-tmp"))
    env = harness.child_env(
        DERMQUIZ_DATA_DIR=str(harness.work_dir("play-data")),
        DERMQUIZ_CACHE_DIR=cache,
        DERMQUIZ_GRAPHICS="halfcell",
    )
    start = time.monotonic()
    _, out = run_child(
        [sys.executable, "-c", PLAY, str(pack), case_id, "1" if picture else "0"],
        env=env,
        timeout=120,
    )
    shutil.rmtree(cache, ignore_errors=True)
    ready, cpu = (float(x) for x in out.strip().splitlines()[-1].split())
    return Sample((ready - start) * 1000, cpu * 1000)


def start_figures(pack: Path, runs: int) -> list[dict]:
    pair = harness.alternate(
        lambda: _play(pack, "with-picture", True),
        lambda: _play(pack, "without-picture", False),
        runs,
        warmup=1,
    )
    return [
        figure(
            "start (`dermquiz play PACK --cases ID`, headless) -> the case's first frame "
            "with its 24 MP JPEG on screen (caches cold) vs the same case without the "
            "picture -> its first frame",
            pair,
            Goal("ratio", "<=", 1.3),
            clock="auto",
            note="new processes, alternating; each picture run has an empty cache "
            "folder; the pack (both cases, the picture checked as it loads) is the same "
            "on both sides",
        )
    ]


def picture_figures(result: dict) -> list[dict]:
    """In one app (app_driver): the case asked for -> the frame with its picture."""
    cold, again = result["cold_picture"], result["again_picture"]
    noimg = result["noimg_first_frame"]
    # The picture's added cost: its frame, less the first frame of the same case without a
    # picture measured in the same round (runs alternate), floored at 0.
    added_cold = [max(0.0, c - n) for c, n in zip(cold, noimg)]
    added_again = [max(0.0, a - n) for a, n in zip(again, noimg)]
    in_first = sum(1 for p, f in zip(again, result["again_first_frame"]) if p <= f)
    in_first_cold = sum(1 for p, f in zip(cold, result["cold_first_frame"]) if p <= f)
    return [
        figure(
            "the same case again this session: the picture's added wait (its frame less "
            "the no-picture case's first frame, same round, floored at 0) vs that of the "
            "first time",
            _pair(added_again, added_cold),
            Goal("ratio", "<=", 0.2),
            clock="wall",
            note=f"in one app, from the case asked for: the case without a picture "
            f"{_median(noimg):.0f} ms to its first frame; with the picture (caches "
            f"cold) {_median(cold):.0f} ms to the picture's frame, the picture in "
            f"the first frame in {in_first_cold} of {len(cold)} runs (decoded from "
            f"the session's start, while the case screen is built); again "
            f"{_median(again):.0f} ms, in the first frame in {in_first} of "
            f"{len(again)} runs (drawn from the memory cache as the frame is painted)",
        ),
    ]


def _median(xs: list[float]) -> float:
    import statistics

    return statistics.median(xs) if xs else float("nan")


def run(quick: bool) -> list[dict]:
    from quiz.pack.registry import builtin_pack_dir

    conf = harness.config()
    runs = conf.runs_or(9, 2)
    builtin = builtin_pack_dir()
    case_id = _answer_case(builtin)
    pictures = image_pack()
    data = harness.work_dir("app-data")
    shutil.rmtree(data)
    data.mkdir()
    result = _driver(
        [
            str(builtin),
            case_id,
            str(pictures),
            "with-picture",
            "without-picture",
            str(runs),
            "1" if quick else "2",
        ],
        data,
    )
    figures = answer_figures(result["answer"], case_id)
    figures += start_figures(pictures, conf.runs_or(11, 3))
    return figures + picture_figures(result["image"])
