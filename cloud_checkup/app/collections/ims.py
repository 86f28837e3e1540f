"""IMS (ims 2019-08-15): the account-wide security practice report."""

from __future__ import annotations

from .base import ListCollection, Scope

COLLECTIONS = [
    # The only read-only way to see the root account's own AccessKeys and MFA from a
    # RAM identity: ListAccessKeys without a user name lists the caller's keys.
    ListCollection(
        name="ims.account_security_report",
        product="ims",
        action="GetAccountSecurityPracticeReport",
        # The response nests the report under AccountSecurityPracticeInfo.
        items="AccountSecurityPracticeInfo",
        scope=Scope.GLOBAL,
    ),
]
