"""Faults seen from the app's side: a real scan through a faulty sandbox.

Each case turns one kind of fault on for one action, seeded, and scans a small
generated account with the real client and engine. The scan must finish; the items
that read the faulty action are ``not_checked`` with the cause (or, when the fault is
bounded, the retries recover and nothing changes); every other item is as in a clean
scan; and nothing that could not be read is ever reported ``pass``.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import pytest

from cloud_checkup.app.cloud import CloudClient
from cloud_checkup.app.cloud.credentials import Credential, StaticCredentials
from cloud_checkup.app.cloud.pacing import RetryPolicy
from cloud_checkup.app.cloud.transport import Destination, Transport
from cloud_checkup.app.engine import Scanner, ScanRequest
from cloud_checkup.app.model import ScanResult
from cloud_checkup.checks import Package
from cloud_checkup.checks.base import Status
from cloud_checkup.sandbox import Sandbox, load_dataset
from cloud_checkup.sandbox.faults import FaultRule, Faults, faults_from_spec
from cloud_checkup.sandbox.generate import generate

RETRY = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05)
READ_TIMEOUT = 0.5

# Item -> the actions it reads (besides the scan's own identity and region calls).
ITEMS = {
    "ecs-instance-metadata-imdsv2": {"ecs:DescribeInstances"},
    "ecs-security-group-no-public-remote-admin": {
        "ecs:DescribeSecurityGroups",
        "ecs:DescribeSecurityGroupAttribute",
    },
    "oss-bucket-versioning": {"oss:ListBuckets", "oss:GetBucketInfo"},
    "ram-password-policy-strength": {"ram:GetPasswordPolicy"},
    "ram-user-one-active-access-key": {"ram:ListUsers", "ram:ListAccessKeys"},
}
DATASET = generate(regions=1, resources=80, seed=11)


@dataclass
class Scanned:
    result: ScanResult
    sandbox: Sandbox

    def status(self, item: str) -> Status:
        return self.result.result(item).status

    def reason(self, item: str) -> str:
        found = self.result.result(item)
        details = [f.detail or "" for f in found.findings] if found.findings else []
        return " ".join([found.reason or "", *details])

    def codes(self) -> set[str]:
        return {r.error_code for r in self.sandbox.requests if r.error_code}


def scan(faults: Faults | None = None) -> Scanned:
    async def run() -> Scanned:
        sandbox = Sandbox(load_dataset(DATASET), faults=faults)
        await sandbox.start()
        try:
            identity = next(iter(sandbox.dataset.identities.values()))
            credential = Credential(
                identity.access_key_id, identity.access_key_secret, None
            )
            destination = Destination.sandbox(sandbox.url)
            transport = Transport(
                destination, connect_timeout=READ_TIMEOUT, read_timeout=READ_TIMEOUT
            )
            async with transport:
                cloud = CloudClient(
                    StaticCredentials(credential), transport, retry=RETRY
                )
                request = ScanRequest(
                    packages=frozenset({Package.STANDARD}), check_ids=frozenset(ITEMS)
                )
                return Scanned(await Scanner(cloud).run(request), sandbox)
        finally:
            await sandbox.stop()

    return asyncio.run(run())


@pytest.fixture(scope="module")
def clean() -> Scanned:
    scanned = scan()
    assert all(scanned.status(i) is not Status.NOT_CHECKED for i in ITEMS)
    return scanned


def affected(action: str) -> set[str]:
    return {item for item, reads in ITEMS.items() if action in reads}


def assert_only_affected_not_checked(scanned: Scanned, clean: Scanned, action: str):
    hit = affected(action)
    assert hit, f"no item reads {action}"
    for item in ITEMS:
        if item in hit:
            assert scanned.status(item) is Status.NOT_CHECKED, item
        else:
            assert scanned.status(item) is clean.status(item), item
    assert not any(scanned.status(i) is Status.PASS for i in hit)


PERSISTENT = [
    # (rule, the words the item's reason must contain)
    (FaultRule(match="ecs:DescribeInstances", throttle=1), "throttled"),
    (FaultRule(match="ram:GetPasswordPolicy", server_error=1), "InternalError"),
    (FaultRule(match="oss:ListBuckets", unavailable=1), "ServiceUnavailable"),
    (FaultRule(match="ram:GetPasswordPolicy", hang=2), "Transport.Timeout"),
    # aiohttp resends a request once on a dropped connection, with the same nonce;
    # the gateway's SignatureNonceUsed is not the cause a user should be given.
    (FaultRule(match="ecs:DescribeSecurityGroups", drop=1), "ConnectionDropped"),
    (FaultRule(match="ram:ListUsers", truncate=1), "Transport."),
    (FaultRule(match="ecs:DescribeInstances", malformed=1), "MalformedResponse"),
    (FaultRule(match="oss:GetBucketInfo", doctype=1), "MalformedResponse"),
    (FaultRule(match="ecs:DescribeSecurityGroupAttribute", server_error=1), "Internal"),
]


@pytest.mark.parametrize(
    ("rule", "cause"), PERSISTENT, ids=[f"{r.match}-{c}" for r, c in PERSISTENT]
)
def test_a_persistent_fault_marks_exactly_its_items_not_checked(clean, rule, cause):
    scanned = scan(Faults([rule], seed=5))
    assert scanned.result.finished_at is not None
    assert_only_affected_not_checked(scanned, clean, rule.match)
    for item in affected(rule.match):
        assert cause in scanned.reason(item), scanned.reason(item)


def test_the_doctype_entity_is_never_expanded(clean):
    scanned = scan(Faults([FaultRule(match="oss:GetBucketInfo", doctype=1)]))
    reason = scanned.reason("oss-bucket-versioning")
    assert "DTD" in reason or "forbidden" in reason.lower(), reason


BOUNDED = [
    FaultRule(match="ecs:DescribeInstances", throttle=1, times=2),
    FaultRule(match="ram:GetPasswordPolicy", server_error=1, times=1),
    FaultRule(match="oss:ListBuckets", unavailable=1, times=2),
    FaultRule(match="ecs:DescribeSecurityGroups", drop=1, times=1),
    FaultRule(match="ram:ListUsers", truncate=1, times=1),
    FaultRule(match="ecs:DescribeInstances", malformed=1, times=1),
]


@pytest.mark.parametrize("rule", BOUNDED, ids=[r.match for r in BOUNDED])
def test_a_bounded_fault_is_outlasted_by_retrying(clean, rule):
    scanned = scan(Faults([rule], seed=5))
    for item in ITEMS:
        assert scanned.status(item) is clean.status(item), item
    action = rule.match.split(":")[1]
    answers = [r for r in scanned.sandbox.requests if r.action == action]
    assert [r.status for r in answers][-1] == 200


def test_a_throttling_storm_is_answered_with_retry_after_and_survived(clean):
    faults = faults_from_spec("seed=3;ecs:*@throttle=0.3")
    scanned = scan(faults)
    assert "Throttling.User" in scanned.codes()
    assert scanned.result.finished_at is not None
    for item in ITEMS:
        status = scanned.status(item)
        assert status is clean.status(item) or status is Status.NOT_CHECKED


def test_latency_changes_nothing_but_time(clean):
    scanned = scan(faults_from_spec("latency=0.02"))
    for item in ITEMS:
        assert scanned.status(item) is clean.status(item), item


def test_the_same_seed_gives_the_same_scan():
    def statuses(seed: int) -> list[tuple[str, Status]]:
        # One action, so the order of its calls (and of the draws) is fixed even
        # though collections run concurrently.
        rule = FaultRule(match="ram:GetPasswordPolicy", server_error=0.6)
        scanned = scan(Faults([rule], seed=seed))
        return sorted((i, scanned.status(i)) for i in ITEMS)

    assert statuses(8) == statuses(8)
    assert statuses(1) != statuses(4)  # seeds that differ here do change the scan
