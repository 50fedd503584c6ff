"""Long-tail candidates from seed keywords.

Each seed is combined with modifiers: plain words go after the seed
(``sales training template``), built with ``advertools.kw_generate``;
templates holding ``{seed}`` are filled in (``how to {seed}``); with two or
more seeds, every ordered pair gives a comparison (``bant vs gpct``). The
result is normalised, deduplicated (seeds first, then in generation order) and
written as a plain list, one keyword per line, which ``keywords analyze``
reads.

Modifiers file: UTF-8 text, one modifier per line; blank lines and lines
starting with ``#`` are ignored; a line containing ``{seed}`` is a template,
any other line is a word or phrase placed after the seed.
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import InputError, OutputError
from generator.fsutil import atomic_write_text
from generator.keywords.normalize import has_word_characters, normalize_keyword

DEFAULT_MODIFIERS = [
    "how to {seed}", "what is {seed}", "why {seed}", "how does {seed} work", "best {seed}",
    "{seed} template", "{seed} examples", "{seed} checklist", "{seed} tips",
    "template", "examples", "checklist", "for small business", "for startups",
    "for saas companies", "for b2b", "for managers",
]


def read_modifiers(path: Path | str) -> list[str]:
    """Modifiers from a file (format in the module docstring)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file; check the --modifiers path") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the modifiers file as UTF-8 text; "
                         "save it as UTF-8, one modifier per line") from exc
    lines = [line.strip() for line in text.splitlines()]
    modifiers = [line for line in lines if line and not line.startswith("#")]
    if not modifiers:
        raise InputError(f"{path}: no modifiers found; write one modifier per line")
    return modifiers


def expand_keywords(seeds: list[str], modifiers: list[str] | None = None) -> list[str]:
    """Seeds x modifiers, normalised and deduplicated."""
    clean = _clean_seeds(seeds)
    modifiers = DEFAULT_MODIFIERS if modifiers is None else modifiers
    templates = [m for m in modifiers if "{seed}" in m]
    words = [m for m in modifiers if "{seed}" not in m]
    candidates = list(clean) + _combine(clean, words)
    candidates += [t.replace("{seed}", seed) for seed in clean for t in templates]
    candidates += [f"{a} vs {b}" for a in clean for b in clean if a != b]
    normalised = (normalize_keyword(c) for c in candidates)
    return list(dict.fromkeys(k for k in normalised if has_word_characters(k)))


def _clean_seeds(seeds: list[str]) -> list[str]:
    clean = []
    for seed in seeds:
        norm = normalize_keyword(seed)
        if not has_word_characters(norm):
            raise InputError(f"seed {seed!r} has no letters or digits; pass a keyword such as 'sales training'")
        clean.append(norm)
    return list(dict.fromkeys(clean))


def _combine(seeds: list[str], words: list[str]) -> list[str]:
    """``<seed> <word>`` for every pair, via advertools.kw_generate."""
    if not words:
        return []
    import advertools as adv

    frame = adv.kw_generate(seeds, words, max_len=2, match_types=["Exact"], order_matters=False,
                            capitalize_adgroups=False)
    return frame["Keyword"].tolist()


def format_keyword_list(keywords: list[str]) -> str:
    """One keyword per line, newline-terminated."""
    return "".join(f"{k}\n" for k in keywords)


def write_keyword_list(path: Path | str, keywords: list[str]) -> None:
    """Write the list atomically (never a half-written file)."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path}: is a directory; pass a file name to --out, e.g. keywords/expanded.txt")
    atomic_write_text(path, format_keyword_list(keywords))
