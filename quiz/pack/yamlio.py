"""Read one YAML file of a pack safely, keeping where every key and value was written.

PyYAML's own constructors are not used for collections: they keep the last of two equal
keys silently and expand aliases without bound. Here the file is composed into nodes (the C
parser when present), then walked once: duplicate keys, unknown tags and alias bombs become
located problems, and every string is cleaned of terminal control characters.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from quiz.text import clean, has_unsafe

try:  # the C parser is several times faster; the pure-Python one behaves the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 4 * 1024 * 1024
# Counted over the expanded document: aliases share nodes, so a "billion laughs" file is
# small to parse but explodes when walked. No honest pack file comes near this.
MAX_NODES = 200_000

Path_ = tuple  # a path into the document: keys and list indexes
Pos = tuple[int, int]  # 1-based line and column

_SCALARS = yaml.SafeLoader.yaml_constructors
_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}


@dataclass
class Problem:
    line: int | None
    col: int | None
    message: str
    hint: str
    severity: str = "error"


@dataclass
class YamlDoc:
    """A parsed file: its data, and where each value and each mapping key stood."""

    data: Any
    values: dict[Path_, Pos] = field(default_factory=dict)
    keys: dict[Path_, Pos] = field(default_factory=dict)

    def where(self, path: Path_, *, key: bool = False) -> Pos | None:
        """The position of *path*, or of its nearest enclosing value that has one."""
        path = tuple(path)
        if key and path in self.keys:
            return self.keys[path]
        while True:
            if path in self.values:
                return self.values[path]
            if not path:
                return None
            path = path[:-1]


class YamlFailure(Exception):
    """The file cannot be read at all; `problems` say where and why."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems[0].message if problems else "unreadable")
        self.problems = problems


def read_text(path: Path) -> str:
    """The file's text: UTF-8 (a byte-order mark allowed), line endings normalised."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise YamlFailure(
                [
                    Problem(
                        None,
                        None,
                        f"the file is {size // 1024} KiB, more than the "
                        f"{MAX_FILE_BYTES // 1024 // 1024} MiB a pack file may have",
                        "split it into smaller files",
                    )
                ]
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlFailure(
            [
                Problem(
                    None,
                    None,
                    f"cannot read the file ({exc.strerror or exc})",
                    "check that it exists and is readable",
                )
            ]
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlFailure(
            [
                Problem(
                    line,
                    col,
                    f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x})",
                    "save it as UTF-8 in your editor",
                )
            ]
        ) from None
    return text.replace("\r\n", "\n")


class _NeedCareful(Exception):
    """The fast reader met something only the careful walk can judge or locate."""


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_INT = "tag:yaml.org,2002:int"
_SAFE = yaml.constructor.SafeConstructor()  # its scalar constructors keep no state
# Short texts recur across thousands of cases (kinds, stains, finding values, tags): one
# copy of each is kept, as the keys of a mapping are.
_SHORT = 40
_intern = sys.intern


class _Plain:
    """Build the data of a composed document in one pass, the way PyYAML's safe constructor
    would, but only if the document is plain: allowed tags only, mapping keys that are text
    and each written once, no collection met twice (an alias), no text that an escape made
    unsafe, and not more values than the careful walk allows. Anything else raises
    _NeedCareful. Anchors nothing refers to, and `**bold**` or `H&E` in text, are plain.

    Faster than `yaml.load` with the C loader: the nodes are composed in C either way, and
    this walk does less per node than PyYAML's generator-based constructor."""

    __slots__ = ("count", "seen")

    def __init__(self) -> None:
        self.count = 1  # values met, as the careful walk counts them (keys are not)
        self.seen: set[int] = set()

    def build(self, node: yaml.Node) -> Any:
        kind = type(node)
        if kind is yaml.ScalarNode:
            return self.scalar(node)
        if id(node) in self.seen:
            raise _NeedCareful
        self.seen.add(id(node))
        items = node.value
        self.count += len(items)
        if self.count > MAX_NODES:
            raise _NeedCareful
        # Text is most of what a pack holds: it is taken here, without a call per value.
        if kind is yaml.MappingNode and node.tag == _MAP:
            out: dict[Any, Any] = {}
            for key, value in items:
                name: Any = key.value
                if type(key) is yaml.ScalarNode and key.tag == _INT:
                    # `-2:` (a format-2 panel's step) is a whole number, as the careful walk reads it
                    name = _SCALARS[_INT](_SAFE, key)
                elif (
                    type(key) is not yaml.ScalarNode
                    or key.tag != _STR
                    or (key.style == '"' and has_unsafe(key.value))
                ):
                    raise _NeedCareful  # `yes:`, `1.5:`, `<<:`
                if name in out:
                    raise _NeedCareful  # a key written twice
                if type(value) is yaml.ScalarNode and value.tag == _STR and value.style != '"':
                    text = value.value
                    out[name] = _intern(text) if len(text) <= _SHORT else text
                else:
                    out[name] = self.build(value)
            return out
        if kind is yaml.SequenceNode and node.tag == _SEQ:
            return [
                (_intern(item.value) if len(item.value) <= _SHORT else item.value)
                if type(item) is yaml.ScalarNode and item.tag == _STR and item.style != '"'
                else self.build(item)
                for item in items
            ]
        raise _NeedCareful

    @staticmethod
    def scalar(node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == _STR:
            if node.style == '"' and has_unsafe(node.value):  # escapes live in "..." only
                raise _NeedCareful
            return node.value
        if tag not in _ALLOWED_TAGS:
            raise _NeedCareful
        return _SCALARS[tag](_SAFE, node)


_RESOLVED: dict[str, str] = {}  # plain scalar -> tag, for the short ones (keys, small values)


class _FastResolving(_Loader):  # type: ignore[misc, valid-type]
    """The C loader with PyYAML's tag resolution done the same way but with less work: the
    parser asks for the tag of every scalar, and most start with a letter no implicit type
    (bool, int, float, null, timestamp) can start with, or are short words met before."""

    def resolve(self, kind, value, implicit):
        implicit_resolvers = self.yaml_implicit_resolvers
        if kind is not yaml.ScalarNode or self.yaml_path_resolvers or None in implicit_resolvers:
            return super().resolve(kind, value, implicit)
        if not implicit[0] or (value and value[0] not in implicit_resolvers):
            return _STR
        tag = _RESOLVED.get(value)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(value) <= 40:
                if len(_RESOLVED) > 20_000:
                    _RESOLVED.clear()
                _RESOLVED[value] = tag
        return tag


def _fast(text: str, path: Path | None = None) -> YamlDoc | None:
    """Most pack files are plain: read them at the speed of PyYAML's C parser and work out
    positions only if a problem needs them. None means: use the careful walk."""
    if has_unsafe(text):
        return None  # control characters: the careful walk removes them and says where
    try:
        node = yaml.compose(text, Loader=_FastResolving)
        if node is None:
            return None
        data = _Plain().build(node)
    except (_NeedCareful, yaml.YAMLError, RecursionError):
        return None
    if not isinstance(data, (dict, list)):
        return None
    return _LazyDoc(data, path, text)


class _LazyDoc(YamlDoc):
    """A document whose positions are found on first use, by the careful walk.

    The text is not kept (5,000 case files would hold tens of megabytes of it while a pack
    loads): the file is read again if a problem needs a position, and used only if it is
    still the text that was parsed; otherwise the problem is reported without a line."""

    def __init__(self, data: Any, path: Path | None, text: str):
        super().__init__(data)
        self._source: tuple[Path | None, int, int] | None = (path, len(text), hash(text))
        self._text = None if path is not None else text
        self.problems: list[Problem] = []

    def where(self, path: Path_, *, key: bool = False) -> Pos | None:
        if self._source is not None:
            file, size, digest = self._source
            self._source = None
            text = self._text
            if text is None and file is not None:
                try:
                    text = read_text(file)
                except YamlFailure:
                    text = None
            self._text = None
            if text is not None and len(text) == size and hash(text) == digest:
                try:
                    walker = _Walker()
                    walker.build(yaml.compose(text, Loader=_Loader), ())
                    self.values, self.keys = walker.values, walker.keys
                except (yaml.YAMLError, RecursionError):
                    pass
        return super().where(path, key=key)


MAX_DEPTH = 64
# Cheap signs that a file might nest deeply: many brackets, deep indentation, runs of "- - -".
_DEEP_HINT = re.compile(r"\n {96,}\S|(?:-[ \t]+){24}")
# Quick tests that must pass before _DEEP_HINT can match (it is slow to scan every file for).
_INDENT_96 = "\n" + " " * 96
_DASHES = re.compile(r"-[ \t]+-")


def _check_depth(text: str) -> None:
    """Refuse files nested deeper than MAX_DEPTH before composing them: PyYAML's composer
    recurses once a level and a hostile file can crash the interpreter. Only files that
    might nest deeply pay for the extra pass over their events."""
    if text.count("[") + text.count("{") <= MAX_DEPTH and not (
        (_INDENT_96 in text or _DASHES.search(text)) and _DEEP_HINT.search(text)
    ):
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):  # the event parser keeps its own stack
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise YamlFailure(
                        [
                            Problem(
                                mark.line + 1,
                                mark.column + 1,
                                f"the YAML is nested more than {MAX_DEPTH} levels deep",
                                "flatten it; no pack file needs this",
                            )
                        ]
                    )
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        _refuse_if_too_deep(exc)
        return  # compose will report the syntax error with its position


def _refuse_if_too_deep(exc: yaml.YAMLError) -> None:
    """libyaml 0.2.5+ (in PyYAML 6.0.4's wheels) stops at its own nesting limit: say it as
    our own limit is said, wherever the parser noticed."""
    if "maximum nesting depth" in str(exc):
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise YamlFailure(
            [
                Problem(
                    line,
                    col,
                    f"the YAML is nested more than {MAX_DEPTH} levels deep",
                    "flatten it; no pack file needs this",
                )
            ]
        ) from None


# what PyYAML's context says was left open, in an author's words
_OPENERS = (
    ("flow sequence", "`[` list"),
    ("flow mapping", "`{` mapping"),
    ("quoted scalar", "quoted text"),
)


def parse(path: Path) -> YamlDoc:
    """Parse *path* into a YamlDoc, or raise YamlFailure with located problems."""
    text = read_text(path)
    _check_depth(text)
    fast = _fast(text, path)
    if fast is not None:
        return fast
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise YamlFailure(
            [Problem(None, None, "the file is empty", "write the YAML it should hold")]
        )
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        _refuse_if_too_deep(exc)
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "not valid YAML"
        if exc.context_mark and mark and mark.index >= len(text.rstrip()):
            # Found only at the end of the file (an unclosed bracket or quote): the place to
            # fix is where the unclosed thing began.
            opened = next((name for key, name in _OPENERS if key in (exc.context or "")), None)
            if opened:
                what = f"the {opened} that starts here is never closed"
                mark = exc.context_mark
        if "expected a single document" in str(exc):
            what, hint = "the file holds more than one YAML document", "remove the extra `---`"
        elif what.endswith("never closed"):
            hint = (
                "add the closing quote where the text ends"
                if "quoted" in what
                else "close it (or quote the whole text if the bracket is part of it)"
            )
        else:
            hint = "fix the YAML syntax here (indentation, a missing colon or quote?)"
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise YamlFailure([Problem(line, col, f"YAML does not parse: {what}", hint)]) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise YamlFailure(
            [
                Problem(
                    line,
                    col,
                    f"the file holds a control character (#x{exc.character:04x})"
                    " that YAML does not allow",
                    "delete it",
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise YamlFailure(
            [Problem(None, None, f"YAML does not parse: {exc}", "fix the YAML syntax")]
        ) from None
    if node is None:
        raise YamlFailure(
            [Problem(None, None, "the file is empty", "write the YAML it should hold")]
        )
    walker = _Walker()
    data = walker.build(node, ())
    if walker.fatal:
        raise YamlFailure(walker.problems)
    doc = YamlDoc(data, walker.values, walker.keys)
    doc.problems = walker.problems  # type: ignore[attr-defined]
    return doc


class _Walker:
    def __init__(self) -> None:
        self.values: dict[Path_, Pos] = {}
        self.keys: dict[Path_, Pos] = {}
        self.problems: list[Problem] = []
        self.fatal = False
        self.count = 0
        self.active: set[int] = set()
        self.constructor = yaml.SafeLoader("")

    def problem(self, node: yaml.Node, message: str, hint: str, severity: str = "error") -> None:
        self.problems.append(
            Problem(node.start_mark.line + 1, node.start_mark.column + 1, message, hint, severity)
        )
        if severity == "error":
            self.fatal = True

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            if self.count == MAX_NODES + 1:
                self.problem(
                    node,
                    "the file expands to too many values (YAML aliases nested inside aliases?)",
                    "write the values out instead of using `*aliases`",
                )
            return None
        self.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if id(node) in self.active:
            self.problem(node, "an alias refers to itself", "remove the recursive `*alias`")
            return None
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                if node.tag != "tag:yaml.org,2002:seq":
                    return self.bad_tag(node)
                return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
            if node.tag != "tag:yaml.org,2002:map":
                return self.bad_tag(node)
            return self.mapping(node, path)
        finally:
            self.active.discard(id(node))

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(
                    key_node, "a mapping key must be a plain word", "write the key as text"
                )
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(key_node, "merge keys (`<<:`) are not supported", "write the keys out")
                continue
            key = self.scalar(key_node)
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                key = key_node.value  # `yes:` or `1.5:` as a key is meant as text
            if key in out:
                first = self.keys.get(path + (key,), (None, None))
                self.problem(
                    key_node,
                    f"the key `{key}` is written twice in this mapping (first on line {first[0]})",
                    "keep one of them",
                )
                continue
            self.keys[path + (key,)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            out[key] = self.build(value_node, path + (key,))
        return out

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag not in _ALLOWED_TAGS:
            return self.bad_tag(node)
        value = _SCALARS[node.tag](self.constructor, node)
        if isinstance(value, str) and has_unsafe(value):
            self.problem(
                node,
                "the text holds control characters or terminal escape sequences; they were removed",
                "delete them from the file",
                severity="warning",
            )
            value = clean(value)
        return value

    def bad_tag(self, node: yaml.Node) -> None:
        self.problem(
            node,
            f"the YAML tag `{clean(node.tag)}` is not allowed in a pack",
            "remove the tag; packs hold plain text, numbers, lists and mappings",
        )
