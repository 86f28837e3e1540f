"""The engine on its own items: statuses, progress, cancel, resume and failures."""

from __future__ import annotations

import asyncio
import socket

import pytest
from harness import ACCESS_KEY_ID, ACCESS_KEY_SECRET, FAST_RETRY, base_dataset

from cloud_checkup.app.cloud import CloudClient
from cloud_checkup.app.cloud.credentials import Credential, StaticCredentials
from cloud_checkup.app.cloud.transport import Destination, Transport
from cloud_checkup.app.collections import DetailCollection, all_collections
from cloud_checkup.app.engine import (
    Resume,
    ScanError,
    Scanner,
    ScanRequest,
    needed_collections,
    required_actions,
    start_order,
)
from cloud_checkup.app.events import (
    CategoryProgress,
    ItemFinished,
    ScanFinished,
    ScanStarted,
)
from cloud_checkup.checks import catalogue
from cloud_checkup.checks.base import (
    Category,
    Check,
    Finding,
    Package,
    Remediation,
    Severity,
    Status,
)
from cloud_checkup.sandbox import Sandbox, load_dataset
from cloud_checkup.sandbox.faults import FaultRule, Faults

REMEDIATION = Remediation(
    ("Fix it.",), ("Console",), "https://www.alibabacloud.com/help"
)


def _item(
    check_id,
    evaluate,
    needs=("ram.users",),
    category=Category.IDENTITY,
    severity=Severity.HIGH,
):
    return Check(
        id=check_id,
        title=f"{check_id} holds",
        category=category,
        severity=severity,
        description="d",
        risk="r",
        remediation=REMEDIATION,
        needs=needs,
        evaluate=evaluate,
        package=Package.AI if category is Category.AI else Package.STANDARD,
    )


def every_user_passes(inventory):
    return [Finding.passed(u["UserName"]) for u in inventory.records("ram.users")]


def user_named_bob_fails(inventory):
    return [
        Finding.failed(u["UserName"], "bob")
        if u["UserName"] == "bob"
        else Finding.passed(u["UserName"])
        for u in inventory.records("ram.users")
    ]


def broken(inventory):
    raise ZeroDivisionError("a bug")


def reads_undeclared(inventory):
    inventory.records("ecs.instances")
    return []


USERS = {
    "ram": {
        "global": {
            "ListUsers": {
                "Users": {
                    "User": [
                        {"UserName": "alice", "UserId": "1"},
                        {"UserName": "bob", "UserId": "2"},
                    ]
                }
            }
        }
    }
}

CATALOGUE = {
    c.id: c
    for c in (
        _item("passes", every_user_passes),
        _item("fails", user_named_bob_fails, severity=Severity.MEDIUM),
        _item("buggy", broken),
        _item("undeclared", reads_undeclared),
        _item(
            "no-policy",
            every_user_passes,
            needs=("ram.password_policy",),
            category=Category.STABILITY,
        ),
        _item("ai-one", every_user_passes, category=Category.AI),
    )
}


async def _run(
    dataset,
    request=None,
    *,
    resume=None,
    judge=None,
    cancel_after=None,
    faults=None,
    items=CATALOGUE,
    secret=None,
    sandbox_seen=None,
):
    loaded = load_dataset(dataset)
    sandbox = Sandbox(loaded, host="127.0.0.1", port=0, faults=faults)
    await sandbox.start()
    events = []
    try:
        identity = next(iter(loaded.identities.values()))
        credential = Credential(
            identity.access_key_id, secret or identity.access_key_secret
        )
        async with Transport(Destination.sandbox(sandbox.url)) as transport:
            cloud = CloudClient(
                StaticCredentials(credential), transport, retry=FAST_RETRY
            )
            kwargs = {"judge": judge} if judge else {}
            scanner = Scanner(cloud, catalogue=items, **kwargs)

            def on_event(event):
                events.append(event)
                finished = sum(isinstance(e, ItemFinished) for e in events)
                if cancel_after and finished >= cancel_after:
                    scanner.cancel()

            request = request or ScanRequest(packages=frozenset(Package))
            scan = await scanner.run(request, on_event, resume=resume)
            return scan, events
    finally:
        await sandbox.stop()
        if sandbox_seen is not None:
            sandbox_seen.extend(sandbox.requests)


def run(*args, **kwargs):
    return asyncio.run(_run(*args, **kwargs))


def test_each_item_gets_the_status_its_findings_and_data_decide():
    scan, _ = run(base_dataset(USERS))
    status = {r.check_id: r.status for r in scan.results}
    assert status["passes"] is Status.PASS
    assert status["fails"] is Status.FAIL
    assert scan.result("fails").failed[0].resource_id == "bob"
    # The dataset has no password policy entry: the sandbox answers an error, and
    # only the item that reads it is not checked.
    assert status["no-policy"] is Status.NOT_CHECKED


def test_a_bug_in_one_check_marks_only_that_item_not_checked():
    scan, _ = run(base_dataset(USERS))
    buggy = scan.result("buggy")
    assert buggy.status is Status.NOT_CHECKED
    assert "internal error" in buggy.reason
    assert scan.result("passes").status is Status.PASS


def test_a_check_cannot_read_a_collection_it_did_not_declare():
    scan, _ = run(base_dataset(USERS))
    assert scan.result("undeclared").status is Status.NOT_CHECKED
    assert "not in the check's needs" in scan.result("undeclared").reason


def test_a_denied_collection_names_the_missing_action():
    scan, _ = run(base_dataset(USERS, deny=["ram:ListUsers"]))
    result = scan.result("passes")
    assert result.status is Status.NOT_CHECKED
    assert result.missing_actions == ("ram:ListUsers",)
    assert "permission denied" in result.reason


def test_no_resources_is_not_applicable():
    empty = {"ram": {"global": {"ListUsers": {"Users": {"User": []}}}}}
    scan, _ = run(base_dataset(empty))
    result = scan.result("passes")
    assert result.status is Status.NOT_APPLICABLE
    assert result.reason.startswith("No ") and "scanned regions" in result.reason


def test_progress_reaches_each_categorys_total_and_the_scan_ends_with_its_result():
    scan, events = run(base_dataset(USERS))
    started = events[0]
    assert isinstance(started, ScanStarted)
    assert started.totals[Category.IDENTITY] == 4
    last = {}
    for event in events:
        if isinstance(event, CategoryProgress):
            last[event.category] = event
    assert last[Category.IDENTITY].done == last[Category.IDENTITY].total == 4
    assert last[Category.IDENTITY].failed == {Severity.MEDIUM: 1}
    assert isinstance(events[-1], ScanFinished) and events[-1].scan is scan
    assert scan.score is not None and scan.finished_at >= scan.started_at


def test_the_standard_package_leaves_ai_items_out():
    request = ScanRequest(packages=frozenset({Package.STANDARD}))
    scan, _ = run(base_dataset(USERS), request)
    assert "ai-one" not in {r.check_id for r in scan.results}


def test_ai_items_named_without_the_ai_package_are_refused():
    # The AI package's gate (estimate, allowance, consent) applies to its items only
    # when they run in it: named on their own, they would bypass it.
    request = ScanRequest(check_ids=frozenset({"passes", "ai-one"}))
    with pytest.raises(ScanError, match="ai-one"):
        run(base_dataset(USERS), request)


def test_a_withheld_item_is_reported_not_checked_with_why_and_reads_nothing():
    why = "Not scanned, as the free allowance does not cover it"
    request = ScanRequest(
        packages=frozenset(Package),
        check_ids=frozenset({"ai-one", "no-policy"}),
        withheld=(("ai-one", why),),
    )
    seen = []
    scan, events = run(base_dataset(USERS), request, sandbox_seen=seen)
    withheld = scan.result("ai-one")
    assert (withheld.status, withheld.reason) == (Status.NOT_CHECKED, why)
    assert withheld in [e.result for e in events if isinstance(e, ItemFinished)]
    # Only the item that ran read its data: ram.users is ai-one's alone.
    assert "ListUsers" not in {r.action for r in seen}


def test_cancel_returns_promptly_with_what_was_finished():
    scan, events = run(base_dataset(USERS), cancel_after=1)
    assert scan.cancelled
    assert 1 <= len(scan.results) < len(CATALOGUE)
    assert isinstance(events[-1], ScanFinished)


def test_resume_keeps_finished_items_and_runs_only_the_rest():
    first, _ = run(base_dataset(USERS), cancel_after=2)
    resume = Resume(first.scan_id, first.started_at, tuple(first.results))
    second, events = run(base_dataset(USERS), resume=resume)
    assert second.scan_id == first.scan_id
    assert {r.check_id for r in second.results} == set(CATALOGUE)
    rerun = {e.result.check_id for e in events if isinstance(e, ItemFinished)}
    assert rerun == set(CATALOGUE) - {r.check_id for r in first.results}


def test_the_judge_sees_every_result_before_it_is_reported():
    def except_everything(result, scan):
        if result.status is Status.FAIL:
            result.status = Status.EXCEPTED
        return result

    scan, events = run(base_dataset(USERS), judge=except_everything)
    assert scan.result("fails").status is Status.EXCEPTED
    reported = [e.result for e in events if isinstance(e, ItemFinished)]
    assert all(r.status is not Status.FAIL for r in reported)


def test_required_actions_include_what_alibaba_also_authorizes():
    # ACK checks ram:ListUsers and ram:ListRoles when ListClusterKubeconfigStates is
    # called: a policy without them would leave the item not_checked.
    item = catalogue()["ack-cluster-kubeconfigs-revoked"]
    actions = required_actions([item])
    assert {"cs:ListClusterKubeconfigStates", "ram:ListUsers", "ram:ListRoles"} <= (
        set(actions)
    )


def test_the_account_wide_chain_heads_go_first_and_regional_heads_lead_the_rest():
    names = needed_collections(catalogue().values())
    first, rest = start_order(names)
    assert sorted(first + rest) == sorted(names)
    # The buckets and the users, whose reads take the most windows, go alone.
    assert {"oss.buckets", "ram.users"} <= set(first)
    assert "ecs.security_groups" in rest and "ram.password_policy" in rest
    position = {name: n for n, name in enumerate(rest)}
    specs = all_collections()
    for name in rest:  # every per-resource read still starts after its parent
        spec = specs[name]
        if isinstance(spec, DetailCollection) and spec.parent in position:
            assert position[spec.parent] < position[name]
    # A list no read waits for (trails) comes after every list that one does.
    assert position["ecs.security_groups"] < position["actiontrail.trails"]


def test_the_other_lists_wait_until_the_account_wide_chain_heads_are_listed():
    # ListBuckets answers slowly; nothing but the identity calls, the first wave's
    # lists and their per-resource reads may be answered before it.
    items = catalogue()
    first, _ = start_order(needed_collections(items.values()))
    specs = all_collections()
    allowed = {("sts", "GetCallerIdentity"), ("ecs", "DescribeRegions")}
    allowed |= {("ram", "GetAccountAlias")}
    for spec in specs.values():
        lead = spec.parent if isinstance(spec, DetailCollection) else spec.name
        if lead in first:
            allowed |= {(spec.product, action) for action in spec.actions}
    seen = []
    faults = Faults([FaultRule(match="oss:ListBuckets", latency=0.4)])
    asyncio.run(
        _run(base_dataset(USERS), faults=faults, items=items, sandbox_seen=seen)
    )
    answered_first = seen[: [r.action for r in seen].index("ListBuckets")]
    early = {(r.product, r.action) for r in answered_first} - allowed
    assert not early
    assert len(seen) > len(answered_first) + 50  # the second wave did go


def test_identity_alias_and_regions_are_asked_at_once():
    seen = []
    faults = Faults([FaultRule(match="sts:GetCallerIdentity", latency=0.3)])
    asyncio.run(_run(base_dataset(USERS), faults=faults, sandbox_seen=seen))
    actions = [r.action for r in seen]
    assert actions.index("DescribeRegions") < actions.index("GetCallerIdentity")
    assert actions.index("GetAccountAlias") < actions.index("GetCallerIdentity")


def _app_tasks_left() -> list[asyncio.Task]:
    """The app's tasks still running, other than the caller's (not the sandbox's)."""
    current = asyncio.current_task()
    return [
        task
        for task in asyncio.all_tasks()
        if task is not current
        and "cloud_checkup/app/" in task.get_coro().cr_code.co_filename
    ]


def test_a_failed_identity_ends_the_scan_in_its_words_and_leaves_no_call_behind():
    # The identity fails while the region list and the alias, asked beside it, are
    # still on their way: they must not go on (and be retried) behind a scan that
    # has already ended.
    faults = Faults(
        [
            FaultRule(match="sts:GetCallerIdentity", server_error=1.0),
            FaultRule(match="ecs:DescribeRegions", latency=0.5),
            FaultRule(match="ram:GetAccountAlias", latency=0.5),
        ]
    )

    async def scan():
        sandbox = Sandbox(load_dataset(base_dataset(USERS)), faults=faults)
        await sandbox.start()
        try:
            credential = Credential(ACCESS_KEY_ID, ACCESS_KEY_SECRET)
            async with Transport(Destination.sandbox(sandbox.url)) as transport:
                cloud = CloudClient(
                    StaticCredentials(credential), transport, retry=FAST_RETRY
                )
                try:
                    await Scanner(cloud, catalogue=CATALOGUE).run(ScanRequest())
                except ScanError as error:
                    return str(error), _app_tasks_left()
                pytest.fail("a scan without an identity went on")
        finally:
            await sandbox.stop()

    message, left = asyncio.run(scan())
    assert message.startswith("Could not identify the account: InternalError")
    assert left == []


def test_a_sandbox_that_is_not_running_is_named_not_alibaba_cloud():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"

    async def scan():
        credential = Credential(ACCESS_KEY_ID, ACCESS_KEY_SECRET)
        async with Transport(Destination.sandbox(url)) as transport:
            cloud = CloudClient(
                StaticCredentials(credential), transport, retry=FAST_RETRY
            )
            with pytest.raises(ScanError) as raised:
                await Scanner(cloud, catalogue=CATALOGUE).run(ScanRequest())
            return str(raised.value)

    message = asyncio.run(scan())
    assert message.startswith(f"The sandbox at {url} could not be reached")
    assert "Is it running?" in message
    assert "Alibaba Cloud" not in message
