"""The packs the home screen offers, each loaded and with the learner's figures.

No Textual here: the app runs `load_entry` in thread workers and `figures_for` on the store
thread, and the screens only display what these return.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from quiz.pack import summary as summaries

if TYPE_CHECKING:
    from quiz.pack.loader import LoadResult
    from quiz.pack.pack import Pack
    from quiz.pack.summary import PackSummary


@dataclass
class Figures:
    """A learner's standing in one pack, for the home screen's row."""

    attempts: int = 0
    seen: int = 0
    accuracy: float | None = None  # mean credit, 0..1
    due: int = 0  # seen cases due today (overdue included)
    missed: int = 0  # cases whose last attempt was not correct


@dataclass
class PackEntry:
    path: Path
    origin: str  # "built-in", "--pack", "your packs", "preview"
    result: LoadResult | None = None
    failure: str = ""  # the loader itself failed (should not happen; shown, never raised)
    figures: Figures | None = None
    # Kept from the last start, shown until the pack itself has loaded (a hint, not the pack).
    summary: PackSummary | None = None
    key: str = ""  # the pack's files' state when the summary was looked up
    summary_read: bool = False

    @property
    def pack(self) -> Pack | None:
        return self.result.pack if self.result is not None else None

    @property
    def loaded(self) -> bool:
        return self.result is not None or bool(self.failure)

    @property
    def ok(self) -> bool:
        return self.result is not None and self.result.ok

    @property
    def errors(self) -> list:
        return self.result.errors if self.result is not None else []

    @property
    def title(self) -> str:
        pack = self.pack
        if pack is not None:
            return pack.title
        if self.summary is not None and self.summary.title and not self.loaded:
            return self.summary.title
        if self.origin == "built-in":
            return "Built-in pack"
        return self.path.name or str(self.path)


@dataclass
class Catalog:
    entries: list[PackEntry] = field(default_factory=list)

    def add(self, path: Path, origin: str) -> PackEntry:
        """The entry for *path*, added once (the same folder named twice is one pack)."""
        resolved = _resolved(path)
        for entry in self.entries:
            if _resolved(entry.path) == resolved:
                return entry
        entry = PackEntry(path, origin)
        self.entries.append(entry)
        return entry

    def label(self, entry: PackEntry) -> str:
        """The entry's title, with where it comes from when another pack has the same one."""
        if sum(1 for e in self.entries if e.title == entry.title) > 1:
            where = "built-in" if entry.origin == "built-in" else entry.path.name
            return f"{entry.title} ({where})"
        return entry.title

    def find(self, path: Path) -> PackEntry | None:
        resolved = _resolved(path)
        return next((e for e in self.entries if _resolved(e.path) == resolved), None)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path


def initial_catalog(extra: list[Path], start: Path | None, data_dir: Path | None) -> Catalog:
    """The built-in pack, any --pack folders, the one being played, then the user's packs."""
    from quiz.pack.registry import known_packs

    catalog = Catalog()
    known = known_packs(data_dir)
    catalog.add(known[0], "built-in")
    for path in extra:
        catalog.add(path, "--pack")
    if start is not None:
        catalog.add(start, "--pack")
    for path in known[1:]:
        catalog.add(path, "your packs")
    return catalog


def read_summaries(catalog: Catalog, budget: float | None = None) -> int:
    """Look up each entry's summary from the last start, if its files have not changed
    since (file stats and a small JSON file each, no YAML, no models); stop once *budget*
    seconds have passed. Returns how many were looked up."""
    started = time.monotonic()
    done = 0
    for entry in catalog.entries:
        if entry.summary_read:
            continue
        if budget is not None and time.monotonic() - started > budget:
            break
        entry.key, entry.summary = summaries.read(entry.path)
        entry.summary_read = True
        done += 1
    return done


def load_entry(entry: PackEntry) -> PackEntry:
    """Load *entry*'s pack through the pack service (slow: YAML, validation, image headers;
    from the pack cache when no file of the pack changed). Never raises."""
    from quiz.pack import service
    from quiz.pack.zipped import ZipPackError

    try:
        folder = service.unzipped(entry.path) or entry.path  # a shared pack kept as it came
        # Packs shown on the home screen live as long as the app: frozen for the collector.
        key = entry.key or _key(entry.path)  # taken before loading: an edit must show
        entry.result = service.load(folder, freeze=entry.origin != "preview")
        entry.failure = ""
        fresh = summaries.PackSummary.of(key, entry.result)
        if key and fresh != entry.summary:
            summaries.write(entry.path, fresh)
        entry.summary = fresh
    except ZipPackError as exc:
        entry.result, entry.failure = None, str(exc)
    except Exception as exc:  # a loader bug must not take the home screen down
        entry.result, entry.failure = None, f"{type(exc).__name__}: {exc}"
    return entry


def _key(path: Path) -> str:
    try:
        return summaries.key_of(path)
    except OSError:
        return ""  # no summary kept: the next start loads before listing, as it would anyway


def figures_for(store, packs: list[Pack]) -> list[Figures]:
    """Figures for each pack, in order (run on the store thread).

    Per pack, not per id: two folders may share an id (a course's copy of the built-in pack)
    while holding different cases, and the figures count the cases each one has.
    """
    from quiz.progress.queue import mistakes_queue
    from quiz.progress.stats import compute_stats

    read: dict[str, list] = {}
    out: list[Figures] = []
    for pack in packs:
        if pack.id not in read:
            read[pack.id] = store.attempts(pack.id)
        ids = {case.id for case in pack.cases}
        attempts = [a for a in read[pack.id] if a.case_id in ids]
        stats = compute_stats(attempts, [pack], pack.id)
        out.append(
            Figures(
                attempts=stats.attempts,
                seen=stats.cases_seen,
                accuracy=stats.accuracy,
                due=stats.due[0] if stats.due else 0,
                missed=len(mistakes_queue(store, pack)),
            )
        )
    return out
