"""Where in a case's stages things happen: the stage a question follows, the stage that
makes a finding known. Shared by the loader's checks, the session, feedback and both UIs."""

from __future__ import annotations

import re

from quiz.pack.models import Case, FindingDef


def stage_index(case: Case, name: str | None) -> int | None:
    """The index of the stage called *name* (case and spaces ignored); the last stage for
    None; None when the case has no such stage."""
    if name is None:
        return len(case.stages) - 1
    wanted = " ".join(name.split()).casefold()
    for i, stage in enumerate(case.stages):
        if " ".join(stage.name.split()).casefold() == wanted:
            return i
    return None


def question_stage(case: Case, question) -> int:
    """The stage after which *question* is asked (the last one if `after` is unknown)."""
    found = stage_index(case, question.after)
    return len(case.stages) - 1 if found is None else found


def finding_stages(case: Case, findings: dict[str, FindingDef]) -> dict[str, int]:
    """The stage at which each of the case's findings becomes known: the stage whose `reveals`
    names it; else the first stage whose text, captions or alt text name the finding or its
    value. A finding no stage names is left out: when it was shown is not known."""
    out: dict[str, int] = {}
    for i, stage in enumerate(case.stages):
        for key in stage.reveals or ():
            out.setdefault(key, i)
    texts = [
        _words(" ".join([stage.text, *(f"{im.caption} {im.alt or ''}" for im in stage.images)]))
        for stage in case.stages
    ]
    for key, value in case.findings.items():
        if key in out:
            continue
        finding = findings.get(key)
        names = [finding.label, finding.value_label(value)] if finding else []
        names.append(value.replace("-", " ").replace("_", " "))
        for i, text in enumerate(texts):
            if any(_mentions(text, n) for n in names):
                out[key] = i
                break
    return out


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[\w-]+", text.casefold())) + " "


def _mentions(text: str, name: str) -> bool:
    name = _words(name).strip()
    # very short words ("ear", "no") match too much prose to mean anything
    return len(name) >= 3 and f" {name} " in text
