"""From SOURCES to a finished Analysis: read, merge, select, find the pack, compute, flag."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from quiz.analysis.flags import flag_item
from quiz.analysis.items import Analysis, analyse
from quiz.analysis.locate import locate
from quiz.analysis.sources import gather, select
from quiz.text import clean


class AnalyzeError(Exception):
    """Nothing to analyse, or a pack named that cannot be used: one line for the user, after
    the located problems met on the way."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or []


@dataclass
class Outcome:
    analysis: Analysis
    problems: list[str] = field(default_factory=list)  # located, rows left out
    read: int = 0  # attempts read (after de-duplication)
    duplicates: int = 0
    skipped: int = 0


def run_pipeline(
    sources: list[Path],
    pack_ref: str | None = None,
    mode: str = "exam",
    which: str = "first",
    data_dir: Path | None = None,
) -> Outcome:
    """The analysis of *sources*; raises AnalyzeError when there is nothing to analyse."""
    gathered = gather(sources)
    pack_id, version, pack = _pack_wanted(pack_ref, sources, data_dir)
    if not gathered.rows:
        raise AnalyzeError(_nothing(gathered.problems), gathered.problems)
    chosen = select(gathered.rows, pack_id, version, mode, which)
    if pack is None and chosen.pack_id:
        pack = _find_pack(chosen.pack_id, sources, data_dir)
    notes = list(gathered.notices) + chosen.notes
    if pack is not None and chosen.version is not None and pack.version != chosen.version:
        notes.append(
            f"the attempts are of version {clean(chosen.version)}, the pack found "
            f"({clean(str(pack.root))}) is {clean(pack.version)}: places, names and "
            f"the taxonomy come from the pack found"
        )
    if pack is None and chosen.pack_id:
        notes.append(
            f"the pack `{clean(chosen.pack_id)}` was not found: no FILE:LINE places, "
            f"entity names or weak-distractor checks — add it with `dermquiz add`, or "
            f"give its folder with --pack PATH"
        )
    if not chosen.responses:
        raise AnalyzeError(
            f"no attempts of pack `{clean(chosen.pack_id or '?')}` are left to "
            f"analyse: " + "; ".join(chosen.notes or ["none were read"]),
            gathered.problems,
        )
    analysis = analyse(chosen.responses, pack)
    analysis.pack_id, analysis.version = chosen.pack_id, chosen.version
    analysis.notes = notes
    for item in analysis.items:
        place = locate(pack, item.case_id)
        item.where = place.case
        item.flags = flag_item(item, place.answer, place.options)
    return Outcome(
        analysis, gathered.problems, len(gathered.rows), gathered.duplicates, gathered.skipped
    )


def _pack_wanted(ref: str | None, sources: list[Path], data_dir: Path | None):
    """(pack id, version, loaded pack) from --pack: ID, ID@VERSION or a pack folder/zip."""
    if ref is None:
        return None, None, None
    version = None
    if "@" in ref and not Path(ref).exists():
        ref, version = ref.rsplit("@", 1)
    candidate = Path(ref).expanduser()
    if candidate.exists():
        pack = _load(candidate)
        if pack is None:
            raise AnalyzeError(
                f"{clean(ref)}: not a pack that loads — `dermquiz validate {clean(ref)}` says why"
            )
        return pack.id, version, pack
    return ref, version, None


def _find_pack(pack_id: str, sources: list[Path], data_dir: Path | None):
    from quiz.pack.registry import find_pack

    folders = [s for s in sources if s.is_dir()] + ([data_dir] if data_dir else [])
    for folder in folders + [None]:
        try:
            found = find_pack(pack_id, data_dir=folder) if folder else find_pack(pack_id)
        except Exception:  # a damaged zip among the packs: try the next place
            continue
        if found is not None:
            pack = _load(found)
            if pack is not None and pack.id == pack_id:
                return pack
    return None


def _load(folder: Path):
    from quiz.pack.loader import load_pack
    from quiz.pack.zipped import open_zip

    try:
        if folder.is_file() and folder.suffix.lower() == ".zip":
            folder = open_zip(folder)
        result = load_pack(folder, check_images=False)
    except Exception:
        return None
    return result.pack


def _nothing(problems: list[str]) -> str:
    if problems:
        return "no attempts could be read from the sources (see above)"
    return "the sources hold no attempts yet"
