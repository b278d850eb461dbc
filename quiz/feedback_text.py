"""The text shown to learners, in one place: the verdict banner, feedback as lines of plain
text (line mode, exports) and as Markdown (the app), the session summary, durations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from quiz.feedback import Feedback
from quiz.text import clean, markdown_to_plain
from quiz.vocabulary import Mode, Verdict

if TYPE_CHECKING:
    from quiz.session import Summary


def verdict_banner(fb: Feedback) -> str:
    """The verdict in words, then its symbol: the first line of every feedback, everywhere."""
    v = fb.verdict
    if v is Verdict.CORRECT:
        return f"{v.word} {v.symbol} {fb.answer_name}."
    return f"{v.word} {v.symbol} you chose {fb.choice_name}; the answer is {fb.answer_name}."


def feedback_lines(fb: Feedback) -> list[str]:
    out = [verdict_banner(fb)]
    if fb.grade.explanation:
        out.append(fb.grade.explanation)
    if fb.title:  # kept back until now: a title can give the diagnosis away
        out.append(f"Case: {fb.title}")
    out.append(
        f"Answer: {fb.answer_name}" + (f" — {fb.answer_summary}" if fb.answer_summary else "")
    )
    if fb.answered_early:
        out += _staged_lines(fb)
    else:
        if fb.against:
            out.append("Against your choice:")
            out += [f"  - {fb.against_sentence(r)}" for r in fb.against]
        if fb.pointing:
            out.append(f"Pointing to {fb.answer_name}:")
            out += [f"  - {fb.pointing_sentence(r)}" for r in fb.pointing]
    if fb.case_feedback:
        out.append(f"About your choice: {fb.case_feedback.strip()}")
    if fb.confidence_note:
        out.append(fb.confidence_note)
    for title, text in fb.sections:
        out.append(f"{title}:")
        out += [
            f"  {line}" if line else "" for line in markdown_to_plain(text.strip()).splitlines()
        ]
    if fb.discussion.strip():
        out.append("Teaching points:")
        out += [
            f"  {line}" if line else ""
            for line in markdown_to_plain(fb.discussion.strip()).splitlines()
        ]
    if fb.references:
        out.append("References:")
        out += [f"  - {ref}" for ref in fb.references]
    return [clean(markdown_to_plain(line)) for line in out]


def _staged_lines(fb: Feedback) -> list[str]:
    """The contrast split by what the learner had seen when answering and what came after."""
    out = []
    seen_against, seen_pointing = fb.seen(fb.against), fb.seen(fb.pointing)
    if seen_against or seen_pointing:
        out.append(
            f"With what you had seen (the first {fb.stages_seen} of {fb.stage_count} stages):"
        )
        out += [f"  - {fb.against_sentence(r)}" for r in seen_against]
        out += [f"  - {fb.pointing_sentence(r)}" for r in seen_pointing if r not in seen_against]
    else:
        out.append(
            f"With what you had seen (the first {fb.stages_seen} of {fb.stage_count} "
            "stages), none of the case's findings had been shown yet."
        )
    later = fb.later(tuple(fb.rows))
    if later:
        out.append("What later stages showed:")
        out += [f"  - {fb.later_sentence(r)}" for r in later]
    other = fb.unplaced(fb.against) + tuple(
        r for r in fb.unplaced(fb.pointing) if r not in fb.against
    )
    if other:
        out.append("Other findings of the case:")
        out += [
            f"  - {fb.against_sentence(r) if r in fb.against else fb.pointing_sentence(r)}"
            for r in other
        ]
    return out


def staged_markdown(fb: Feedback) -> str:
    """The same split as Markdown ('' when the learner had seen every stage)."""
    if not fb.answered_early:
        return ""
    out: list[str] = []
    for line in _staged_lines(fb):
        if line.startswith("  "):
            out.append(line.replace("  - ", "- ", 1))
        else:  # a heading: a blank line first, or it would continue the list above
            out += ["", f"**{line}**", ""]
    return "\n".join(out).strip()


def _md_escape_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def telling_rows(fb: Feedback) -> tuple:
    """The findings worth a row: those the two entities expect differently (after a wrong
    answer), or those the answer expects (after a right one). The rest is "— / —"."""
    if fb.verdict is Verdict.CORRECT:
        return tuple(r for r in fb.rows if r.answer_expects is not None)
    return tuple(r for r in fb.rows if r.chosen_expects != r.answer_expects)


def feedback_markdown(fb: Feedback, all_findings: bool = True, *, banner: bool = True) -> str:
    """The same feedback as Markdown: the verdict and why first, then the contrast as a table
    (only the findings that tell the two apart unless *all_findings*). *banner*: start with
    the verdict as a heading (the app shows it above the text instead)."""
    parts = [f"## {verdict_banner(fb)}"] if banner else []
    if fb.grade.explanation:
        parts.append(fb.grade.explanation)
    # Why, before anything else: what speaks against the choice, and what points to the answer
    # (split by what the learner had seen when they answered early).
    staged = staged_markdown(fb)
    if staged:
        parts.append(staged)
    elif fb.against:
        parts.append(
            "**Against your choice**\n\n"
            + "\n".join(f"- {fb.against_sentence(r)}" for r in fb.against)
        )
    if fb.pointing and fb.verdict is not Verdict.CORRECT and not staged:
        parts.append(
            f"**Pointing to {fb.answer_name}**\n\n"
            + "\n".join(f"- {fb.pointing_sentence(r)}" for r in fb.pointing)
        )
    if fb.case_feedback:
        parts.append(f"**About your choice:** {fb.case_feedback.strip()}")
    if fb.confidence_note:
        parts.append(f"> {fb.confidence_note}")
    parts.append(f"**{fb.answer_name}**" + (f" — {fb.answer_summary}" if fb.answer_summary else ""))
    rows = fb.rows if all_findings else telling_rows(fb)
    if rows:
        correct = fb.verdict is Verdict.CORRECT
        head = (
            "| Finding | This case | The answer expects |\n|---|---|---|"
            if correct
            else "| Finding | This case | Your choice expects | The answer expects |\n|---|---|---|---|"
        )
        body = []
        for r in rows:
            mark = " ✗" if not correct and r.against_choice else ""
            cells = [r.label, r.show(r.case_value) + mark]
            if not correct:
                cells.append(r.show_all(r.chosen_expects))
            cells.append(r.show_all(r.answer_expects))
            body.append("| " + " | ".join(_md_escape_cell(c) for c in cells) + " |")
        parts.append("\n".join([head, *body]))
    hidden = len(fb.rows) - len(rows)
    if hidden > 0:
        parts.append(
            f"*{hidden} more finding{'s' if hidden != 1 else ''} of this case tell "
            "nothing apart here (f shows every finding).*"
        )
    for title, text in fb.sections:
        parts.append(f"### {title}\n\n{text.strip()}")
    if fb.discussion.strip():
        parts.append(f"### Teaching points\n\n{fb.discussion.strip()}")
    if fb.references:
        parts.append("### References\n\n" + "\n".join(f"- {r}" for r in fb.references))
    return clean("\n\n".join(parts))


def cbm_line(summary) -> str:
    """The certainty-based mark beside the plain score, as Moodle shows it."""
    average = summary.cbm_average or 0.0
    return (
        f"Certainty-based mark: {summary.cbm:+.2f} of {3 * summary.out_of:g} "
        f"(average {average:+.2f} a case, from −6 to +3; plain score {summary.percent}%)"
    )


def nothing_to_play(mode: str) -> str:
    """What a learner is told when a session of *mode* has no case to show."""
    return {
        Mode.REVIEW: "No case is due for review now. Come back later, or learn new cases.",
        Mode.MISTAKES: "There are no missed cases to go over.",
    }.get(mode, "No cases to play.")


def format_duration(seconds: float) -> str:
    """45 s, 3 min 5 s: how long a session took."""
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    return f"{seconds // 60} min {seconds % 60} s"


def summary_lines(summary: Summary, *, time_ran_out: bool = False) -> list[str]:
    """The end of a session, in line mode and in the app alike."""
    s = summary
    lines = [f"Cases answered: {s.answered} of {s.total}"]
    if s.out_of:
        unanswered = (
            f"; the {s.unanswered} unanswered count as wrong" if s.out_of > s.answered else ""
        )
        lines.append(
            f"Score: {round(s.score, 2):g} of {s.out_of} ({s.percent}%), partly right answers "
            f"count half{unanswered}"
        )
        counts = " · ".join(
            f"{v.symbol} {v.word} {n}"
            for v, n in (
                (Verdict.CORRECT, s.correct),
                (Verdict.PARTIAL, s.partial),
                (Verdict.WRONG, s.wrong),
            )
        )
        if s.out_of > s.answered:  # counts that add up: the unanswered are there too
            counts += f" · – unanswered {s.unanswered} (marked as wrong)"
        lines.append(counts)
        if s.cbm is not None:
            lines.append(cbm_line(s))
    lines.append(
        f"Time: {format_duration(s.seconds)}" + (" (time ran out)" if time_ran_out else "")
    )
    return lines
