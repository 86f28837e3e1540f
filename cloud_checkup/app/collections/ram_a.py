"""RAM (ram 2015-05-01): roles and their trust policies, custom policies and their
documents, and the account-wide security preference."""

from __future__ import annotations

from .base import DetailCollection, ListCollection, Paging, Scope

_ROLES = "ram.roles"
_CUSTOM_POLICIES = "ram.custom_policies"

COLLECTIONS = [
    ListCollection(
        name=_ROLES,
        product="ram",
        action="ListRoles",
        items="Roles.Role",
        scope=Scope.GLOBAL,
        paging=Paging.MARKER,
        page_size=1000,
        size_param="MaxItems",
        id_field="RoleName",
    ),
    # ListRoles leaves the trust policy out: GetRole returns it, as a JSON string.
    DetailCollection(
        name="ram.role_details",
        product="ram",
        action="GetRole",
        parent=_ROLES,
        param="RoleName",
        parent_field="RoleName",
        items="Role",
        absent_codes=("EntityNotExist.Role",),
    ),
    ListCollection(
        name=_CUSTOM_POLICIES,
        product="ram",
        action="ListPolicies",
        items="Policies.Policy",
        scope=Scope.GLOBAL,
        paging=Paging.MARKER,
        page_size=1000,
        size_param="MaxItems",
        id_field="PolicyName",
        params={"PolicyType": "Custom"},
    ),
    # GetPolicy answers with the default version's document (JSON in a string).
    DetailCollection(
        name="ram.custom_policy_documents",
        product="ram",
        action="GetPolicy",
        parent=_CUSTOM_POLICIES,
        param="PolicyName",
        parent_field="PolicyName",
        items=None,
        params={"PolicyType": "Custom"},
        absent_codes=("EntityNotExist.Policy",),
    ),
    ListCollection(
        name="ram.security_preference",
        product="ram",
        action="GetSecurityPreference",
        items="SecurityPreference",
        scope=Scope.GLOBAL,
    ),
]
