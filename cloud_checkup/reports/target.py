"""Where an export goes: a file path, or a text stream the caller owns (stdout)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

Target = str | os.PathLike[str] | TextIO


@contextlib.contextmanager
def open_text(
    target: Target, *, encoding: str = "utf-8", newline: str | None = None
) -> Iterator[TextIO]:
    """Yield a text stream for ``target``; a path is written whole or not at all.

    A stream passed in is written to and left open, since the caller owns it. A path
    is written to a temporary file beside it and moved into place, so that a failed
    export never leaves half a report where the previous one was. A path that is not
    a regular file (``/dev/stdout``, a named pipe) is written to directly: moving a
    file over it would replace the device itself.
    """
    if not isinstance(target, str | os.PathLike):
        yield target
        target.flush()
        return
    path = Path(target).resolve()  # replace a link's file, not the link
    if path.exists() and not path.is_file():
        with path.open("w", encoding=encoding, newline=newline) as stream:
            yield stream
        return
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("w", encoding=encoding, newline=newline) as stream:
            yield stream
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def unwritable(target: str | os.PathLike[str]) -> str | None:
    """Why ``open_text`` could not write a report to the path, in words; else None.

    Asked before a long scan, so that a bad destination fails at once. Permission
    bits can lie (root, read-only mounts, ACLs), so the folder is tested the way
    ``open_text`` uses it: by creating a hidden file in it, and removing it.
    """
    path = Path(target).resolve()
    if path.is_dir():
        return f"{path} is a folder; give a file name for the report"
    if path.parent.exists() and not path.parent.is_dir():
        return f"{path.parent} is a file, not a folder"
    if not path.parent.is_dir():
        return f"the folder {path.parent} does not exist"
    if path.exists() and not path.is_file():
        return None if os.access(path, os.W_OK) else f"cannot write to {path}"
    try:
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}."):
            return None
    except OSError as error:
        return f"cannot write in the folder {path.parent} ({error_words(error)})"


def error_words(error: OSError) -> str:
    """``permission denied``: the error's words, without its number or file name."""
    return (error.strerror or str(error)).lower()


def describe(target: Target) -> str:
    """How a log line names ``target``: its path, or the stream's name."""
    if isinstance(target, str | os.PathLike):
        return os.fspath(target)
    return str(getattr(target, "name", "a stream"))
