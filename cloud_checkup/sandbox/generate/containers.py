"""Containers: ACK clusters (add-ons, node pools, checks, kubeconfigs) and Container
Registry Enterprise Edition instances (endpoints, namespaces, repositories)."""

from __future__ import annotations

import json
from typing import Any

from ._common import Region, from_now, past_time

# Kubernetes versions in use; ACK no longer supports those before 1.30.
_VERSIONS = {
    "1.28.9-aliyun.1": 0.15,
    "1.30.7-aliyun.1": 0.35,
    "1.31.1-aliyun.1": 0.35,
    "1.32.1-aliyun.1": 0.15,
}
_NETWORK_PLUGINS = {"terway-eniip": 0.6, "terway-eni": 0.1, "flannel": 0.3}
_ACCOUNT_STATES = {"Active": 0.8, "Deleted": 0.12, "Inactive": 0.08}
_TIME = "%Y-%m-%dT%H:%M:%SZ"


def build(r: Region) -> None:
    _clusters(r)
    _registries(r)


# --- ACK ---------------------------------------------------------------------------


def _clusters(r: Region) -> None:
    listed = [_cluster(r, n) for n in range(r.counts["ack_clusters"])]
    r.put("cs", "DescribeClustersV1", {"clusters": listed})
    ids = [c["cluster_id"] for c in listed]
    r.put_each(
        "cs",
        "ListClusterAddonInstances",
        "cluster_id",
        ids,
        lambda c: {"addons": _addons(r)},
    )
    r.put_each(
        "cs",
        "DescribeClusterNodePools",
        "cluster_id",
        ids,
        lambda c: {"nodepools": _node_pools(r, c)},
    )
    r.put_each(
        "cs", "ListClusterChecks", "cluster_id", ids, lambda c: {"checks": _checks(r)}
    )
    r.put_each(
        "cs",
        "ListClusterKubeconfigStates",
        "cluster_id",
        ids,
        lambda c: _kubeconfig_states(r),
    )


def _cluster(r: Region, n: int) -> dict[str, Any]:
    version = r.pick(_VERSIONS)
    host = n % 250 + 1
    # Four clusters in ten keep the API server's public endpoint.
    public = f"https://47.97.{r.index}.{host}:6443" if r.chance(0.4) else ""
    endpoints = {
        "api_server_endpoint": public,
        "intranet_api_server_endpoint": f"https://10.0.30.{host}:6443",
    }
    return {
        "cluster_id": f"c{r.rng.getrandbits(128):032x}",
        "name": f"k8s-{r.tag}-{n}",
        "region_id": r.name,
        "state": "running",
        "cluster_type": "ManagedKubernetes",
        "profile": "Default",
        "cluster_spec": r.pick({"ack.pro.small": 0.7, "ack.standard": 0.3}),
        "current_version": version,
        "network_mode": "vpc",
        "vpc_id": r.rng.choice(r.vpc_ids),
        "deletion_protection": r.chance(0.6),
        "created": past_time(r.rng, seconds=True),
        "master_url": json.dumps(endpoints),
        "meta_data": json.dumps({"KubernetesVersion": version}),
    }


def _addons(r: Region) -> list[dict[str, str]]:
    names = ["coredns", "csi-plugin", r.pick(_NETWORK_PLUGINS)]
    if r.chance(0.6):
        names.append("logtail-ds")
    if r.chance(0.1):
        names.append("kubernetes-dashboard")
    return [{"name": name, "version": "v1.0.0", "state": "active"} for name in names]


def _node_pools(r: Region, cluster_id: str) -> list[dict[str, Any]]:
    return [
        {
            "nodepool_info": {
                "nodepool_id": f"np-{cluster_id[1:9]}{k}",
                "name": "default-nodepool" if k == 0 else f"pool-{k}",
                "type": "ess",
            },
            "kubernetes_config": {
                "cms_enabled": r.chance(0.8),
                "runtime": "containerd",
            },
        }
        for k in range(r.rng.randint(1, 3))
    ]


def _checks(r: Region) -> list[dict[str, Any]]:
    """Cluster checks run every few days on most clusters, never on some."""
    if r.chance(0.15):
        return []
    checks = []
    for _ in range(r.rng.randint(1, 3)):
        days_ago = r.rng.randint(1, 40)
        checks.append(
            {
                "check_id": f"chk-{r.rng.getrandbits(32):08x}",
                "type": "ClusterCheck",
                "status": "Succeeded" if r.chance(0.9) else "Failed",
                "message": "",
                "created_at": from_now(-days_ago),
                "finished_at": from_now(-days_ago),
            }
        )
    return checks


def _kubeconfig_states(r: Region) -> dict[str, Any]:
    """The certificates issued to people; some belong to accounts deleted or frozen
    since, and some of those are still valid."""
    states = []
    for k in range(r.rng.randint(2, 8)):
        valid = r.chance(0.7)
        states.append(
            {
                "account_id": str(222748924538315000 + k),
                "account_name": f"user-{k:05d}",
                "account_type": "RamUser",
                "account_state": r.pick(_ACCOUNT_STATES),
                "cert_state": "Unexpired" if valid else "Expired",
                "cert_expire_time": from_now(
                    r.rng.randint(30, 900) * (1 if valid else -1), _TIME
                ),
                "revokable": True,
            }
        )
    page = {"page_number": 1, "page_size": 50, "total_count": len(states)}
    return {"page": page, "states": states}


# --- Container Registry ------------------------------------------------------------


def _registries(r: Region) -> None:
    ids = r.ids("cri", "cr_instances")
    listed = [
        {
            "InstanceId": i,
            "InstanceName": i.replace("cri-", "registry-"),
            "InstanceStatus": "RUNNING",
            "InstanceSpecification": r.pick(
                {"Enterprise_Basic": 0.6, "Enterprise_Standard": 0.4}
            ),
            "RegionId": r.name,
            "CreateTime": past_time(r.rng),
        }
        for i in ids
    ]
    r.put(
        "cr",
        "ListInstance",
        {"IsSuccess": True, "Code": "success", "Instances": listed},
    )
    r.put_each("cr", "ListInstanceEndpoint", "InstanceId", ids, lambda i: _endpoints(r))
    namespaces = {i: _namespaces(r, i) for i in ids}
    r.put_each(
        "cr",
        "ListNamespace",
        "InstanceId",
        ids,
        lambda i: _listing("Namespaces", namespaces[i]),
    )
    r.put_each(
        "cr",
        "ListRepository",
        "InstanceId",
        ids,
        lambda i: _listing("Repositories", _repositories(r, i, namespaces[i])),
    )


def _listing(name: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    # Container Registry counts its items in a string.
    return {"IsSuccess": True, "Code": "success", "TotalCount": str(len(items))} | {
        name: items
    }


def _endpoints(r: Region) -> dict[str, Any]:
    """A VPC endpoint, and half of the time an Internet one, most of those behind a
    whitelist (which sometimes admits every address)."""
    entries = [{"Entry": "203.0.113.0/24"}]
    if r.chance(0.15):
        entries.append({"Entry": "0.0.0.0/0"})
    internet = {
        "EndpointType": "internet",
        "Enable": r.chance(0.5),
        "Status": "RUNNING",
        "AclEnable": r.chance(0.7),
        "AclEntries": entries,
    }
    vpc = {
        "EndpointType": "vpc",
        "Enable": True,
        "Status": "RUNNING",
        "AclEnable": False,
        "AclEntries": [],
        "LinkedVpcs": [{"VpcId": r.vpc_ids[0]}],
    }
    return {"IsSuccess": True, "Code": "success", "Endpoints": [internet, vpc]}


def _namespaces(r: Region, instance_id: str) -> list[dict[str, Any]]:
    return [
        {
            "NamespaceName": f"team-{k}",
            "NamespaceId": f"crn-{instance_id[4:]}x{k}",
            "NamespaceStatus": "NORMAL",
            "DefaultRepoType": "PUBLIC" if r.chance(0.15) else "PRIVATE",
            "AutoCreateRepo": r.chance(0.5),
            "InstanceId": instance_id,
        }
        for k in range(r.rng.randint(1, 4))
    ]


def _repositories(
    r: Region, instance_id: str, namespaces: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    return [
        {
            "RepoId": f"crr-{instance_id[4:]}x{k:02d}",
            "RepoName": f"image-{k}",
            "RepoNamespaceName": r.rng.choice(namespaces)["NamespaceName"],
            "RepoType": "PUBLIC" if r.chance(0.15) else "PRIVATE",
            "RepoStatus": "NORMAL",
            "TagImmutability": r.chance(0.4),
            "InstanceId": instance_id,
        }
        for k in range(r.rng.randint(2, 12))
    ]
