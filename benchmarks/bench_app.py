"""In the app: an answer to its feedback on screen, and a case with a 24-megapixel picture.

    python -m benchmarks --only app [--quick]

Both run the real DermQuiz app headless in a child process (benchmarks/app_driver.py) and
time from the learner's act to the frame that shows the result (see the driver).

- answer -> feedback: the same app, the same case and the same (wrong) choice, with the
  progress store (the attempt committed and synced before the feedback screen opens) and,
  as the same-run baseline, with no store at all (the app's preview path, which records
  nothing): the difference is what keeping the answer costs. Two figures: the verdict on
  screen (the feedback screen's first frame) and the whole feedback text on screen.
- a case with a 24-megapixel JPEG in its first stage, caches cold (a new cache folder), to
  the frame with the picture, against the same case without the image, to its first
  frame; and the same picture case opened again in the session, against the first time.
  bench_image times the image pipeline and the disk cache by themselves; this is the
  same thing seen from the case screen, with the app's threads and frames in the way.
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
    env = harness.child_env(DERMQUIZ_DATA_DIR=str(data),
                            DERMQUIZ_CACHE_DIR=str(harness.work_dir("app-cache")),
                            DERMQUIZ_BENCH_TMP=str(harness.work_dir("app-tmp")))
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
        figure("answer -> verdict on screen (feedback screen's first frame), commit included, "
               "vs the same path with no store",
               _pair(result["store_verdict"], result["no_store_verdict"]),
               Goal("value", "<", 50, "ms"), clock="wall",
               note=f"built-in case {case_id}, a wrong choice; {kept}"),
        figure("answer -> the whole feedback text on screen (Markdown mounted), commit included, "
               "vs the same path with no store",
               _pair(result["store"], result["no_store"]), Goal("value", "<", 50, "ms"),
               clock="wall"),
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
    picture = {"file": "he-24mp.jpg", "kind": "histology", "stain": "H&E", "magnification": 40,
               "caption": "H&E, a 24-megapixel scan.", "alt": "Skin in H&E, epidermis to dermis.",
               "credit": "CMU-1-Small-Region, OpenSlide test data, CC0"}
    for case_id, images in (("with-picture", [picture]), ("without-picture", [])):
        case = {k: v for k, v in template.items() if k not in ("stages", "id", "feedback")}
        case.update(id=case_id, stages=[dict(stage, images=images)])
        (dest / "cases" / f"{case_id}.yaml").write_text(
            yaml.safe_dump(case, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return dest


def _first_case(source: Path) -> str:
    return min(p.name for p in (source / "cases").glob("*.yaml"))


def picture_figures(result: dict) -> list[dict]:
    waits_first = [p - f for p, f in zip(result["cold_picture"], result["cold_first_frame"])]
    waits_again = [p - f for p, f in zip(result["again_picture"], result["again_first_frame"])]
    return [
        figure("case with a 24 MP JPEG -> frame with the picture (caches cold) vs the same case "
               "without it -> its first frame",
               _pair(result["cold_picture"], result["noimg_first_frame"]), Goal("ratio", "<=", 1.3),
               clock="wall",
               note="the case's first frame (text, picture pending) came after "
                    f"{_median(result['cold_first_frame']):.0f} ms"),
        figure("the same case again this session -> frame with the picture, vs the first time",
               _pair(result["again_picture"], result["cold_picture"]), Goal("ratio", "<=", 0.2),
               clock="wall",
               note="of which the picture's own wait (its frame after the case's first frame): "
                    f"{_median(waits_again):.0f} ms again vs {_median(waits_first):.0f} ms the "
                    "first time"),
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
    result = _driver([str(builtin), case_id, str(pictures), "with-picture", "without-picture",
                      str(runs), "1" if quick else "2"], data)
    return answer_figures(result["answer"], case_id) + picture_figures(result["image"])
