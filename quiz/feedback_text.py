"""The text shown to learners, in one place: the verdict banner, feedback as lines of plain
text (line mode, exports) and as Markdown (the app), the session summary, durations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from quiz.feedback import Feedback, show_value, show_values
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
    out.append(f"Answer: {fb.answer_name}" + (f" — {fb.answer_summary}" if fb.answer_summary else ""))
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
        out += [f"  {line}" if line else "" for line in markdown_to_plain(text.strip()).splitlines()]
    if fb.discussion.strip():
        out.append("Teaching points:")
        out += [f"  {line}" if line else "" for line in markdown_to_plain(fb.discussion.strip()).splitlines()]
    if fb.references:
        out.append("References:")
        out += [f"  - {ref}" for ref in fb.references]
    return [clean(markdown_to_plain(line)) for line in out]


def _md_escape_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def feedback_markdown(fb: Feedback, *, banner: bool = True) -> str:
    """The same feedback as Markdown, with the contrast as a table. *banner*: start with the
    verdict as a heading (the app shows it above the text instead)."""
    parts = [f"## {verdict_banner(fb)}"] if banner else []
    if fb.grade.explanation:
        parts.append(fb.grade.explanation)
    if fb.confidence_note:
        parts.append(f"> {fb.confidence_note}")
    parts.append(f"**{fb.answer_name}**" + (f" — {fb.answer_summary}" if fb.answer_summary else ""))
    if fb.rows:
        head = "| Finding | This case | Your choice expects | The answer expects |\n|---|---|---|---|"
        body = []
        for r in fb.rows:
            mark = " ✗" if fb.verdict is not Verdict.CORRECT and r.against_choice else ""
            body.append("| " + " | ".join(_md_escape_cell(c) for c in (
                r.label, show_value(r.case_value) + mark,
                show_values(r.chosen_expects), show_values(r.answer_expects))) + " |")
        parts.append("\n".join([head, *body]))
    if fb.against:
        parts.append("**Against your choice**\n\n" + "\n".join(f"- {fb.against_sentence(r)}" for r in fb.against))
    if fb.pointing and fb.verdict is not Verdict.CORRECT:
        parts.append(f"**Pointing to {fb.answer_name}**\n\n" + "\n".join(
            f"- {fb.pointing_sentence(r)}" for r in fb.pointing))
    if fb.case_feedback:
        parts.append(f"**About your choice:** {fb.case_feedback.strip()}")
    for title, text in fb.sections:
        parts.append(f"### {title}\n\n{text.strip()}")
    if fb.discussion.strip():
        parts.append(f"### Teaching points\n\n{fb.discussion.strip()}")
    if fb.references:
        parts.append("### References\n\n" + "\n".join(f"- {r}" for r in fb.references))
    return clean("\n\n".join(parts))


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
        unanswered = (f"; the {s.unanswered} unanswered count as wrong"
                      if s.out_of > s.answered else "")
        lines.append(f"Score: {s.score:g} of {s.out_of} ({s.percent}%), partly right answers "
                     f"count half{unanswered}")
        lines.append(" · ".join(f"{v.symbol} {v.word} {n}" for v, n in (
            (Verdict.CORRECT, s.correct), (Verdict.PARTIAL, s.partial), (Verdict.WRONG, s.wrong))))
    lines.append(f"Time: {format_duration(s.seconds)}" + (" (time ran out)" if time_ran_out else ""))
    return lines
