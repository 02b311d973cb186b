"""Writing files so that nothing already written is lost or half-overwritten."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror}", path) from exc
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        _remove_quietly(tmp)
        raise InputError(f"cannot write: {exc.strerror}", path) from exc
    except BaseException:
        _remove_quietly(tmp)
        raise


def atomic_write_text(path: Path | str, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def check_writable(path: Path | str) -> None:
    """Fail early, before any work, when ``path`` cannot be written."""
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise InputError("is a directory, not a file", path)
    if not parent.exists():
        raise InputError(f"folder {parent} does not exist", path)
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise InputError("not writable", path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


class AtomicFile:
    """A binary file written beside ``path`` and renamed over it on success (nothing half-written is ever
    seen at ``path``; on an error the temporary file is removed and ``path`` is untouched). ``copy_from``
    copies a byte range of another file in the kernel (os.copy_file_range), so composing a large export
    from the unchanged parts of the previous one costs no Python-level reading."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        except OSError as exc:
            raise InputError(f"cannot write here: {exc.strerror}", self.path) from exc
        os.fchmod(fd, 0o666 & ~_umask())
        self._handle = os.fdopen(fd, "wb")
        self.size = 0

    def write(self, data: bytes) -> None:
        self.flush_copies()
        self._handle.write(data)
        self.size += len(data)

    def copy_from(self, source, offset: int, length: int) -> None:
        """Append ``length`` bytes of the open binary file ``source`` starting at ``offset``. Consecutive
        ranges of the same file are copied in one call (see ``flush_copies``)."""
        pending = getattr(self, "_pending", None)
        if pending and pending[0] is source and pending[1] + pending[2] == offset:
            self._pending = (source, pending[1], pending[2] + length)
        else:
            self.flush_copies()
            self._pending = (source, offset, length)
        self.size += length

    def flush_copies(self) -> None:
        pending = getattr(self, "_pending", None)
        self._pending = None
        if pending:
            self.size -= pending[2]
            self._copy(*pending)

    def _copy(self, source, offset: int, length: int) -> None:
        self._handle.flush()
        out, src = self._handle.fileno(), source.fileno()
        done = 0
        while done < length:
            try:
                n = os.copy_file_range(src, out, length - done, offset + done)
            except OSError:  # a filesystem without it: copy through user space
                source.seek(offset + done)
                n = len(chunk := source.read(min(length - done, 1 << 24)))
                os.write(out, chunk)
            if n == 0:
                raise InputError(f"{source.name} is shorter than its index says (offset {offset + done})",
                                 self.path)
            done += n
        self.size += length
        self._handle.seek(0, os.SEEK_END)

    def __enter__(self) -> "AtomicFile":
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if kind is None:
            try:
                self.flush_copies()
                self._handle.flush()
                os.fsync(self._handle.fileno())
                self._handle.close()
                os.replace(self._tmp, self.path)
            except OSError as error:
                _remove_quietly(self._tmp)
                raise InputError(f"cannot write: {error.strerror}", self.path) from error
        else:
            self._handle.close()
            _remove_quietly(self._tmp)
