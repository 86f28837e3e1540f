"""Answers from the dataset: permission errors, empty-when-denied, writes refused,
``$error`` entries, per-resource look-ups and OSS buckets."""

from __future__ import annotations

import pytest
from sandbox_client import LIMITED, Client

ECS = "ecs.cn-hangzhou.aliyuncs.com"
RDS = "rds.cn-hangzhou.aliyuncs.com"
BUCKET0 = "bucket-0.oss-cn-hangzhou.aliyuncs.com"


@pytest.fixture
def limited(sandbox) -> Client:
    return Client(sandbox.url, LIMITED)


def test_denied_action_gets_forbidden_ram_with_access_denied_detail(limited):
    reply = limited.v3(
        ECS, "DescribeSecurityGroupAttribute", {"SecurityGroupId": "sg-1"}
    )
    assert reply.status == 403
    body = reply.json()
    assert body["Code"] == "Forbidden.RAM"
    detail = body["AccessDeniedDetail"]
    assert detail["AuthAction"] == "ecs:DescribeSecurityGroupAttribute"
    assert detail["AuthPrincipalDisplayName"] == "limited"
    assert detail["NoPermissionType"] == "ImplicitDeny"


def test_denied_ram_action_gets_no_permission(limited):
    reply = limited.v3("ram.aliyuncs.com", "ListUsers", version="2015-05-01")
    assert (reply.status, reply.json()["Code"]) == (403, "NoPermission")


def test_denied_describe_instances_answers_an_empty_list(limited, sandbox):
    reply = limited.v3(ECS, "DescribeInstances")
    assert reply.status == 200
    assert reply.json()["Instances"]["Instance"] == []
    assert sandbox.requests[-1].error_code is None


def test_dry_run_tells_a_hidden_denial_from_a_real_empty_list(limited, client):
    denied = limited.v3(ECS, "DescribeInstances", {"DryRun": "true"})
    assert (denied.status, denied.json()["Code"]) == (403, "Forbidden.RAM")

    allowed = client.v3(ECS, "DescribeInstances", {"DryRun": "true"})
    assert (allowed.status, allowed.json()["Code"]) == (400, "DryRunOperation")


def test_denied_oss_action_gets_access_denied_xml(limited):
    reply = limited.oss_v1(BUCKET0, "bucket-0", "acl")
    assert reply.status == 403
    assert "<Code>AccessDenied</Code>" in reply.text


def test_write_action_is_refused_and_recorded(client, sandbox):
    reply = client.v3(ECS, "DeleteInstance", {"InstanceId": "i-000"})
    assert reply.status == 403
    assert reply.json()["Code"] == "Forbidden.RAM"
    record = sandbox.requests[-1]
    assert (record.action, record.read_only, record.status) == (
        "DeleteInstance",
        False,
        403,
    )


def test_oss_object_read_is_refused_as_business_data(client, sandbox):
    reply = client.oss_v4(BUCKET0, "bucket-0", {}, path="/secret.csv")
    assert reply.status == 403 and "<Code>AccessDenied</Code>" in reply.text
    assert sandbox.requests[-1].action == "GetObject"
    assert sandbox.requests[-1].read_only is False


def test_per_resource_lookup_by_parameter(client):
    reply = client.v3(
        ECS, "DescribeSecurityGroupAttribute", {"SecurityGroupId": "sg-1"}
    )
    assert reply.json()["SecurityGroupId"] == "sg-1"

    missing = client.v3(
        ECS, "DescribeSecurityGroupAttribute", {"SecurityGroupId": "sg-404"}
    )
    assert (missing.status, missing.json()["Code"]) == (
        404,
        "InvalidSecurityGroupId.NotFound",
    )
    absent = client.v3(ECS, "DescribeSecurityGroupAttribute")
    assert absent.json()["Code"] == "MissingSecurityGroupId"


def test_per_resource_error_entry_fails_only_that_resource(client):
    ok = client.v3(RDS, "DescribeDBInstanceTDE", {"DBInstanceId": "rm-0"})
    assert ok.json()["TDEStatus"] == "Enabled"

    reply = client.v3(RDS, "DescribeDBInstanceTDE", {"DBInstanceId": "rm-1"})
    assert reply.status == 403
    assert reply.json()["Code"] == "InstanceEngineType.NotSupport"
    assert reply.json()["Message"] == "The engine does not support TDE."


def test_whole_action_error_entry(client):
    reply = client.v3(
        "actiontrail.cn-hangzhou.aliyuncs.com", "DescribeTrails", version="2020-07-06"
    )
    assert (reply.status, reply.json()["Code"]) == (403, "ServiceNotOpen")


def test_oss_bucket_without_configuration_and_unknown_bucket(client):
    host = "bucket-1.oss-cn-hangzhou.aliyuncs.com"
    reply = client.oss_v4(host, "bucket-1", {"policy": ""})
    assert reply.status == 404 and "<Code>NoSuchBucketPolicy</Code>" in reply.text

    reply = client.oss_v4("nope.oss-cn-hangzhou.aliyuncs.com", "nope", {"acl": ""})
    assert reply.status == 404 and "<Code>NoSuchBucket</Code>" in reply.text


def test_oss_bucket_on_the_wrong_regional_endpoint(client):
    reply = client.oss_v4(
        "bucket-0.oss-ap-southeast-1.aliyuncs.com", "bucket-0", {"acl": ""}
    )
    assert reply.status == 403
    assert "<Endpoint>oss-cn-hangzhou.aliyuncs.com</Endpoint>" in reply.text
