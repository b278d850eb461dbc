"""The settings in force, resolved once at start: command-line flags, then the DERMQUIZ_*
environment variables, then the user's config file (TOML), then the defaults.

The command line resolves them (`Settings.resolve(args)`) and passes them down; nothing writes
os.environ to hand a flag to deeper code. Code that is not handed settings (the pack cache's
folder, deep in a load) asks `current()`: the settings the command line installed, else those
of the environment and the config file. `dermquiz config` shows each value and where it came
from. A bad config file is reported as FILE:LINE with what to do, never as a traceback.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import MappingProxyType

# NamedTuples, not dataclasses: importing dataclasses (and inspect with it) was a tenth of
# a first `dermquiz image`, which needs the settings and nothing else of the kind.
from typing import Any, NamedTuple

from quiz.errors import UserError
from quiz.learner import LearnerNameError, clean_learner
from quiz.vocabulary import Mode

APP_NAME = "dermquiz"
CONFIG_ENV = "DERMQUIZ_CONFIG"
CONFIG_NAME = "config.toml"
GRAPHICS = ("auto", "kitty", "sixel", "halfcell", "none")
KEYS_TABLE = "keys"


class SettingsError(UserError):
    """A setting that cannot be used; str() says where it was given and what to do."""


# -- the values ---------------------------------------------------------------------------


def _path(value: Any) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("give a folder, as text")
    return Path(value.strip()).expanduser()


def _graphics(value: Any) -> str:
    text = str(value).strip().lower() if isinstance(value, str) else None
    if text not in GRAPHICS:
        raise ValueError(f"{value!r} is not a way to draw images: use one of {', '.join(GRAPHICS)}")
    return text


def _per_day(value: Any) -> int:
    if isinstance(value, str):
        try:
            value = int(value.strip())
        except ValueError:
            pass
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{value!r} is not a number of cases: give a whole number from 1 up")
    return value


def _mode(value: Any) -> Mode:
    try:
        return Mode(str(value).strip().lower())
    except ValueError:
        raise ValueError(
            f"{value!r} is not a mode: use one of {', '.join(m.value for m in Mode)}"
        ) from None


def _theme(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError('give a theme name, e.g. "textual-dark" or "textual-light"')
    return value.strip()  # the app checks it against its themes (the core knows none)


def _learner(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("give the learner name as text, in quotes")
    try:
        return clean_learner(value)
    except LearnerNameError as exc:
        raise ValueError(str(exc)) from None


def _default_learner() -> str:
    try:
        import getpass  # here: most commands never need the user's name

        return clean_learner(getpass.getuser())
    except Exception:  # no user name in a container without passwd entries: record ''
        return ""


def _platform_dir(kind: str, author: bool = False) -> Callable[[], Path]:
    def default() -> Path:
        import platformdirs

        # The cache keeps the folder it always had (with the author level on Windows).
        return Path(
            getattr(platformdirs, kind)(APP_NAME, **({} if author else {"appauthor": False}))
        )

    return default


class Spec(NamedTuple):
    """One setting: its environment variable, its flag (the argparse attribute), its parser."""

    name: str
    env: str
    flag: str | None
    parse: Callable[[Any], Any]
    default: Callable[[], Any]
    default_source: str
    help: str


SPECS = (
    Spec(
        "data_dir",
        "DERMQUIZ_DATA_DIR",
        "--data-dir",
        _path,
        _platform_dir("user_data_dir"),
        "default",
        "where progress and your added packs are kept",
    ),
    Spec(
        "cache_dir",
        "DERMQUIZ_CACHE_DIR",
        None,
        _path,
        _platform_dir("user_cache_dir", author=True),
        "default",
        "where loaded packs, unpacked zips and image previews are kept",
    ),
    Spec(
        "graphics",
        "DERMQUIZ_GRAPHICS",
        "--graphics",
        _graphics,
        lambda: "auto",
        "default",
        f"how images are drawn: {', '.join(GRAPHICS)}",
    ),
    Spec(
        "new_per_day",
        "DERMQUIZ_NEW_PER_DAY",
        "--new-per-day",
        _per_day,
        lambda: 10,
        "default",
        "review mode: unseen cases introduced per day",
    ),
    Spec(
        "mode",
        "DERMQUIZ_MODE",
        "--mode",
        _mode,
        lambda: Mode.LEARN,
        "default",
        f"the mode `dermquiz play` starts in: {', '.join(m.value for m in Mode)}",
    ),
    Spec(
        "theme",
        "DERMQUIZ_THEME",
        "--theme",
        _theme,
        lambda: "textual-dark",
        "default",
        "the app's colours: a Textual theme name",
    ),
    Spec(
        "learner",
        "DERMQUIZ_LEARNER",
        "--learner",
        _learner,
        _default_learner,
        "your user name",
        "who is answering: recorded on every attempt",
    ),
)
_BY_NAME = {spec.name: spec for spec in SPECS}


def config_path(flag: str | None = None, env: Mapping[str, str] | None = None) -> Path:
    """The config file: --config, else DERMQUIZ_CONFIG, else config.toml in the user's
    config folder (platformdirs)."""
    env = os.environ if env is None else env
    given = flag or env.get(CONFIG_ENV, "").strip()
    if given:
        return Path(given).expanduser()
    return _platform_dir("user_config_dir")() / CONFIG_NAME


class Settings(NamedTuple):
    data_dir: Path
    cache_dir: Path
    graphics: str
    new_per_day: int
    mode: Mode
    theme: str
    learner: str
    keys: Mapping[str, str] = MappingProxyType({})  # binding id -> keys ("f1,ctrl+h")
    config_file: Path | None = None
    config_found: bool = False
    # name -> where its value came from: "--data-dir", "DERMQUIZ_DATA_DIR",
    # "config.toml line 3", "default"; keys.<id> for each remapped binding
    sources: Mapping[str, str] = MappingProxyType({})

    @classmethod
    def resolve(
        cls,
        flags: Any = None,
        env: Mapping[str, str] | None = None,
        config_file: Path | None = None,
        *,
        read_config: bool = True,
    ) -> Settings:
        """The settings from *flags* (an argparse Namespace or a mapping; None or a missing
        attribute means not given), *env* (default os.environ), then the config file.
        Raises SettingsError, located, for any value that cannot be used."""
        env = os.environ if env is None else env
        given = _flag_values(flags)
        path = config_file or config_path(given.get("config"), env)
        config: dict[str, Any] = {}
        lines: dict[str, int] = {}
        found = False
        if read_config:
            if given.get("config"):
                other = "--config FILE"
            elif not config_file and env.get(CONFIG_ENV, "").strip():
                other = CONFIG_ENV
            else:
                other = f"--config FILE or {CONFIG_ENV}"
            found, config, lines = _read_config(path, other)
        values: dict[str, Any] = {}
        sources: dict[str, str] = {}
        for spec in SPECS:
            where, raw = _pick(spec, given, env, config, lines, path)
            if where is None:
                values[spec.name], sources[spec.name] = spec.default(), spec.default_source
                continue
            try:
                value = spec.parse(raw)
            except ValueError as exc:
                raise SettingsError(f"{where}: {spec.name}: {exc}") from None
            if spec.parse is _path and where.startswith(str(path)) and not value.is_absolute():
                value = path.parent / value  # relative to the config file, not the working folder
            values[spec.name], sources[spec.name] = value, _source_name(where, path)
        keys = config.get(KEYS_TABLE, {})
        for binding in keys:
            sources[f"{KEYS_TABLE}.{binding}"] = _source_name(
                _where(path, lines.get(f"{KEYS_TABLE}.{binding}")), path
            )
        return cls(
            **values,
            keys=MappingProxyType(dict(keys)),
            config_file=path,
            config_found=found,
            sources=MappingProxyType(sources),
        )

    def given(self, name: str) -> bool:
        """Whether setting *name* was given (a flag, the environment, the config file) rather
        than left to its default."""
        default = next(spec.default_source for spec in SPECS if spec.name == name)
        return self.sources.get(name, default) != default

    def items(self) -> Iterator[tuple[str, Any, str]]:
        """(name, value, source) for every setting, in the order `dermquiz config` shows them."""
        for spec in SPECS:
            yield spec.name, getattr(self, spec.name), self.sources.get(spec.name, "default")
        for binding, keys in self.keys.items():
            name = f"{KEYS_TABLE}.{binding}"
            yield name, keys, self.sources.get(name, "config file")

    def key_line(self, binding: str) -> str:
        """FILE:LINE where `[keys] <binding>` was given, for messages about it."""
        source = self.sources.get(f"{KEYS_TABLE}.{binding}", "")
        line = source.rpartition("line ")[2] if "line " in source else ""
        return f"{self.config_file}:{line}" if line else str(self.config_file)


# -- reading the config file ----------------------------------------------------------------

_TOML_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$|\s*\(at end of document\)$")


def _read_config(
    path: Path, other: str = CONFIG_ENV
) -> tuple[bool, dict[str, Any], dict[str, int]]:
    """(found, checked values, line of each key). Raises SettingsError, located; *other*
    says how another file is named (the way this one was)."""
    from quiz.file_kind import not_a_file

    what = not_a_file(path)
    if what is not None:  # a folder would say "Is a directory"; a named pipe would hang
        raise SettingsError(
            f"{path}: is {what}, not a config file — name a TOML file with {other} "
            f"(`dermquiz config --example` prints one to start from)"
        )
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return False, {}, {}
    except OSError as exc:
        raise SettingsError(
            f"{path}: cannot read the config file: {exc.strerror or exc} — "
            f"fix its permissions, or name another with {other}"
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SettingsError(
            f"{path}:{line}: the config file is not UTF-8 text — save it as UTF-8"
        ) from None
    import tomllib  # here: with no config file, nothing to parse

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        place = _TOML_PLACE.search(message)
        what = message[: place.start()] if place else message
        if place and place.group(1):
            where = f"{path}:{place.group(1)}:{place.group(2)}"
        else:
            where = f"{path}:{text.count(chr(10)) + 1}"
        raise SettingsError(
            f"{where}: not valid TOML: {what} — a setting is written "
            'name = value, text in quotes, e.g. learner = "ada"'
        ) from None
    lines = _key_lines(text)
    known = [spec.name for spec in SPECS] + [KEYS_TABLE]
    for key in data:
        if key not in known:
            raise SettingsError(
                f"{_where(path, lines.get(key))}: unknown setting `{key}`"
                f"{_did_you_mean(key, known)} — the settings are "
                f"{', '.join(known)} (`dermquiz config` shows them)"
            )
    keys = data.get(KEYS_TABLE, {})
    if not isinstance(keys, dict):
        raise SettingsError(
            f"{_where(path, lines.get(KEYS_TABLE))}: `{KEYS_TABLE}` is a table: "
            f'write [keys] on its own line, then e.g. help = "f1"'
        )
    for binding, value in keys.items():
        if not isinstance(value, str) or not value.strip():
            raise SettingsError(
                f"{_where(path, lines.get(f'{KEYS_TABLE}.{binding}'))}: "
                f'keys.{binding}: give the keys as text, e.g. "f1" or '
                '"ctrl+h,f1"'
            )
    return True, data, lines


def _key_lines(text: str) -> dict[str, int]:
    """The line of each top-level key and of each `table.key`: TOML errors carry a line, but
    a key that parses and is wrong only gets one from here."""
    out: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        header = re.match(r"\[\s*([^\]]+?)\s*\]", stripped)
        if header and not stripped.startswith("[["):
            table = header.group(1).strip().strip("\"'")
            out.setdefault(table, number)
            continue
        key = re.match(r"""(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_.-]+))\s*=""", stripped)
        if key:
            name = next(g for g in key.groups() if g is not None)
            out.setdefault(f"{table}.{name}" if table else name, number)
    return out


def _where(path: Path, line: int | None) -> str:
    return f"{path}:{line}" if line else str(path)


def _did_you_mean(word: str, choices: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word.replace("-", "_").lower(), choices, n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


# -- choosing among the sources -------------------------------------------------------------


def _flag_values(flags: Any) -> dict[str, Any]:
    if flags is None:
        return {}
    items = flags.items() if isinstance(flags, Mapping) else vars(flags).items()
    return {k: v for k, v in items if v is not None}


def _pick(
    spec: Spec,
    given: dict[str, Any],
    env: Mapping[str, str],
    config: dict[str, Any],
    lines: dict[str, int],
    path: Path,
) -> tuple[str | None, Any]:
    if spec.flag is not None and spec.name in given:
        return spec.flag, given[spec.name]
    value = env.get(spec.env)
    if value is not None and value.strip():
        return spec.env, value
    if spec.name in config:
        return _where(path, lines.get(spec.name)), config[spec.name]
    return None, None


def _source_name(where: str, path: Path) -> str:
    if where.startswith(str(path)):
        line = where[len(str(path)) + 1 :]
        return f"config file, line {line}" if line else "config file"
    return where


# -- the settings in force --------------------------------------------------------------------

_installed: Settings | None = None


def current() -> Settings:
    """The settings the command line installed; else resolved now from the environment and
    the config file (a config file with an error is left out here: the command line reports
    it; deep code must not fail on it)."""
    if _installed is not None:
        return _installed
    try:
        return Settings.resolve()
    except SettingsError:
        try:
            return Settings.resolve(read_config=False)
        except SettingsError:  # a bad DERMQUIZ_* value: the defaults, for what needs a folder
            return Settings.resolve(env={}, read_config=False)


@contextmanager
def installed(settings: Settings) -> Iterator[Settings]:
    """Make *settings* what `current()` returns while a command runs."""
    global _installed
    before, _installed = _installed, settings
    try:
        yield settings
    finally:
        _installed = before


def example_config() -> str:
    """A config file with every setting explained and commented out: a start for a new user."""
    lines = [
        "# DermQuiz settings. Flags and DERMQUIZ_* variables win over this file.",
        "# Remove the # in front of a line to use it.",
        "",
    ]
    samples = {
        "data_dir": '"~/dermquiz-data"',
        "cache_dir": '"~/.cache/dermquiz"',
        "graphics": '"halfcell"',
        "new_per_day": "10",
        "mode": '"review"',
        "theme": '"textual-light"',
        "learner": '"ada"',
    }
    for spec in SPECS:
        lines += [
            f"# {spec.help} (also {spec.env}" + (f", {spec.flag})" if spec.flag else ")"),
            f"# {spec.name} = {samples[spec.name]}",
            "",
        ]
    lines += [
        "# Keys: each binding id with the keys it answers to (`dermquiz config` lists the ids).",
        "# [keys]",
        '# help = "f1"',
        '# next_stage = "n,space,right"',
    ]
    return "\n".join(lines) + "\n"
