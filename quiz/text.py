"""Pack text is untrusted: strip what could drive a terminal before it is shown anywhere."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls (ESC and CSI among them) and the
# bidirectional overrides that can make text read differently from what it is.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def has_unsafe(text: str) -> bool:
    return _UNSAFE.search(text) is not None


def clean(text: str) -> str:
    """Return *text* with control characters and escape sequences removed.

    Carriage returns go too: CRLF files are normalised before this point, and a lone CR
    would let a line overwrite itself on screen.
    """
    if not _UNSAFE.search(text):
        return text
    # Drop whole ANSI/OSC sequences first so their printable tails ("[31m") go with them.
    text = re.sub(r"\x1b\[[0-?]*[ -/]*[@-~]", "", text)
    text = re.sub(r"\x1b\][^\x07\x1b]*(\x07|\x1b\\)?", "", text)
    return _UNSAFE.sub("", text)


_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__", re.S)
_ITALIC = re.compile(
    r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])|(?<![\w])_(?!\s)(.+?)(?<!\s)_(?![\w])"
)
_CODE = re.compile(r"`([^`]+)`")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.M)


def markdown_to_plain(text: str) -> str:
    """Markdown as a screen reader should hear it: no asterisks, backticks or hashes,
    links as 'text (address)'. Lists and paragraphs stay as they are."""
    text = _HEADING.sub("", text)
    text = _LINK.sub(r"\1 (\2)", text)
    text = _CODE.sub(r"\1", text)
    text = _BOLD.sub(lambda m: m.group(1) or m.group(2), text)
    return _ITALIC.sub(lambda m: m.group(1) or m.group(2), text)
