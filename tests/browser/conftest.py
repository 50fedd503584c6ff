"""Browser-test fixtures: a strict MkDocs build of the repo, a local HTTP server, headless Chromium.

- ``built_site`` (session): ``mkdocs build --strict`` of the repo's ``mkdocs.yml`` into a temp dir;
  a failed build fails the test with MkDocs' output.
- ``site_url`` (session): base URL (ending with ``/``) of a loopback HTTP server serving ``built_site``.
- ``browser`` (session): Debian's Chromium at ``/usr/bin/chromium`` through Playwright (sync API).
- ``page`` (function): a fresh context and page; ``page.console_errors`` lists console errors and
  uncaught page errors seen so far, ``page.failed_requests`` the URLs that failed to load (with why).
- ``page_opener`` (session): ``with page_opener() as pg:`` gives the same kind of page for a module.

Every test in this folder is marked ``browser``. When Chromium (or Playwright) is missing the tests
skip with the reason, unless ``PLAYBOOK_REQUIRE_BROWSER=1`` (set by ``.ci/run``), where they fail.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BROWSER_DIR = Path(__file__).resolve().parent
REPO = BROWSER_DIR.parent.parent
DEFAULT_TIMEOUT_MS = 15_000


def _missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (install Debian's chromium package)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (pip install -e '.[test]')"
    return None


def _browser_required() -> bool:
    return os.environ.get("PLAYBOOK_REQUIRE_BROWSER") == "1"


def pytest_collection_modifyitems(config, items):
    """Mark this folder's tests ``browser``; skip them (or fail when required) without Chromium."""
    reason = _missing_reason()
    for item in items:
        if BROWSER_DIR not in Path(str(item.fspath)).resolve().parents:
            continue
        item.add_marker(pytest.mark.browser)
        if reason and not _browser_required():
            item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {reason}"))


def pytest_report_header(config):
    reason = _missing_reason()
    if reason:
        return f"browser tests: {reason}" + (" (REQUIRED: will fail)" if _browser_required() else "")
    return None


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """Run a real ``mkdocs build --strict`` of the repo and return the output folder."""
    out = tmp_path_factory.mktemp("site")
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(out)]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        pytest.fail(
            f"mkdocs build --strict failed (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}",
            pytrace=False,
        )
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        pass


@pytest.fixture(scope="session")
def site_url(built_site):
    """Serve ``built_site`` on 127.0.0.1 (random port) and yield the base URL ending with ``/``."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (no browser download)."""
    reason = _missing_reason()
    if reason:
        if _browser_required():
            pytest.fail(f"PLAYBOOK_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(f"browser tests skipped: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@contextlib.contextmanager
def open_page(browser):
    """A fresh context and page; collects ``page.console_errors`` and ``page.failed_requests``."""
    context = browser.new_context()
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    pg = context.new_page()
    errors: list[str] = []
    failed: list[str] = []
    pg.on("console", lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    pg.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    pg.on("requestfailed", lambda req: failed.append(f"{req.url} ({req.failure})"))
    pg.console_errors = errors
    pg.failed_requests = failed
    try:
        yield pg
    finally:
        context.close()


@pytest.fixture(scope="session")
def page_opener(browser):
    """``with page_opener() as pg:`` opens a page for a wider scope than ``page`` (e.g. per module)."""
    return functools.partial(open_page, browser)


@pytest.fixture
def page(browser):
    """A fresh context and page per test (see :func:`open_page`)."""
    with open_page(browser) as pg:
        yield pg
