"""Each paging style hands out every item across pages, and only one page to a client
that does not page."""

from __future__ import annotations

import copy
import re

from cloud_checkup.sandbox import paging

ECS = "ecs.cn-hangzhou.aliyuncs.com"


def test_next_token_pages_ecs_instances(client):
    first = client.v3(ECS, "DescribeInstances").json()
    assert len(first["Instances"]["Instance"]) == 10  # no paging: 10 of 25
    assert "TotalCount" not in first

    seen, token = [], None
    while True:
        params = {"MaxResults": "100"} | ({"NextToken": token} if token else {})
        body = client.v3(ECS, "DescribeInstances", params).json()
        seen += [i["InstanceId"] for i in body["Instances"]["Instance"]]
        token = body["NextToken"]
        if not token:
            break
    assert seen == [f"i-{n:03d}" for n in range(25)]


def test_max_results_below_minimum_is_raised_above_maximum_clamped(client):
    small = client.v3(ECS, "DescribeInstances", {"MaxResults": "3"}).json()
    assert len(small["Instances"]["Instance"]) == 10
    big = client.v3(ECS, "DescribeInstances", {"MaxResults": "5000"}).json()
    # ECS echoes no MaxResults (its response model has none): count the page.
    assert len(big["Instances"]["Instance"]) == 25 and "MaxResults" not in big


def test_bad_next_token_is_invalid_parameter(client):
    reply = client.v3(ECS, "DescribeInstances", {"NextToken": "garbage!"})
    assert (reply.status, reply.json()["Code"]) == (
        400,
        "InvalidParameter.NextToken",
    )


def test_page_number_pages_vpcs(client):
    host = "vpc.cn-hangzhou.aliyuncs.com"
    first = client.v3(host, "DescribeVpcs").json()
    assert len(first["Vpcs"]["Vpc"]) == 10 and first["TotalCount"] == 23

    seen = []
    for number in (1, 2):
        params = {"PageSize": "500", "PageNumber": str(number)}
        body = client.v3(host, "DescribeVpcs", params).json()
        assert body["PageSize"] == 50  # clamped to VPC's maximum
        seen += [v["VpcId"] for v in body["Vpcs"]["Vpc"]]
    assert seen == [f"vpc-{n}" for n in range(23)]


def test_rds_default_page_is_30(client):
    body = client.v3("rds.cn-hangzhou.aliyuncs.com", "DescribeDBInstances").json()
    assert len(body["Items"]["DBInstance"]) == 30 and body["TotalRecordCount"] == 35
    assert body["PageRecordCount"] == 30 and "TotalCount" not in body


def test_marker_pages_ram_users(client):
    host = "ram.aliyuncs.com"
    first = client.v3(host, "ListUsers", version="2015-05-01").json()
    assert len(first["Users"]["User"]) == 100
    assert first["IsTruncated"] is True and first["Marker"]

    second = client.v3(
        host, "ListUsers", {"Marker": first["Marker"]}, version="2015-05-01"
    ).json()
    assert len(second["Users"]["User"]) == 50
    assert second["IsTruncated"] is False and "Marker" not in second

    everything = client.v3(
        host, "ListUsers", {"MaxItems": "1000"}, version="2015-05-01"
    ).json()
    assert len(everything["Users"]["User"]) == 150


def test_oss_marker_pages_buckets(client):
    host = "oss-cn-hangzhou.aliyuncs.com"
    first = client.oss_v4(host, None, {"max-keys": "2"}).text
    assert re.findall(r"<Name>(.*?)</Name>", first) == ["bucket-0", "bucket-1"]
    assert "<IsTruncated>true</IsTruncated>" in first
    marker = re.search(r"<NextMarker>(.*?)</NextMarker>", first)[1]

    rest = client.oss_v4(host, None, {"max-keys": "2", "marker": marker}).text
    assert re.findall(r"<Name>(.*?)</Name>", rest) == ["bucket-2"]
    assert "<IsTruncated>false</IsTruncated>" in rest and "NextMarker" not in rest


def test_paging_fields_go_where_each_answer_keeps_them():
    # Security Center counts in PageInfo, in words of its own; the billing centre
    # inside Data; ACK in page_info, in snake case.
    from cloud_checkup.sandbox.paging import empty_page, page

    assets = {"Instances": [{"Uuid": str(n)} for n in range(45)]}
    params = {"CurrentPage": "2", "PageSize": "20"}
    second = page("sas", "DescribeCloudCenterInstances", assets, params)
    assert [a["Uuid"] for a in second["Instances"]] == [str(n) for n in range(20, 40)]
    assert second["PageInfo"] == {
        "TotalCount": 45,
        "CurrentPage": 2,
        "PageSize": 20,
        "Count": 20,
    }
    assert "TotalCount" not in second

    bills = {"Data": {"InstanceList": [{"InstanceID": n} for n in range(350)]}}
    params = {"PageNum": "2", "PageSize": "300"}
    data = page("bssopenapi", "QueryAvailableInstances", bills, params)["Data"]
    assert len(data["InstanceList"]) == 50
    assert (data["TotalCount"], data["PageNum"], data["PageSize"]) == (350, 2, 300)

    assert empty_page("cs", "DescribeClustersV1") == {
        "clusters": [],
        "page_info": {"total_count": 0, "page_number": 1, "page_size": 10},
    }


def test_paging_leaves_the_dataset_entry_as_it_was():
    buckets = [{"Name": f"b{n:02d}"} for n in range(5)]
    oss_entry = {"ListAllMyBucketsResult": {"Buckets": {"Bucket": buckets}}}
    users = {"Users": {"User": [{"UserName": f"u{n}"} for n in range(5)]}}
    before = copy.deepcopy((oss_entry, users))

    oss_page = paging.page("oss", "ListBuckets", oss_entry, {"max-keys": "2"})
    ram_page = paging.page("ram", "ListUsers", users, {"MaxItems": "2"})

    assert oss_page["ListAllMyBucketsResult"]["IsTruncated"] is True
    assert len(ram_page["Users"]["User"]) == 2 and ram_page["IsTruncated"] is True
    assert (oss_entry, users) == before
