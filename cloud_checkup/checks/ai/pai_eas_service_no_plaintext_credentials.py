"""PAI-EAS service configurations hold no credentials in environment variables."""

from __future__ import annotations

from .._ai import detail_or_unknown, json_document, secret_names, where
from .._fields import as_list
from ..base import Category, Finding, Package, Remediation, Severity, check

_TYPE = "ACS::PAI::EASService"


@check(
    id="pai-eas-service-no-plaintext-credentials",
    title="PAI-EAS services hold no API keys or passwords in environment variables",
    category=Category.AI,
    severity=Severity.HIGH,
    package=Package.AI,
    description=(
        "Parses each inference service's configuration (ServiceConfig, a JSON "
        "document sent as a string) and flags container environment variables whose "
        "names denote credentials. Values are never read into the report."
    ),
    risk=(
        "The service configuration is readable by anyone with EAS read access and "
        "is kept in every service version; a key in it is a key shared with all of "
        "them."
    ),
    remediation=Remediation(
        steps=(
            "Remove the credential from the service configuration and rotate it.",
            "Give the service a RAM role, or read the secret from KMS Secrets "
            "Manager at start-up.",
        ),
        console_path=(
            "PAI",
            "Elastic Algorithm Service (EAS)",
            "<service>",
            "Configuration",
        ),
        doc_url="https://www.alibabacloud.com/help/en/pai/user-guide/parameters-of-model-services",
        command="aliyun eas GET /api/v2/services/<region>/<service>",
    ),
    needs=("eas.services", "eas.service_details"),
    references=("Security Center AI assets: plaintext AI keys",),
    resource_type=_TYPE,
)
def evaluate(inventory):
    for service in inventory.records("eas.services"):
        name = service["ServiceName"]
        service_id = service.get("ServiceId") or name
        kw = where(service, "ServiceName", _TYPE)
        detail, unknown = detail_or_unknown(
            inventory,
            "eas.service_details",
            name,
            "the service description",
            resource_id=service_id,
            **kw,
        )
        if unknown:
            yield unknown
            continue
        if detail is None:
            continue
        config = json_document(detail.get("ServiceConfig"))
        if config is None:
            text = "The service configuration is missing or not valid JSON"
            yield Finding.unknown(service_id, text, **kw)
            continue
        names = _credential_names(config)
        if names:
            text = "Credential-like variables: " + ", ".join(names)
            yield Finding.failed(service_id, text, **kw)
        else:
            yield Finding.passed(service_id, "No credential-like variable", **kw)


def _credential_names(config):
    names = set(secret_names(config.get("env")))
    for container in as_list(config.get("containers")):
        if isinstance(container, dict):
            names.update(secret_names(container.get("env")))
    return sorted(names)
