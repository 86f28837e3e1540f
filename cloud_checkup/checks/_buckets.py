"""Reading a bucket's GetBucketInfo, telling a setting that is off from one not said.

OSS documents how GetBucketInfo says "off": ``SSEAlgorithm`` ``None`` when no default
encryption is set, an empty ``LogBucket`` in ``BucketPolicy`` when access logging is
off, ``BlockPublicAccess`` ``false``. An element left out of the answer, or holding a
value OSS does not document, says neither: the bucket is not checked on it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ._details import not_returned
from ._fields import dig, is_on
from .base import Finding

ACLS = frozenset({"private", "public-read", "public-read-write"})
PUBLIC_ACLS = frozenset({"public-read", "public-read-write"})
# SSEAlgorithm values, upper-cased; NONE is OSS's word for "no default encryption".
ALGORITHMS = frozenset({"AES256", "KMS", "SM4"})
NO_ENCRYPTION = "NONE"

_ACL = "AccessControlList.Grant"
_SSE_RULE = "ServerSideEncryptionRule"
_SSE_ALGORITHM = f"{_SSE_RULE}.SSEAlgorithm"
_LOGGING = "BucketPolicy"
_LOG_BUCKET = f"{_LOGGING}.LogBucket"


@dataclass(frozen=True)
class NotRead:
    """Why a bucket setting could not be read: a field left out, or an odd value."""

    field: str
    value: Any = None

    def finding(self, bucket: str, **where: Any) -> Finding:
        if self.value is None:
            return not_returned(bucket, self.field, **where)
        text = f"{self.field} is {self.value!r}, a value OSS does not document"
        return Finding.unknown(bucket, text, **where)


def acl(info: Mapping[str, Any]) -> str | NotRead:
    """The bucket ACL, lower-cased: private, public-read or public-read-write."""
    grant = dig(info, _ACL)
    if grant is None or str(grant).strip() == "":
        return NotRead(_ACL)
    text = str(grant).strip().lower()
    return text if text in ACLS else NotRead(_ACL, grant)


def public_access_blocked(info: Mapping[str, Any]) -> bool | NotRead:
    """Whether Block Public Access is on (OSS sends ``"true"`` or ``"false"``)."""
    value = info.get("BlockPublicAccess")
    state = is_on(value)
    if state is None:
        return NotRead("BlockPublicAccess", None if value in (None, "") else value)
    return state


def default_encryption(info: Mapping[str, Any]) -> str | NotRead:
    """The default server-side encryption, upper-cased: one of ``ALGORITHMS``, or
    ``NO_ENCRYPTION``."""
    rule = _container(info, _SSE_RULE)
    if rule is None:
        return NotRead(_SSE_RULE)
    algorithm = rule.get("SSEAlgorithm")
    if algorithm is None or str(algorithm).strip() == "":
        return NotRead(_SSE_ALGORITHM)
    text = str(algorithm).strip().upper()
    if text in ALGORITHMS or text == NO_ENCRYPTION:
        return text
    return NotRead(_SSE_ALGORITHM, algorithm)


def log_bucket(info: Mapping[str, Any]) -> str | NotRead:
    """The bucket that receives access logs; empty when logging is off."""
    logging = _container(info, _LOGGING)
    if logging is None:
        return NotRead(_LOGGING)
    target = logging.get("LogBucket")
    if target is None:
        return NotRead(_LOG_BUCKET)
    return str(target).strip()


def _container(info: Mapping[str, Any], name: str) -> Mapping[str, Any] | None:
    """The element ``name`` holds, or None when the answer left it out.

    An element sent empty (``<BucketPolicy/>``) parses as an empty string: it was
    returned, holding none of its fields.
    """
    element = info.get(name)
    if isinstance(element, Mapping):
        return element
    return {} if element == "" else None
