"""Turn pydantic's validation errors into located, actionable diagnostics."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ValidationError

from quiz.pack.diagnostics import Diagnostic, did_you_mean
from quiz.pack.yamlio import YamlDoc

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping (key: value lines)",
    "tuple_type": "a list",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
}


def _show(value: object) -> str:
    if value is True or value is False:
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _dotted(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that holds the last key of *loc* (to suggest its field names). *loc*
    is pydantic's: a tagged union (the kinds of question) puts the tag among the keys."""
    candidates: list[type[BaseModel]] = [model]
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        tagged = [m for m in candidates if _tag(m) == part]
        if tagged and not any(str(part) in m.model_fields for m in candidates):
            candidates = tagged
            continue
        holder = next((m for m in candidates if str(part) in m.model_fields), None)
        if holder is None:
            return None
        candidates = _inner_models(holder.model_fields[str(part)].annotation)
        if not candidates:
            return None
    return candidates[0] if len(candidates) == 1 else None


def _tag(model: type[BaseModel]) -> str | None:
    field = model.model_fields.get("kind")
    args = getattr(field.annotation, "__args__", ()) if field else ()
    return args[0] if len(args) == 1 and isinstance(args[0], str) else None


def _inner_models(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    out: list[type[BaseModel]] = []
    for arg in getattr(annotation, "__args__", None) or ():
        out += [m for m in _inner_models(arg) if m not in out]
    return out


def _doc_loc(model: type[BaseModel], loc: tuple) -> tuple:
    """*loc* without the tags of tagged unions, i.e. the path as written in the file."""
    out: list = []
    candidates: list[type[BaseModel]] = [model]
    for part in loc:
        if isinstance(part, int):
            out.append(part)
            continue
        tagged = [m for m in candidates if _tag(m) == part]
        if tagged and not any(str(part) in m.model_fields for m in candidates):
            candidates = tagged
            continue
        out.append(part)
        holder = next((m for m in candidates if str(part) in m.model_fields), None)
        candidates = _inner_models(holder.model_fields[str(part)].annotation) if holder else []
    return tuple(out)


def diagnostics_from(
    error: ValidationError, model: type[BaseModel], file: Path, doc: YamlDoc, prefix: tuple = ()
) -> list[Diagnostic]:
    """One diagnostic per error in *error*; *prefix* locates the validated value in *doc*."""
    out: list[Diagnostic] = []
    for err in error.errors(include_url=False):
        raw = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        loc = _doc_loc(model, raw)
        kind = err["type"]
        name = _dotted(loc) or "the file"
        full = prefix + loc
        if kind == "union_tag_invalid":
            pos = doc.where(full + ("kind",))
            tags = err.get("ctx", {}).get("expected_tags", "").replace("'", "")
            message = f"`{name}.kind` is {_show(err.get('ctx', {}).get('tag'))}, which is not a kind of question"
            hint = f"write one of: {tags}"
        elif kind == "union_tag_not_found":
            pos = doc.where(full)
            message = f"`{name}` needs the key `kind`"
            hint = "add `kind:` with one of: choose, point, rank, concordance"
        elif kind == "extra_forbidden":
            pos = doc.where(full, key=True)
            holder = _model_at(model, raw)
            known = list(holder.model_fields) if holder else []
            hint = did_you_mean(str(loc[-1]), known) or (
                f"remove it; the keys allowed here are {', '.join(known)}" if known else "remove it"
            )
            if hint.startswith("did you mean"):
                hint = f"{hint[0].upper()}{hint[1:]} Otherwise remove it."
            message = f"unknown key `{loc[-1]}`"
        elif kind == "missing":
            pos = doc.where(full[:-1])
            message, hint = f"the required key `{loc[-1]}` is missing", f"add `{loc[-1]}:` here"
            if loc[:-1]:
                message = f"`{_dotted(loc[:-1])}` needs the key `{loc[-1]}`"
        elif kind in _TYPE_WORDS:
            pos = doc.where(full)
            got = _show(err.get("input"))
            message = f"`{name}` should be {_TYPE_WORDS[kind]}, not {got}"
            hint = "change the value"
            if kind == "string_type" and isinstance(err.get("input"), (bool, int, float)):
                hint = "put the value in quotes (YAML reads yes/no/on/off as true/false)"
        elif kind == "literal_error":
            pos = doc.where(full)
            message = f"`{name}` is {_show(err.get('input'))}, which is not allowed"
            hint = err["msg"].replace("Input should be", "write") if err.get("msg") else "change it"
        elif kind == "string_pattern_mismatch":
            pos = doc.where(full)
            message = f"`{name}` {_show(err.get('input'))} is not a valid id or key"
            hint = "use lowercase letters, digits and hyphens (a-z, 0-9, -), starting with a letter or digit"
        elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            pos = doc.where(full)
            message = f"`{name}` is {_show(err.get('input'))}, out of range"
            hint = err["msg"].replace("Input should be", "use a value")
        elif kind in ("too_short", "too_long", "string_too_long"):
            pos = doc.where(full)
            message = f"`{name}`: {err['msg'].lower()}"
            hint = "add at least one item" if kind == "too_short" else "shorten it"
        else:
            pos = doc.where(full)
            msg = err["msg"].removeprefix("Value error, ")
            message, hint = f"`{name}`: {msg}", "correct the value"
        line, col = pos if pos else (None, None)
        out.append(Diagnostic(file, line, col, message, hint))
    return out
