"""Readers and writers of one DuckDB file at once: short write windows behind a gate, readers that wait.

DuckDB lets one process write a file and refuses every other process meanwhile, and a reader that never lets
go starves the writer. So: the writer (``BatchWriter``) opens the store for each operation (one batch) and
closes it after the commit, holding an exclusive ``flock`` on ``<db>.gate`` meanwhile; a reader
(``open_reader``) passes the gate (a shared lock taken and dropped at once) before each open and retries while
the writer holds it. New readers stop at the gate, the ones in flight finish, the writer gets the file, and
readers wait at most one batch commit. The kernel drops a killed process's flock, so a crash never blocks.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from newsevents.store.db import Store, open_store

GATE_SUFFIX = ".gate"
WRITER_DEADLINE_S = 120.0  # how long a writer waits for readers to drain before it gives up


class StoreBusy(Exception):
    """The store stayed locked by another process past the deadline."""


def gate_path(db: str | Path) -> Path:
    """The gate file beside the store: ``events.duckdb`` -> ``events.duckdb.gate``."""
    return Path(str(db) + GATE_SUFFIX)


def _is_lock_error(exc: Exception) -> bool:
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


def _flock(fd: int, mode: int, stop: float) -> None:
    pause = 0.005
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() + pause > stop:
                raise StoreBusy("gate held by a writer") from None
            time.sleep(pause)
            pause = min(pause * 2, 0.05)


@contextmanager
def writer_gate(db: str | Path, deadline_s: float = WRITER_DEADLINE_S) -> Iterator[None]:
    """Hold the exclusive gate of ``db`` for the block (other writers and new readers wait)."""
    fd = os.open(gate_path(db), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _flock(fd, fcntl.LOCK_EX, time.monotonic() + deadline_s)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def pass_gate(db: str | Path, stop: float) -> None:
    """Wait (until monotonic time ``stop``) while a writer holds the gate of ``db``; no gate file, no wait."""
    try:
        fd = os.open(gate_path(db), os.O_RDONLY)
    except OSError:
        return
    try:
        _flock(fd, fcntl.LOCK_SH, stop)
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def open_reader(db: str | Path, deadline_s: float) -> Store:
    """Open ``db`` read-only, waiting at the gate and retrying DuckDB's lock until ``deadline_s``; else StoreBusy.

    Raises FileNotFoundError when the file does not exist.
    """
    stop = time.monotonic() + deadline_s
    pause = 0.005
    while True:
        pass_gate(db, stop)
        try:
            return open_store(db, read_only=True)
        except duckdb.IOException as exc:
            if not _is_lock_error(exc):
                raise
            if time.monotonic() + pause > stop:
                raise StoreBusy(str(exc)) from exc
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def open_writer(db: str | Path, deadline_s: float = WRITER_DEADLINE_S) -> Store:
    """Open ``db`` for writing, retrying while readers of other processes hold it (call inside ``writer_gate``)."""
    stop = time.monotonic() + deadline_s
    pause = 0.002
    while True:
        try:
            return open_store(db)
        except duckdb.IOException as exc:
            if not _is_lock_error(exc) or time.monotonic() + pause > stop:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.05)


class BatchWriter:
    """A ``Store`` stand-in that opens the file for each call and closes it after (one batch = one short window).

    Any ``Store`` method works: ``writer.write_batch(docs, run_id)`` = gate, open, write, commit, close, release.
    """

    def __init__(self, db: str | Path, deadline_s: float = WRITER_DEADLINE_S):
        self.path = str(db)
        self.deadline_s = deadline_s
        self.read_only = False
        with self.session():  # create and migrate now, so a bad path fails at once
            pass

    @contextmanager
    def session(self) -> Iterator[Store]:
        """The store, open for the block under the writer gate; closed (checkpointed) after it."""
        with writer_gate(self.path, self.deadline_s):
            store = open_writer(self.path, self.deadline_s)
            try:
                yield store
            finally:
                store.close()

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("_") or not callable(getattr(Store, name, None)):
            raise AttributeError(name)

        def call(*args: Any, **kwargs: Any) -> Any:
            with self.session() as store:
                return getattr(store, name)(*args, **kwargs)
        return call

    def close(self) -> None:
        """Nothing stays open between calls."""

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
