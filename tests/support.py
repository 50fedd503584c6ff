"""Paths and markers shared by the test modules (import with ``from support import …``).

Kept out of conftest.py: several folders have a conftest.py, so importing
"conftest" by name would pick whichever was loaded first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
REAL_EXPORTS = REPO.parent / "shared" / "data" / "keyword-exports"

needs_real_exports = pytest.mark.skipif(
    not REAL_EXPORTS.is_dir(), reason=f"{REAL_EXPORTS} not present (reference data lives beside the repo)"
)
