"""Identity check items on sandbox data: one passing and one failing account each."""

from __future__ import annotations

from data import (
    access_keys,
    error,
    failed_ids,
    login_profiles,
    mfa_devices,
    password_policy,
    ram_users,
    scan,
    security_report,
    user_details,
    user_policies,
)

from cloud_checkup.checks import Status


def test_root_access_key_passes_without_root_keys():
    result = scan("root-account-no-access-key", security_report(root_keys=0))
    assert result.status is Status.PASS


def test_root_access_key_fails_with_a_root_key():
    result = scan("root-account-no-access-key", security_report(root_keys=1))
    assert result.status is Status.FAIL
    assert "1 AccessKey" in result.failed[0].detail


def test_root_access_key_not_checked_when_report_is_denied():
    result = scan(
        "root-account-no-access-key",
        security_report(),
        deny=["ims:GetAccountSecurityPracticeReport"],
    )
    assert result.status is Status.NOT_CHECKED
    assert "ims:GetAccountSecurityPracticeReport" in result.missing_actions


def test_root_mfa_passes_when_bound():
    assert scan("root-account-mfa-enabled", security_report()).status is Status.PASS


def test_root_mfa_fails_when_not_bound():
    result = scan("root-account-mfa-enabled", security_report(root_mfa=False))
    assert result.status is Status.FAIL


def _console_users(mfa_for: list[str], no_mfa_for: list[str]):
    return (
        ram_users("alice", "bob", "ci-deployer"),
        login_profiles(["alice", "bob"], without=["ci-deployer"]),
        mfa_devices(mfa_for, without=no_mfa_for + ["ci-deployer"]),
    )


def test_console_mfa_passes_when_every_console_user_has_mfa():
    result = scan("ram-user-console-mfa-enabled", *_console_users(["alice", "bob"], []))
    assert result.status is Status.PASS
    # The API-only user has no login profile and is not evaluated.
    assert {f.resource_id for f in result.findings} == {"alice", "bob"}


def test_console_mfa_fails_for_console_user_without_mfa():
    result = scan("ram-user-console-mfa-enabled", *_console_users(["alice"], ["bob"]))
    assert result.status is Status.FAIL
    assert failed_ids(result) == {"bob"}


def test_console_mfa_unreadable_profile_is_never_a_pass():
    profiles = login_profiles([])
    responses = profiles["ram"]["global"]["GetLoginProfile"]["responses"]
    responses["alice"] = error("InternalError", 500)
    result = scan(
        "ram-user-console-mfa-enabled",
        ram_users("alice"),
        profiles,
        mfa_devices(["alice"]),
    )
    assert result.status is Status.NOT_CHECKED


def test_console_mfa_not_applicable_without_console_users():
    result = scan(
        "ram-user-console-mfa-enabled",
        ram_users("ci-deployer"),
        login_profiles([], without=["ci-deployer"]),
        mfa_devices([], without=["ci-deployer"]),
    )
    assert result.status is Status.NOT_APPLICABLE


def test_password_strength_passes_for_a_strong_policy():
    assert scan("ram-password-policy-strength", password_policy()).status is Status.PASS


def test_password_strength_fails_for_short_passwords_without_symbols():
    policy = password_policy(MinimumPasswordLength=8, RequireSymbols="false")
    result = scan("ram-password-policy-strength", policy)
    assert result.status is Status.FAIL
    assert "minimum length is 8" in result.failed[0].detail
    assert "symbol" in result.failed[0].detail


def test_password_reuse_and_lockout_passes():
    result = scan("ram-password-policy-reuse-and-lockout", password_policy())
    assert result.status is Status.PASS


def test_password_reuse_and_lockout_fails_without_lockout():
    policy = password_policy(MaxLoginAttemps=0, PasswordReusePrevention=0)
    result = scan("ram-password-policy-reuse-and-lockout", policy)
    assert result.status is Status.FAIL


def test_access_key_rotation_passes_for_young_keys_and_ignores_inactive_ones():
    keys = access_keys(
        {
            "ci-deployer": [
                ("LTAI5tYoung", "Active", 30),
                ("LTAI5tOldOff", "Inactive", 400),
            ]
        }
    )
    result = scan("ram-access-key-rotated-90-days", ram_users("ci-deployer"), keys)
    assert result.status is Status.PASS
    assert {f.resource_id for f in result.findings} == {"LTAI5tYoung"}


def test_access_key_rotation_fails_for_an_old_active_key():
    keys = access_keys({"ci-deployer": [("LTAI5tOld", "Active", 200)]})
    result = scan("ram-access-key-rotated-90-days", ram_users("ci-deployer"), keys)
    assert result.status is Status.FAIL
    assert failed_ids(result) == {"LTAI5tOld"}


def test_admin_policy_passes_for_scoped_policies():
    policies = user_policies({"alice": [("AliyunECSReadOnlyAccess", "System")]})
    result = scan("ram-user-no-administrator-access", ram_users("alice"), policies)
    assert result.status is Status.PASS


def test_admin_policy_fails_for_directly_attached_administrator_access():
    policies = user_policies(
        {
            "alice": [("AliyunECSReadOnlyAccess", "System")],
            "bob": [("AdministratorAccess", "System")],
        }
    )
    result = scan(
        "ram-user-no-administrator-access", ram_users("alice", "bob"), policies
    )
    assert result.status is Status.FAIL
    assert failed_ids(result) == {"bob"}


def test_admin_policy_not_checked_when_policies_are_denied():
    policies = user_policies({"alice": []})
    result = scan(
        "ram-user-no-administrator-access",
        ram_users("alice"),
        policies,
        deny=["ram:ListPoliciesForUser"],
    )
    assert result.status is Status.NOT_CHECKED


def test_inactive_console_user_passes_for_recent_logon():
    result = scan(
        "ram-console-user-active-90-days",
        ram_users("alice"),
        login_profiles(["alice"]),
        user_details({"alice": 3}),
    )
    assert result.status is Status.PASS


def test_inactive_console_user_fails_after_120_idle_days():
    result = scan(
        "ram-console-user-active-90-days",
        ram_users("alice", "bob"),
        login_profiles(["alice", "bob"]),
        user_details({"alice": 3, "bob": 120}),
    )
    assert result.status is Status.FAIL
    assert failed_ids(result) == {"bob"}


def test_console_or_access_key_passes_when_roles_are_separate():
    result = scan(
        "ram-user-console-or-access-key",
        ram_users("alice", "ci-deployer"),
        login_profiles(["alice"], without=["ci-deployer"]),
        access_keys({"alice": [], "ci-deployer": [("LTAI5tCi", "Active", 10)]}),
    )
    assert result.status is Status.PASS


def test_console_or_access_key_fails_for_a_person_with_an_active_key():
    result = scan(
        "ram-user-console-or-access-key",
        ram_users("alice"),
        login_profiles(["alice"]),
        access_keys({"alice": [("LTAI5tAlice", "Active", 10)]}),
    )
    assert result.status is Status.FAIL
    assert failed_ids(result) == {"alice"}
