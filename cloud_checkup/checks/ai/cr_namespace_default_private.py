"""Container Registry namespaces create private repositories by default."""

from __future__ import annotations

from .._ai import detail_or_unknown, listed_fully, where
from .._fields import as_list
from ..base import Category, Finding, Package, Remediation, Severity, check

_TYPE = "ACS::CR::Instance"


@check(
    id="cr-namespace-default-private",
    title="Container Registry namespaces create private repositories by default",
    category=Category.AI,
    severity=Severity.MEDIUM,
    package=Package.AI,
    description=(
        "Lists the namespaces of each Container Registry instance and flags those "
        "whose default repository type (DefaultRepoType) is PUBLIC, so that a push "
        "to a new repository publishes the image to anyone."
    ),
    risk=(
        "A model image pushed by a pipeline into an automatically created public "
        "repository can be pulled anonymously, with its weights and code."
    ),
    remediation=Remediation(
        steps=("Set the namespace's default repository type to private.",),
        console_path=("Container Registry", "Instances", "<instance>", "Namespace"),
        doc_url="https://www.alibabacloud.com/help/en/acr/user-guide/manage-namespaces",
        command="aliyun cr ListNamespace --InstanceId <id>",
    ),
    needs=("cr.instances", "cr.namespaces"),
    references=("Cloud Config resource public-access detection best practices",),
    resource_type=_TYPE,
)
def evaluate(inventory):
    for instance in inventory.records("cr.instances"):
        instance_id = instance["InstanceId"]
        kw = where(instance, "InstanceName", _TYPE)
        body, unknown = detail_or_unknown(
            inventory, "cr.namespaces", instance_id, "the namespaces", **kw
        )
        if unknown or body is None:
            if unknown:
                yield unknown
            continue
        namespaces = as_list(body.get("Namespaces"))
        public = sorted(
            str(n.get("NamespaceName"))
            for n in namespaces
            if str(n.get("DefaultRepoType", "")).upper() == "PUBLIC"
        )
        if public:
            text = "Public by default: " + ", ".join(public)
            yield Finding.failed(instance_id, text, **kw)
        elif not listed_fully(body, namespaces):
            text = "Only part of the namespaces was returned"
            yield Finding.unknown(instance_id, text, **kw)
        else:
            text = f"{len(namespaces)} namespaces, all private by default"
            yield Finding.passed(instance_id, text, **kw)
