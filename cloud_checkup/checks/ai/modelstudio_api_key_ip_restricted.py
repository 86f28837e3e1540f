"""Model Studio API keys accept calls only from listed IP addresses."""

from __future__ import annotations

from .._fields import admits_every_address, as_list
from .._modelstudio import (
    ACTIVE_KEYS,
    API_KEY_TYPE,
    API_KEYS,
    key_findings,
    permission_settings,
)
from ..base import Category, Finding, Package, Remediation, Severity, check


@check(
    id="modelstudio-api-key-ip-restricted",
    title="Model Studio API keys accept calls only from listed IP addresses",
    category=Category.AI,
    severity=Severity.MEDIUM,
    package=Package.AI,
    description=(
        "Reads the IP access whitelist of every active Model Studio API key and "
        "checks that it is set and does not admit every address."
    ),
    risk=(
        "Without a whitelist, anyone who finds the key (in a repository, a log or a "
        "browser bundle) can call models with it from anywhere."
    ),
    remediation=Remediation(
        steps=(
            "Edit the key's permissions and add the egress addresses of the "
            "applications that use it to the IP whitelist.",
            "Remove 0.0.0.0/0 or ::/0 from the whitelist.",
        ),
        console_path=("Model Studio", "Key Management", "API-Key", "<key>"),
        doc_url="https://www.alibabacloud.com/help/en/model-studio/get-api-key",
        command="aliyun modelstudio GET /modelstudio/apikeys --region <region>",
    ),
    needs=(API_KEYS,),
    assets=ACTIVE_KEYS,
    references=("Model Studio API key guidance: keep keys secure",),
    resource_type=API_KEY_TYPE,
    applies_to="active Model Studio API keys",
)
def evaluate(inventory):
    yield from key_findings(inventory, _verdict)


def _verdict(key, key_id: str, kw: dict) -> Finding:
    auth = permission_settings(key)
    if auth is None:
        return Finding.unknown(key_id, "The key's permissions were not returned", **kw)
    addresses = [str(a).strip() for a in as_list(auth.get("accessIps")) if a]
    if not addresses:
        return Finding.failed(key_id, "No IP whitelist: calls from any address", **kw)
    open_entries = [a for a in addresses if admits_every_address(a)]
    if open_entries:
        return Finding.failed(
            key_id,
            "The IP whitelist admits every address: " + ", ".join(open_entries),
            **kw,
        )
    return Finding.passed(key_id, "Calls only from " + ", ".join(addresses), **kw)
