"""Sandbox data for the AI package items, in Alibaba's own response shapes.

``ai_account(good=True)`` is an account on which every AI item passes;
``ai_account(good=False)`` one on which every AI item fails. ``empty_ai_account`` has
no AI resources at all. Fragments merge with ``data.merge``.
"""

from __future__ import annotations

import json
from typing import Any

from data import REGION, instance, merge, oss_buckets, rule, security_groups

# Products whose list actions answer an unknown action with an error (no paging rule
# in the sandbox), so an empty account must still list them as empty.
_EMPTY_LISTS = {
    "pai-dsw": {"ListInstances": {"Instances": [], "TotalCount": 0, "Success": True}},
    "eas": {"ListServices": {"Services": [], "TotalCount": 0, "PageNumber": 1}},
    "cr": {"ListInstance": {"Instances": [], "TotalCount": 0, "IsSuccess": True}},
    "elasticsearch": {"ListInstance": {"Result": [], "Headers": {"X-Total-Count": 0}}},
}

AI_DENY = [
    "aiworkspace:*",
    "pai-dsw:*",
    "eas:*",
    "pai-dlc:*",
    "cr:*",
    "oss:*",
    "gpdb:*",
    "elasticsearch:*",
    "ecs:DescribeInstances",
    "ecs:DescribeDisks",
    "ecs:DescribeSecurityGroup*",
]


def regional(product: str, actions: dict[str, Any], region: str = REGION) -> dict:
    return {product: {region: actions}}


def per(by: str, responses: dict[str, Any]) -> dict[str, Any]:
    return {"by": by, "responses": responses}


def empty_ai_account() -> dict:
    return merge(*(regional(p, a) for p, a in _EMPTY_LISTS.items()))


def ai_account(*, good: bool) -> dict:
    return merge(
        workspaces(good),
        dsw(good),
        gpu_server(good),
        eas(good),
        dlc(good),
        registry(good),
        buckets(good),
        gpdb(good),
        elasticsearch(good),
    )


def workspaces(good: bool) -> dict:
    members = [
        member("u1", "PAI.WorkspaceAdmin"),
        member("u2", "PAI.WorkspaceOwner"),
        member("u3", "PAI.AlgoDeveloper"),
    ]
    if not good:
        members += [member(f"u{i}", "PAI.WorkspaceAdmin") for i in range(4, 7)]
    return regional(
        "aiworkspace",
        {
            "ListWorkspaces": {
                "Workspaces": [
                    {
                        "WorkspaceId": "100",
                        "WorkspaceName": "shop_ai",
                        "EnvTypes": ["dev", "prod"] if good else ["prod"],
                        "Status": "ENABLED",
                        "IsDefault": True,
                        "AdminNames": ["u1"],
                    }
                ],
                "TotalCount": 1,
            },
            "ListMembers": per(
                "WorkspaceId", {"100": {"Members": members, "TotalCount": len(members)}}
            ),
        },
    )


def member(user: str, role: str) -> dict[str, Any]:
    return {
        "MemberId": f"m-{user}",
        "UserId": f"2{len(user):015d}",
        "MemberName": user,
        "DisplayName": user,
        "AccountType": "RAMUser",
        "Roles": [role],
    }


def dsw(good: bool) -> dict:
    notebook = {
        "InstanceId": "dsw-1",
        "InstanceName": "notebook",
        "WorkspaceId": "100",
        "Status": "Running",
        "Accessibility": "PRIVATE" if good else "public",
        "AcceleratorType": "GPU",
        "EnvironmentVariables": {"MODEL_DIR": "/mnt/models"},
        "UserVpc": {
            "VpcId": "vpc-shop",
            "VSwitchId": "vsw-ai",
            "SecurityGroupId": "sg-ai",
            "ForwardInfos": [],
        },
    }
    if good:
        notebook["IdleInstanceCuller"] = {
            "CpuPercentThreshold": 20,
            "GpuPercentThreshold": 10,
            "MaxIdleTimeInMinutes": 60,
            "IdleTimeInMinutes": 0,
        }
    else:
        # Both stops shown off: no idle minutes, no stop time.
        notebook["IdleInstanceCuller"] = {"MaxIdleTimeInMinutes": 0}
        notebook["InstanceShutdownTimer"] = {"DueTime": ""}
        notebook["EnvironmentVariables"]["DASHSCOPE_API_KEY"] = "sk-not-real"
        notebook["UserVpc"] = {"VpcId": "", "SecurityGroupId": "sg-ai"}
    body = {"Instances": [notebook], "TotalCount": 1, "Success": True}
    return regional("pai-dsw", {"ListInstances": body})


def gpu_instance(instance_id: str, group: str, **fields: Any) -> dict[str, Any]:
    return (
        instance(
            instance_id,
            InstanceType="ecs.gn7i-c8g1.2xlarge",
            GPUAmount=1,
            SecurityGroupIds={"SecurityGroupId": [group]},
            MetadataOptions={"HttpEndpoint": "enabled", "HttpTokens": "required"},
            DeletionProtection=True,
        )
        | fields
    )


def gpu_server(good: bool) -> dict:
    if good:
        server = gpu_instance("i-gpu", "sg-ai")
        rules = [rule("22/22", source="10.0.0.0/8")]
    else:
        server = gpu_instance(
            "i-gpu",
            "sg-ai",
            MetadataOptions={"HttpEndpoint": "enabled", "HttpTokens": "optional"},
            DeletionProtection=False,
        )
        rules = [rule("11434/11434", source="0.0.0.0/0")]
    disk = {
        "DiskId": "d-gpu",
        "InstanceId": "i-gpu",
        "Type": "data",
        "Encrypted": good,
        "Status": "In_use",
    }
    return merge(
        regional(
            "ecs",
            {
                "DescribeInstances": {"Instances": {"Instance": [server]}},
                "DescribeDisks": {"Disks": {"Disk": [disk]}},
            },
        ),
        security_groups({"sg-ai": rules}),
    )


def eas_service(name: str, **fields: Any) -> dict[str, Any]:
    return {
        "ServiceName": name,
        "ServiceId": f"eas-m-{name}",
        "Region": REGION,
        "Status": "Running",
        "TotalInstance": 2,
        "RunningInstance": 2,
        "SafetyLock": "dangerous",
    } | fields


def service_config(env: list[dict[str, str]]) -> str:
    """A ServiceConfig as DescribeService returns it: JSON inside a string."""
    return json.dumps(
        {
            "name": "svc",
            "metadata": {"instance": 2},
            "containers": [{"image": "registry/llm:1", "env": env, "port": 8000}],
        }
    )


def eas(good: bool) -> dict:
    service = eas_service(
        "llm",
        **({} if good else {"SafetyLock": "none"}),
    )
    env = [{"name": "MODEL_PATH", "value": "/models"}]
    if not good:
        env.append({"name": "HF_TOKEN", "value": "hf_not_real"})
    described = service | {
        "IntranetEndpoint": "http://llm.vpc.cn-hangzhou.pai-eas.aliyuncs.com",
        "InternetEndpoint": ""
        if good
        else "http://123.cn-hangzhou.pai-eas.aliyuncs.com",
        "ServiceConfig": service_config(env),
    }
    gateway = {
        "GatewayId": "gw-1",
        "GatewayName": "shop-gw",
        "InternetEnabled": True,
        "IntranetEnabled": True,
        "Replicas": 2 if good else 1,
        "SSLRedirectionEnabled": good,
        "Status": "Running",
    }
    return regional(
        "eas",
        {
            "ListServices": {"Services": [service], "TotalCount": 1, "PageNumber": 1},
            "DescribeService": per("ServiceName", {"llm": described}),
            "DescribeServiceAutoScaler": per("ServiceName", {"llm": autoscaler(good)}),
            "DescribeServiceCronScaler": per("ServiceName", {"llm": cronscaler()}),
            "ListGateway": {"Gateways": [gateway], "TotalCount": 1},
        },
    )


def autoscaler(scales: bool, name: str = "llm") -> dict[str, Any]:
    """DescribeServiceAutoScaler: QPS scaling between 2 and 6, or no strategy."""
    strategies = [{"metricName": "qps", "threshold": 50}] if scales else []
    return {
        "ServiceName": name,
        "MinReplica": 2 if scales else 0,
        "MaxReplica": 6 if scales else 0,
        "ScaleStrategies": strategies,
    }


def cronscaler(*jobs: dict[str, Any], name: str = "llm") -> dict[str, Any]:
    """DescribeServiceCronScaler with the given scale jobs."""
    return {"ServiceName": name, "ScaleJobs": list(jobs), "ExcludeDates": []}


def dlc(good: bool) -> dict:
    job = {
        "JobId": "dlc-1",
        "DisplayName": "finetune",
        "Status": "Running",
        "JobType": "PyTorchJob",
        "Accessibility": "PRIVATE",
        "JobMaxRunningTimeMinutes": 1440,
        "UserVpc": {"VpcId": "vpc-shop", "SecurityGroupId": "sg-ai"},
        "Envs": {"EPOCHS": "3"},
    }
    finished = {"JobId": "dlc-old", "DisplayName": "old", "Status": "Succeeded"}
    if not good:
        job |= {
            "Accessibility": "PUBLIC",
            "JobMaxRunningTimeMinutes": 0,
            "UserVpc": {},
            "Envs": {"EPOCHS": "3", "OSS_ACCESS_KEY_SECRET": "not-real"},
        }
    return regional("pai-dlc", {"ListJobs": {"Jobs": [job, finished], "TotalCount": 2}})


def registry(good: bool) -> dict:
    acl = [{"Entry": "203.0.113.0/24"}] if good else [{"Entry": "0.0.0.0/0"}]
    repos = [
        {
            "RepoNamespaceName": "models",
            "RepoName": "llm-serving",
            "RepoType": "PRIVATE" if good else "public",
            "TagImmutability": True if good else "false",
        }
    ]
    return regional(
        "cr",
        {
            "ListInstance": {
                "Instances": [
                    {
                        "InstanceId": "cri-1",
                        "InstanceName": "shop-registry",
                        "RegionId": REGION,
                        "InstanceStatus": "RUNNING",
                    }
                ],
                "TotalCount": 1,
                "IsSuccess": True,
            },
            "ListInstanceEndpoint": per(
                "InstanceId",
                {
                    "cri-1": {
                        "Endpoints": [
                            {
                                "EndpointType": "internet",
                                "Enable": True,
                                "AclEnable": True,
                                "AclEntries": acl,
                            },
                            {"EndpointType": "vpc", "Enable": True},
                        ]
                    }
                },
            ),
            "ListNamespace": per(
                "InstanceId",
                {
                    "cri-1": {
                        "Namespaces": [
                            {
                                "NamespaceName": "models",
                                "DefaultRepoType": "PRIVATE" if good else "Public",
                                "AutoCreateRepo": True,
                            }
                        ],
                        "TotalCount": "1",
                    }
                },
            ),
            "ListRepository": per(
                "InstanceId", {"cri-1": {"Repositories": repos, "TotalCount": "1"}}
            ),
        },
    )


def buckets(good: bool) -> dict:
    models = {
        "AccessControlList": {"Grant": "private" if good else "public-read"},
        "ServerSideEncryptionRule": {"SSEAlgorithm": "KMS" if good else "AES256"},
        "Versioning": "Enabled" if good else "Suspended",
        "BlockPublicAccess": "true" if good else "false",
    }
    static = {"AccessControlList": {"Grant": "public-read"}}
    return oss_buckets({"shop-models": models, "shop-static": static})


def gpdb(good: bool) -> dict:
    ips = "10.0.0.0/8" if good else "10.0.0.0/8,0.0.0.0/0"
    nets = [{"IPType": "Private", "ConnectionString": "gp-1.gpdb.rds.aliyuncs.com"}]
    if not good:
        nets.append(
            {"IPType": "Public", "ConnectionString": "gp-1o.gpdb.rds.aliyuncs.com"}
        )
    return regional(
        "gpdb",
        {
            "DescribeDBInstances": {
                "Items": {
                    "DBInstance": [
                        {
                            "DBInstanceId": "gp-1",
                            "DBInstanceDescription": "rag-vectors",
                            "RegionId": REGION,
                            "DBInstanceStatus": "Running",
                        }
                    ]
                },
                "TotalRecordCount": 1,
            },
            "DescribeDBInstanceIPArrayList": per(
                "DBInstanceId",
                {
                    "gp-1": {
                        "Items": {
                            "DBInstanceIPArray": [
                                {
                                    "DBInstanceIPArrayName": "default",
                                    "SecurityIPList": ips,
                                }
                            ]
                        }
                    }
                },
            ),
            "DescribeDBInstanceNetInfo": per(
                "DBInstanceId",
                {
                    "gp-1": {
                        "InstanceNetworkType": "VPC",
                        "DBInstanceNetInfos": {"DBInstanceNetInfo": nets},
                    }
                },
            ),
            "DescribeDBInstanceSSL": per(
                "DBInstanceId", {"gp-1": {"DBInstanceId": "gp-1", "SSLEnabled": good}}
            ),
        },
    )


def es_detail(good: bool) -> dict[str, Any]:
    return {
        "instanceId": "es-1",
        "description": "rag-search",
        "enablePublic": not good,
        "publicIpWhitelist": [] if good else ["0.0.0.0/0"],
        "enableKibanaPublicNetwork": True,
        "kibanaIPWhitelist": ["203.0.113.0/24"] if good else ["::/0"],
        "protocol": "HTTPS" if good else "HTTP",
    }


def elasticsearch(good: bool) -> dict:
    return regional(
        "elasticsearch",
        {
            "ListInstance": {
                "Result": [{"instanceId": "es-1", "description": "rag-search"}],
                "Headers": {"X-Total-Count": 1},
            },
            "DescribeInstance": per(
                "InstanceId", {"es-1": {"Result": es_detail(good)}}
            ),
        },
    )
