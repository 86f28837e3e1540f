"""Elasticsearch clusters are not open to the whole Internet."""

from __future__ import annotations

from .._ai import is_internet
from .._fields import as_bool, as_list
from ..base import Category, Finding, Package, Remediation, Severity, check
from ._elasticsearch import CLUSTER_TYPE, described_clusters


@check(
    id="elasticsearch-public-access-restricted",
    title="Elasticsearch clusters do not admit every address over the Internet",
    category=Category.AI,
    severity=Severity.HIGH,
    package=Package.AI,
    description=(
        "Flags Elasticsearch clusters whose public address is enabled "
        "(enablePublic) with a public whitelist that is empty or admits 0.0.0.0/0."
    ),
    risk=(
        "Elasticsearch holds the indexed documents and vectors of search and RAG "
        "applications; an open public address exposes them to scans and dumps."
    ),
    remediation=Remediation(
        steps=(
            "Disable the public address, or limit the public whitelist to known "
            "addresses.",
        ),
        console_path=(
            "Elasticsearch",
            "Instances",
            "<instance>",
            "Security",
            "Public Network Access",
        ),
        doc_url="https://www.alibabacloud.com/help/en/es/user-guide/configure-a-public-or-private-ip-address-whitelist-for-an-elasticsearch-cluster",
        command="aliyun elasticsearch DescribeInstance --InstanceId <id>",
    ),
    needs=("elasticsearch.instances", "elasticsearch.instance_details"),
    references=("Cloud Config elasticsearch-public-and-any-ip-access-check",),
    resource_type=CLUSTER_TYPE,
)
def evaluate(inventory):
    for instance_id, kw, detail, unknown in described_clusters(inventory):
        if unknown:
            yield unknown
        if detail is None:
            continue
        public = as_bool(detail.get("enablePublic"))
        if public is None:
            text = "The public access setting was not in the answer"
            yield Finding.unknown(instance_id, text, **kw)
            continue
        if not public:
            yield Finding.passed(instance_id, "Public address disabled", **kw)
            continue
        whitelist = as_list(detail.get("publicIpWhitelist"))
        if not whitelist or any(is_internet(ip) for ip in whitelist):
            text = "Public address open to every address"
            yield Finding.failed(instance_id, text, **kw)
        else:
            text = "Public address limited to " + ", ".join(map(str, whitelist))
            yield Finding.passed(instance_id, text, **kw)
