"""Feedback on a format-2 question, as plain lines (line mode, exports) and Markdown (the app):
what the learner gave, what was right, the credit by the table of PRODUCT.md, the author's
explanation, and what later stages of the case showed that the learner had not seen yet."""

from __future__ import annotations

from quiz.case_questions import QuestionResult
from quiz.pack.models import SCALE_WORDS, Case
from quiz.pack.pack import Pack
from quiz.pack.stages import finding_stages, question_stage
from quiz.questions import longest_ordered, point_hits, question_image
from quiz.text import clean

KIND_WORDS = {
    "choose": "key feature",
    "point": "point at the picture",
    "rank": "ranking",
    "concordance": "script concordance",
    "diagnosis": "diagnosis",
}


def item_label(pack: Pack, item: str) -> str:
    """A rank item or a hypothesis: an entity's name, or the text as written."""
    return pack.taxonomy.label(item) if item in pack.entities else item


def step_text(step: int) -> str:
    return f"{step:+d} ({SCALE_WORDS[step]})" if step else f"0 ({SCALE_WORDS[0]})"


def concordance_prompt(pack: Pack, question) -> str:
    return question.prompt or (
        f"If you were thinking of {item_label(pack, question.hypothesis)}, "
        f"and then learn this, the hypothesis becomes…"
    )


def question_lines(
    pack: Pack, case: Case, result: QuestionResult, *, before_diagnosis: bool = False
) -> list[str]:
    """A question's feedback. *before_diagnosis*: shown right after the question, before the
    case's own feedback, so nothing that later stages show and nothing that names the
    diagnosis is told yet (the case's feedback tells it all)."""
    q = result.question
    head = f"Question {q.id} ({KIND_WORDS.get(q.kind, q.kind)})"
    if not result.counted:
        return [clean(f"{head}: skipped, not counted.")]
    out = [
        f"{head}: credit {result.credit:.0%}" + ("" if q.weight == 1 else f" (weight {q.weight:g})")
    ]
    out += _details(pack, case, result, hide_answer=before_diagnosis)
    if q.explain.strip():
        if before_diagnosis and _names_the_diagnosis(pack, case, q):
            out.append("  Why: with the case's feedback (it would name the diagnosis).")
        else:
            out.append(f"  Why: {q.explain.strip()}")
    if result.confidence == 3 and result.credit == 0:
        out.append(
            "  You were sure, and it was wrong: errors made with confidence and then "
            "corrected are remembered best, so read why once more."
        )
    if not before_diagnosis:
        out += later_lines(pack, case, question_stage(case, q))
    return [clean(line) for line in out]


def _names_the_diagnosis(pack: Pack, case: Case, q) -> bool:
    """Whether *q*'s explanation (or its ranked items) would tell the case's answer."""
    answers = {case.answer, *case.accept}
    if q.kind == "rank" and answers & set(q.items):
        return True
    text = q.explain.casefold()
    for eid in answers:
        entity = pack.entities.get(eid)
        words = [eid, *(([entity.name, *entity.synonyms]) if entity else [])]
        if any(w and w.casefold() in text for w in words):
            return True
    return False


def _details(
    pack: Pack, case: Case, result: QuestionResult, hide_answer: bool = False
) -> list[str]:
    q, response = result.question, result.response
    if q.kind == "choose":
        chosen = [q.choices.get(c, str(c)) for c in response or []]
        out = [f"  You chose: {'; '.join(chosen) or 'nothing'}"]
        out.append(f"  Right: {'; '.join(q.choices[k] for k in q.keys)}")
        harmful = [q.choices[c] for c in response or [] if c in q.harmful]
        if harmful:
            out.append(f"  Harmful, so the question scores 0: {'; '.join(harmful)}")
        if len(set(response or [])) > q.allowed:
            out.append(f"  More than {q.allowed} chosen, so the question scores 0.")
        return out
    if q.kind == "point":
        image = question_image(case, q)
        hits = point_hits(image, q.keys, response or []) if image else set()
        marks = len(response or [])
        out = [
            f"  You placed {marks} mark{'s' if marks != 1 else ''}; "
            f"{len(hits)} of the {len(q.keys)} key region{'s' if len(q.keys) != 1 else ''} hit."
        ]
        missed = [k for k in q.keys if k not in hits]
        if missed:
            out.append(f"  Not marked: {', '.join(missed)}")
        return out
    if q.kind == "rank":
        order = [item_label(pack, i) for i in response or []]
        kept = longest_ordered(q.items, response or [])
        right = f"  Right order: {' > '.join(item_label(pack, i) for i in q.items)}"
        if hide_answer and {case.answer, *case.accept} & set(q.items):
            right = "  The right order comes with the case's feedback: it would name the diagnosis."
        return [
            f"  Your order: {' > '.join(order) or 'none'}",
            right,
            f"  {kept} of {len(q.items)} in the right relative order.",
        ]
    if q.kind == "concordance":
        spread = ", ".join(
            f"{step:+d}: {q.votes(step)}" if step else f"0: {q.votes(0)}"
            for step in sorted(SCALE_WORDS)
        )
        mine = "no answer" if response is None else step_text(int(response))
        return [
            f"  Hypothesis: {item_label(pack, q.hypothesis)}; new fact: {q.new_information.strip()}",
            f"  Your answer: {mine}",
            f"  The panel ({sum(q.panel.values())} experts): {spread}",
        ]
    return []


def later_lines(pack: Pack, case: Case, asked_after: int) -> list[str]:
    """What the stages after *asked_after* showed: what the learner had not seen yet."""
    if asked_after >= len(case.stages) - 1:
        return []
    stages = finding_stages(case, pack.findings)
    names = [s.name or f"stage {i + 1}" for i, s in enumerate(case.stages)]
    out = [f"  You answered after {names[asked_after]}; later stages showed:"]
    later = [(k, v) for k, v in case.findings.items() if stages.get(k, -1) > asked_after]
    for key, value in later:
        finding = pack.findings.get(key)
        shown = finding.value_label(value) if finding else value
        out.append(f"    - {names[stages[key]]}: {pack.finding_label(key).lower()} — {shown}")
    if not later:
        out.append(f"    - {', '.join(names[asked_after + 1 :])}")
    return out


def question_markdown(
    pack: Pack, case: Case, result: QuestionResult, *, before_diagnosis: bool = False
) -> str:
    lines = question_lines(pack, case, result, before_diagnosis=before_diagnosis)
    return "\n".join(
        [f"**{lines[0]}**", ""]
        + [
            f"- {line.strip()}"
            if not line.startswith("    ")
            else f"  - {line.strip().lstrip('- ')}"
            for line in lines[1:]
        ]
    )


def answered_markdown(pack: Pack, answered) -> str:
    """The questions of an answered case as Markdown, then the case credit and CBM mark."""
    case = pack.case(answered.case_id)
    parts = ["### The case's questions"]
    parts += [question_markdown(pack, case, r) for r in answered.questions]
    parts.append(
        f"**Case credit: {answered.case_credit:.0%}** (the weighted mean of the diagnosis "
        "and the questions counted)"
    )
    if answered.cbm is not None:
        parts.append(f"**Certainty-based mark: {answered.cbm:+.2f}** (from −6 to +3)")
    return "\n\n".join(parts)
