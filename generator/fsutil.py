"""Atomic, race-safe file writes shared by every command.

Writers never leave half-written files: text goes to a temporary file in the
target's folder and is moved into place with :func:`os.replace`; a set of
outputs is written to a staging folder and swapped in whole.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from generator.errors import OutputError


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (same-folder temp file + rename)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path.parent}: cannot write here ({exc.strerror}); choose a writable folder") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            shutil.copymode(path, tmp)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_write_text(path: Path | str, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` atomically; newlines are written as given (no translation)."""
    atomic_write_bytes(path, text.encode(encoding))


def create_exclusive(path: Path | str, text: str) -> bool:
    """Create ``path`` with ``text`` only if it does not exist yet.

    Returns False (and writes nothing) when the file already exists, so two
    racing writers can never overwrite each other's file.
    """
    return create_exclusive_many([(path, text)])[0]


SYNC_BATCH = 256
"""Files written, then synced, together by :func:`create_exclusive_many` (bounds open descriptors)."""


def create_exclusive_many(items: Iterable[tuple[Path | str, str]]) -> list[bool]:
    """:func:`create_exclusive` for many files: one True/False per item, in order.

    Each file is written to a temporary file in its folder and linked to its
    name (atomic; an existing file is never replaced), exactly as one call would.
    Durability is batched instead of paid per file: up to :data:`SYNC_BATCH`
    temporary files are written, their write-back is started together, then
    each is fsynced (the fsyncs then share the disk's work) and linked, so a file
    is never visible under its name before its content is on disk; every folder
    is fsynced once at the end so the new names are durable too. On an
    ``OSError`` the files already linked stay; its ``filename`` is the file
    being created.
    """
    items = [(Path(path), text) for path, text in items]
    created: list[bool] = []
    for start in range(0, len(items), SYNC_BATCH):
        created += _create_batch(items[start : start + SYNC_BATCH])
    for folder in dict.fromkeys(path.parent for path, _ in items):
        _fsync_dir(folder)
    return created


def _create_batch(items: list[tuple[Path, str]]) -> list[bool]:
    temps: list[tuple[Path, str]] = []
    try:
        files = []
        try:
            for path, text in items:  # write every file first, so the disk gets them together
                with _naming(path):
                    fh, tmp = _open_temp(path)
                    temps.append((path, tmp))
                    files.append(fh)
                    fh.write(text.encode("utf-8"))
            for (path, _), fh in zip(temps, files, strict=True):
                with _naming(path):
                    fh.flush()
                    _start_writeback(fh.fileno())
            for (path, _), fh in zip(temps, files, strict=True):
                with _naming(path):
                    os.fsync(fh.fileno())
        finally:
            for fh in files:
                with contextlib.suppress(OSError):
                    fh.close()
        return [_link(path, tmp) for path, tmp in temps]
    finally:
        for _, tmp in temps:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _start_writeback(fd: int) -> None:
    """Ask the kernel to start writing the file out now, so the fsyncs that follow share the disk's work."""
    if hasattr(os, "posix_fadvise"):
        with contextlib.suppress(OSError):
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)


def _open_temp(path: Path):
    """An open 0644 temporary file in ``path``'s folder, and its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o644)
        return os.fdopen(fd, "wb"), tmp
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _link(path: Path, tmp: str) -> bool:
    with _naming(path):
        try:
            os.link(tmp, path)  # atomic, fails if path exists
        except FileExistsError:
            return False
    return True


@contextlib.contextmanager
def _naming(path: Path) -> Iterator[None]:
    """Re-raise an OSError with ``path`` (the file being created) as its filename."""
    try:
        yield
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from exc


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # some file systems cannot sync a folder; the files are synced
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def file_lock(path: Path | str) -> Iterator[None]:
    """Hold an exclusive advisory lock tied to ``path`` (a ``.<name>.lock`` sidecar)."""
    path = Path(path)
    lock_path = path.parent / f".{path.name}.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


@contextlib.contextmanager
def staged_dir(final: Path | str) -> Iterator[Path]:
    """Yield a staging folder; on success its files replace those in ``final``.

    Files are written into the staging folder (a sibling of ``final``), then each
    is moved into ``final`` with an atomic rename. On any error the staging folder
    is removed and ``final`` is left as it was.
    """
    final = Path(final)
    try:
        final.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent))
    except OSError as exc:
        raise OutputError(
            f"{final}: cannot write the output folder ({exc.strerror}); pass a writable --out"
        ) from exc
    try:
        yield stage
        for item in sorted(stage.iterdir()):
            os.replace(item, final / item.name)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
