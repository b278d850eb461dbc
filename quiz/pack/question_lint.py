"""Advice on format-2 questions (beyond the rules): menus a learner can game, panels too small
for their credits to mean much, key regions too small to hit in a terminal, prompts that give
the diagnosis away before it is asked."""

from __future__ import annotations

from quiz.pack.diagnostics import Diagnostic
from quiz.pack.loader import Sources
from quiz.pack.models import Case
from quiz.pack.pack import Pack
from quiz.pack.stages import question_stage

SMALL_PANEL = 10  # script-concordance panels of 15 or more are usual; below 10 credits are coarse
TERMINAL_COLUMNS = 80  # a region narrower than one cell of an 80-column picture is hard to hit


def lint_questions(pack: Pack, case: Case, sources: Sources) -> list[Diagnostic]:
    file = pack.case_files[case.id]
    out: list[Diagnostic] = []
    answer = pack.entities.get(case.answer)
    names = [
        n.casefold() for n in ([answer.name, *answer.synonyms] if answer else []) if len(n) > 3
    ]
    last = len(case.stages) - 1
    for i, q in enumerate(case.questions):
        at = ("questions", i)
        if q.kind == "choose" and q.allowed >= len(q.choices) and not q.harmful:
            out.append(
                sources.diag(
                    file,
                    at + ("pick",),
                    f"the learner may mark all {len(q.choices)} choices, which earns full credit",
                    "lower `pick`, or mark a choice as `harmful`",
                    severity="warning",
                )
            )
        if (
            q.kind == "choose"
            and list(q.choices)[: len(q.keys)] == list(q.keys)
            and len(q.choices) > len(q.keys)
        ):
            out.append(
                sources.diag(
                    file,
                    at + ("choices",),
                    "the keys come first in `choices`, and the menu is shown in the order written",
                    "mix the keys in among the other choices",
                    severity="info",
                )
            )
        if q.kind == "concordance" and sum(q.panel.values()) < SMALL_PANEL:
            out.append(
                sources.diag(
                    file,
                    at + ("panel",),
                    f"the panel has {sum(q.panel.values())} "
                    "experts; with so few, one vote moves a credit a long way",
                    "panels of 15 or more are usual",
                    severity="info",
                )
            )
        if q.kind == "point":
            image = next(
                (img for s in case.stages for img in s.images if img.file == q.image), None
            )
            for region in image.regions if image else []:
                if region.label in q.keys and region.box[2] * TERMINAL_COLUMNS < 1:
                    out.append(
                        sources.diag(
                            file,
                            at + ("keys",),
                            f"the region `{region.label}` is "
                            "narrower than one character of an 80-column picture",
                            "make its box wider, or ask on a closer view",
                            severity="info",
                        )
                    )
        text = " ".join([q.prompt, getattr(q, "new_information", "")]).casefold()
        if question_stage(case, q) < last and any(n in text for n in names):
            out.append(
                sources.diag(
                    file,
                    at,
                    f"the question `{q.id}` names the answer "
                    f"({answer.name}) before the diagnosis is asked",
                    "reword it, or ask it after the last stage",
                    severity="warning",
                )
            )
    return out
