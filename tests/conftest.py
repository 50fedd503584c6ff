"""Shared test fixtures.

- Paths and the ``needs_real_exports`` marker live in ``support.py``
  (``from support import REPO, FIXTURES, REAL_EXPORTS, needs_real_exports``).
- ``--update-golden``: rewrite golden files instead of comparing (see README).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from support import FIXTURES, REAL_EXPORTS, REPO, needs_real_exports  # noqa: F401  (re-exported)

# No per-example deadline: CI machines are shared and timing is not what these properties test.
settings.register_profile("playbook", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("playbook")


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite golden files from the current output instead of comparing.",
    )


@pytest.fixture
def update_golden(request) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def golden(update_golden):
    """Compare ``text`` with the golden file at ``path`` (or rewrite it with --update-golden)."""

    def check(path: Path, text: str) -> None:
        path = Path(path)
        if update_golden or not path.exists():
            if not update_golden:
                pytest.fail(f"golden file {path} is missing: run `make golden` and review the diff")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
            return
        expected = path.read_text(encoding="utf-8")
        assert text == expected, f"output differs from {path}; if intended, run `make golden`"

    return check
