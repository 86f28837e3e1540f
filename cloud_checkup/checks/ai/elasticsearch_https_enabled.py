"""Elasticsearch clusters accept only HTTPS."""

from __future__ import annotations

from ..base import Category, Finding, Package, Remediation, Severity, check
from ._elasticsearch import CLUSTER_TYPE, described_clusters


@check(
    id="elasticsearch-https-enabled",
    title="Elasticsearch clusters use HTTPS",
    category=Category.AI,
    severity=Severity.MEDIUM,
    package=Package.AI,
    description="Flags Elasticsearch clusters whose access protocol is not HTTPS.",
    risk=(
        "Over HTTP the cluster password and the documents and vectors returned to "
        "applications travel unencrypted."
    ),
    remediation=Remediation(
        steps=("Enable HTTPS for the cluster in its security settings.",),
        console_path=("Elasticsearch", "Instances", "<instance>", "Security", "HTTPS"),
        doc_url="https://www.alibabacloud.com/help/en/es/user-guide/use-the-https-protocol",
        command="aliyun elasticsearch DescribeInstance --InstanceId <id>",
    ),
    needs=("elasticsearch.instances", "elasticsearch.instance_details"),
    references=(
        "Cloud Config platform security best practices (encryption in transit)",
    ),
    resource_type=CLUSTER_TYPE,
)
def evaluate(inventory):
    for instance_id, kw, detail, unknown in described_clusters(inventory):
        if unknown:
            yield unknown
        if detail is None:
            continue
        protocol = str(detail.get("protocol") or "").upper()
        if not protocol:
            yield Finding.unknown(instance_id, "The protocol was not returned", **kw)
        elif protocol == "HTTPS":
            yield Finding.passed(instance_id, "HTTPS", **kw)
        else:
            yield Finding.failed(instance_id, f"Protocol {protocol}", **kw)
