"""Active Model Studio API keys are younger than 90 days."""

from __future__ import annotations

from datetime import datetime, timedelta

from .._fields import parse_time
from .._modelstudio import (
    ACTIVE_KEYS,
    API_KEY_TYPE,
    API_KEYS,
    key_findings,
)
from ..base import Category, Finding, Package, Remediation, Severity, check

MAX_AGE = timedelta(days=90)


@check(
    id="modelstudio-api-key-rotated-90-days",
    title="Active Model Studio API keys are rotated within 90 days",
    category=Category.AI,
    severity=Severity.MEDIUM,
    package=Package.AI,
    description=(
        "Lists the Model Studio API keys of every scanned region and checks that "
        "each key not disabled was created within the last 90 days."
    ),
    risk=(
        "A Model Studio API key calls models on the account's bill and reads what "
        "its workspace holds; the older it is, the more scripts, notebooks and "
        "laptops hold a copy, and the longer a leaked one keeps working."
    ),
    remediation=Remediation(
        steps=(
            "Create a new API key in the same workspace with the same permissions.",
            "Move the applications to the new key.",
            "Disable the old key, check nothing breaks, then delete it.",
        ),
        console_path=("Model Studio", "Key Management", "API-Key"),
        doc_url="https://www.alibabacloud.com/help/en/model-studio/get-api-key",
        command="aliyun modelstudio GET /modelstudio/apikeys --region <region>",
    ),
    needs=(API_KEYS,),
    assets=ACTIVE_KEYS,
    references=("Model Studio API key guidance: rotate keys periodically",),
    resource_type=API_KEY_TYPE,
    applies_to="active Model Studio API keys",
)
def evaluate(inventory):
    now = inventory.now
    yield from key_findings(inventory, lambda key, kid, kw: _verdict(key, kid, now, kw))


def _verdict(key, key_id: str, now: datetime, kw: dict) -> Finding:
    created = parse_time(key.get("gmtCreate"))
    if created is None:
        return Finding.unknown(key_id, "The key's creation time is unreadable", **kw)
    age = (now - created).days
    if now - created > MAX_AGE:
        return Finding.failed(key_id, f"Active key is {age} days old", **kw)
    return Finding.passed(key_id, f"Active key is {age} days old", **kw)
