"""The report's charts, drawn with matplotlib as inline SVG (text stays text, no scripts).

matplotlib: the best-kept plotting library of the Python world, and its SVG output needs
nothing at view time — the report stays one self-contained file. (plotly would inline about
3.5 MB of JavaScript; Vega-Lite/Altair needs its JavaScript runtime in the page.) It is an
optional extra, `pip install 'dermquiz[report]'`: learners never need it.
"""

from __future__ import annotations

import io

from quiz.analysis.items import Analysis, ItemStats

GOOD = "#2e7d32"
PARTLY = "#f0a030"
WRONG = "#9e9e9e"
ALARM = "#c62828"
WARN = "#ef6c00"
PLAIN = "#1565c0"
SEVERE = {"miskey", "negative-discrimination"}


class ChartsMissing(RuntimeError):
    pass


def check_available() -> None:
    """Raise ChartsMissing with what to install when matplotlib is not there."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise ChartsMissing(
            "the HTML report draws its charts with matplotlib, which is not "
            "installed — install it with `pip install 'dermquiz[report]'` (or "
            "`pip install matplotlib`); --json and --csv work without it"
        ) from None


def _pyplot():
    import matplotlib

    matplotlib.use("Agg", force=True)  # files only: never a window, never a display
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "text.parse_math": False,  # pack names are untrusted: `$` is a dollar, not TeX
            "text.usetex": False,
            "svg.fonttype": "none",  # text as text: small files, selectable, no embedded glyphs
            "svg.hashsalt": "dermquiz",  # the same data give the same file
            "font.family": "sans-serif",
            "font.size": 10,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    return plt


def _svg(fig, plt) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = buffer.getvalue()
    return text[text.index("<svg") :]  # drop the XML prologue and doctype: it sits inside HTML


def facility_vs_discrimination(analysis: Analysis) -> str:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(9, 5.2))
    ax.axvspan(0.3, 0.8, ymin=0, ymax=1, color="#e8f5e9", zorder=0)
    ax.axhline(0.15, color=WARN, lw=1, ls="--", zorder=1)
    ax.axhline(0, color="#555", lw=0.8, zorder=1)
    ax.text(0.005, 0.16, "r = 0.15", color=WARN, fontsize=8, va="bottom")
    ax.text(
        0.55,
        0.985,
        "useful facility 0.3–0.8",
        color=GOOD,
        fontsize=8,
        ha="center",
        va="top",
        transform=ax.get_xaxis_transform(),
    )
    shown = [i for i in analysis.items if i.facility is not None and i.discrimination is not None]
    for item in shown:
        codes = {f.code for f in item.flags}
        colour = ALARM if codes & SEVERE else WARN if "low-discrimination" in codes else PLAIN
        ax.scatter(
            item.facility,
            item.discrimination,
            s=36,
            color=colour,
            zorder=3,
            edgecolor="white",
            linewidth=0.6,
        )
        if colour != PLAIN:
            ax.annotate(
                item.case_id,
                (item.facility, item.discrimination),
                fontsize=8,
                xytext=(5, -3),
                textcoords="offset points",
                color=colour,
                zorder=4,
            )
    low = min([i.discrimination for i in shown] + [-0.2])
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(min(-0.3, low - 0.05), 1.0)
    ax.set_xlabel("Facility (mean credit: 0 hard … 1 easy)")
    ax.set_ylabel("Discrimination (item–rest r)")
    return _svg(fig, plt)


def option_bars(item: ItemStats, names: dict[str, str]) -> str:
    plt = _pyplot()
    options = [o for o in item.options if o.count or o.offered]
    height = 0.3 * len(options) + 0.45
    fig, ax = plt.subplots(figsize=(4.6, height))
    labels, shares, colours = [], [], []
    weak = {f.entity for f in item.flags if f.code == "weak-distractor"}
    for o in reversed(options):
        labels.append(_short(names.get(o.entity) or o.entity))
        shares.append(o.share)
        colours.append(GOOD if o.right else PARTLY if o.partly_right else WRONG)
    bars = ax.barh(range(len(options)), shares, color=colours, height=0.7)
    for bar, o in zip(bars, reversed(options)):
        mark = "  (weak)" if o.entity in weak else ""
        ax.text(
            bar.get_width() + 0.01,
            bar.get_y() + bar.get_height() / 2,
            f"{o.share:.0%} ({o.count}){mark}",
            va="center",
            fontsize=9,
        )
    ax.set_yticks(range(len(options)), labels, fontsize=9)
    ax.set_xlim(0, 1.18)
    ax.xaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)
    return _svg(fig, plt)


def confusion_grid(analysis: Analysis, order: list[str]) -> str:
    """Rows: the right answer; columns: what was chosen; colour: the share of the row."""
    plt = _pyplot()
    # One order for rows and columns, so that right answers run down the diagonal.
    used = {a for a, _ in analysis.confusion} | {c for _, c in analysis.confusion}
    answers = [e for e in order if e in used] + sorted(used - set(order))
    chosen = answers
    grid = [[analysis.confusion.get((a, c), 0) for c in chosen] for a in answers]
    shares = [[n / max(1, sum(row)) for n in row] for row in grid]
    fig, ax = plt.subplots(figsize=(0.42 * len(chosen) + 3.2, 0.36 * len(answers) + 2.4))
    ax.imshow(shares, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    for r, row in enumerate(grid):
        for c, n in enumerate(row):
            if n:
                dark = shares[r][c] > 0.55
                same = answers[r] == chosen[c]
                ax.text(
                    c,
                    r,
                    str(n),
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if dark else "black",
                    fontweight="bold" if same else None,
                )

    def label(e):
        return _short(analysis.names.get(e) or e, 28)

    ax.set_xticks(
        range(len(chosen)), [label(e) for e in chosen], rotation=60, ha="right", fontsize=8
    )
    ax.set_yticks(range(len(answers)), [label(e) for e in answers], fontsize=8)
    ax.set_xlabel("Chosen")
    ax.set_ylabel("Right answer")
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    return _svg(fig, plt)


def calibration_curve(analysis: Analysis) -> str:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(5, 3.4))
    levels = sorted(analysis.calibration)
    words = {1: "1 guess", 2: "2 unsure", 3: "3 sure"}
    ys = [analysis.calibration[lv][1] for lv in levels]
    ax.plot(levels, ys, marker="o", color=PLAIN, lw=2)
    for lv, y in zip(levels, ys):
        ax.annotate(
            f"{y:.0%}\n({analysis.calibration[lv][0]} answers)",
            (lv, y),
            xytext=(0, 8),
            textcoords="offset points",
            ha="center",
            fontsize=8,
        )
    ax.set_xticks([1, 2, 3], [words[lv] for lv in (1, 2, 3)])
    ax.set_xlim(0.6, 3.4)
    ax.set_ylim(0, 1.15)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1], ["0", "25%", "50%", "75%", "100%"])
    ax.set_xlabel("Confidence the learner gave")
    ax.set_ylabel("Mean credit")
    ax.grid(axis="y", color="#ddd", lw=0.6)
    return _svg(fig, plt)


def _short(text: str, width: int = 34) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
