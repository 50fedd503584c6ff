"""Safe, unique file-name slugs for briefs and posts, whatever the keyword holds."""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_LENGTH = 80
_FOLD = str.maketrans({
    "ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe", "đ": "d", "Đ": "d",
    "ł": "l", "Ł": "l", "þ": "th", "Þ": "th", "ð": "d", "ı": "i", "&": " and ", "+": " plus ",
    "@": " at ", "%": " percent ",
})
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def slugify(text: str, max_length: int = MAX_LENGTH) -> str:
    """ASCII ``[a-z0-9-]`` slug of ``text``, at most ``max_length`` characters, never empty.

    Latin letters are folded (``é`` -> ``e``, ``ß`` -> ``ss``); text with nothing
    foldable (Arabic, emoji) becomes ``kw-`` plus a short hash of the text.
    """
    folded = unicodedata.normalize("NFKD", str(text).translate(_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = _NON_SLUG.sub("-", ascii_text).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut[1:] else cut[:max_length]
        slug = slug[:max_length].strip("-")
    if not slug:
        slug = "kw-" + hashlib.sha1(str(text).encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{slug}-brief" if slug in _RESERVED else slug


def unique_slug(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… : the first not in ``taken`` (which is updated)."""
    slug, n = base, 1
    while slug in taken:
        n += 1
        suffix = f"-{n}"
        slug = base[: MAX_LENGTH - len(suffix)].rstrip("-") + suffix
    taken.add(slug)
    return slug
