"""The analysis in the terminal: a Rich table of the cases, the test line, then the flags."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table

from quiz.analysis.flags import SEVERITY
from quiz.analysis.items import MIN_LEARNERS, Analysis, ItemStats
from quiz.text import clean

SEVERE = {"miskey", "negative-discrimination"}
WIDE = 140  # columns from which the table shows every statistic
SHORT = {
    "miskey": "MISKEY",
    "negative-discrimination": "NEG-DISC",
    "low-discrimination": "low-disc",
    "too-easy": "easy",
    "too-hard": "hard",
    "weak-distractor": "weak-opt",
    "confident-error": "conf-err",
}


def print_report(analysis: Analysis, console: Console | None = None) -> None:
    console = console or Console()
    t = analysis.test
    title = f"{clean(analysis.pack_id or '?')} {clean(analysis.version or '')}".strip()
    wide = console.width >= WIDE
    table = Table(
        title=f"Item analysis — {escape(title)}",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        caption=f"{t.learners} learners, {t.cases} cases. r: item–rest discrimination; "
        f"D: top minus bottom 27 %; –: not computed (fewer than {MIN_LEARNERS} "
        f"learners, or no spread)"
        + ("" if wide else "; a wider terminal shows more columns, --html all of them"),
        caption_justify="left",
    )
    table.add_column("Case", no_wrap=True, overflow="ellipsis", max_width=34)
    table.add_column("n", justify="right")
    table.add_column("Facil.", justify="right")
    if wide:
        table.add_column("SD", justify="right")
    table.add_column("r", justify="right")
    table.add_column("D", justify="right")
    if wide:
        table.add_column("Eff.", justify="right")
        table.add_column("Time", justify="right")
        table.add_column("Conf ✓/✗", justify="right")
        table.add_column("Most chosen wrong", no_wrap=True, overflow="ellipsis")
    table.add_column("Flags", overflow="fold", min_width=12)
    for item in analysis.items:
        cells = [escape(clean(item.case_id)), str(item.n), _num(item.facility, 2)]
        if wide:
            cells.append(_num(item.sd, 2))
        cells += [_r(item), _num(item.d_index, 2, signed=True)]
        if wide:
            cells += [
                _num(item.efficiency, 2),
                _secs(item.median_seconds),
                _conf(item),
                _distractor(item),
            ]
        cells.append(_flags(item))
        table.add_row(*cells)
    console.print(table)
    console.print(_test_line(analysis))
    for note in t.notes + analysis.notes:
        console.print(f"  note: {escape(clean(note))}", highlight=False)
    if analysis.unanswered:
        names = analysis.unanswered
        shown = (
            ", ".join(names)
            if len(names) <= 8
            else ", ".join(names[:5]) + f" and {len(names) - 5} more (--json lists them all)"
        )
        console.print(
            f"  Cases of the pack nobody answered ({len(names)}): {escape(shown)}", highlight=False
        )
    flagged = sorted(
        (item for item in analysis.items if item.flags),
        key=lambda i: (min(SEVERITY[f.code] for f in i.flags), i.case_id),
    )
    if flagged:
        console.print()
        console.print("[bold]Flags[/bold] (the most serious first; open the file at the line)")
        for item in flagged:
            console.print()
            console.print(f"  [bold]{escape(clean(item.case_id))}[/bold]", highlight=False)
            for fl in sorted(item.flags, key=lambda f: SEVERITY[f.code]):
                style = "bold red" if fl.code in SEVERE else "bold"
                console.print(
                    Padding(
                        f"[{style}]{fl.code}[/{style}] {escape(clean(fl.where or '(no place)'))}\n"
                        f"{escape(clean(fl.reason))}",
                        (0, 0, 0, 4),
                    ),
                    highlight=False,
                )
    grouped: dict[str, list[str]] = {}
    for item in analysis.items:
        for note in item.notes:
            grouped.setdefault(note, []).append(item.case_id)
    if grouped:
        console.print()
        console.print("[bold]Notes on cases[/bold]")
        for note, cases in grouped.items():
            which = "every case" if len(cases) == len(analysis.items) > 1 else ", ".join(cases)
            console.print(f"  {escape(clean(which))}: {escape(clean(note))}", highlight=False)


def _test_line(analysis: Analysis) -> str:
    t = analysis.test
    if t.mean is None:
        return (
            f"Test: {t.learners} learners, {t.cases} cases — too few complete learners for "
            f"mean, SD, α and SEM"
        )
    alpha = "–" if t.alpha is None else f"{t.alpha:.2f}"
    sem = "–" if t.sem is None else f"{t.sem:.2f}"
    return (
        f"Test: {t.learners} learners, {t.cases} cases — mean {t.mean:.2f} of {t.cases}, "
        f"SD {t.sd:.2f}, Cronbach's α {alpha}, SEM {sem}"
    )


def _num(value: float | None, places: int, signed: bool = False) -> str:
    if value is None:
        return "–"
    return f"{value:+.{places}f}" if signed else f"{value:.{places}f}"


def _r(item: ItemStats) -> str:
    if item.no_spread:
        return "no spread"
    text = _num(item.discrimination, 2, signed=True)
    if item.discrimination is not None and item.discrimination < 0.15:
        return f"[red]{text}[/red]"
    return text


def _secs(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} s"


def _conf(item: ItemStats) -> str:
    if not item.enough:
        return "–"
    right = "–" if item.confidence_right is None else f"{item.confidence_right:.1f}"
    wrong = "–" if item.confidence_wrong is None else f"{item.confidence_wrong:.1f}"
    return f"{right}/{wrong}"


def _distractor(item: ItemStats) -> str:
    o = next((o for o in item.options if o.relation == "wrong" and o.count), None)
    if o is None:
        return ""
    return f"{escape(clean(o.entity))} {o.share:.0%}"


def _flags(item: ItemStats) -> str:
    # Short labels in the table; the full codes, reasons and places follow it.
    codes = sorted({fl.code for fl in item.flags}, key=lambda c: (c not in SEVERE, c))
    return " ".join(f"[bold red]{SHORT[c]}[/bold red]" if c in SEVERE else SHORT[c] for c in codes)
