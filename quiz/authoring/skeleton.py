"""`dermquiz new`: a pack skeleton that validates without a warning and plays at once.

The files come from templates/ with every key explained in a comment; each starts with the
`# yaml-language-server: $schema=...` line pointing at schemas written into the pack itself
(`.schema/`), so editors check the files offline. With `uses`, the example case answers with
an entity of the used pack, its findings taken from that entity's features.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

from quiz.authoring.drawing import foam_cells_png
from quiz.authoring.schema import write_schemas
from quiz.pack.pack import Pack

_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "y", "n", "null", "~"}


class NewPackError(Exception):
    """The skeleton cannot be written; str() says why and what to do."""


def slug(name: str) -> str:
    """A pack id made from a folder name: lowercase, digits and dashes."""
    text = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return text[:100] or "my-pack"


def new_pack(
    dest: Path, *, uses_ref: str | None = None, used: Pack | None = None, format: int = 1
) -> list[Path]:
    """Write a new pack into *dest* (missing or empty); return the files written.

    *uses_ref* is what pack.yaml's `uses` will say; *used* is that pack, loaded. *format* 2
    adds one question of each kind to the example case and labels a finding's values.
    """
    dest = Path(dest)
    if format == 2 and used is not None:
        raise NewPackError(
            "`--format 2` and `--uses` do not go together yet — make the pack "
            "with `--format 2`, then add `uses:` to its pack.yaml"
        )
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise NewPackError(
            f"{dest} already exists and is not an empty folder — give the path of a new folder"
        )
    pack_id = slug(dest.resolve().name)
    values = {
        "dir": str(dest),
        "id": pack_id,
        "title": _scalar(
            dest.resolve().name.replace("-", " ").replace("_", " ").strip().capitalize()
            or "My pack"
        ),
    }
    try:
        dest.mkdir(parents=True, exist_ok=True)
        files = write_schemas(dest / ".schema")
        if used is None:
            case_id, case_file = "crops-of-yellow-papules", "crops-of-yellow-papules.yaml"
            pack_text, case_text = _template("pack.yaml", values), _template("case.yaml", values)
            if format == 2:
                pack_text, case_text = _format2(pack_text, case_text)
            files.append(_write(dest / "pack.yaml", pack_text))
            files.append(_write(dest / "entities.yaml", _template("entities.yaml", values)))
            files.append(_write(dest / "cases" / case_file, case_text))
        else:
            case_id, case_file = "first-case", "first-case.yaml"
            values |= _uses_values(used, uses_ref or used.id)
            files.append(_write(dest / "pack.yaml", _template("pack-uses.yaml", values)))
            files.append(_write(dest / "cases" / case_file, _template("case-uses.yaml", values)))
        image = dest / "images" / case_id / "histology.png"
        image.parent.mkdir(parents=True, exist_ok=True)
        image.write_bytes(foam_cells_png())
        files.append(image)
        files.append(
            _write(
                dest / "AUTHORING.md", _template("AUTHORING.md", values | {"case_file": case_file})
            )
        )
        # The key-by-key reference, from the installed DermQuiz itself: a `pip install`
        # has no docs/ folder, and the reference must match the version that loads the pack.
        from quiz.authoring.formatdoc import reference_markdown

        files.append(_write(dest / "FORMAT.md", reference_markdown()))
    except OSError as exc:
        raise NewPackError(
            f"cannot write the pack into {dest}: {exc.strerror or exc} — check "
            "that the folder is writable"
        ) from None
    return files


def _format2(pack_text: str, case_text: str) -> tuple[str, str]:
    """The format-1 templates moved to format 2: the version, labelled values, questions."""
    pack_text = pack_text.replace(
        "format: 1                    # the version of the pack format; DermQuiz reads 1",
        "format: 2                    # the version of the pack format; 2 adds `questions:`",
    )
    pack_text = pack_text.replace(
        "    values: [normal, raised, very-high]",
        "    values:                  # format 2: {id: label}, so learners read the label\n"
        "      normal: normal\n      raised: raised\n"
        "      very-high: very high (above about 10 mmol/L)",
    )
    case_text = case_text.split("# questions: []")[0].rstrip("\n")
    return pack_text, case_text + "\n\n" + _template("case-questions.yaml", {})


def _template(name: str, values: dict[str, str]) -> str:
    text = resources.files("quiz.authoring").joinpath("templates", name).read_text(encoding="utf-8")
    return re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], text)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _scalar(text: str) -> str:
    """*text* as a YAML scalar: plain when that reads back the same, else double-quoted."""
    if (
        re.fullmatch(r"[A-Za-z][A-Za-z0-9 ._-]*", text)
        and text.lower() not in _YAML_WORDS
        and not text.endswith(" ")
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def _uses_values(used: Pack, ref: str) -> dict[str, str]:
    answer, findings = pick_answer(used)
    lines = [f"  {key}: {_scalar(value)}" for key, value in findings.items()]
    return {
        "uses": ref,
        "uses_yaml": _scalar(ref),
        "uses_title": used.title,
        "question": _scalar(used.manifest.question),
        "answer": answer,
        "answer_name": used.taxonomy.label(answer),
        "case_title": _scalar(f"A case of {used.taxonomy.label(answer)}"),
        "findings": "\n".join(lines) if lines else "  {}",
    }


def pick_answer(pack: Pack) -> tuple[str, dict[str, str]]:
    """An entity of *pack* for the example case, and findings that fit it and tell it from
    its siblings: the leaf whose siblings all end up excluded, with the most features."""
    from quiz.pack.lint import excluded_by

    tax = pack.taxonomy
    best: tuple[tuple[int, int, int], str, dict[str, str]] | None = None
    for order, (eid, _) in enumerate(tax.walk()):
        if tax.children(eid):
            continue
        parent = tax.parent(eid)
        siblings = [s for s in (tax.children(parent) if parent else tax.roots) if s != eid]
        features = tax.features(eid)
        findings: dict[str, str] = {}
        for key, fits in features.items():
            if key not in pack.findings or not fits:
                continue
            # The fitting value that the fewest siblings share tells the entity apart best.
            findings[key] = min(
                fits, key=lambda v: sum(v in tax.features(s).get(key, [v]) for s in siblings)
            )
        unexcluded = sum(1 for s in siblings if not excluded_by(tax, s, findings))
        score = (unexcluded, -len(findings), order)
        if best is None or score < best[0]:
            best = (score, eid, findings)
    if best is None:
        raise NewPackError(
            f"the pack `{pack.id}` has no entities to write a case on — "
            "give a pack with an entities.yaml"
        )
    return best[1], best[2]
