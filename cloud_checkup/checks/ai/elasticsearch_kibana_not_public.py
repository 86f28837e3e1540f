"""Kibana of Elasticsearch clusters is not open to the whole Internet."""

from __future__ import annotations

from .._ai import is_internet
from .._fields import as_bool, as_list
from ..base import Category, Finding, Package, Remediation, Severity, check
from ._elasticsearch import CLUSTER_TYPE, described_clusters


@check(
    id="elasticsearch-kibana-not-public",
    title="Kibana of Elasticsearch clusters is not open to every Internet address",
    category=Category.AI,
    severity=Severity.HIGH,
    package=Package.AI,
    description=(
        "Flags clusters whose Kibana public access (enableKibanaPublicNetwork) is "
        "on with a whitelist that is empty or admits 0.0.0.0/0."
    ),
    risk=(
        "Kibana gives a browser console over every index; exposed to the Internet "
        "it is a target for password guessing and a direct view into the data."
    ),
    remediation=Remediation(
        steps=(
            "Turn off Kibana public access and use private access, or restrict the "
            "Kibana whitelist to known addresses.",
        ),
        console_path=(
            "Elasticsearch",
            "Instances",
            "<instance>",
            "Data Visualization",
            "Kibana",
        ),
        doc_url="https://www.alibabacloud.com/help/en/es/user-guide/configure-a-public-or-private-ip-address-whitelist-for-kibana",
        command="aliyun elasticsearch DescribeInstance --InstanceId <id>",
    ),
    needs=("elasticsearch.instances", "elasticsearch.instance_details"),
    references=("Cloud Config elasticsearch-instance-enabled-kibana-public-check",),
    resource_type=CLUSTER_TYPE,
)
def evaluate(inventory):
    for instance_id, kw, detail, unknown in described_clusters(inventory):
        if unknown:
            yield unknown
        if detail is None:
            continue
        public = as_bool(detail.get("enableKibanaPublicNetwork"))
        if public is None:
            text = "The Kibana public access setting was not in the answer"
            yield Finding.unknown(instance_id, text, **kw)
            continue
        if not public:
            yield Finding.passed(instance_id, "Kibana public access off", **kw)
            continue
        whitelist = as_list(detail.get("kibanaIPWhitelist"))
        if not whitelist or any(is_internet(ip) for ip in whitelist):
            yield Finding.failed(instance_id, "Kibana open to every address", **kw)
        else:
            text = "Kibana limited to " + ", ".join(map(str, whitelist))
            yield Finding.passed(instance_id, text, **kw)
