"""The HTML report: one self-contained page (inline CSS and SVG; no scripts, no web fonts)."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from pathlib import Path

from quiz import __version__
from quiz.analysis import charts
from quiz.analysis.flags import CODES, SEVERITY
from quiz.analysis.items import MIN_LEARNERS, Analysis, ItemStats
from quiz.analysis.jsonout import SPLIT
from quiz.text import clean

EXPLAIN = {
    "miskey": "a wrong answer the strongest learners prefer to the key",
    "negative-discrimination": "strong learners do worse on it than weak ones",
    "low-discrimination": "it hardly separates strong from weak learners (r < 0.15)",
    "confident-error": "a wrong answer chosen mostly with confidence 3: a misconception",
    "too-hard": "fewer than 20 % of the credit earned",
    "too-easy": "more than 90 % of the credit earned",
    "weak-distractor": "an offered option almost nobody (< 5 %) chooses",
}


def write_report(analysis: Analysis, folder: Path, problems: list[str] | None = None) -> Path:
    """Write `index.html` into *folder* (created) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "index.html"
    tmp = folder / ".index.html.tmp"
    tmp.write_text(render(analysis, problems or []), encoding="utf-8")
    tmp.replace(target)
    return target


def render(analysis: Analysis, problems: list[str]) -> str:
    def e(text):
        return escape(clean(str(text)))

    order = _tree_order(analysis)
    title = f"Item analysis — {analysis.pack_id or '?'} {analysis.version or ''}".strip()
    parts = [
        f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title>
<style>{CSS}</style></head><body><main>
<h1>{e(title)}</h1>
<p class="sub">Made by DermQuiz {e(__version__)} on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC
from {analysis.test.learners} learners' answers. Each learner's credit on a case is 1 (right),
½ (partly right: an ancestor or descendant of the answer) or 0.</p>"""
    ]
    parts.append(_cards(analysis))
    parts.append(_flags_section(analysis, e))
    parts.append(f"""<section><h2>Facility and discrimination</h2>
<p class="lead">Every case is a dot. Good cases sit in the green band (facility 0.3–0.8) above
the dashed line (r ≥ 0.15); red: miskey or negative discrimination; orange: low discrimination.
Cases with fewer than {MIN_LEARNERS} learners or no spread are not drawn.</p>
<figure role="img" aria-label="Scatter of facility against discrimination, one dot per case;
the table below has the same numbers">{charts.facility_vs_discrimination(analysis)}</figure>
</section>""")
    parts.append(_table(analysis, e))
    parts.append(_cases(analysis, e))
    parts.append(f"""<section><h2>Confusions of the class</h2>
<p class="lead">Rows: the right answer; columns: what was chosen; numbers: answers; darker: a
larger share of that row. The diagonal is right; cells beside it are the confusions to teach.</p>
<figure role="img" aria-label="Grid of right answers against choices; the JSON output lists
the same counts">{charts.confusion_grid(analysis, order)}</figure></section>""")
    if analysis.calibration:
        parts.append(f"""<section><h2>Confidence and credit</h2>
<p class="lead">Mean credit at each confidence the learners gave. A class that knows what it
knows climbs from left to right; a flat line means confidence says little.</p>
<figure class="small" role="img" aria-label="Mean credit at confidence 1, 2 and 3: {_calib_words(analysis)}">
{charts.calibration_curve(analysis)}</figure></section>""")
    notes = analysis.test.notes + analysis.notes + problems
    if analysis.unanswered:
        notes.append("not answered by anyone: " + ", ".join(analysis.unanswered))
    if notes:
        parts.append(
            "<section><h2>Notes</h2><ul>"
            + "".join(f"<li>{e(n)}</li>" for n in notes)
            + "</ul></section>"
        )
    parts.append(GLOSSARY)
    parts.append("</main></body></html>\n")
    return "\n".join(parts)


def _cards(analysis: Analysis) -> str:
    t = analysis.test

    def card(label: str, value: str, hint: str) -> str:
        return (
            f'<div class="card"><div class="value">{value}</div><div class="label">{label}'
            f'</div><div class="hint">{hint}</div></div>'
        )

    def f2(v):
        return "–" if v is None else f"{v:.2f}"

    flagged = sum(1 for i in analysis.items if i.flags)
    return (
        '<section class="cards">'
        + "".join(
            [
                card("learners", str(t.learners), f"{t.complete} answered every case"),
                card("cases", str(t.cases), f"{flagged} with flags"),
                card("mean score", f2(t.mean), f"of {t.cases}; SD {f2(t.sd)}"),
                card("Cronbach's α", f2(t.alpha), "reliability; ≥ 0.7 is usual for a test"),
                card("SEM", f2(t.sem), "standard error of a learner's total"),
            ]
        )
        + "</section>"
        + ("".join(f'<p class="note">{escape(n)}</p>' for n in t.notes))
    )


def _flags_section(analysis: Analysis, e) -> str:
    flagged = [i for i in analysis.items if i.flags]
    if not flagged:
        return "<section><h2>What to look at</h2><p>No case is flagged.</p></section>"
    flagged.sort(key=lambda i: (_worst(i), i.case_id))
    cards = []
    for item in flagged:
        lines = "".join(
            f'<li>{_badge(fl.code)} {_code_spans(e(fl.reason))} <code class="where">'
            f"{e(fl.where or '(pack not found: no place)')}</code></li>"
            for fl in sorted(item.flags, key=lambda f: SEVERITY.get(f.code, 9))
        )
        worst = min((fl.code for fl in item.flags), key=lambda c: SEVERITY.get(c, 9))
        cards.append(
            f'<div class="flagcard {worst}"><a href="#case-{e(item.case_id)}">'
            f'<b>{e(item.case_id)}</b></a> <span class="title">{e(item.title)}</span>'
            f"<ul>{lines}</ul></div>"
        )
    legend = "".join(f"<li>{_badge(c)} {EXPLAIN[c]}</li>" for c in CODES)
    count = sum(len(i.flags) for i in flagged)
    return (
        f'<section><h2>What to look at</h2><p class="lead">{count} flags on '
        f"{len(flagged)} cases, the most serious first. Each names the line of the case "
        f"file to open.</p>{''.join(cards)}"
        f'<details><summary>What the flags mean</summary><ul class="legend">{legend}</ul>'
        f"</details></section>"
    )


def _worst(item: ItemStats) -> int:
    return min((SEVERITY.get(f.code, 9) for f in item.flags), default=99)


def _code_spans(text: str) -> str:
    # Reasons quote ids in `backticks` (for terminals); in HTML they become code.
    parts = text.split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))


def _table(analysis: Analysis, e) -> str:
    head = (
        "<tr><th>Case</th><th>n</th><th>Facility</th><th>SD</th><th>r</th><th>D</th>"
        "<th>Eff.</th><th>Median time</th><th>Stage</th><th>Conf. right / wrong</th>"
        "<th>Flags</th></tr>"
    )
    rows = []
    for item in analysis.items:
        rows.append(
            f'<tr><td><a href="#case-{e(item.case_id)}">{e(item.case_id)}</a></td>'
            f"<td>{item.n}</td><td>{_n(item.facility)}</td><td>{_n(item.sd)}</td>"
            f"<td>{_disc(item)}</td><td>{_n(item.d_index, True)}</td><td>{_n(item.efficiency)}"
            f"</td><td>{_secs(item.median_seconds)}</td><td>{_stage(item)}</td>"
            f"<td>{_n(item.confidence_right, places=1)} / {_n(item.confidence_wrong, places=1)}"
            f"</td><td>{' '.join(_badge(c) for c in sorted({f.code for f in item.flags}, key=SEVERITY.get))}"
            f"</td></tr>"
        )
    return (
        f'<section><h2>All cases</h2><div class="scroll"><table class="items">{head}'
        f'{"".join(rows)}</table></div><p class="note">– : not computed (fewer than '
        f"{MIN_LEARNERS} learners, or no spread: see the case).</p></section>"
    )


def _cases(analysis: Analysis, e) -> str:
    out = [
        (
            '<section><h2>Case by case</h2><p class="lead">Flagged cases first (open); '
            "click a case to open or close it. Bars: green right, amber partly right, grey "
            "wrong.</p>"
        )
    ]
    for item in sorted(analysis.items, key=lambda i: (_worst(i), i.case_id)):
        badges = " ".join(
            _badge(c)
            for c in sorted({f.code for f in item.flags}, key=lambda c: SEVERITY.get(c, 9))
        )
        head = (
            f'<summary><h3>{e(item.case_id)} <span class="title">{e(item.title)}</span> '
            f"{badges}</h3></summary>"
        )
        where = f"<code>{e(item.where)}</code> · " if item.where else ""
        key = analysis.names.get(item.answer, item.answer)
        facts = (
            f'<p class="meta">{where}key: <b>{e(key)}</b> · n {item.n} · facility '
            f"{_n(item.facility)} · r {_disc(item)} · D {_n(item.d_index, True)}</p>"
        )
        notes = "".join(f'<p class="note">{e(n)}</p>' for n in item.notes)
        flags = "".join(
            f'<p class="flagline">{_badge(f.code)} {_code_spans(e(f.reason))}</p>'
            for f in item.flags
        )
        rows = "".join(
            f"<tr><td>{e(analysis.names.get(o.entity) or o.entity)}</td>"
            f"<td>{e(SPLIT[o.relation])}{' (' + o.relation + ')' if o.relation in ('ancestor', 'descendant') else ''}</td>"
            f"<td>{o.count}</td><td>{o.share:.0%}</td><td>{_n(o.rest_mean, places=1)}</td>"
            f"<td>{_n(o.r, True)}</td><td>{o.confident}</td></tr>"
            for o in item.options
        )
        table = (
            f'<table class="options"><tr><th>Option</th><th>Credit</th><th>Chosen</th>'
            f"<th>Share</th><th>Rest mean</th><th>r</th><th>Sure</th></tr>{rows}</table>"
        )
        opened = " open" if item.flags else ""
        out.append(
            f'<details class="case" id="case-{e(item.case_id)}"{opened}>{head}{facts}'
            f'{flags}{notes}<div class="pair"><figure role="img" aria-label="Option bars; the '
            f'table beside has the same numbers">'
            f"{charts.option_bars(item, analysis.names)}</figure>{table}</div>"
            f"</details>"
        )
    out.append("</section>")
    return "".join(out)


def _calib_words(analysis: Analysis) -> str:
    return "; ".join(
        f"confidence {level}: {credit:.0%} of {n} answers"
        for level, (n, credit) in sorted(analysis.calibration.items())
    )


def _tree_order(analysis: Analysis) -> list[str]:
    # The confusion grid reads best in taxonomy order (families together).
    return list(analysis.names)


def _n(value: float | None, signed: bool = False, places: int = 2) -> str:
    if value is None:
        return "–"
    return f"{value:+.{places}f}" if signed else f"{value:.{places}f}"


def _disc(item: ItemStats) -> str:
    if item.no_spread:
        return "no spread"
    return _n(item.discrimination, True)


def _secs(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} s"


def _stage(item: ItemStats) -> str:
    if not item.stages_seen:
        return "–"
    seen = max(item.stages_seen, key=item.stages_seen.get)
    return f"{seen} of {item.stage_count}" if item.stage_count else str(seen)


def _badge(code: str) -> str:
    return f'<span class="badge {code}">{code}</span>'


CSS = """
:root { --ink: #1f2328; --muted: #5b636b; --line: #d8dee4; --bg: #fbfbfc; --red: #c62828;
  --orange: #ef6c00; --green: #2e7d32; --blue: #1565c0; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 28px 60px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 8px; padding-top: 8px; border-top: 1px solid var(--line); }
h3 { font-size: 16px; margin: 0 0 4px; }
h3 .title { font-weight: normal; color: var(--muted); }
.sub, .lead, .note, .meta { color: var(--muted); }
.note { font-size: 13px; margin: 4px 0; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; margin-top: 16px; }
.card { flex: 1 1 160px; background: white; border: 1px solid var(--line); border-radius: 8px;
  padding: 12px 14px; }
.card .value { font-size: 26px; font-weight: 600; }
.card .label { font-weight: 600; }
.card .hint { color: var(--muted); font-size: 12px; }
.flagcard { background: white; border: 1px solid var(--line); border-left: 5px solid var(--orange);
  border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
.flagcard.miskey, .flagcard.negative-discrimination { border-left-color: var(--red); }
.flagcard.weak-distractor, .flagcard.too-easy { border-left-color: #9e9e9e; }
.flagcard ul { list-style: none; padding: 0; margin: 4px 0 0; }
.flagcard li { margin: 3px 0; }
.title { color: var(--muted); font-weight: normal; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.92em; }
code.where { display: block; font-size: 12px; color: var(--muted); margin-left: 2px; }
.code { font-weight: 600; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; }
.badge { display: inline-block; font-size: 11px; padding: 1px 6px; border-radius: 10px;
  background: #fff3e0; color: #8a4b00; border: 1px solid #ffcc80; margin: 1px; white-space: nowrap; }
.badge.miskey, .badge.negative-discrimination { background: #ffebee; color: var(--red);
  border-color: #ef9a9a; }
.badge.weak-distractor, .badge.too-easy { background: #f5f5f5; color: #555; border-color: #ddd; }
figure { margin: 8px 0; }
figure svg { max-width: 100%; height: auto; }
figure.small svg { max-width: 520px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; background: white; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: right; }
th { background: #f3f5f7; position: sticky; top: 0; }
td:first-child, th:first-child { text-align: left; }
table.items td:last-child, table.items th:last-child { text-align: left; }
table.options td:nth-child(2) { text-align: left; }
summary { cursor: pointer; }
summary h3 { display: inline; }
details.case[open] summary { margin-bottom: 6px; }
.case { background: white; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px;
  margin: 12px 0; }
.pair { display: flex; gap: 16px; flex-wrap: wrap; align-items: flex-start; }
.pair figure { flex: 0 0 430px; }
.pair table { flex: 1 1 360px; }
table.options td:first-child { white-space: nowrap; }
.flagline { margin: 4px 0; font-size: 14px; }
details { margin-top: 8px; }
dt { font-weight: 600; margin-top: 8px; }
dd { margin-left: 16px; color: var(--muted); }
"""

GLOSSARY = """<section><h2>How to read the numbers</h2><dl>
<dt>Facility</dt><dd>The mean credit on the case (0–1). About 0.3–0.8 tells learners apart best.</dd>
<dt>r (item–rest discrimination)</dt><dd>Pearson correlation of the credit on this case with the
learner's credit on all the other cases. Below 0.15 the case hardly separates strong from weak
learners; negative: the strong do worse.</dd>
<dt>D</dt><dd>Mean credit of the top 27 % (by the rest score) minus that of the bottom 27 %.
0.4 and above is good; below 0.2, review the case.</dd>
<dt>Eff. (discriminative efficiency)</dt><dd>The covariance of the case with the rest score as a
share of the largest covariance possible for a case of this facility (1 = as discriminating as it
could be).</dd>
<dt>Stage</dt><dd>The stage at which most learners answered, of the stages the case has.</dd>
<dt>Conf. right / wrong</dt><dd>Mean confidence (1 guess, 2 unsure, 3 sure) of the right and of
the wrong answers; a high number on the right of the slash is a confident error.</dd>
<dt>Options</dt><dd>Share: who chose it; rest mean: the mean rest score of those who chose it;
r: the correlation of choosing it with the rest score (a wrong option's should be negative).
Credit: right, partly right (an ancestor or descendant of the answer) or wrong.</dd>
<dt>Cronbach's α and SEM</dt><dd>The test's reliability on the credits, and the standard error
of a learner's total: SD × √(1 − α).</dd></dl></section>"""
