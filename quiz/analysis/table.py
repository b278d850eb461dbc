"""The analysis in the terminal: a Rich table of the cases, the test line, then the flags."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from quiz.analysis.items import MIN_LEARNERS, Analysis, ItemStats
from quiz.text import clean

SEVERE = {"miskey", "negative-discrimination"}


def print_report(analysis: Analysis, console: Console | None = None) -> None:
    console = console or Console()
    t = analysis.test
    title = f"{clean(analysis.pack_id or '?')} {clean(analysis.version or '')}".strip()
    table = Table(title=f"Item analysis — {escape(title)}", title_justify="left",
                  caption=f"{t.learners} learners, {t.cases} cases. — : not computed (fewer than "
                  f"{MIN_LEARNERS} learners, or no spread; see the notes)", caption_justify="left")
    table.add_column("Case", overflow="fold")
    table.add_column("n", justify="right")
    table.add_column("Facility", justify="right")
    table.add_column("SD", justify="right")
    table.add_column("r", justify="right", header_style="bold")
    table.add_column("D", justify="right")
    table.add_column("Eff.", justify="right")
    table.add_column("Time", justify="right")
    table.add_column("Conf. ✓/✗", justify="right")
    table.add_column("Most chosen wrong", overflow="fold")
    table.add_column("Flags", overflow="fold")
    for item in analysis.items:
        table.add_row(escape(clean(item.case_id)), str(item.n), _num(item.facility, 2),
                      _num(item.sd, 2), _r(item), _num(item.d_index, 2, signed=True),
                      _num(item.efficiency, 2), _secs(item.median_seconds), _conf(item),
                      _distractor(item), _flags(item))
    console.print(table)
    console.print(_test_line(analysis))
    for note in t.notes + analysis.notes:
        console.print(f"  note: {escape(clean(note))}", highlight=False)
    if analysis.unanswered:
        console.print(f"  Not answered by anyone: {escape(', '.join(analysis.unanswered))}",
                      highlight=False)
    flagged = [(item, fl) for item in analysis.items for fl in item.flags]
    if flagged:
        console.print()
        console.print("[bold]Flags[/bold]")
        for item, fl in flagged:
            where = fl.where or item.case_id
            console.print(f"  {escape(clean(where))}: [bold]{fl.code}[/bold] — "
                          f"{escape(clean(fl.reason))}", highlight=False)
    notes = [(item, n) for item in analysis.items for n in item.notes]
    if notes:
        console.print()
        console.print("[bold]Notes on cases[/bold]")
        for item, note in notes:
            console.print(f"  {escape(clean(item.case_id))}: {escape(clean(note))}",
                          highlight=False)


def _test_line(analysis: Analysis) -> str:
    t = analysis.test
    if t.mean is None:
        return f"Test: {t.learners} learners, {t.cases} cases — too few complete learners for " \
               f"mean, SD, α and SEM"
    alpha = "–" if t.alpha is None else f"{t.alpha:.2f}"
    sem = "–" if t.sem is None else f"{t.sem:.2f}"
    return (f"Test: {t.learners} learners, {t.cases} cases — mean {t.mean:.2f} of {t.cases}, "
            f"SD {t.sd:.2f}, Cronbach's α {alpha}, SEM {sem}")


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
    codes = sorted({fl.code for fl in item.flags}, key=lambda c: (c not in SEVERE, c))
    return ", ".join(f"[bold red]{c}[/bold red]" if c in SEVERE else c for c in codes)
