"""Shared knowledge of the AI package: which resources are AI assets, which ports AI
tools listen on, which variable names hold credentials, and which jobs are active."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from ._details import read_detail, unreadable
from ._fields import admits_every_address, as_int, as_list
from ._security_group import ingress_rules, internet_exposures, split_doubtful
from .base import Assets, Finding, Inventory, Record

# Ports of remote administration and of the AI tools Security Center lists as AI
# components (notebooks, inference servers, model UIs, vector databases).
AI_SERVICE_PORTS = {
    22: "SSH",
    3389: "RDP",
    3000: "Open WebUI / NextChat",
    5000: "MLflow",
    6006: "TensorBoard",
    6333: "Qdrant",
    7860: "Gradio / Stable Diffusion WebUI",
    8000: "vLLM",
    8188: "ComfyUI",
    8265: "Ray dashboard",
    8888: "Jupyter",
    9997: "Xinference",
    11434: "Ollama",
    19530: "Milvus",
}

# Words in a variable name that mark a credential (OPENAI_API_KEY, HF_TOKEN,
# ALIBABA_CLOUD_ACCESS_KEY_SECRET, DB_PASSWORD); only the name is ever reported.
_SECRET_NAME = re.compile(
    r"(API_?KEY|SECRET|TOKEN|PASSWORD|PASSWD|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL)",
    re.IGNORECASE,
)

# Name parts that mark a bucket holding models, training data or checkpoints.
_AI_BUCKET_WORDS = frozenset(
    {
        "ai", "ml", "llm", "pai", "model", "models", "dataset", "datasets",
        "training", "train", "checkpoint", "checkpoints", "weights", "embedding",
        "embeddings", "inference", "genai", "aigc", "finetune", "vector",
    }
)  # fmt: skip

# DLC job states in which the job holds (or waits for) compute.
ACTIVE_JOB_STATES = frozenset(
    {
        "creating", "queuing", "bidding", "envpreparing", "sanitychecking",
        "running", "restarting", "stopping", "succeededreserving",
        "failedreserving",
    }
)  # fmt: skip


def where(record: Record, name_field: str, resource_type: str) -> dict[str, Any]:
    """The keyword arguments every finding on ``record`` carries."""
    return {
        "region": record.region,
        "name": record.get(name_field),
        "resource_type": resource_type,
    }


def user_vpc(resource: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The ``UserVpc`` of a PAI job or notebook; None when the answer left it out.

    A UserVpc without a VpcId is a resource attached to no VPC of the account; an
    answer without UserVpc says nothing about the resource's network.
    """
    vpc = resource.get("UserVpc")
    return vpc if isinstance(vpc, Mapping) else None


def secret_names(variables: Any) -> list[str]:
    """Names of variables that look like credentials, from a mapping or a list of
    ``{name, value}`` pairs; values are never read."""
    if isinstance(variables, Mapping):
        names = [str(key) for key in variables]
    else:
        names = [
            str(item.get("name") or item.get("Name") or "")
            for item in as_list(variables)
            if isinstance(item, Mapping)
        ]
    return sorted({name for name in names if name and _SECRET_NAME.search(name)})


def json_document(value: Any) -> Mapping[str, Any] | None:
    """A JSON document that the API sends as a string (or already decoded)."""
    if isinstance(value, Mapping):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = json.loads(value)
    except ValueError:
        return None
    return parsed if isinstance(parsed, Mapping) else None


def is_ai_bucket(name: str) -> bool:
    """True for a bucket whose name says it holds models or training data."""
    parts = re.split(r"[-_.]", name.lower())
    return any(part in _AI_BUCKET_WORDS for part in parts)


def has_gpu(instance: Mapping[str, Any]) -> bool:
    return (as_int(instance.get("GPUAmount")) or 0) > 0


GPU_INSTANCES = Assets("ecs.instances", has_gpu)

# The buckets the AI bucket items judge.
AI_BUCKETS = Assets("oss.buckets", lambda bucket: is_ai_bucket(str(bucket["Name"])))


def running(collection: str) -> Assets:
    """The records of ``collection`` whose ``Status`` is Running, in any case."""
    return Assets(
        collection, lambda record: str(record.get("Status", "")).lower() == "running"
    )


def gpu_instances(inventory: Inventory) -> list[Record]:
    return GPU_INSTANCES.records(inventory)


def is_internet(cidr: Any) -> bool:
    """True for an allow-list entry that admits every address (IPv4 or IPv6)."""
    return admits_every_address(cidr)


def security_group_exposure(
    inventory: Inventory, group_ids: Iterable[str], ports: Mapping[int, str]
) -> tuple[list[str], list[str]]:
    """(what the groups open to the Internet, groups whose rules could not be read or
    whose exposure an unreadable rule priority leaves in doubt).

    The groups are looked up among the account's security groups and their rules.
    """
    exposed: list[str] = []
    unknown: list[str] = []
    for group_id in group_ids:
        rules = read_detail(inventory, "ecs.security_group_rules", group_id)
        if rules.absent:
            continue
        if rules.record is None:
            unknown.append(f"{group_id} ({rules.reason()})")
            continue
        exposures = internet_exposures(ingress_rules(rules.record), ports)
        certain, doubtful = split_doubtful(exposures)
        exposed += [f"{group_id}: {e.describe(ports[e.port])}" for e in certain]
        unknown += [f"{group_id} ({e.describe(ports[e.port])})" for e in doubtful]
    return exposed, unknown


def listed_fully(body: Mapping[str, Any], items: list[Any]) -> bool:
    """Whether one page of a per-resource listing held every item (TotalCount may
    arrive as a string)."""
    total = as_int(body.get("TotalCount"))
    return total is None or total <= len(items)


def detail_or_unknown(
    inventory: Inventory,
    collection: str,
    key: str,
    what: str,
    resource_id: str | None = None,
    **kw: Any,
) -> tuple[Record | None, Finding | None]:
    """A per-resource record, or the NOT_CHECKED finding on ``resource_id`` (by
    default ``key``) to report instead.

    An absent or unsupported record gives neither (the resource has none of it).
    """
    detail = read_detail(inventory, collection, key)
    if detail.record is not None:
        return detail.record, None
    if detail.unreadable:
        return None, unreadable(resource_id or key, what, detail, **kw)
    return None, None
