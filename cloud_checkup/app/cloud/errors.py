"""Errors from Alibaba Cloud, sorted into the kinds a scanner must treat differently."""

from __future__ import annotations

THROTTLING_CODES = frozenset(
    {
        "Throttling",
        "Throttling.User",
        "Throttling.Api",
        "Throttling.Resource",
        "Rejected.Throttling",
        "ServiceUnavailable",
        "MetaOperationQpsLimitExceeded",
        "TotalQpsLimitExceeded",
        "ActiveRequestLimitExceeded",
        "CpuLimitExceeded",
    }
)
TRANSIENT_CODES = frozenset({"InternalError", "UnknownError", "ServiceUnavailable"})
PERMISSION_CODES = frozenset(
    {
        "Forbidden.RAM",
        "NoPermission",
        "AccessDenied",
        "Forbidden",
        "Forbidden.NoPermission",
        # Simple Log Service: "denied by sts or ram, action: log:...".
        "Unauthorized",
    }
)
NOT_ACTIVATED_CODES = frozenset(
    {
        "Forbidden.NotActivated",
        "Inactive",
        "ServiceNotOpen",
        "NotEnabled",
        "InvalidApi.NotPurchase",
        "ServiceNotActivated",
        "NotActivated",
    }
)
REGION_UNSUPPORTED_CODES = frozenset(
    {
        "InvalidRegionId",
        "InvalidRegionId.NotFound",
        "InvalidRegion.NotFound",
        "InvalidOperation.NotSupportedEndpoint",
        "UnsupportedRegion",
    }
)
CREDENTIAL_CODES = frozenset(
    {
        "InvalidAccessKeyId.NotFound",
        "InvalidAccessKeyId.Inactive",
        "InvalidAccessKeyId",
        "SignatureDoesNotMatch",
        "IncompleteSignature",
        "InvalidTimeStamp.Expired",
        "RequestTimeTooSkewed",
        # Simple Log Service's names for a bad signature and a skewed clock.
        "SignatureNotMatch",
        "RequestTimeExpired",
        "MissingSecurityToken",
        "InvalidSecurityToken.Expired",
        "InvalidSecurityToken.Malformed",
        "InvalidSecurityToken.MismatchWithAccessKey",
        "Forbidden.AccessKeyDisabled",
    }
)


class CloudError(Exception):
    """An API call that did not give a usable answer.

    ``code`` is Alibaba's error code (or a local one such as ``Transport.Timeout`` for
    failures before an answer arrived); ``status`` the HTTP status, 0 when none.
    """

    def __init__(
        self,
        code: str,
        message: str,
        *,
        status: int = 0,
        request_id: str | None = None,
        retry_after: float | None = None,
        action: str | None = None,
    ):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status
        self.request_id = request_id
        self.retry_after = retry_after
        self.action = action

    @property
    def is_throttling(self) -> bool:
        return self.code in THROTTLING_CODES or self.code.startswith("Throttling")

    @property
    def is_transient(self) -> bool:
        """Worth retrying: throttling, a server-side error, or no answer at all."""
        return (
            self.is_throttling
            or self.code in TRANSIENT_CODES
            or self.code.startswith("Transport.")
            or self.status >= 500
        )

    @property
    def is_permission(self) -> bool:
        return self.code in PERMISSION_CODES or self.code.startswith("Forbidden.RAM")

    @property
    def is_not_activated(self) -> bool:
        return self.code in NOT_ACTIVATED_CODES

    @property
    def is_region_unsupported(self) -> bool:
        return self.code in REGION_UNSUPPORTED_CODES

    @property
    def is_credential(self) -> bool:
        return self.code in CREDENTIAL_CODES


class ReadOnlyViolation(Exception):
    """The app was about to call an action that is not a read; nothing was sent."""
