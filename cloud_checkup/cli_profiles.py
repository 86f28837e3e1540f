"""The ``cloud-checkup profiles`` command: list, add, remove and test account profiles.

Secrets are never taken as command-line arguments (other users can read those): they
are asked for without echo, or read from standard input with ``--secret-stdin``.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import shlex
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TextIO

from cloud_checkup.app import connection
from cloud_checkup.app.credential_sources import (
    ExistingSetup,
    discover_setups,
    import_setup,
)
from cloud_checkup.app.profiles import (
    CREDENTIAL_TYPE_NAMES,
    CredentialType,
    Profile,
    ProfileError,
    ProfileSecrets,
    ProfileStore,
)
from cloud_checkup.app.secrets import KeyringUnavailable
from cloud_checkup.cli_words import missing_command

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

_IMPORT_KINDS = {
    "env": CredentialType.ENVIRONMENT,
    "aliyun-cli": CredentialType.ALIYUN_CLI,
    "credentials-file": CredentialType.CREDENTIALS_FILE,
}
_SECRET_PROMPTS = {
    "access_key_secret": "AccessKey secret: ",
    "security_token": "STS security token: ",
}


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``profiles`` command and its subcommands to the main parser."""
    profiles = subparsers.add_parser("profiles", help="manage account profiles")
    # Not required: a missing command is answered with the choices (missing_command).
    commands = profiles.add_subparsers(dest="profiles_command", metavar="COMMAND")

    listing = commands.add_parser("list", help="list the account profiles")
    listing.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for reading (default), json for tools",
    )

    _add_add_parser(commands)

    remove = commands.add_parser("remove", help="remove a profile and its secrets")
    remove.add_argument("name", help="the profile to remove, with its secrets")

    test = commands.add_parser("test", help="check who a profile's credential is")
    test.add_argument("name", help="the profile to test")
    test.add_argument("--timeout", type=float, default=15.0, help="seconds (15)")

    commands.add_parser(
        "discover",
        help="show credential set-ups found on this computer (environment, aliyun "
        "CLI, credentials file)",
    )
    return profiles


def _add_add_parser(commands: argparse._SubParsersAction) -> None:
    add = commands.add_parser(
        "add",
        help="add a profile",
        description="Add a profile. Its secrets go to the OS keyring, the rest to the "
        "profiles file. Credential types: "
        + "; ".join(f"{t.value} ({n})" for t, n in CREDENTIAL_TYPE_NAMES.items()),
    )
    add.add_argument(
        "name", help="a name for the profile (the account picker shows it)"
    )
    source = add.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--type", choices=[t.value for t in CredentialType], help="credential type"
    )
    source.add_argument(
        "--import-from",
        choices=sorted(_IMPORT_KINDS),
        help="copy an existing set-up into the profile (its secrets into the keyring)",
    )
    add.add_argument(
        "--access-key-id", help="AccessKey ID (its secret is read, never an argument)"
    )
    add.add_argument("--role-arn", help="RAM role ARN (role types)")
    add.add_argument("--session-name", help="role session name")
    add.add_argument("--duration", type=int, help="role session duration in seconds")
    add.add_argument("--role-name", help="ECS instance RAM role name")
    add.add_argument("--oidc-provider-arn", help="OIDC identity provider ARN (oidc)")
    add.add_argument("--oidc-token-file", help="file holding the OIDC token (oidc)")
    add.add_argument(
        "--source-profile", help="aliyun CLI profile or credentials-file section"
    )
    add.add_argument("--source-file", help="the aliyun CLI or credentials file")
    add.add_argument("--regions", help="regions to scan by default, comma-separated")
    add.add_argument(
        "--secret-stdin",
        action="store_true",
        help="read the AccessKey secret (and then the STS token) from standard "
        "input, one per line, instead of asking",
    )
    add.add_argument(
        "--sandbox-url",
        help="send this profile's requests to a local sandbox (testing only)",
    )


def run(args: argparse.Namespace, store: ProfileStore | None = None) -> int:
    """Run ``profiles <subcommand>``; returns the exit code."""
    handlers: dict[str, Callable[[argparse.Namespace, ProfileStore], Any]] = {
        "list": _list,
        "add": _add,
        "remove": _remove,
        "test": _test,
        "discover": _discover,
    }
    if args.profiles_command is None:
        return missing_command("profiles", handlers)
    handler = handlers[args.profiles_command]
    try:
        return asyncio.run(handler(args, store or ProfileStore()))
    except ProfileError as error:
        _error(str(error))
        return EXIT_USAGE
    except KeyringUnavailable as error:
        _error(str(error))
        return EXIT_FAILED
    except KeyboardInterrupt:
        _error("interrupted")
        return EXIT_FAILED


def _error(message: str) -> None:
    print(f"cloud-checkup: {message}", file=sys.stderr)


async def _list(args: argparse.Namespace, store: ProfileStore) -> int:
    profiles = await store.list()
    if args.format == "json":
        json.dump([p.to_json() for p in profiles], sys.stdout, indent=2)
        print()
        return EXIT_OK
    if not profiles:
        print(
            "No profiles yet. Add one with: cloud-checkup profiles add NAME --type ..."
        )
        return EXIT_OK
    for profile in profiles:
        print(f"{profile.name}  [{profile.type_name}]{_profile_detail(profile)}")
    return EXIT_OK


def _profile_detail(profile: Profile) -> str:
    parts = []
    if profile.access_key_id:
        parts.append(f"AccessKey {profile.access_key_id}")
    if profile.role_arn:
        parts.append(f"role {profile.role_arn}")
    if profile.role_name:
        parts.append(f"ECS role {profile.role_name}")
    if profile.source_profile:
        parts.append(f"from {profile.source_profile!r}")
    if profile.regions:
        parts.append(f"regions {','.join(profile.regions)}")
    if profile.endpoint_override:
        parts.append(f"sandbox {profile.endpoint_override}")
    return "  " + ", ".join(parts) if parts else ""


async def _add(args: argparse.Namespace, store: ProfileStore) -> int:
    if args.import_from:
        profile, secrets = _imported(args)
    else:
        profile = _profile_from_args(args)
        profile.validate()
        secrets = _read_secrets(profile, args.secret_stdin, sys.stdin)
    await store.add(profile, secrets)
    print(f"Added profile {profile.name!r} ({profile.type_name}).")
    if profile.needed_secrets:
        print("Its secrets are in the OS keyring; the profiles file has none.")
    # Not tested here: the credential may be meant for a network not reachable now.
    print(
        "Check that it works with: cloud-checkup profiles test "
        f"{shlex.quote(profile.name)}"
    )
    return EXIT_OK


def _profile_from_args(args: argparse.Namespace) -> Profile:
    return Profile(
        name=args.name,
        credential_type=CredentialType(args.type),
        access_key_id=args.access_key_id,
        role_arn=args.role_arn,
        role_session_name=args.session_name,
        session_duration=args.duration,
        role_name=args.role_name,
        oidc_provider_arn=args.oidc_provider_arn,
        oidc_token_file=args.oidc_token_file,
        source_profile=args.source_profile,
        source_file=args.source_file,
        regions=_regions(args.regions),
        endpoint_override=args.sandbox_url,
    )


def _regions(value: str | None) -> tuple[str, ...]:
    return tuple(r.strip() for r in (value or "").split(",") if r.strip())


def _read_secrets(profile: Profile, from_stdin: bool, stdin: TextIO) -> ProfileSecrets:
    values: dict[str, str | None] = {}
    if profile.needed_secrets and not from_stdin and not stdin.isatty():
        raise ProfileError(
            "No terminal to ask for the secret on; pass it on standard input with "
            "--secret-stdin."
        )
    for secret in profile.needed_secrets:
        if from_stdin:
            values[secret] = stdin.readline().strip() or None
        else:
            values[secret] = getpass.getpass(_SECRET_PROMPTS[secret]).strip() or None
    return ProfileSecrets(**values)


def _imported(args: argparse.Namespace) -> tuple[Profile, ProfileSecrets]:
    kind = _IMPORT_KINDS[args.import_from]
    setup = _find_setup(kind, args.source_profile)
    profile, secrets = import_setup(setup, args.name)
    if args.regions or args.sandbox_url:
        profile = replace(
            profile, regions=_regions(args.regions), endpoint_override=args.sandbox_url
        )
    return profile, secrets


def _find_setup(kind: CredentialType, source_profile: str | None) -> ExistingSetup:
    candidates = [s for s in discover_setups() if s.kind is kind]
    if source_profile is not None:
        candidates = [s for s in candidates if s.source_profile == source_profile]
    if len(candidates) > 1:
        names = ", ".join(repr(s.source_profile) for s in candidates)
        raise ProfileError(
            f"Several were found ({names}); choose with --source-profile."
        )
    if not candidates:
        wanted = f" {source_profile!r}" if source_profile else ""
        raise ProfileError(
            f"No {CREDENTIAL_TYPE_NAMES[kind]}{wanted} was found on this computer; "
            "'cloud-checkup profiles discover' lists what there is."
        )
    return candidates[0]


async def _remove(args: argparse.Namespace, store: ProfileStore) -> int:
    await store.remove(args.name)
    print(f"Removed profile {args.name!r} and its secrets.")
    return EXIT_OK


async def _test(args: argparse.Namespace, store: ProfileStore) -> int:
    profile = await store.get(args.name)
    result = await connection.test_connection(profile, store, timeout=args.timeout)
    if not result.ok:
        _error(f"The test of profile {profile.name!r} failed. {result.message}")
        if result.error_code and not result.error_code.startswith("Transport."):
            print(f"Alibaba Cloud's error code: {result.error_code}.", file=sys.stderr)
        return EXIT_FAILED
    identity = result.identity
    print(result.message)
    print(f"  account id:     {identity.account_id}")
    print(f"  identity type:  {identity.identity_type} ({identity.type_name})")
    print(f"  identity:       {identity.arn}")
    print(f"  answered in {result.elapsed:.1f} s")
    if result.warning:
        print(f"WARNING: {result.warning}", file=sys.stderr)
    return EXIT_OK


async def _discover(args: argparse.Namespace, store: ProfileStore) -> int:
    setups = discover_setups()
    if not setups:
        print(
            "No environment variables, aliyun CLI profiles or credentials file found."
        )
        return EXIT_OK
    for setup in setups:
        how = "use as is" + (", or import" if setup.importable_as else "")
        print(f"{setup.description}  ({how})")
    return EXIT_OK
