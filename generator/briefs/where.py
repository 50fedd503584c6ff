"""How file paths appear in messages: relative to the working folder when inside it."""

from __future__ import annotations

import os
from pathlib import Path


def shown(path: Path | str) -> str:
    """``path`` relative to the current folder when it lies inside it, else as given."""
    try:
        return str(Path(path).resolve().relative_to(Path(os.getcwd()).resolve()))
    except (ValueError, OSError):
        return str(path)
