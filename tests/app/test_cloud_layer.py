"""The cloud access layer on its own: read-only guard, endpoints, parameters, XML."""

from __future__ import annotations

import pytest

from cloud_checkup.app.cloud import endpoints, xml
from cloud_checkup.app.cloud.client import flatten_params
from cloud_checkup.app.cloud.errors import CloudError, ReadOnlyViolation
from cloud_checkup.app.cloud.pacing import RetryPolicy
from cloud_checkup.app.cloud.readonly import ensure_read, is_read


@pytest.mark.parametrize(
    "product, action",
    [
        ("ecs", "DescribeInstances"),
        ("ram", "ListUsers"),
        ("ram", "GetLoginProfile"),
        ("bssopenapi", "QueryAvailableInstances"),
        ("resourcecenter", "SearchResources"),
        ("oss", "GetBucketAcl"),
    ],
)
def test_configuration_reads_pass_the_guard(product, action):
    assert is_read(product, action)
    ensure_read(product, action)


@pytest.mark.parametrize(
    "product, action",
    [
        ("ecs", "DeleteInstance"),
        ("ecs", "StopInstance"),
        ("ecs", "RunInstances"),
        ("ecs", "ModifySecurityGroupRule"),
        ("ecs", "AuthorizeSecurityGroup"),
        ("ram", "CreateAccessKey"),
        ("ram", "AttachPolicyToUser"),
        ("sts", "AssumeRole"),
        ("oss", "PutBucketAcl"),
        ("oss", "GetObject"),  # business data, though its name reads like a read
        ("kms", "GetSecretValue"),  # a secret
        ("ecs", "DescribeUserData"),  # may hold secrets
        ("sls", "GetLogs"),  # log contents
        ("ecs", "describeInstances"),  # not an action name Alibaba uses
    ],
)
def test_writes_and_data_reads_are_refused(product, action):
    assert not is_read(product, action)
    with pytest.raises(ReadOnlyViolation):
        ensure_read(product, action)


def test_regional_products_use_the_regional_host_and_new_regions_just_work():
    ecs = endpoints.product("ecs")
    assert ecs.host("cn-hangzhou") == "ecs.cn-hangzhou.aliyuncs.com"
    assert ecs.host("xx-new-region-9") == "ecs.xx-new-region-9.aliyuncs.com"
    assert ecs.host(None) == "ecs.aliyuncs.com"


def test_global_products_use_the_central_host_whatever_the_region():
    for code in ("ram", "ims", "sts"):
        assert endpoints.product(code).host("ap-southeast-1") == f"{code}.aliyuncs.com"


def test_database_products_use_the_central_host_only_for_some_regions():
    rds = endpoints.product("rds")
    assert rds.host("cn-hangzhou") == "rds.aliyuncs.com"
    assert rds.host("ap-northeast-1") == "rds.ap-northeast-1.aliyuncs.com"
    assert (
        endpoints.product("dds").host("eu-central-1")
        == "mongodb.eu-central-1.aliyuncs.com"
    )


def test_security_center_has_one_host_for_the_mainland_and_one_for_elsewhere():
    sas = endpoints.product("sas")
    assert sas.host("cn-shanghai") == "tds.aliyuncs.com"
    assert sas.host(None) == "tds.aliyuncs.com"
    assert sas.host("cn-hongkong") == "tds.ap-southeast-1.aliyuncs.com"
    assert sas.host("eu-central-1") == "tds.ap-southeast-1.aliyuncs.com"


def test_cloudmonitor_is_reached_under_its_own_host_prefix():
    assert (
        endpoints.product("cms").host("cn-hangzhou")
        == "metrics.cn-hangzhou.aliyuncs.com"
    )


def test_oss_hosts():
    assert endpoints.oss_service_host("cn-hangzhou") == "oss-cn-hangzhou.aliyuncs.com"
    assert (
        endpoints.oss_bucket_host("shop-assets", "ap-southeast-1")
        == "shop-assets.oss-ap-southeast-1.aliyuncs.com"
    )


def test_unknown_product_is_a_clear_error():
    with pytest.raises(KeyError, match="no endpoint is known for product 'nope'"):
        endpoints.product("nope")


def test_rpc_parameters_are_flattened_the_way_alibaba_reads_them():
    flat = flatten_params(
        {
            "InstanceIds": ["i-1", "i-2"],
            "Tag": [{"Key": "env", "Value": "prod"}],
            "DryRun": False,
            "MaxResults": 100,
            "Skipped": None,
        }
    )
    assert flat == {
        "InstanceIds.1": "i-1",
        "InstanceIds.2": "i-2",
        "Tag.1.Key": "env",
        "Tag.1.Value": "prod",
        "DryRun": "false",
        "MaxResults": "100",
    }


def test_oss_xml_becomes_dicts_with_repeated_tags_as_lists():
    body = (
        b"<?xml version='1.0' encoding='UTF-8'?>"
        b"<ListAllMyBucketsResult><Buckets><Bucket><Name>a</Name></Bucket>"
        b"<Bucket><Name>b</Name></Bucket></Buckets></ListAllMyBucketsResult>"
    )
    assert xml.parse(body) == {
        "ListAllMyBucketsResult": {
            "Buckets": {"Bucket": [{"Name": "a"}, {"Name": "b"}]}
        }
    }


def test_xml_with_a_doctype_and_external_entity_is_refused_not_expanded():
    hostile = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<r>&x;</r>"
    )
    with pytest.raises(xml.XmlError):
        xml.parse(hostile)


def test_retry_delay_grows_and_honours_the_clouds_hint():
    policy = RetryPolicy(attempts=5, base_delay=0.2, max_delay=5)
    assert 0.1 <= policy.delay(1) <= 0.2
    assert 0.4 <= policy.delay(3) <= 0.8
    assert policy.delay(1, retry_after=2.0) == 2.0
    assert policy.delay(10) <= 5


@pytest.mark.parametrize(
    "code, status, transient",
    [
        ("Throttling", 400, True),
        ("Throttling.User", 400, True),
        ("Throttling.Resource", 429, True),
        ("ServiceUnavailable", 503, True),
        ("InternalError", 500, True),
        ("Transport.Timeout", 0, True),
        ("Forbidden.RAM", 403, False),
        ("SignatureDoesNotMatch", 400, False),
        ("InvalidParameter", 400, False),
    ],
)
def test_only_transient_errors_are_retried(code, status, transient):
    assert CloudError(code, "", status=status).is_transient is transient
