"""`dermquiz analyze`: the handler behind the command line (quiz/cli.py declares the options)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from quiz.text import clean


def run_analyze(
    sources: list[str],
    pack: str | None,
    mode: str,
    which: str,
    json_path: str | None,
    csv_path: str | None,
    html_dir: str | None,
    data_dir: str | None,
) -> int:
    """Analyse *sources* (default: the data folder), print the table, write the files asked
    for. Returns the exit code: 0 done; 1 when nothing could be analysed, a file could not
    be written, or a source or row could not be read (and was left out)."""
    from quiz.analysis.pipeline import AnalyzeError, run_pipeline
    from quiz.progress.store import resolve_data_dir

    folder = resolve_data_dir(data_dir)
    paths = [Path(s).expanduser() for s in sources] or [folder]
    if html_dir is not None:
        from quiz.analysis.charts import ChartsMissing, check_available

        try:
            check_available()
        except ChartsMissing as exc:
            print(f"dermquiz: {exc}", file=sys.stderr)
            return 1
    try:
        outcome = run_pipeline(paths, pack, mode, which, folder)
    except AnalyzeError as exc:
        for problem in exc.problems:
            print(f"dermquiz: {problem}", file=sys.stderr)
        print(f"dermquiz: {exc}", file=sys.stderr)
        return 1
    for problem in outcome.problems:
        print(f"dermquiz: {problem}", file=sys.stderr)
    analysis = outcome.analysis
    summary = (
        f"Read {outcome.read} attempt{'s' if outcome.read != 1 else ''}"
        + (
            f" ({outcome.duplicates} duplicate{'s' if outcome.duplicates != 1 else ''} "
            f"counted once)"
            if outcome.duplicates
            else ""
        )
        + (
            f"; {outcome.skipped} bad row{'s' if outcome.skipped != 1 else ''} left out"
            if outcome.skipped
            else ""
        )
        + "."
    )
    wrote: list[str] = []
    status = 0
    if json_path is not None:
        from quiz.analysis.jsonout import to_json

        text = json.dumps(to_json(analysis, outcome.problems), indent=2, ensure_ascii=False)
        status |= _write(json_path, text + "\n", wrote)
    if csv_path is not None:
        from quiz.analysis.csvout import to_csv

        status |= _write(csv_path, to_csv(analysis), wrote)
    if html_dir is not None:
        from quiz.analysis.html import write_report

        try:
            index = write_report(analysis, Path(html_dir).expanduser(), outcome.problems)
            wrote.append(str(index))
        except OSError as exc:
            print(
                f"dermquiz: could not write the report to {clean(html_dir)}: "
                f"{exc.strerror or exc} — choose another folder",
                file=sys.stderr,
            )
            status = 1
    if json_path != "-" and csv_path != "-":
        from quiz.analysis.table import print_report

        print_report(analysis)
    print(summary + "".join(f" Wrote {clean(w)}." for w in wrote), file=sys.stderr)
    # Something that could not be read was left out: the outputs stand, the exit code says so.
    return status or (1 if outcome.problems else 0)


def _write(path: str, text: str, wrote: list[str]) -> int:
    if path == "-":
        sys.stdout.write(text)
        return 0
    from quiz.progress.commands import _write_atomically

    target = Path(path).expanduser()
    try:
        _write_atomically(target, text)
    except OSError as exc:
        print(
            f"dermquiz: could not write {clean(str(target))}: {exc.strerror or exc} — choose "
            f"another file name or folder",
            file=sys.stderr,
        )
        return 1
    wrote.append(str(target))
    return 0
