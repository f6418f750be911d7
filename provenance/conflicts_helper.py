"""The second process of a large `prov conflicts` run.

A full run spends most of its time in Python: building rows, detecting,
grading, and rendering claim records to JSON. With a second core free
(``idle_core``), ``conflicts.list_conflicts`` hands half of the candidate buckets, and the
articles' arithmetic checks, to one helper process (``python -m
provenance.conflicts_helper``: it shares nothing with the caller but the
database). The helper reads its buckets on its own connection, detects, and
renders the part of each finding's record that does not depend on stored
state (``question``, ``positions`` with claim records, ``why``:
``conflicts.render_bodies``). It sends each finding's summary, batch by
batch, on its stdout, and the JSON text of those parts through a temporary
file (through a pipe, the caller's reading thread would wait for the GIL
every 64 KiB). The caller upserts those findings in its own
transaction (it stays the only writer), reads their stored state, and joins
the two halves of each record's text: the output is the same as a
one-process run, byte for byte.

The helper sees what is committed. That is what the caller sees too: it
holds the write lock on SQLite (``session_scope(write=True)``), and its own
transaction changes findings, never claims. So only a caller whose
transaction has not changed claims may split a run (the command's own).

If the helper cannot be started, or fails before sending anything (it could
not connect, say), the caller does its share too. If it fails part-way, the
run fails with its message and nothing is written.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from provenance.errors import DatabaseError

# Below this many candidate buckets a helper's start-up (a fresh interpreter
# importing SQLModel, about half a second) costs more than it saves.
MIN_BUCKETS = 4000
# Below this many claims no run has that many buckets in practice (the
# benchmark's spread gives about 1,800 at 100,000 claims): no helper is
# started ahead of the scan.
LARGE_TABLE = 200_000
BODIES = "bodies.json"
# The helper's share of the buckets. It also checks the articles'
# arithmetic; the caller scans for candidates and upserts and reads stored
# state for every finding. Measured on 1M claims (started before the scan):
# 0.5, 0.55, 0.6 gave 4.8, 4.8, 5.3-5.4 s; 0.55 leaves the helper some slack.
SHARE = 0.55


class HelperFailed(DatabaseError):
    """The helper process failed or ended before its work was done."""


class Summary(NamedTuple):
    """What ``conflicts.upsert`` and the sort need of a finding the helper found."""

    id: str
    key: str
    kind: str
    severity: float
    claim_ids: list[int]
    fingerprint: str
    newest: int
    article_id: int | None


def can_split(url: str) -> bool:
    """A second process can open this database (not an in-memory one) and
    this process may use a second core."""
    from provenance.db import sqlite_path

    in_memory = url.startswith("sqlite") and sqlite_path(url) is None
    return not in_memory and _cores() > 1


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def idle_core() -> bool:
    """Whether a core looks free: the one-minute load average is at least
    half a core below the cores this process may use.

    On a busy machine a helper only competes with the caller: with the
    other core taken by another job, a 1M-claim run took 17 s split and
    15 s in one process.
    """
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # Windows
        return True
    return _cores() - load >= 0.5


def large(session: Any) -> bool:
    """Whether the claim table is large enough that a run may be worth
    splitting (``max(id)``, one index lookup, stands for its size), and a
    core is free for it."""
    biggest = session.connection().exec_driver_sql("SELECT max(id) FROM claim").scalar()
    return (biggest or 0) >= LARGE_TABLE and idle_core()


def worth_splitting(wanted: dict[int, set[str]]) -> bool:
    return sum(len(ms) for ms in wanted.values()) >= MIN_BUCKETS and idle_core()


def split(
    wanted: dict[int, set[str]], share: float | None = None
) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
    """(the caller's buckets, the helper's): whole subjects, in id order, the
    helper taking about ``share`` (default ``SHARE``) of the buckets."""
    share = SHARE if share is None else share
    total = sum(len(ms) for ms in wanted.values())
    mine: dict[int, set[str]] = {}
    theirs: dict[int, set[str]] = {}
    seen = 0
    for subject in sorted(wanted):
        (mine if seen < total * (1 - share) else theirs)[subject] = wanted[subject]
        seen += len(wanted[subject])
    return mine, theirs


class Helper:
    """A running helper process (``python -m provenance.conflicts_helper``,
    messages pickled over its stdin and stdout). A thread in the caller reads
    its output into a short queue, so the helper never waits for the caller
    to come and read (at most ``QUEUE`` batches wait in memory)."""

    QUEUE = 8

    def __init__(self, process: Any, errors: Any, folder: Any) -> None:
        import queue
        import threading

        self.process = process
        self.errors = errors  # a temporary file with the helper's stderr
        self.folder = folder  # a temporary folder holding the bodies file
        self._bodies: Any = None
        self.done = 0  # buckets the helper has checked
        self.taken = 0  # batches handed to the caller
        self.finished = False
        self._queue: queue.Queue[tuple[str, int, Any]] = queue.Queue(maxsize=self.QUEUE)
        self._reader = threading.Thread(target=self._read, name="prov-helper-pipe", daemon=True)
        self._reader.start()

    def begin(self, task: Task) -> bool:
        """Hand the helper its task; False if it has already died."""
        import pickle

        try:
            pickle.dump((tuple(task), str(Path(self.folder.name) / BODIES)), self.process.stdin)
            self.process.stdin.close()
        except OSError:
            return False
        return True

    def _read(self) -> None:
        import pickle

        while True:
            try:
                message = pickle.load(self.process.stdout)
            except Exception:  # end of output (the helper ended) or a torn message
                self._queue.put(("ended", 0, None))
                return
            self._queue.put(message)
            if message[0] in ("done", "error"):
                return

    def ready(self) -> Iterator[list[tuple[Summary, str | None]]]:
        """The batches already sent, without waiting."""
        import queue

        while not self.finished:
            try:
                message = self._queue.get_nowait()
            except queue.Empty:
                return
            batch = self._take(message)
            if batch is not None:
                yield batch

    def rest(self) -> Iterator[list[tuple[Summary, str | None]]]:
        """Every batch still to come, waiting for each."""
        while not self.finished:
            batch = self._take(self._queue.get())
            if batch is not None:
                yield batch

    def _take(self, message: tuple[str, int, Any]) -> list[tuple[Summary, str | None]] | None:
        kind, done, payload = message
        if kind == "ended":
            self.finished = True
            code = self.process.wait(timeout=10)
            self.errors.seek(0)
            lines = self.errors.read().decode(errors="replace").strip().splitlines()
            raise HelperFailed(
                f"the conflicts helper process ended unexpectedly (exit code {code}"
                + (f": {lines[-1]}" if lines else "")
                + "); nothing was written"
            )
        if kind == "error":
            self.finished = True
            raise HelperFailed(f"the conflicts helper process failed: {payload}")
        self.done = done
        if kind == "done":
            self.finished = True
            return None
        if self._bodies is None:
            self._bodies = open(Path(self.folder.name) / BODIES, "rb")  # noqa: SIM115
        self.taken += 1
        out: list[tuple[Summary, str | None]] = []
        for summary, offset, length in payload:
            body = None
            if length:
                self._bodies.seek(offset)
                body = self._bodies.read(length).decode()
            out.append((Summary(*summary), body))
        return out

    def close(self) -> None:
        """Stop the helper if it still runs, and the reading thread with it."""
        import queue

        if self.process.poll() is None:
            self.process.terminate()
        self.process.wait(timeout=10)
        if not self.process.stdin.closed:
            try:
                self.process.stdin.close()
            except OSError:
                pass
        while self._reader.is_alive():  # free it if it waits on a full queue
            try:
                self._queue.get(timeout=0.05)
            except queue.Empty:
                pass
        self.process.stdout.close()
        self.errors.close()
        if self._bodies is not None:
            self._bodies.close()
        self.folder.cleanup()


class Task(NamedTuple):
    """What the helper is asked to do: its buckets, then (as the last part of
    the run) the articles' arithmetic checks in the run's scope."""

    url: str
    wanted: dict[int, set[str]]
    min_severity: float
    since: int | None  # ordinal: bodies only for findings this recent
    subject_ids: list[int] | None
    measure: str | None


def spawn() -> Helper | None:
    """Start a helper process, before its task is known (it imports what it
    needs meanwhile); None if no process can be started. ``Helper.begin``
    then hands it the task, or ``Helper.close`` sends it away."""
    import subprocess
    import sys
    import tempfile

    # The helper imports this package from where the caller found it.
    root = str(Path(__file__).resolve().parent.parent)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    folder = tempfile.TemporaryDirectory(prefix="prov-conflicts-")
    errors = tempfile.TemporaryFile()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "provenance.conflicts_helper"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            env=env,
        )
    except OSError:
        errors.close()
        folder.cleanup()
        return None
    return Helper(process, errors, folder)


def start(task: Task) -> Helper | None:
    """Start a helper and hand it ``task``; None if that fails."""
    helper = spawn()
    if helper is not None and not helper.begin(task):
        helper.close()
        return None
    return helper


def _summary(d: Any) -> tuple[Any, ...]:
    return (d.id, d.key, d.kind, d.severity, d.claim_ids, d.fingerprint, d.newest, d.article_id)


def main() -> None:
    """The helper: read its task on stdin; detect, and write (summary, body
    JSON) per batch on stdout, pickled."""
    import pickle
    import sys

    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write to the channel

    def send(message: tuple[str, int, Any]) -> None:
        pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()

    # Imports first: they overlap the caller's first query.
    from provenance.conflicts import _dumps, detect_batches, render_bodies
    from provenance.db import get_engine, session_scope
    from provenance.grades import resolved_claim_ids, source_grades
    from provenance.questions import load_context

    try:
        try:
            fields, bodies_path = pickle.load(sys.stdin.buffer)
        except EOFError:  # sent away before any task: nothing to do
            return
        task = Task(*fields)
        since = task.since
        bodies_file = open(bodies_path, "wb")  # noqa: SIM115
        end = 0
        engine = get_engine(task.url)
        with session_scope(engine) as session:
            ctx = load_context(session)
            ctx.min_severity = task.min_severity
            sources = source_grades(session)
            resolved = resolved_claim_ids(session)
            checked = [0]

            def progress(done: int, _total: int) -> None:
                checked[0] = done

            for found in detect_batches(
                session,
                ctx,
                subject_ids=task.subject_ids,
                measure=task.measure,
                wanted=task.wanted,
                detail=True,
                progress=progress,
            ):
                unique: dict[str, Any] = {}
                for d in found:
                    unique.setdefault(d.id, d)
                shown = [d for d in unique.values() if since is None or d.newest >= since]
                # Record bodies go through a file: through the pipe, the
                # caller's reading thread would wait for the GIL every 64 KiB.
                spans: dict[str, tuple[int, int]] = {}
                for d, body in render_bodies(session, shown, sources, resolved):
                    data = _dumps(body).encode()
                    bodies_file.write(data)
                    spans[d.id] = (end, len(data))
                    end += len(data)
                bodies_file.flush()
                payload = [(_summary(d), *spans.get(d.id, (0, 0))) for d in unique.values()]
                send(("batch", checked[0], payload))
        send(("done", checked[0], None))
    except BrokenPipeError:  # the caller has gone
        pass
    except BaseException as exc:  # told to the caller, which raises it
        try:
            send(("error", 0, f"{type(exc).__name__}: {exc}"))
        except OSError:
            pass


__all__ = [
    "LARGE_TABLE",
    "MIN_BUCKETS",
    "Helper",
    "HelperFailed",
    "Summary",
    "Task",
    "can_split",
    "idle_core",
    "large",
    "spawn",
    "split",
    "start",
    "worth_splitting",
]


if __name__ == "__main__":
    main()
