"""What a request gets from the dataset: reads, denials, synthesized answers, not-found.

The server's pipeline has already routed and authenticated the request; the functions
here decide the body (or raise :class:`ApiError`) from the dataset alone.
"""

from __future__ import annotations

import copy
import fnmatch
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from cloud_checkup.sandbox import oss, paging, sls
from cloud_checkup.sandbox.dataset import ERROR_KEY, GLOBAL, Dataset, Identity
from cloud_checkup.sandbox.errors import ApiError, dataset_error
from cloud_checkup.sandbox.hosts import GLOBAL_PRODUCTS

READ_PREFIXES = ("Describe", "List", "Get", "Query", "Lookup", "Search", "Check")

# Actions documented to answer a caller without permission with an empty list, not
# an error (ECS DescribeInstances: see the research notes, section 3.2).
EMPTY_WHEN_DENIED = frozenset({("ecs", "DescribeInstances")})

# List actions that answer one kind of resource unless asked for another:
# (product, action) -> (request parameter, record field, the kind listed by default).
# MongoDB DescribeDBInstances lists replica sets (and standalone instances) unless
# DBInstanceType is sharding.
KIND_FILTERS = {
    ("dds", "DescribeDBInstances"): ("DBInstanceType", "DBInstanceType", "replicate"),
}

# Per-resource reads that take several resource ids at once, joined with commas:
# (product, action) -> the most ids one call may name. The answer lists every named
# resource the dataset knows, paged by the action's rule in ``paging.PAGING``; an id it
# does not know is left out (assumed: the reference does not say).
BATCHES = {
    # "Up to 100 subscription instance IDs, separated by commas."
    ("ecs", "DescribeInstanceAutoRenewAttribute"): 100,
}

# RAM/IMS name a missing entity after its kind, not after the parameter.
_RAM_ENTITIES = {
    "UserName": "User",
    "RoleName": "Role",
    "GroupName": "Group",
    "PolicyName": "Policy",
}

_REGION_NAMES = {
    "cn-hangzhou": "China (Hangzhou)",
    "cn-shanghai": "China (Shanghai)",
    "cn-beijing": "China (Beijing)",
    "cn-shenzhen": "China (Shenzhen)",
    "cn-hongkong": "China (Hong Kong)",
    "ap-southeast-1": "Singapore",
    "ap-northeast-1": "Japan (Tokyo)",
    "us-west-1": "US (Silicon Valley)",
    "us-east-1": "US (Virginia)",
    "eu-central-1": "Germany (Frankfurt)",
}


@dataclass(frozen=True)
class Target:
    """The resolved request: who asks what, where, with which parameters.

    Attributes:
        params: query, form and top-level JSON body parameters, decoded.
        path: the decoded request path (ROA resources, OSS object keys).
    """

    product: str
    action: str
    region: str
    identity: Identity
    params: Mapping[str, str]
    path: str = "/"
    bucket: str | None = None
    host_region: str | None = None


def is_read(product: str, action: str) -> bool:
    """True for actions the sandbox serves; everything else is refused as a write."""
    if product == "oss":
        return action == "ListBuckets" or action in oss.SUBRESOURCE_ACTIONS.values()
    return action.startswith(READ_PREFIXES)


# RAM authorises some products under another code than their API's.
RAM_CODES = {
    "sas": "yundun-sas",
    "r-kvstore": "kvstore",
    "bssopenapi": "bss",
    "pai-dsw": "paidsw",
    "pai-dlc": "paidlc",
    "aiworkspace": "paiworkspace",
    "sls": "log",
}


def is_denied(identity: Identity, product: str, action: str) -> bool:
    """``deny`` may name an action by API product code or by its RAM code."""
    names = {
        f"{code}:{action}".lower() for code in (product, RAM_CODES.get(product)) if code
    }
    return any(
        fnmatch.fnmatchcase(name, pattern.lower())
        for name in names
        for pattern in identity.deny
    )


def is_dry_run(params: Mapping[str, str]) -> bool:
    return str(params.get("DryRun", "")).lower() == "true"


def dry_run_passed() -> ApiError:
    """What ECS-style APIs answer an allowed ``DryRun=true`` request."""
    return ApiError(
        "DryRunOperation",
        400,
        "Request validation has been passed with DryRun flag set.",
    )


def resolve_region(
    dataset: Dataset, product: str, host_region: str | None, params: Mapping[str, str]
) -> str:
    """The dataset region key a request reads.

    Raises:
        ApiError: the region is neither in the dataset's regions nor in the
            product's data (``InvalidOperation.NotSupportedEndpoint`` for a regional
            host, ``InvalidRegionId`` for a RegionId parameter).
    """
    if product in GLOBAL_PRODUCTS:
        return GLOBAL
    known = set(dataset.regions) | set(dataset.services.get(product, {})) | {GLOBAL}
    if host_region:
        if host_region not in known:
            raise ApiError("InvalidOperation.NotSupportedEndpoint", 400)
        return host_region
    region = params.get("RegionId") or GLOBAL
    if region not in known:
        raise ApiError("InvalidRegionId", 400)
    return region


def find_entry(dataset: Dataset, product: str, region: str, action: str) -> Any:
    regions = dataset.services.get(product, {})
    for key in (region, GLOBAL):
        actions = regions.get(key) or {}
        if action in actions:
            return actions[action]
    return None


def denied_answer(target: Target) -> Any:
    """The 200 answer of an action that hides a denial behind an empty list."""
    if (target.product, target.action) in EMPTY_WHEN_DENIED:
        return paging.empty_page(target.product, target.action)
    return None


def answer(dataset: Dataset, target: Target) -> Any:
    """The response body for an allowed read.

    Raises:
        ApiError: the dataset answers with an error, or has nothing for the request.
    """
    if target.product == "oss":
        return _oss_answer(dataset, target)
    entry = find_entry(dataset, target.product, target.region, target.action)
    if entry is None:
        return _without_entry(dataset, target)
    if isinstance(entry, dict) and ERROR_KEY in entry:
        raise dataset_error(entry[ERROR_KEY])
    if isinstance(entry, dict) and "responses" in entry:
        entry = _per_resource(entry, target)
    entry = _of_the_kind_asked(entry, target)
    return paging.page(target.product, target.action, entry, target.params)


def _of_the_kind_asked(body: Any, target: Target) -> Any:
    """``body`` with only the records of the kind the request asks for (or of the
    action's default kind), for the actions of :data:`KIND_FILTERS`."""
    rule = KIND_FILTERS.get((target.product, target.action))
    if rule is None or not isinstance(body, dict):
        return body
    param, field, default = rule
    wanted = (target.params.get(param) or default).lower()
    *containers, name = paging.PAGING[(target.product, target.action)].items
    body = copy.deepcopy(body)
    node = body
    for key in containers:
        node = node.get(key) if isinstance(node, dict) else None
    if not isinstance(node, dict) or not isinstance(node.get(name), list):
        return body
    node[name] = [
        item
        for item in node[name]
        if isinstance(item, dict) and str(item.get(field) or default).lower() == wanted
    ]
    return body


def _without_entry(dataset: Dataset, target: Target) -> Any:
    synthesize = SYNTHESIZED.get((target.product, target.action))
    if synthesize:
        return synthesize(dataset, target)
    empty = paging.empty_page(target.product, target.action)
    if empty is not None:
        return empty
    raise ApiError(
        "InvalidApi.NotFound",
        404,
        f"Specified api is not found, please check your url and method. (The sandbox "
        f"dataset has no entry for {target.product} {target.action} in "
        f"{target.region}.)",
    )


def _per_resource(entry: dict[str, Any], target: Target) -> Any:
    """The answer about the resource the request names; an entry may nest another
    per-resource entry (an SLS logstore within its project)."""
    by = entry["by"]
    responses = entry["responses"]
    resource_id = target.params.get(by)
    if resource_id is None:
        # ROA actions carry the id in the path, e.g. GET /clusters/<id>.
        resource_id = next(
            (seg for seg in target.path.split("/") if seg in responses), None
        )
    if resource_id is None:
        raise ApiError(f"Missing{by}", 400, f"{by} is mandatory for this action.")
    if (target.product, target.action) in BATCHES:
        return _batch(responses, resource_id.split(","), target)
    if resource_id not in responses:
        if target.product == "sls":
            raise sls.not_found(target.action, target.params)
        raise not_found(target.product, by, resource_id)
    body = responses[resource_id]
    if isinstance(body, dict) and ERROR_KEY in body:
        raise dataset_error(body[ERROR_KEY])
    if isinstance(body, dict) and "responses" in body and "by" in body:
        return _per_resource(body, target)
    return body


def _batch(responses: dict[str, Any], ids: list[str], target: Target) -> Any:
    """One answer listing the items of every resource ``ids`` names."""
    limit = BATCHES[(target.product, target.action)]
    if len(ids) > limit:
        raise ApiError(
            "InvalidParameter", 400, f"At most {limit} ids may be given at once."
        )
    path = paging.PAGING[(target.product, target.action)].items
    listed: list[Any] = []
    for resource_id in ids:
        body = responses.get(resource_id)
        if isinstance(body, dict) and ERROR_KEY in body:
            raise dataset_error(body[ERROR_KEY])
        if isinstance(body, dict):
            listed += paging.items_at(body, path) or []
    answer: dict[str, Any] = {}
    node = answer
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = listed
    return answer


def not_found(product: str, by: str, resource_id: str) -> ApiError:
    """The product's error for an id it does not know."""
    if product in ("ram", "ims") and by in _RAM_ENTITIES:
        entity = _RAM_ENTITIES[by]
        return ApiError(
            f"EntityNotExist.{entity}",
            404,
            f"The {entity.lower()} does not exist: {resource_id}",
        )
    return ApiError(
        f"Invalid{by}.NotFound",
        404,
        f"The specified {by} {resource_id} does not exist.",
    )


def _oss_buckets(dataset: Dataset) -> list[dict[str, Any]]:
    listing = find_entry(dataset, "oss", GLOBAL, "ListBuckets")
    if not isinstance(listing, dict):
        return []
    buckets = (listing.get("ListAllMyBucketsResult", {}).get("Buckets", {}) or {}).get(
        "Bucket", []
    )
    return [buckets] if isinstance(buckets, dict) else list(buckets or [])


def _oss_answer(dataset: Dataset, target: Target) -> Any:
    entry = find_entry(dataset, "oss", GLOBAL, target.action)
    if isinstance(entry, dict) and ERROR_KEY in entry:
        raise dataset_error(entry[ERROR_KEY])
    if target.action == "ListBuckets":
        if entry is None:
            entry = {"ListAllMyBucketsResult": {"Buckets": {"Bucket": []}}}
        return paging.page("oss", "ListBuckets", entry, target.params)
    bucket = _oss_bucket(dataset, target)
    if not isinstance(entry, dict) or "responses" not in entry:
        if target.action == "GetBucketLocation":
            return {"LocationConstraint": bucket.get("Location", "")}
        raise oss.not_configured(target.action, target.bucket or "")
    body = entry["responses"].get(target.bucket)
    if body is None:
        raise oss.not_configured(target.action, target.bucket or "")
    if isinstance(body, dict) and ERROR_KEY in body:
        raise dataset_error(body[ERROR_KEY])
    return body


def _oss_bucket(dataset: Dataset, target: Target) -> dict[str, Any]:
    bucket = next(
        (b for b in _oss_buckets(dataset) if b.get("Name") == target.bucket), None
    )
    if bucket is None:
        raise oss.no_such_bucket(target.bucket or "")
    location = str(bucket.get("Location") or "")
    if location and target.host_region and location != f"oss-{target.host_region}":
        raise ApiError(
            "AccessDenied",
            403,
            "The bucket you are attempting to access must be addressed using the "
            "specified endpoint. Please send all future requests to this endpoint.",
            extra={
                "Bucket": target.bucket,
                "Endpoint": f"{location}.aliyuncs.com",
                "EC": "0003-00001403",
            },
        )
    return bucket


def _caller_identity(dataset: Dataset, target: Target) -> dict[str, Any]:
    identity = target.identity
    principal = str(
        int(hashlib.sha256(identity.arn.encode()).hexdigest()[:15], 16)
    ).rjust(16, "2")
    kind = identity.principal_type
    user_id = dataset.account_id if kind == "Account" else principal
    if kind == "AssumedRoleUser":
        user_id = f"{principal}:{identity.display_name}"
    return {
        "AccountId": dataset.account_id,
        "Arn": identity.arn,
        "IdentityType": kind,
        "PrincipalId": user_id,
        "UserId": user_id,
    }


def _regions(dataset: Dataset, target: Target) -> dict[str, Any]:
    return {
        "Regions": {
            "Region": [
                {
                    "RegionId": region,
                    "LocalName": _REGION_NAMES.get(region, region),
                    "RegionEndpoint": f"ecs.{region}.aliyuncs.com",
                }
                for region in dataset.regions
            ]
        }
    }


def _account_alias(dataset: Dataset, target: Target) -> dict[str, Any]:
    return {"AccountAlias": dataset.account_alias or ""}


SYNTHESIZED: dict[tuple[str, str], Callable[[Dataset, Target], dict[str, Any]]] = {
    ("sts", "GetCallerIdentity"): _caller_identity,
    ("ecs", "DescribeRegions"): _regions,
    ("ram", "GetAccountAlias"): _account_alias,
}
