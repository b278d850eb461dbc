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
    """The model class that holds the last key of *loc* (to suggest its field names)."""
    current: object = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(str(part))
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: object) -> object:
    args = getattr(annotation, "__args__", None)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in args or ():
        found = _inner_model(arg)
        if isinstance(found, type) and issubclass(found, BaseModel):
            return found
    return None


def diagnostics_from(error: ValidationError, model: type[BaseModel], file: Path, doc: YamlDoc,
                     prefix: tuple = ()) -> list[Diagnostic]:
    """One diagnostic per error in *error*; *prefix* locates the validated value in *doc*."""
    out: list[Diagnostic] = []
    for err in error.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        kind = err["type"]
        name = _dotted(loc) or "the file"
        full = prefix + loc
        if kind == "extra_forbidden":
            pos = doc.where(full, key=True)
            holder = _model_at(model, loc)
            known = list(holder.model_fields) if holder else []
            hint = did_you_mean(str(loc[-1]), known) or (
                f"remove it; the keys allowed here are {', '.join(known)}" if known else "remove it")
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
