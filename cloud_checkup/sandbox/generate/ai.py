"""AI workloads: PAI workspaces, notebooks (DSW), training jobs (DLC), inference
services and gateways (EAS), Elasticsearch clusters and Model Studio API keys."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ._common import ACCOUNT_ID, Account, Region, from_now, past_time, spread

# Model Studio's API is served in these regions only.
MODEL_STUDIO_REGIONS = ("cn-beijing", "ap-southeast-1", "us-east-1")

# DLC job states: some jobs still hold (or wait for) compute.
_JOB_STATES = {"Running": 0.3, "Queuing": 0.1, "Succeeded": 0.4, "Failed": 0.2}
# The roles of a workspace's members, and how often each is given.
_ROLES = {
    "PAI.WorkspaceAdmin": 0.25,
    "PAI.AlgoDeveloper": 0.5,
    "PAI.AlgoOperator": 0.25,
}


def build(r: Region) -> None:
    workspaces = _workspaces(r)
    _notebooks(r, workspaces)
    _inference(r)
    _training_jobs(r, workspaces)
    _search_clusters(r)


def _workspaces(r: Region) -> list[str]:
    """PAI workspaces, half created in simple mode (one environment), each with a
    few members."""
    ids = [str(86120 + 1000 * r.index + n) for n in range(r.counts["workspaces"])]
    listed = [
        {
            "WorkspaceId": w,
            "WorkspaceName": f"ai_{r.tag}_{n}",
            "EnvTypes": ["dev", "prod"] if r.chance(0.5) else ["prod"],
            "Status": "ENABLED",
            "IsDefault": n == 0,
            "GmtCreateTime": past_time(r.rng, seconds=True),
        }
        for n, w in enumerate(ids)
    ]
    r.put("aiworkspace", "ListWorkspaces", {"Workspaces": listed})
    r.put_each("aiworkspace", "ListMembers", "WorkspaceId", ids, lambda w: _members(r))
    return ids


def _members(r: Region) -> dict[str, Any]:
    members = [
        {
            "MemberId": f"m-{k:02d}",
            "UserId": str(203456789012345600 + k),
            "MemberName": f"user-{k:05d}",
            "DisplayName": f"user-{k:05d}",
            "AccountType": "RAMUser",
            "Roles": ["PAI.WorkspaceOwner" if k == 0 else r.pick(_ROLES)],
        }
        for k in range(r.rng.randint(2, 8))
    ]
    return {"TotalCount": len(members), "Members": members}


def _notebooks(r: Region, workspaces: list[str]) -> None:
    notebooks = [
        {
            "InstanceId": r.ident("dsw", n),
            "InstanceName": f"notebook-{n}",
            "WorkspaceId": r.rng.choice(workspaces) if workspaces else "",
            "Status": "Running",
            "Accessibility": r.rng.choice(["PRIVATE", "PUBLIC"]),
            "AcceleratorType": "GPU",
            "EcsSpec": "ecs.gn7i-c8g1.2xlarge",
            "PaymentType": "PayAsYouGo",
        }
        | _notebook_settings(r)
        for n in range(r.counts["dsw"])
    ]
    r.put("pai-dsw", "ListInstances", {"Instances": notebooks})


def _notebook_settings(r: Region) -> dict[str, Any]:
    """Most notebooks sit in a VPC behind a security group, a few with SSH
    forwarded from the Internet; half stop when idle (none on a timer); some hold a
    token."""
    settings: dict[str, Any] = {"EnvironmentVariables": _variables(r, "HF_TOKEN")}
    idle = 60 if r.chance(0.5) else 0
    settings["IdleInstanceCuller"] = {"MaxIdleTimeInMinutes": idle}
    settings["InstanceShutdownTimer"] = {"DueTime": ""}
    # A notebook outside any VPC of the account lists an empty UserVpc.
    in_vpc = r.chance(0.8)
    settings["UserVpc"] = (
        (_user_vpc(r) | {"ForwardInfos": _forwards(r)}) if in_vpc else {}
    )
    return settings


def _user_vpc(r: Region) -> dict[str, str]:
    vpc, zone = r.rng.choice(r.vpc_ids), r.rng.choice(r.zones)
    group = r.rng.choice(r.security_group_ids)
    return {"VpcId": vpc, "VSwitchId": r.vswitch(vpc, zone), "SecurityGroupId": group}


def _forwards(r: Region) -> list[dict[str, Any]]:
    if not r.chance(0.15):
        return []
    return [
        {
            "Name": "ssh",
            "Enable": True,
            "ForwardPort": "22",
            "AccessType": ["PUBLIC", "PRIVATE"],
            "ConnectInfo": {"Internet": {"Endpoint": "121.40.80.11", "Port": "30022"}},
        }
    ]


def _variables(r: Region, secret: str) -> dict[str, str]:
    """Environment variables; one in seven holds a credential (a placeholder)."""
    variables = {"MODEL_DIR": "/mnt/data/models"}
    if r.chance(1 / 7):
        variables[secret] = "placeholder-not-a-secret"
    return variables


def _inference(r: Region) -> None:
    """EAS services, some published through a dedicated gateway, some on the shared
    public endpoint, some inside the VPC only."""
    gateways = _gateways(r)
    names = [f"svc_r{r.tag}x{n:05d}" for n in range(r.counts["eas"])]
    services = [
        {
            "ServiceName": s,
            "ServiceId": f"eas-m-{s}",
            "Region": r.name,
            "Status": "Running",
            "TotalInstance": r.rng.randint(1, 3),
            "RunningInstance": 1,
            "SafetyLock": r.rng.choice(["dangerous", "none", "all"]),
        }
        for s in names
    ]
    r.put("eas", "ListServices", {"Services": services})
    r.put_each(
        "eas",
        "DescribeService",
        "ServiceName",
        names,
        lambda s: _service(r, s, gateways),
    )
    r.put_each("eas", "DescribeServiceAutoScaler", "ServiceName", names, _autoscaler(r))
    r.put_each("eas", "DescribeServiceCronScaler", "ServiceName", names, _cronscaler(r))


def _autoscaler(r: Region) -> Callable[[str], dict[str, Any]]:
    """Half the services scale on QPS between one and four instances."""

    def answer(service: str) -> dict[str, Any]:
        scales = r.chance(0.5)
        return {
            "ServiceName": service,
            "MinReplica": 1 if scales else 0,
            "MaxReplica": 4 if scales else 0,
            "ScaleStrategies": (
                [{"metricName": "qps", "threshold": 100.0}] if scales else []
            ),
        }

    return answer


def _cronscaler(r: Region) -> Callable[[str], dict[str, Any]]:
    """One service in five doubles its instances on a schedule."""

    def answer(service: str) -> dict[str, Any]:
        job = {"Name": "evening-peak", "Schedule": "0 0 18 * * *", "TargetSize": 2}
        return {"ServiceName": service, "ScaleJobs": [job] if r.chance(0.2) else []}

    return answer


def _gateways(r: Region) -> list[str]:
    ids = r.ids("gw", "eas_gateways")
    listed = [
        {
            "GatewayId": g,
            "GatewayName": g.replace("gw-", "eas-gateway-"),
            "InstanceType": "ecs.c7.large",
            "Replicas": r.rng.randint(1, 3),
            "InternetEnabled": r.chance(0.7),
            "SSLRedirectionEnabled": r.chance(0.6),
            "IntranetDomain": f"{g}-intranet.{r.name}.pai-eas.aliyuncs.com",
            "Status": "Running",
            "ChargeType": "PostPaid",
            "CreateTime": past_time(r.rng),
        }
        for g in ids
    ]
    r.put("eas", "ListGateway", {"Gateways": listed})
    return ids


def _service(r: Region, name: str, gateways: list[str]) -> dict[str, Any]:
    endpoint = f"{r.name}.pai-eas.aliyuncs.com/api/predict/{name}"
    exposure = r.pick({"gateway": 0.4, "shared": 0.3, "private": 0.3})
    gateway = r.rng.choice(gateways) if gateways and exposure == "gateway" else ""
    host = gateway or ACCOUNT_ID  # the shared endpoint is named after the account
    public = f"http://{host}.{endpoint}" if exposure != "private" else ""
    env = [{"name": "MODEL_PATH", "value": "/models/current"}]
    if r.chance(0.2):
        # A credential pasted into the configuration (a placeholder, never a key).
        env.append({"name": "DASHSCOPE_API_KEY", "value": "placeholder-not-a-key"})
    config = {
        "name": name,
        "metadata": {"instance": 1},
        "containers": [{"image": "registry/serving:1.0", "port": 8000, "env": env}],
    }
    return {
        "ServiceName": name,
        "Region": r.name,
        "Status": "Running",
        "Gateway": gateway,
        "InternetEndpoint": public,
        "IntranetEndpoint": f"http://{name}.vpc.{endpoint}",
        "ServiceConfig": json.dumps(config),
    }


def _training_jobs(r: Region, workspaces: list[str]) -> None:
    """DLC jobs, some still running or queued; most in a VPC, half with a limit
    on their running time."""
    jobs = []
    for n in range(r.counts["dlc_jobs"]):
        job = {
            "JobId": r.ident("dlc", n),
            "DisplayName": f"train-{n}",
            "Status": r.pick(_JOB_STATES),
            "Accessibility": r.rng.choice(["PRIVATE", "PUBLIC"]),
            "WorkspaceId": r.rng.choice(workspaces) if workspaces else "",
            "JobType": "PyTorchJob",
            "JobMaxRunningTimeMinutes": r.rng.choice([0, 1440]),
            "Envs": _variables(r, "WANDB_API_KEY"),
        }
        jobs.append(job | {"UserVpc": _job_vpc(r)})
    r.put("pai-dlc", "ListJobs", {"Jobs": jobs})


def _job_vpc(r: Region) -> dict[str, str]:
    """A job's UserVpc: a VPC of the account for most, empty for a job outside."""
    if not r.chance(0.7):
        return {}
    vpc = _user_vpc(r)
    return {
        "VpcId": vpc["VpcId"],
        "SwitchId": vpc["VSwitchId"],
        "SecurityGroupId": vpc["SecurityGroupId"],
    }


def _search_clusters(r: Region) -> None:
    """Elasticsearch clusters behind search and retrieval, their public access and
    Kibana's sometimes left open."""
    ids = r.ids("es-cn", "elasticsearch")
    listed = [
        {
            "instanceId": i,
            "description": i.replace("es-cn-", "search-"),
            "status": "active",
            "esVersion": "7.10_with_X-Pack",
            "paymentType": "postpaid",
            "createdAt": past_time(r.rng, seconds=True),
        }
        for i in ids
    ]
    r.put("elasticsearch", "ListInstance", {"Result": listed})
    r.put_each(
        "elasticsearch",
        "DescribeInstance",
        "InstanceId",
        ids,
        lambda i: {"Result": _search_cluster(r, i)},
    )


def _search_cluster(r: Region, instance_id: str) -> dict[str, Any]:
    def whitelist() -> list[str]:
        return ["0.0.0.0/0"] if r.chance(0.3) else ["203.0.113.0/24"]

    public, kibana = r.chance(0.3), r.chance(0.5)
    return {
        "instanceId": instance_id,
        "description": instance_id.replace("es-cn-", "search-"),
        "status": "active",
        "esVersion": "7.10_with_X-Pack",
        "protocol": "HTTPS" if r.chance(0.6) else "HTTP",
        "enablePublic": public,
        "publicIpWhitelist": whitelist() if public else [],
        "esIPWhitelist": ["10.0.0.0/8"],
        "enableKibanaPublicNetwork": kibana,
        "kibanaIPWhitelist": whitelist() if kibana else [],
        "enableKibanaPrivateNetwork": not kibana,
    }


def api_keys(a: Account) -> None:
    """Model Studio API keys, in the regions that serve Model Studio: some scoped to
    models and addresses, many with every permission, a few disabled."""
    regions = [name for name in a.regions if name in MODEL_STUDIO_REGIONS]
    for index, region in enumerate(regions):
        count = spread(a.counts["api_keys"], len(regions), index)
        keys = [_api_key(a, region, n) for n in range(count)]
        # Model Studio names its request id in lower case (the sandbox adds
        # RequestId to answers that carry none).
        body = {"requestId": f"{a.rng.getrandbits(128):032x}", "success": True}
        a.put_in(region, "modelstudio", "ListApiKeys", body | {"apiKeys": keys})


def _api_key(a: Account, region: str, n: int) -> dict[str, Any]:
    key: dict[str, Any] = {
        "apiKeyId": 480000 + 1000 * a.regions.index(region) + n,
        "description": f"app-{n}",
        "workspaceId": f"ws-{region}",
        "workspaceName": "default",
        "createdBy": f"user-{n:05d}",
        "disabled": 1 if a.chance(0.1) else 0,
        "gmtCreate": from_now(-a.rng.randint(5, 400), "ms"),
    }
    if a.chance(0.4):
        return key | {"auth": {"type": "All"}}
    addresses = a.rng.choice([[], ["47.74.10.0/24"], ["0.0.0.0/0"]])
    scope = {"allowAllModels": a.chance(0.3), "accessibleModels": ["qwen-plus"]}
    auth = {"type": "Custom", "accessIps": addresses, "modelAccessScope": scope}
    return key | {"auth": auth}
