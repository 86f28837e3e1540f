"""Model Studio API keys may call only the models chosen for them."""

from __future__ import annotations

from .._fields import as_bool, as_list
from .._modelstudio import (
    ACTIVE_KEYS,
    API_KEY_TYPE,
    API_KEYS,
    key_findings,
    permission_settings,
)
from ..base import Category, Finding, Package, Remediation, Severity, check


@check(
    id="modelstudio-api-key-model-scope",
    title="Model Studio API keys are limited to the models they need",
    category=Category.AI,
    severity=Severity.MEDIUM,
    package=Package.AI,
    description=(
        "Reads the permission settings of every active Model Studio API key and "
        "checks that it has custom permissions naming the models it may call, "
        "rather than all permissions or every model of its workspace."
    ),
    risk=(
        "A key allowed every model can be spent on the most expensive ones and on "
        "models the application was never meant to use; a leaked key then costs "
        "the most and reaches the most."
    ),
    remediation=Remediation(
        steps=(
            "Edit the key's permissions and choose custom permissions.",
            "Allow only the models the application calls.",
        ),
        console_path=("Model Studio", "Key Management", "API-Key", "<key>"),
        doc_url="https://www.alibabacloud.com/help/en/model-studio/get-api-key",
        command="aliyun modelstudio GET /modelstudio/apikeys --region <region>",
    ),
    needs=(API_KEYS,),
    assets=ACTIVE_KEYS,
    references=("Model Studio API key guidance: one key per application",),
    resource_type=API_KEY_TYPE,
    applies_to="active Model Studio API keys",
)
def evaluate(inventory):
    yield from key_findings(inventory, _verdict)


def _verdict(key, key_id: str, kw: dict) -> Finding:
    auth = permission_settings(key)
    if auth is None:
        return Finding.unknown(key_id, "The key's permissions were not returned", **kw)
    if str(auth.get("type") or "").strip().lower() == "all":
        return Finding.failed(key_id, "The key has all permissions", **kw)
    scope = auth.get("modelAccessScope")
    if not isinstance(scope, dict):
        return Finding.unknown(
            key_id, "The key's model access scope was not returned", **kw
        )
    allow_all = as_bool(scope.get("allowAllModels"))
    if allow_all is None:
        return Finding.unknown(
            key_id, "Whether the key may call every model is unknown", **kw
        )
    if allow_all:
        return Finding.failed(
            key_id, "The key may call every model its workspace may call", **kw
        )
    models = sorted(str(m) for m in as_list(scope.get("accessibleModels")))
    return Finding.passed(key_id, "May call " + (", ".join(models) or "no model"), **kw)
