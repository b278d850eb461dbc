"""Feedback as lines of plain text (line mode, exports) and as Markdown (the app)."""

from __future__ import annotations

from quiz.feedback import Feedback, show_value, show_values
from quiz.text import clean, markdown_to_plain
from quiz.vocabulary import Mode, Verdict


def feedback_lines(fb: Feedback) -> list[str]:
    out = [fb.verdict_line]
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


def feedback_markdown(fb: Feedback) -> str:
    """The same feedback as Markdown, with the contrast as a table."""
    parts = [f"## {fb.verdict_line}"]
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
