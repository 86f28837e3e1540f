"""Words the command line's commands share: plurals, item statuses, missing commands."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping

from cloud_checkup.checks.base import Status

EXIT_USAGE = 2

# How the command line names item statuses, in the order it lists them: what needs
# attention first.
STATUS_WORDS = {
    Status.FAIL: "failing",
    Status.NOT_CHECKED: "not checked",
    Status.EXCEPTED: "excepted",
    Status.PASS: "passing",
    Status.NOT_APPLICABLE: "not applicable",
}
STATUS_ORDER = {status: position for position, status in enumerate(STATUS_WORDS)}


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``1 item``, ``3 items``; ``plural`` for nouns that do not just take an s."""
    if number == 1:
        return f"{number} {noun}"
    return f"{number} {plural or noun + 's'}"


def status_word(status: str) -> str:
    """``failing`` for ``fail``; a status this version does not know, as stored."""
    try:
        return STATUS_WORDS[Status(status)]
    except (ValueError, KeyError):
        return status


def status_tally(counts: Mapping[str, int]) -> str:
    """``57 failing, 34 passing, 1 not applicable``: item counts, failures first."""
    known = [s for s in STATUS_WORDS if counts.get(s)]
    unknown = sorted(s for s, n in counts.items() if n and s not in STATUS_ORDER)
    parts = [f"{counts[s]} {STATUS_WORDS[s]}" for s in known]
    parts += [f"{counts[s]} {s}" for s in unknown]
    return ", ".join(parts) or "no items"


def missing_command(command: str, choices: Iterable[str]) -> int:
    """Say which subcommands ``cloud-checkup COMMAND`` takes; returns the exit code.

    argparse would only say "required: COMMAND", which leaves the user guessing.
    """
    print(
        f"cloud-checkup {command}: choose one of: {', '.join(choices)} "
        f"(more with: cloud-checkup {command} --help)",
        file=sys.stderr,
    )
    return EXIT_USAGE
