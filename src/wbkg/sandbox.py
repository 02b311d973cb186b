"""No network for the processes that run queries, whatever the query says.

The SERVICE check reads the query with one parser and Oxigraph runs it with another; the next difference
between them must not open a hole. So a process that executes queries (``wbkg query``, each server worker)
first confines itself, with two layers that do not depend on parsing anything:

* a network namespace of its own (``unshare``; as root CLONE_NEWNET, otherwise with a user namespace):
  no interface but a loopback that is down, so every connection fails with "network unreachable". Linux
  allows it only in a single-threaded process, and container runtimes often refuse it;
* a seccomp filter (libseccomp, through pyseccomp) that lets ``socket()`` create Unix sockets only and
  refuses io_uring (which could create sockets past the filter). It covers every thread (TSYNC) and is
  what container runtimes allow, so it is the layer that is expected everywhere.

Confinement cannot be undone, so ``wbkg query`` runs its query in a forked child (:func:`run_confined`) and
stays free itself (the tests call the CLI in their own process). A layer that cannot be set is reported on stderr, never skipped in silence; with neither, the warning says
that queries run unconfined, and ``WBKG_SANDBOX=require`` turns that into an error (docs/SECURITY.md).
"""
from __future__ import annotations

import ctypes
import errno
import os
import pickle
import signal
import socket
import sys
import traceback
from dataclasses import dataclass, field
from typing import Callable

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
_confined: "Confinement | None" = None


@dataclass
class Confinement:
    layers: list[str] = field(default_factory=list)      # what is in force
    refused: list[str] = field(default_factory=list)     # what could not be set, and why

    def describe(self) -> str:
        held = ", ".join(self.layers) or "none"
        return f"network confinement: {held}" + (f" (not available: {'; '.join(self.refused)})"
                                                   if self.refused else "")


class SandboxUnavailable(RuntimeError):
    """WBKG_SANDBOX=require and no layer could be set."""


def _threads() -> int:
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 0


def _write(path: str, text: str) -> None:
    with open(path, "w") as handle:
        handle.write(text)


def network_namespace() -> str | None:
    """Enter a new, empty network namespace; None when done, else why not."""
    if _threads() != 1:
        return f"network namespace: the process has {_threads()} threads (unshare needs one)"
    libc = ctypes.CDLL(None, use_errno=True)
    uid, gid = os.geteuid(), os.getegid()
    flags = CLONE_NEWNET if uid == 0 else CLONE_NEWUSER | CLONE_NEWNET
    if libc.unshare(flags) != 0:
        return f"network namespace: unshare refused ({os.strerror(ctypes.get_errno())})"
    if uid != 0:   # keep our own uid and gid inside the user namespace (files keep their owner)
        try:
            _write("/proc/self/setgroups", "deny")
            _write("/proc/self/uid_map", f"{uid} {uid} 1")
            _write("/proc/self/gid_map", f"{gid} {gid} 1")
        except OSError:
            pass   # unmapped ids work for reading and writing our own files; the namespace is in force
    return None


def socket_filter() -> str | None:
    """Install the seccomp filter (Unix sockets only, no io_uring); None when done, else why not."""
    try:
        import pyseccomp as seccomp
    except Exception as exc:  # the package is missing, or libseccomp.so.2 is not installed
        return f"seccomp: libseccomp not usable ({exc})"
    try:
        rules = seccomp.SyscallFilter(seccomp.ALLOW)
        rules.set_attr(seccomp.Attr.CTL_TSYNC, 1)
        rules.add_rule(seccomp.ERRNO(errno.EACCES), "socket", seccomp.Arg(0, seccomp.NE, socket.AF_UNIX))
        for name in ("io_uring_setup", "io_uring_enter", "io_uring_register"):
            rules.add_rule(seccomp.ERRNO(errno.ENOSYS), name)
        rules.load()
    except Exception as exc:
        return f"seccomp: the filter could not be loaded ({exc})"
    return None


def confine(stderr=None) -> Confinement:
    """Confine this process (once; later calls return the first result). Says on stderr what is missing."""
    global _confined
    if _confined is not None:
        return _confined
    result = Confinement()
    for name, layer in (("network namespace", network_namespace), ("seccomp socket filter", socket_filter)):
        why = layer()
        if why is None:
            result.layers.append(name)
        else:
            result.refused.append(why)
    _confined = result
    out = stderr or sys.stderr
    if not result.layers:
        if os.environ.get("WBKG_SANDBOX") == "require":
            raise SandboxUnavailable("WBKG_SANDBOX=require, but " + result.describe())
        print(f"wbkg: WARNING: queries run WITHOUT network confinement: {'; '.join(result.refused)}. "
              "Only the SERVICE check stands between a query and the network (docs/SECURITY.md).", file=out)
    elif result.refused and os.environ.get("WBKG_SANDBOX") != "quiet":
        print(f"wbkg: note: {result.describe()}", file=out)
    return result


def run_confined(work: Callable[[], object]):
    """Run ``work()`` in a forked child that confines itself first; return what it returned, or raise what
    it raised. Fork before opening a store: the child must not inherit a store's threads."""
    read, write = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:   # the child: confine, work, send the outcome, leave without running the parent's handlers
        os.close(read)
        code = 0
        try:
            confine()
            outcome = ("ok", work())
        except BaseException as exc:
            outcome = ("raised", exc)
        try:
            data = pickle.dumps(outcome)
        except Exception:
            data = pickle.dumps(("raised", RuntimeError(traceback.format_exc())))
        try:
            with os.fdopen(write, "wb") as handle:
                handle.write(data)
        except OSError:
            code = 3
        os._exit(code)
    os.close(write)
    try:
        with os.fdopen(read, "rb") as handle:
            data = handle.read()
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        os.waitpid(pid, 0)
    if not data:
        raise RuntimeError("the confined query process died without an answer")
    kind, value = pickle.loads(data)
    if kind == "raised":
        raise value
    return value
