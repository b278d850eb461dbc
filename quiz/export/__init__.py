"""Exports of a pack to the tools a course already uses: Anki, Moodle XML, a printable handout.

All pack text is untrusted: every exporter escapes it for the format it writes (HTML, XML),
and Markdown is rendered with raw HTML switched off.
"""

from __future__ import annotations


class ExportError(Exception):
    """An export that cannot be written; str() says what and what to do."""
