"""The atlas's pages as Markdown: one entity, or two side by side, finding by finding.

Built from the pack's entities only (teaching rule R3: contrast is drawn from the
descriptions, never written per pair). Pack text is cleaned and table cells escaped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quiz.feedback import show_values
from quiz.text import clean

if TYPE_CHECKING:
    from quiz.pack.pack import Pack

# Sections in the order a reader wants them; any others follow in the pack's own order.
SECTION_ORDER = (
    "definition",
    "clinical",
    "histopathology",
    "laboratory",
    "pathogenesis",
    "causes",
    "associations",
    "differential",
    "treatment",
    "prognosis",
)


def _cell(text: str) -> str:
    return clean(text).replace("|", "\\|").replace("\n", " ")


def _title(section: str) -> str:
    return section.replace("_", " ").capitalize()


def _sections(description: dict[str, str]) -> list[str]:
    known = [s for s in SECTION_ORDER if s in description]
    return known + [s for s in description if s not in known]


def _values(values: list[str] | None, finding=None) -> str:
    # Words, as the feedback's table writes them ("livedo purpura", not the id); a format-2
    # finding's own labels where it has them.
    if finding is not None and values:
        return " or ".join(finding.value_label(v) for v in values)
    return show_values(tuple(values) if values else None)


def entity_markdown(pack: Pack, entity_id: str) -> str:
    tax = pack.taxonomy
    entity = tax.entities[entity_id]
    parts = [f"# {entity.name}"]
    path = [tax.label(a) for a in reversed(tax.ancestors(entity_id))]
    if path:
        parts.append("*" + " › ".join(path) + "*")
    facts = []
    if entity.synonyms:
        facts.append(f"**Also called:** {', '.join(entity.synonyms)}")
    if entity.codes:
        facts.append("**Codes:** " + ", ".join(f"{k} {v}" for k, v in entity.codes.items()))
    if facts:
        parts.append("  \n".join(facts))
    if entity.summary:
        parts.append(entity.summary)
    features = tax.features(entity_id)
    if features:
        own = entity.features
        rows = ["| Finding | Fits |", "|---|---|"]
        for key in _finding_order(pack, features):
            inherited = "" if key in own else " (inherited)"
            rows.append(
                f"| {_cell(pack.finding_label(key))} | {_cell(_values(features[key], pack.findings.get(key)))}"
                f"{inherited} |"
            )
        parts.append("\n".join(rows))
    children = tax.children(entity_id)
    if children:
        parts.append("**Subtypes:** " + ", ".join(tax.label(c) for c in children))
    for section in _sections(entity.description):
        text = entity.description[section].strip()
        if text:
            parts.append(f"## {_title(section)}\n\n{text}")
    cases = sum(1 for case in pack.cases if case.answer == entity_id)
    parts.append(f"*{cases} case{'s' if cases != 1 else ''} in this pack have it as the answer.*")
    if entity.references:
        parts.append("## References\n\n" + "\n".join(f"- {r}" for r in entity.references))
    return clean("\n\n".join(parts))


def compare_rows(pack: Pack, a: str, b: str) -> list[tuple[str, str, str, bool]]:
    """(finding label, what a expects, what b expects, differs) for every finding either has."""
    tax = pack.taxonomy
    fa, fb = tax.features(a), tax.features(b)
    keys = _finding_order(pack, {**fa, **fb})
    rows = []
    for key in keys:
        va, vb = fa.get(key), fb.get(key)
        differs = va is not None and vb is not None and not set(va) & set(vb)
        finding = pack.findings.get(key)
        rows.append((pack.finding_label(key), _values(va, finding), _values(vb, finding), differs))
    return rows


def compare_markdown(pack: Pack, a: str, b: str, table: bool = True) -> str:
    """Two entities side by side: a table of findings (*table*), or one line per finding."""
    tax = pack.taxonomy
    ea, eb = tax.entities[a], tax.entities[b]
    parts = [f"# {ea.name} ⟷ {eb.name}"]
    relation = _relation(pack, a, b)
    if relation:
        parts.append(f"*{relation}*")
    rows = compare_rows(pack, a, b)
    if rows and table:
        lines = [f"| Finding | {_cell(ea.name)} | {_cell(eb.name)} |", "|---|---|---|"]
        for label, va, vb, differs in rows:
            mark = " ≠" if differs else ""
            lines.append(f"| {_cell(label)}{mark} | {_cell(va)} | {_cell(vb)} |")
        parts.append("\n".join(lines))
    elif rows:
        parts.append(
            "\n".join(
                f"- **{label}**{' ≠' if differs else ''} — {ea.name}: *{va}* · {eb.name}: *{vb}*"
                for label, va, vb, differs in rows
            )
        )
    if rows:
        telling = [label for label, _, _, differs in rows if differs]
        if telling:
            parts.append("**Tells them apart (≠):** " + ", ".join(telling))
        else:
            parts.append(
                "*No finding in this pack's vocabulary tells them apart; the "
                "descriptions below do.*"
            )
    parts.append(
        f"## Summary\n\n**{ea.name}:** {ea.summary or '—'}\n\n**{eb.name}:** {eb.summary or '—'}"
    )
    for section in _sections({**ea.description, **eb.description}):
        ta = ea.description.get(section, "").strip() or "—"
        tb = eb.description.get(section, "").strip() or "—"
        parts.append(f"## {_title(section)}\n\n**{ea.name}**\n\n{ta}\n\n**{eb.name}**\n\n{tb}")
    return clean("\n\n".join(parts))


def _relation(pack: Pack, a: str, b: str) -> str:
    tax = pack.taxonomy
    if tax.is_ancestor(a, b):
        return f"{tax.label(b)} is a subtype of {tax.label(a)}."
    if tax.is_ancestor(b, a):
        return f"{tax.label(a)} is a subtype of {tax.label(b)}."
    common = next((x for x in tax.ancestors(a) if x in tax.ancestors(b)), None)
    if common:
        return f"Both belong to {tax.label(common)}."
    return ""


def _finding_order(pack: Pack, features: dict) -> list[str]:
    order = list(pack.findings)
    return sorted(features, key=lambda k: (order.index(k) if k in order else len(order), k))
