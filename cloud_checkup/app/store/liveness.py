"""Whether the process that was recording a scan is still running it."""

from __future__ import annotations

import os
import sys

# Scans being recorded by a Recorder in this process right now.
_RECORDING: set[str] = set()


def begin(scan_id: str) -> None:
    _RECORDING.add(scan_id)


def end(scan_id: str) -> None:
    _RECORDING.discard(scan_id)


def still_recording(scan_id: str, owner_pid: int | None) -> bool:
    if owner_pid is None:
        return False
    if owner_pid == os.getpid():
        return scan_id in _RECORDING
    return process_alive(owner_pid)


def process_alive(pid: int) -> bool:
    if sys.platform == "win32":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    return True


def _windows_process_alive(pid: int) -> bool:
    import ctypes

    query_limited_information = 0x1000
    still_active = 259
    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return False
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)
