"""`dermquiz config`: where the config file is, and every setting in force with its source."""

from __future__ import annotations

from enum import Enum

from quiz.settings import CONFIG_ENV, Settings


def config_report(settings: Settings) -> str:
    path = settings.config_file
    if settings.config_found:
        where = f"Config file: {path}"
    else:
        where = (
            f"Config file: {path} (not there: create it to change a default; "
            "`dermquiz config --example` prints one to start from)"
        )
    lines = [
        where,
        f"  (another file: --config FILE or {CONFIG_ENV})",
        "",
        "Settings in force (flags win over DERMQUIZ_* variables, which win over the file):",
    ]
    rows = [(name, _shown(value), source) for name, value, source in settings.items()]
    width = max(len(name) for name, _, _ in rows)
    value_width = min(40, max(len(value) for _, value, _ in rows))
    for name, value, source in rows:
        lines.append(f"  {name:<{width}}  {value:<{value_width}}  ({source})")
    if not settings.keys:
        lines += [
            "",
            "Keys: as shipped. A [keys] table in the config file remaps them by "
            "binding id (`dermquiz config --example` shows how).",
        ]
    lines += _binding_lines(settings)
    return "\n".join(lines) + "\n"


def _shown(value) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    if value == "":
        return '""'
    return str(value)


def _binding_lines(settings: Settings) -> list[str]:
    """The ids a [keys] table can name, and any it names that the app does not have."""
    try:
        from quiz.tui.app import DermQuizApp
        from quiz.tui.keys import binding_ids, check_keymap
    except ImportError:  # a build without the app: there is nothing to remap
        return []
    problems = check_keymap(settings, DermQuizApp)
    lines = ["", "Binding ids for [keys]: " + ", ".join(sorted(binding_ids(DermQuizApp)))]
    if problems:
        lines += ["", "Problems in [keys] (these are ignored):", *(f"  {p}" for p in problems)]
    return lines
