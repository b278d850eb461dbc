"""docs/format.md lists every key of every model, generated from the models, so it cannot drift."""

from __future__ import annotations

import re

from support import REPO

from quiz.authoring import formatdoc
from quiz.authoring.fielddocs import FIELD_DOCS

FORMAT = REPO / "docs" / "format.md"


def test_every_model_has_exactly_its_fields_documented():
    for model, _ in formatdoc.SECTIONS:
        assert set(FIELD_DOCS[model.__name__]) == set(model.model_fields), model.__name__
    assert set(FIELD_DOCS) == {m.__name__ for m, _ in formatdoc.SECTIONS}


def test_every_model_field_appears_in_its_section_of_format_md():
    text = FORMAT.read_text(encoding="utf-8")
    for model, _ in formatdoc.SECTIONS:
        section = text.split(f"### {model.__name__}\n", 1)[1].split("\n### ", 1)[0]
        keys = re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M)
        assert keys == list(model.model_fields), model.__name__


def test_the_generated_reference_is_up_to_date():
    text = FORMAT.read_text(encoding="utf-8")
    start, end = text.index(formatdoc.BEGIN), text.index(formatdoc.END) + len(formatdoc.END)
    assert text[start:end] == formatdoc.render(), "run `python -m quiz.authoring.formatdoc`"


def test_the_authoring_guide_walks_through_the_whole_loop():
    guide = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    for step in (
        "dermquiz new",
        "dermquiz validate",
        "preview",
        "--watch",
        "dermquiz pack",
        "--to anki",
        "--to moodle",
        "--to html",
        "yaml-language-server",
    ):
        assert step in guide, step
