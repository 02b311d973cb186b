"""Worker processes that answer jobs against the store, so that a query can be stopped.

Neither rdflib nor Oxigraph can be interrupted inside a thread, so every job that reads the graph runs in a
worker process. The workers are forked from a *zygote*: a single-threaded process forked from the server
before the event loop starts, holding no store (RocksDB's threads do not survive a fork); each worker opens
the store itself when it starts. When a job runs past its deadline or exhausts the worker's memory cap, the
worker is killed (SIGKILL) and the zygote forks a fresh one; the server itself never blocks on a query.

Wire format between the server and a worker: a 4-byte big-endian length, then a pickled object. A job is
``(kind, payload)``; a reply is what the handler returned, or :class:`WorkerFailure` when the job raised.
"""
from __future__ import annotations

import asyncio
import ctypes
import gc
import os
import pickle
import resource
import signal
import socket
import struct
import sys
import traceback
from dataclasses import dataclass
from typing import Callable

HEADER = struct.Struct(">I")
PR_SET_PDEATHSIG = 1


@dataclass
class WorkerFailure:
    kind: str          # "memory" or "error"
    message: str


class Saturated(Exception):
    """Every worker is busy and the wait queue is full."""


class JobTimeout(Exception):
    """The job ran past its deadline; its worker was killed."""


class JobMemory(Exception):
    """The job exceeded the worker's memory cap; its worker was replaced."""


class WorkerDied(Exception):
    """The worker exited without answering (crash, or killed from outside)."""


class JobError(Exception):
    """The handler raised an unexpected exception (a bug): the message is its traceback."""


# --------------------------------------------------------------------------------------------------------
# framing (blocking side: zygote and workers)

def _recv_exact(sock: socket.socket, size: int) -> bytes | None:
    chunks = []
    while size:
        chunk = sock.recv(min(size, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _send_frame(sock: socket.socket, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    sock.sendall(HEADER.pack(len(data)) + data)


def _recv_frame(sock: socket.socket):
    head = _recv_exact(sock, HEADER.size)
    if head is None:
        return None
    body = _recv_exact(sock, HEADER.unpack(head)[0])
    return None if body is None else pickle.loads(body)


def _die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent dies (no orphaned workers)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except Exception:  # pragma: no cover - not Linux
        pass


def _virtual_memory() -> int:
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:  # pragma: no cover - not Linux
        return 0


# --------------------------------------------------------------------------------------------------------
# worker and zygote (forked processes)

def _worker_main(sock: socket.socket, start: Callable, memory_mb: int, hard_seconds: float) -> None:
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C goes to the server, which stops us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGALRM, signal.SIG_DFL)  # last resort if the server forgot us: the alarm kills
    try:
        handle = start()   # opens the store: before the memory cap, which counts what a job adds to it
    except Exception:      # every job then reports why (a worker that died at once would be replaced forever)
        cause = traceback.format_exc(limit=20)

        def handle(kind, payload):
            raise RuntimeError(f"the worker could not start:\n{cause}")
    if memory_mb > 0:
        limit = _virtual_memory() + memory_mb * 1024 * 1024
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, resource.RLIM_INFINITY))
        except (ValueError, OSError):  # pragma: no cover
            pass
    while True:
        try:
            job = _recv_frame(sock)
        except (OSError, EOFError):
            job = None
        if job is None:
            os._exit(0)
        kind, payload, deadline = job
        signal.alarm(max(1, int(deadline + hard_seconds)))
        try:
            reply = handle(kind, payload)
        except MemoryError:
            reply = None
            failure = WorkerFailure("memory", "the job exceeded the worker's memory limit")
        except BaseException:  # report the bug instead of dying silently
            reply = None
            failure = WorkerFailure("error", traceback.format_exc(limit=20))
        signal.alarm(0)
        try:
            _send_frame(sock, reply if reply is not None else failure)
        except (OSError, MemoryError):
            os._exit(3)
        if reply is None and failure.kind == "memory":
            os._exit(4)   # the heap may be in a bad state: let the pool replace this worker


def _zygote_main(control: socket.socket, start: Callable, memory_mb: int, hard_seconds: float) -> None:
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)   # the kernel reaps our workers
    while True:
        try:
            message, fds, _flags, _addr = socket.recv_fds(control, 64, 1)
        except OSError:
            os._exit(0)
        if not message:
            os._exit(0)
        if not fds:
            continue
        pid = os.fork()
        if pid == 0:
            control.close()
            worker_sock = socket.socket(fileno=fds[0])
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            try:
                _worker_main(worker_sock, start, memory_mb, hard_seconds)
            finally:
                os._exit(0)
        os.close(fds[0])
        try:
            control.sendall(struct.pack(">i", pid))
        except OSError:
            os._exit(0)


class Zygote:
    """Forks workers on request. Create it before any thread or event loop exists in the server. ``start`` runs
    in each new worker and returns the function that answers its jobs: ``handle(kind, payload)``."""

    def __init__(self, start: Callable, memory_mb: int = 0, hard_seconds: float = 30.0):
        parent, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        # everything allocated so far (modules, the vocabulary) leaves the garbage collector's view, so that
        # collections in the workers do not touch, and so copy, the memory they share with the zygote
        gc.collect()
        gc.freeze()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            parent.close()
            try:
                _zygote_main(child, start, memory_mb, hard_seconds)
            finally:
                os._exit(0)
        child.close()
        self.pid = pid
        self.control = parent

    def spawn(self) -> tuple[int, socket.socket]:
        """A new worker: its pid and the server's end of its socket."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            socket.send_fds(self.control, [b"s"], [theirs.fileno()])
            pid_bytes = _recv_exact(self.control, 4)
        finally:
            theirs.close()
        if pid_bytes is None:
            ours.close()
            raise WorkerDied("the zygote process is gone")
        return struct.unpack(">i", pid_bytes)[0], ours

    def close(self) -> None:
        try:
            self.control.close()
        except OSError:
            pass
        _kill(self.pid)
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


# --------------------------------------------------------------------------------------------------------
# the server side (asyncio)

class Worker:
    def __init__(self, pid: int, sock: socket.socket):
        self.pid = pid
        self.sock = sock
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.jobs = 0

    async def connect(self) -> None:
        self.sock.setblocking(False)
        self.reader, self.writer = await asyncio.open_unix_connection(sock=self.sock)

    async def call(self, kind: str, payload, timeout: float):
        data = pickle.dumps((kind, payload, timeout), protocol=pickle.HIGHEST_PROTOCOL)
        self.writer.write(HEADER.pack(len(data)) + data)
        self.jobs += 1

        async def answer():
            await self.writer.drain()
            head = await self.reader.readexactly(HEADER.size)
            return pickle.loads(await self.reader.readexactly(HEADER.unpack(head)[0]))
        try:
            return await asyncio.wait_for(answer(), timeout)
        except asyncio.TimeoutError:
            raise JobTimeout(f"stopped after {timeout:g} s") from None
        except (asyncio.IncompleteReadError, ConnectionError, OSError) as exc:
            raise WorkerDied(f"the worker exited without answering ({exc.__class__.__name__})") from None

    def kill(self) -> None:
        _kill(self.pid)
        if self.writer is not None:
            self.writer.close()
        else:
            self.sock.close()


class Pool:
    """A fixed number of workers; at most ``queue`` requests wait for one, the rest get Saturated."""

    def __init__(self, zygote: Zygote, size: int, queue: int, queue_wait: float):
        self.zygote = zygote
        self.size = size
        self.queue = queue
        self.queue_wait = queue_wait
        self.idle: asyncio.Queue[Worker] | None = None
        self.waiting = 0
        self.busy = 0
        self.respawned = 0
        self.workers: set[Worker] = set()

    async def start(self) -> None:
        self.idle = asyncio.Queue()
        for _ in range(self.size):
            self.idle.put_nowait(await self._spawn())

    async def _spawn(self) -> Worker:
        pid, sock = self.zygote.spawn()
        worker = Worker(pid, sock)
        await worker.connect()
        self.workers.add(worker)
        return worker

    async def _replace(self, worker: Worker) -> None:
        worker.kill()
        self.workers.discard(worker)
        self.respawned += 1
        self.idle.put_nowait(await self._spawn())

    async def run(self, kind: str, payload, timeout: float):
        """Run a job in a worker; raise Saturated, JobTimeout, JobMemory, WorkerDied or JobError."""
        if self.idle.empty() and self.waiting >= self.queue:
            raise Saturated()
        self.waiting += 1
        try:
            worker = await asyncio.wait_for(self.idle.get(), self.queue_wait)
        except asyncio.TimeoutError:
            raise Saturated() from None
        finally:
            self.waiting -= 1
        self.busy += 1
        try:
            result = await worker.call(kind, payload, timeout)
        except (JobTimeout, WorkerDied, asyncio.CancelledError):
            # a cancelled request (client went away) leaves the worker mid-job: replace it as well
            self.busy -= 1
            await asyncio.shield(self._replace(worker))
            raise
        self.busy -= 1
        if isinstance(result, WorkerFailure):
            if result.kind == "memory":
                await self._replace(worker)
                raise JobMemory(result.message)
            self.idle.put_nowait(worker)
            raise JobError(result.message)
        self.idle.put_nowait(worker)
        return result

    def close(self) -> None:
        for worker in list(self.workers):
            worker.kill()
        self.workers.clear()
