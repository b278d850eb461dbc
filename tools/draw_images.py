#!/usr/bin/env python3
"""Draw the built-in schematic images of the calcinosis cutis pack.

    python tools/draw_images.py                    # regenerate every image and tools/image_regions.json
    python tools/draw_images.py --list             # list the images (case path <- source drawing)
    python tools/draw_images.py --case white-plaque-cheek     # only one case's images
    python tools/draw_images.py --scene metastatic # only the images drawn from one scene
    python tools/draw_images.py --image white-plaque-cheek/he-100.jpg --out /tmp/preview
    python tools/draw_images.py --scale 0.5 --out /tmp/small   # quick small previews
    python tools/draw_images.py --check-cases      # cases whose region boxes differ from the JSON

Images live in images/<case-id>/ (tools/drawing/case_images.py says which drawing
each case shows), so no path names a diagnosis. Every image comes from fixed
seeds: running this again gives byte-identical files, and a drawing two cases
share is rendered once and written to both. Histology is drawn in micrometres and viewed at x40, x100 and x400,
so each power shows the same tissue at its own scale (see tools/drawing/).
"""

import argparse
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from drawing import catalog

ROOT = Path(__file__).resolve().parents[1]
REGIONS = ROOT / "tools" / "image_regions.json"


def _work(args):
    """Render each source once and write it to every image path that shows it."""
    _, items, out, scale = args
    cache = {}
    done = []
    for item, targets in items:
        t = time.perf_counter()
        img, regions = catalog.render(item, scale, cache)
        data = catalog.encode(img)
        for target in targets:
            p = Path(out) / target
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
            done.append((target, regions, len(data), time.perf_counter() - t))
    return done


def dump_regions(regions):
    """JSON with one region per line: readable, and diffs show what moved."""
    lines = []
    for path, regs in regions.items():
        inner = ",\n".join("    " + json.dumps(r) for r in regs)
        lines.append(f"  {json.dumps(path)}: [\n{inner}\n  ]")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def check_cases(regions):
    """Report case images whose `regions:` differ from tools/image_regions.json
    (the boxes move when a scene is redrawn). Reads only; returns the count."""
    import yaml

    bad = 0
    for f in sorted((ROOT / "cases").glob("*.yaml")):
        case = yaml.safe_load(f.read_text()) or {}
        for stage in case.get("stages") or []:
            for im in stage.get("images") or []:
                want = regions.get(im.get("file"))
                have = im.get("regions")
                if want is None or have is None:
                    continue
                same = len(want) == len(have) and all(
                    w["label"] == h.get("label")
                    and all(
                        abs(a - b) < 0.002 for a, b in zip(w["box"], h.get("box", []), strict=True)
                    )
                    for w, h in zip(want, have, strict=True)
                )
                if not same:
                    bad += 1
                    print(f"{f.relative_to(ROOT)}: {im['file']}: regions differ; current boxes:")
                    for r in want:
                        print(f"          - {{label: {r['label']}, box: {r['box']}}}")
    print(f"{bad} image entr{'y' if bad == 1 else 'ies'} with stale regions")
    return bad


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--list", action="store_true", help="list the images and exit")
    ap.add_argument(
        "--case",
        choices=sorted(catalog.CASE_IMAGES),
        metavar="CASE",
        help="draw only this case's images",
    )
    ap.add_argument(
        "--scene", choices=catalog.SCENES, help="draw only the images drawn from this scene"
    )
    ap.add_argument("--image", help="draw only this image (path under images/)")
    ap.add_argument("--out", default=str(ROOT / "images"), help="output folder (default: images/)")
    ap.add_argument(
        "--scale", type=float, default=1.0, help="draw smaller (previews); regions are not written"
    )
    ap.add_argument(
        "--jobs", type=int, default=min(2, os.cpu_count() or 1), help="worker processes"
    )
    ap.add_argument(
        "--check-cases",
        action="store_true",
        help="list case images whose region boxes differ from tools/image_regions.json",
    )
    a = ap.parse_args(argv)
    if a.check_cases:
        return 1 if check_cases(json.loads(REGIONS.read_text())) else 0

    source = {i[0]: i for i in catalog.sources()}
    wanted = catalog.images(a.case)
    if a.scene:
        wanted = [w for w in wanted if source[w[1]][1] == a.scene]
    if a.image:
        wanted = [w for w in wanted if w[0] == a.image]
        if not wanted:
            ap.error(f"no such image: {a.image} (see --list)")
    if a.list:
        for path, src in wanted:
            _, _, kind, mag, stain = source[src]
            print(f"{path:50s} <- {src:45s} {kind} {f'x{mag} {stain}' if mag else ''}")
        return 0

    # one task per scene, so a scene is built once per process
    targets = {}
    for path, src in wanted:
        targets.setdefault(src, []).append(path)
    groups = {}
    for src, paths in targets.items():
        groups.setdefault(source[src][1], []).append((source[src], paths))
    tasks = [(e, its, a.out, a.scale) for e, its in groups.items()]
    t0 = time.perf_counter()
    results = []
    if a.jobs > 1 and len(tasks) > 1:
        with ProcessPoolExecutor(a.jobs) as ex:
            for r in ex.map(_work, tasks):
                results += r
    else:
        for t in tasks:
            results += _work(t)
    total = 0
    for path, _, size, dt in results:
        total += size
        print(f"{path:55s} {size / 1024:7.0f} KiB {dt:5.1f} s")
    print(f"{len(results)} images, {total / 1e6:.1f} MB, {time.perf_counter() - t0:.1f} s")

    if a.scale == 1.0 and Path(a.out).resolve() == (ROOT / "images").resolve():
        regions = json.loads(REGIONS.read_text()) if REGIONS.exists() else {}
        for path, reg, _, _ in results:
            if reg:
                regions[path] = reg
            else:
                regions.pop(path, None)
        known = {i[0] for i in catalog.images()}
        if not a.case and not a.scene and not a.image:
            # a full redraw: drop images no case shows any more (renamed or removed)
            for f in sorted((ROOT / "images").rglob("*.jpg")):
                if str(f.relative_to(ROOT / "images")) not in known:
                    f.unlink()
            for d in sorted((ROOT / "images").iterdir()):
                if d.is_dir() and not any(d.iterdir()):
                    d.rmdir()
        regions = {k: regions[k] for k in sorted(regions) if k in known}
        REGIONS.write_text(dump_regions(regions))
        print(f"wrote {REGIONS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
