"""Percent-encoding as every Alibaba Cloud signature wants it (RFC 3986).

UTF-8, every byte but the unreserved ``A-Z a-z 0-9 - _ . ~`` as ``%XX`` (so a space
is ``%20`` and ``*`` is ``%2A``). OpenAPI's, OSS's and Simple Log Service's queries are
all encoded with it; values are encoded on every call, so most of them, which need
nothing (region ids, page sizes, resource ids), are returned as they are.
"""

from __future__ import annotations

import re
import string

_UNRESERVED = re.compile(r"[A-Za-z0-9._~-]*")
_UNRESERVED_BYTES = frozenset((string.ascii_letters + string.digits + "-_.~").encode())
_ENCODED_BYTE = tuple(
    chr(byte) if byte in _UNRESERVED_BYTES else f"%{byte:02X}" for byte in range(256)
)


def is_unreserved(text: str) -> bool:
    """Whether ``text`` is made of unreserved characters only (needs no encoding)."""
    return _UNRESERVED.fullmatch(text) is not None


def percent_encode(value: str) -> str:
    """``value`` percent-encoded: UTF-8, space ``%20``, ``*`` ``%2A``, ``~`` kept."""
    if is_unreserved(value):
        return value
    return "".join([_ENCODED_BYTE[byte] for byte in value.encode()])
