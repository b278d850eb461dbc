"""Whole-slide files: a 60,000 x 40,000 slide against a 2-megapixel JPEG, same run.

    python -m benchmarks --only slide [--quick]

- first frame: the real app, headless (bench_app's PLAY: `dermquiz play PACK --cases ID`,
  each run in a new process with empty caches), from process start to the first frame with
  the picture, for a case showing the synthetic 60k x 40k slide against the same case showing
  a 2 MP JPEG. The pack loads and checks both pictures on both sides.
- a pan step at full resolution: in process, the viewer's frame (prepare_frame: view,
  crop, outlines, inset; the cell rows are made by the canvas alike for both) after one pan key (a quarter of the view), zoomed in as far as the
  viewer goes, in a 160x50 terminal's box; the slide against the 2 MP JPEG, each panned
  along a row of its picture, the steps alternating. The slide reads new tiles as the view
  crosses them; the JPEG pans over its decoded full-resolution copy in memory.
- peak memory: a child process pans the whole width of the slide at full resolution (one
  source pixel a screen pixel, a 1280x800 graphics box), against the same process that only
  opens the slide and shows it whole (VmHWM, /proc/self/status).
"""

from __future__ import annotations

import shutil
import statistics
import sys
from pathlib import Path

import yaml

from benchmarks import harness
from benchmarks.harness import Goal, Pair, Sample, figure, run_child

SLIDE_W, SLIDE_H = 60_000, 40_000


def _fixture() -> Path | None:
    for base in (harness.ROOT.parent / "shared", Path("/work/shared")):
        path = base / "fixtures" / "cmu-skin-he.jpg"
        if path.is_file():
            return path
    return None


def make_slide() -> Path:
    """The 60k x 40k slide, textured with the H&E scan (bench work folder, made once)."""
    from benchmarks.slidegen import synthetic_slide

    target = harness.work_dir() / "slide-60k-he.tif"
    if not target.exists():
        tmp = target.with_suffix(".tmp.tif")
        # 256-pixel tiles as scanners write them, cut from the H&E scan: they decode and draw
        # like a real slide's (flat tiles would flatter every figure).
        synthetic_slide(tmp, SLIDE_W, SLIDE_H, texture=_fixture() or make_2mp())
        tmp.replace(target)
    return target


def make_2mp() -> Path:
    from PIL import Image

    target = harness.work_dir() / "he-2mp.jpg"
    if target.exists():
        return target
    fixture = _fixture()
    if fixture is not None:
        with Image.open(fixture) as im:
            scale = (2_000_000 / (im.width * im.height)) ** 0.5
            pic = im.convert("RGB").resize((round(im.width * scale), round(im.height * scale)))
    else:  # no fixture: a noisy picture of the same size codes about as hard
        pic = Image.effect_noise((1225, 1633), 60).convert("RGB")
    pic.save(target, "JPEG", quality=90)
    return target


def slide_pack() -> Path:
    """Two cases alike but for their picture: the 60k x 40k slide, or the 2 MP JPEG."""
    from quiz.pack.registry import builtin_pack_dir

    source = builtin_pack_dir()
    dest = harness.work_dir("pack-slide")
    shutil.rmtree(dest)
    (dest / "cases").mkdir(parents=True)
    (dest / "images").mkdir()
    manifest = yaml.safe_load((source / "pack.yaml").read_text(encoding="utf-8"))
    manifest["id"] = "bench-slide"
    (dest / "pack.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    shutil.copy(source / "entities.yaml", dest / "entities.yaml")
    for name, src in (("slide.tif", make_slide()), ("he-2mp.jpg", make_2mp())):
        try:
            (dest / "images" / name).hardlink_to(src)
        except OSError:
            shutil.copy(src, dest / "images" / name)
    first = min(p.name for p in (source / "cases").glob("*.yaml"))
    template = yaml.safe_load((source / "cases" / first).read_text(encoding="utf-8"))
    stage = {"name": "Biopsy", "text": " ".join(s["text"] for s in template["stages"])}
    for case_id, file in (("with-slide", "slide.tif"), ("with-jpeg", "he-2mp.jpg")):
        picture = {
            "file": file,
            "kind": "histology",
            "stain": "H&E",
            "caption": "H&E.",
            "alt": "Skin in H&E.",
        }
        case = {k: v for k, v in template.items() if k not in ("stages", "id", "feedback")}
        case.update(id=case_id, stages=[dict(stage, images=[picture])])
        (dest / "cases" / f"{case_id}.yaml").write_text(
            yaml.safe_dump(case, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
    return dest


def first_frame_figures(runs: int) -> list[dict]:
    from benchmarks.bench_app import _play

    pack = slide_pack()
    pair = harness.alternate(
        lambda: _play(pack, "with-slide", True),
        lambda: _play(pack, "with-jpeg", True),
        runs,
        warmup=1,
    )
    return [
        figure(
            "start (`dermquiz play PACK --cases ID`, headless 120x40) -> the case's "
            "first frame with its 60,000 x 40,000 slide on screen (caches cold) vs the "
            "same case with a 2 MP JPEG",
            pair,
            Goal("ratio", "<=", 1.3),
            clock="auto",
            note="new processes, alternating, each with an empty cache folder; the "
            "pack (both cases, both pictures checked as it loads) is the same on both "
            "sides",
        )
    ]


def _pan_steps(path: Path, steps: int, box: tuple[int, int] = (158, 88)) -> list[float]:
    """Per-step times (ms) of prepare_frame after each pan key, zoomed in all the way."""
    import tempfile
    import time

    from quiz.imaging import DiskCache, FrameRequest, ImageStore, Viewport, prepare_frame
    from quiz.imaging.viewport import PAN_STEP

    store = ImageStore(DiskCache(Path(tempfile.mkdtemp(dir=harness.work_dir("slide-tmp")))))
    size = store.source_size(path)
    view = Viewport(*size, *box)
    view = view.to_field(0.02, 0.5, 1.0).resized(*box)
    view = Viewport(*size, *box, zoom=view.max_zoom, cx=0.0, cy=0.5).clamped()
    prepare_frame(store, FrameRequest(path=path, box=box, viewport=view, halfcell=False))
    times = []
    for _ in range(steps):
        view = view.pan(PAN_STEP, 0)
        t0 = time.perf_counter()
        # halfcell=False as in the viewer: the canvas makes the cell rows when it paints,
        # the same work for any picture; this is the part that differs.
        frame = prepare_frame(
            store, FrameRequest(path=path, box=box, viewport=view, halfcell=False)
        )
        times.append((time.perf_counter() - t0) * 1000)
        assert frame.error is None, frame.error
    return times


# (what the box is, its pixels): the viewer full screen in a 160x50 terminal, half-cell; and
# the same on a graphics terminal (kitty, Sixel) at about 8x16 pixels a cell.
BOXES = [
    ("160x50 terminal, half-cell", (158, 88)),
    ("160x50 terminal, graphics (1264x704 pixels)", (1264, 704)),
]


def pan_figures(rounds: int) -> list[dict]:
    slide, jpeg = make_slide(), make_2mp()
    steps = 60  # 60 quarter-views: the slide's view crosses several 256-pixel tiles
    out = []
    for what, box in BOXES:
        pair = Pair([], [])
        for i in range(rounds + 1):
            a = _pan_steps(slide, steps, box)
            b = _pan_steps(jpeg, steps, box)
            if i == 0:
                continue  # warm-up: imports, the file system's cache
            pair.values += [Sample(t) for t in a]
            pair.baselines += [Sample(t) for t in b]
        va, vb = [s.wall for s in pair.values], [s.wall for s in pair.baselines]
        out.append(
            figure(
                f"a pan step at full resolution (the view's frame after one pan key, {what}, "
                "zoomed all the way in): the 60k x 40k slide vs the 2 MP JPEG",
                pair,
                Goal("ratio", "<=", 2.0),
                clock="wall",
                note=f"{steps} steps a run, {rounds} runs each, medians over all steps; means "
                f"{statistics.mean(va):.2f} ms vs {statistics.mean(vb):.2f} ms; the slide's "
                f"slowest step (a new column of tiles read) {max(va):.1f} ms",
            )
        )
    return out


MEMORY = """
import sys, tempfile
from pathlib import Path
from quiz.imaging import DiskCache, ImageStore

path, pan = Path(sys.argv[1]), sys.argv[2] == "1"
store = ImageStore(DiskCache(Path(tempfile.mkdtemp())))
box = (1280, 800)
store.view(path, box)
w, h = store.source_size(path)
x, steps = 0.0, 0
while pan and x + box[0] <= w:
    store.view(path, box, (x, h / 2, box[0], box[1]))
    x += box[0] / 4
    steps += 1
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        print(int(line.split()[1]) / 1024, steps, store.slides.blocks_read)
"""


def memory_figures() -> list[dict]:
    if not Path("/proc/self/status").exists():
        return [harness.unavailable("peak memory panning the slide", "needs /proc (Linux)")]
    slide = make_slide()

    def peak(pan: bool) -> tuple[float, int, int]:
        _, out = run_child(
            [sys.executable, "-c", MEMORY, str(slide), "1" if pan else "0"],
            env=harness.child_env(),
            timeout=600,
        )
        mb, steps, blocks = out.split()
        return float(mb), int(steps), int(blocks)

    value, steps, blocks = peak(True)
    baseline, _, _ = peak(False)
    return [
        figure(
            "peak RSS panning the whole width of the 60k x 40k slide at full "
            "resolution (1280x800 view, quarter-view steps) vs the same process showing "
            "only the whole slide",
            None,
            Goal("value", "<", 300, "MB"),
            unit="MB",
            value=value,
            baseline=baseline,
            note=f"{steps} pan steps, {blocks} blocks of 512 pixels read; the block "
            "cache is bounded at 64 MB, the picture cache at 384 MB",
        )
    ]


def run(quick: bool) -> list[dict]:
    conf = harness.config()
    figures = first_frame_figures(conf.runs_or(9, 2))
    figures += pan_figures(conf.runs_or(5, 1))
    figures += memory_figures()
    return figures


def main() -> None:
    for fig in run(quick="--quick" in sys.argv):
        print(
            fig["name"],
            fig["value"],
            fig["baseline"],
            fig["ratio"],
            fig.get("met"),
            fig.get("note", ""),
        )


if __name__ == "__main__":
    main()
