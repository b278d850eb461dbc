"""Make a large pack for benchmarks: the built-in pack's vocabulary and entities, with
thousands of cases derived from its own, all showing its images. Never committed."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from quiz.pack.registry import builtin_pack_dir


def make_large_pack(dest: Path, n_cases: int, source: Path | None = None) -> Path:
    """Write a pack of *n_cases* cases into *dest* (replaced if present) and return it."""
    source = source or builtin_pack_dir()
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "cases").mkdir(parents=True)
    manifest = yaml.safe_load((source / "pack.yaml").read_text(encoding="utf-8"))
    manifest["id"] = f"bench-{n_cases}"
    (dest / "pack.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    shutil.copy(source / "entities.yaml", dest / "entities.yaml")
    shutil.copytree(source / "images", dest / "images")
    templates = [p.read_text(encoding="utf-8") for p in sorted((source / "cases").glob("*.yaml"))]
    ids = [yaml.safe_load(t)["id"] for t in templates]
    for i in range(n_cases):
        k = i % len(templates)
        text = templates[k].replace(f"id: {ids[k]}", f"id: {ids[k]}-{i:05d}", 1)
        (dest / "cases" / f"{ids[k]}-{i:05d}.yaml").write_text(text, encoding="utf-8")
    return dest
