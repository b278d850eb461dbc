"""The caption line under a picture, from the pack's image metadata (duck-typed)."""

from __future__ import annotations

from typing import Any

from quiz.text import clean as _strip_escapes


def clean(text: object) -> str:
    """One line of printable text: escape sequences and controls dropped (pack text is
    untrusted), runs of whitespace folded to one space."""
    return " ".join(_strip_escapes(str(text)).split())


_KIND_NAMES = {
    "clinical": "Clinical photo",
    "histology": "Histology",
    "dermoscopy": "Dermoscopy",
    "radiology": "Radiology",
}


_DRAWING_WORDS = ("drawing", "drawn", "schematic", "illustration", "diagram")


def is_drawing(meta: Any) -> bool:
    """A drawing rather than a photograph, as its caption or credit says (the pack format
    has no field for it): a learner must not take a sketch for a photo of a patient."""
    words = " ".join(str(getattr(meta, attr, None) or "") for attr in ("caption", "credit", "alt"))
    return any(word in words.casefold() for word in _DRAWING_WORDS)


def magnification_text(value: float | None) -> str | None:
    """100 → "×100", 2.5 → "×2.5"."""
    if value is None:
        return None
    number = f"{value:g}" if isinstance(value, (int, float)) else clean(value)
    return f"×{number}"


def caption_parts(meta: Any) -> list[str]:
    """Kind, stain, magnification and caption, in reading order, skipping what is absent."""
    parts: list[str] = []
    kind = getattr(meta, "kind", None)
    kind = getattr(kind, "value", kind)  # an Enum in the pack model, or a plain string
    if kind:
        name = _KIND_NAMES.get(str(kind), clean(kind).capitalize())
        if str(kind) == "clinical" and is_drawing(meta):
            name = "Clinical drawing"
        parts.append(name)
    stain = getattr(meta, "stain", None)
    if stain:
        parts.append(clean(stain))
    mag = magnification_text(getattr(meta, "magnification", None))
    if mag:
        parts.append(mag)
    caption = getattr(meta, "caption", None)
    if caption:
        parts.append(clean(caption))
    return parts


def caption_line(meta: Any, index: int | None = None, count: int | None = None) -> str:
    """ "2/3 · Histology · H&E · ×100 · Basophilic calcium deposits in the dermis." """
    parts = [p for p in caption_parts(meta) if p]
    if index is not None and count and count > 1:
        parts.insert(0, f"{index + 1}/{count}")
    return " · ".join(parts)


def alt_text(meta: Any, path: object | None = None) -> str:
    """What to show instead of the picture: the alt text, else the caption, else the file name."""
    for attr in ("alt", "caption"):
        value = getattr(meta, attr, None)
        if value:
            return clean(value)
    file = getattr(meta, "file", None) or path
    return f"Image {clean(file)}" if file else "Image"


def status_line(meta: Any, zoom: float | None, region: int | None) -> str:
    """ "zoom ×2.3 · region 1/2: calcium deposit · credit" under the caption."""
    parts: list[str] = []
    if zoom is not None and zoom > 1.0 + 1e-9:
        parts.append(f"zoom ×{zoom:.1f}")
    regions = list(getattr(meta, "regions", None) or [])
    if region is not None and 0 <= region < len(regions):
        label = clean(getattr(regions[region], "label", ""))
        parts.append(f"region {region + 1}/{len(regions)}: {label}")
    elif regions:
        parts.append(f"{len(regions)} region{'s' if len(regions) > 1 else ''} (r)")
    credit = getattr(meta, "credit", None)
    if credit:
        parts.append(clean(credit))
    return " · ".join(parts)
