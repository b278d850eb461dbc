"""`dermquiz stats` and `dermquiz results`: the progress store, read out for people and scripts."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from quiz.progress.stats import Stats, compute_stats
from quiz.progress.store import ProgressError, open_store, resolve_data_dir
from quiz.text import clean

CSV_COLUMNS = (
    "time_utc",
    "pack_id",
    "pack_version",
    "case_id",
    "answer",
    "answer_name",
    "choice",
    "choice_name",
    "verdict",
    "credit",
    "confidence",
    "stages_seen",
    "seconds",
    "mode",
    "session",
    "attempt_id",
    "learner",
    "cbm",
)


def run_stats(
    pack_id: str | None, as_json: bool, data_dir: str | None, learner: str | None = None
) -> int:
    """Print the statistics (all packs, or one) as text or JSON: of *learner* only when one
    is named (a class's shared folder holds everyone's answers). Returns the exit code."""
    folder = resolve_data_dir(data_dir)
    loaded = _read(folder, pack_id)
    if isinstance(loaded, int):
        return loaded
    attempts, packs, db_path = loaded
    if learner is not None:
        attempts = [a for a in attempts if a.learner == learner]
    stats = compute_stats(attempts, packs, pack_id_for(pack_id))
    from quiz.progress.kind_stats import kind_lines, kind_stats, read_question_attempts

    questions = read_question_attempts(folder, pack_id)
    if learner is not None:
        theirs = {a.uid for a in attempts}
        questions = [q for q in questions if q.attempt_uid in theirs]
    per_kind = kind_stats(attempts, questions)
    if as_json:
        data = stats.to_json()
        data["per_kind"] = [k.to_json() for k in per_kind]
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        report = format_report(stats, packs, db_path)
        if stats.attempts:
            report += "\n".join(kind_lines(per_kind)[1:]) + "\n" if kind_lines(per_kind) else ""
        print(report, end="")
    return 0


def run_results(csv_path: str, pack_id: str | None, data_dir: str | None) -> int:
    """Write one CSV row per attempt (header first, times in UTC) to *csv_path* ('-': stdout)."""
    folder = resolve_data_dir(data_dir)
    loaded = _read(folder, pack_id)
    if isinstance(loaded, int):
        return loaded
    attempts, packs, _ = loaded
    names: dict[str, str] = {}
    for pack in packs:
        names.update({eid: e.name for eid, e in pack.entities.items()})
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for a in attempts:
        at = a.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        writer.writerow(
            [
                _cell(v)
                for v in (
                    at,
                    a.pack_id,
                    a.pack_version,
                    a.case_id,
                    a.answer,
                    names.get(a.answer, ""),
                    a.choice,
                    names.get(a.choice, ""),
                    a.verdict,
                    a.credit,
                    a.confidence,
                    a.stages_seen,
                    a.seconds,
                    a.mode,
                    a.session,
                    a.uid,
                    a.learner,
                    "" if a.cbm is None else round(a.cbm, 3),
                )
            ]
        )
    if csv_path == "-":
        sys.stdout.write(buffer.getvalue())
        return 0
    target = Path(csv_path).expanduser()
    try:
        _write_atomically(target, buffer.getvalue())
    except OSError as exc:
        print(
            f"dermquiz: could not write {target}: {exc.strerror or exc} — choose another "
            f"file name or folder",
            file=sys.stderr,
        )
        return 1
    which = f" of pack {pack_id_for(pack_id)}" if pack_id else ""
    print(
        f"Wrote {len(attempts)} attempt{'s' if len(attempts) != 1 else ''}{which} to {target}.",
        file=sys.stderr,
    )
    return 0


def format_report(stats: Stats, packs: list, db_path: Path | None = None) -> str:
    """The stats command's text: short lines, words before numbers, no colour or bars."""
    title = "all packs"
    if stats.pack_id:
        pack = next((p for p in packs if p.id == stats.pack_id), None)
        title = f"{clean(pack.title)} ({stats.pack_id})" if pack else stats.pack_id
    lines = [f"DermQuiz progress — {title}"]
    if db_path is not None:
        lines.append(f"Kept in {db_path}")
    lines.append("")
    if not stats.attempts:
        lines.append("No answers yet. Start a session with `dermquiz` or `dermquiz play --plain`.")
        return "\n".join(lines) + "\n"
    lines += [
        f"Attempts: {stats.attempts} on {stats.cases_seen} case{_s(stats.cases_seen)} — "
        f"{stats.correct} correct, {stats.partial} partly right, {stats.wrong} wrong",
        f"Accuracy: {_pct(stats.accuracy)} (partly right counts half)",
        f"Streak: {stats.streak} day{_s(stats.streak)} in a row"
        + (", including today" if stats.studied_today else "")
        + " (local calendar days)",
        "",
        "Accuracy per entity (the right answer):",
    ]
    width = max(len(clean(e.name)) for e in stats.per_entity) if stats.per_entity else 0
    for e in stats.per_entity:
        lines.append(
            f"  {clean(e.name):<{width}}  {_pct(e.accuracy):>4}  of {e.attempts}"
            f" attempt{_s(e.attempts)}"
        )
    lines += ["", "Confusions (answered one entity when it was another):"]
    if not stats.confusions:
        lines.append("  none")
    for c in stats.confusions:
        lines.append(
            f"  {c.count}× answered {clean(c.chosen_name)} when it was {clean(c.answer_name)}"
        )
    lines += ["", "Confidence and accuracy:"]
    for row in stats.calibration:
        lines.append(
            f"  {row.label:<6}  {_pct(row.accuracy):>4}  of {row.attempts} "
            f"attempt{_s(row.attempts)}"
        )
    lines += ["", "Cases due (seen cases; review also brings a few new ones a day):"]
    if not stats.packs:
        lines.append("  unknown: the pack is not installed")
    else:
        today = datetime.now().astimezone().date()
        days = []
        for offset, count in enumerate(stats.due):
            label = {0: "today", 1: "tomorrow"}.get(offset)
            label = label or (today + timedelta(days=offset)).strftime("%a")
            days.append(f"{label} {count}")
        lines.append("  " + ", ".join(days))
    return "\n".join(lines) + "\n"


def load_packs(data_dir: Path, pack_id: str | None = None) -> list:
    """The packs the app knows (only *pack_id*'s, if given); broken ones are left out."""
    try:
        from quiz.pack.service import load_known
    except ImportError:
        return []
    from quiz.pack.service import load
    from quiz.progress.played import played_folders

    packs = load_known(data_dir, pack_id)
    # packs played from a folder (`play FOLDER`, `--pack FOLDER`) keep their names too
    for pid, folder in played_folders(data_dir).items():
        if (pack_id is not None and pid != pack_id) or any(p.id == pid for p in packs):
            continue
        try:
            result = load(folder, check_images=False)
        except Exception:  # a broken pack must not stop the statistics of the others
            continue
        if result.pack is not None and all(p.id != result.pack.id for p in packs):
            packs.append(result.pack)
    return packs


def pack_id_for(ref: str | None) -> str | None:
    """`--pack` takes an id, or a pack folder or zip like every other pack argument."""
    if ref is None:
        return None
    path = Path(ref).expanduser()
    if not path.exists():
        return ref
    try:
        from quiz.pack.registry import pack_id_of
    except ImportError:
        return ref
    folder = _folder_of(path)
    found = pack_id_of(folder) if folder is not None else None
    return found or ref


def _read(folder: Path, pack_ref: str | None):
    """(attempts, packs, database path), or an exit code after printing why not."""
    pack_id = pack_id_for(pack_ref)
    extra = []
    if pack_ref is not None and pack_id != pack_ref:
        extra = _load_folder(Path(pack_ref).expanduser())
    try:
        store = open_store(folder)
    except ProgressError as exc:
        print(f"dermquiz: {exc}", file=sys.stderr)
        return 1
    try:
        for notice in store.notices:
            print(f"dermquiz: {notice}", file=sys.stderr)
        attempts = store.attempts(pack_id)
        path = store.path
    except ProgressError as exc:
        print(f"dermquiz: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    packs = load_packs(folder, pack_id)
    packs += [p for p in extra if all(p.id != q.id for q in packs)]
    if pack_id is not None and not packs and not attempts:
        known = sorted(
            {a.pack_id for a in _all_attempts(folder)} | {p.id for p in load_packs(folder)}
        )
        hint = f"; packs with progress or installed: {', '.join(known)}" if known else ""
        print(
            f"dermquiz: no pack `{pack_id}` is installed and no answers are stored for it"
            f"{hint} — check the id (`dermquiz validate --list` lists the packs)",
            file=sys.stderr,
        )
        return 1
    return attempts, packs, path


def _folder_of(path: Path) -> Path | None:
    """*path* itself, or the unpacked folder of a zip (None when the zip cannot be opened)."""
    if path.suffix.lower() != ".zip":
        return path
    from quiz.pack.registry import unzipped

    try:
        return unzipped(path)
    except Exception:  # a damaged zip: reported where it is played, not here
        return None


def _load_folder(path: Path) -> list:
    """The pack at *path* (a folder or zip named on the command line), if it loads."""
    try:
        from quiz.pack.loader import load_pack
    except ImportError:
        return []
    folder = _folder_of(path)
    if folder is None:
        return []
    try:
        result = load_pack(folder, check_images=False)
    except Exception:
        return []
    return [result.pack] if result.pack is not None else []


def _all_attempts(folder: Path) -> list:
    try:
        with open_store(folder) as store:
            return store.attempts()
    except ProgressError:
        return []


def _write_atomically(target: Path, text: str) -> None:
    # A half-written file must never replace a good one an instructor already has.
    handle, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or Path("."))
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _cell(value):
    """Text as a spreadsheet will not run it: no leading = + - @ (formula injection)."""
    if isinstance(value, str):
        value = clean(value)
        if value[:1] in ("=", "+", "-", "@"):
            return "'" + value
    return value


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{round(100 * value)}%"


def _s(n: int) -> str:
    return "" if n == 1 else "s"
