"""RAM (ram 2015-05-01): users, their console logon, MFA, AccessKeys and policies."""

from __future__ import annotations

from .base import DetailCollection, ListCollection, Paging, Scope

_USERS = "ram.users"

COLLECTIONS = [
    ListCollection(
        name=_USERS,
        product="ram",
        action="ListUsers",
        items="Users.User",
        scope=Scope.GLOBAL,
        paging=Paging.MARKER,
        page_size=1000,
        size_param="MaxItems",
        id_field="UserName",
    ),
    ListCollection(
        name="ram.password_policy",
        product="ram",
        action="GetPasswordPolicy",
        items=None,
        scope=Scope.GLOBAL,
    ),
    DetailCollection(
        name="ram.user_details",
        product="ram",
        action="GetUser",
        parent=_USERS,
        param="UserName",
        parent_field="UserName",
        items="User",
        absent_codes=("EntityNotExist.User",),
    ),
    DetailCollection(
        name="ram.user_login_profiles",
        product="ram",
        action="GetLoginProfile",
        parent=_USERS,
        param="UserName",
        parent_field="UserName",
        items="LoginProfile",
        # API-only users have no login profile: the normal case, not a failure.
        absent_codes=("EntityNotExist.User.LoginProfile",),
    ),
    DetailCollection(
        name="ram.user_mfa_devices",
        product="ram",
        action="GetUserMFAInfo",
        parent=_USERS,
        param="UserName",
        parent_field="UserName",
        items="MFADevice",
        absent_codes=("EntityNotExist.User.MFADevice",),
    ),
    DetailCollection(
        name="ram.user_access_keys",
        product="ram",
        action="ListAccessKeys",
        parent=_USERS,
        param="UserName",
        parent_field="UserName",
        items="AccessKeys",
    ),
    DetailCollection(
        name="ram.user_policies",
        product="ram",
        action="ListPoliciesForUser",
        parent=_USERS,
        param="UserName",
        parent_field="UserName",
        items="Policies",
    ),
]
