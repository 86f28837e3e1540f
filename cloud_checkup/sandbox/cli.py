"""Command-line pieces of ``cloud-checkup sandbox`` that the sandbox package provides.

The program's own ``cli.py`` wires them in: ``add_generate_parser(subparsers)`` adds
``generate``, ``run_generate(args)`` runs it, and ``add_faults_argument(parser)`` adds
``--faults SPEC`` (parsed by :func:`~cloud_checkup.sandbox.faults.faults_from_spec`).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from cloud_checkup.sandbox.faults import Faults, faults_from_spec
from cloud_checkup.sandbox.generate import generate

log = logging.getLogger(__name__)

FAULTS_HELP = (
    "inject faults, seeded: rules separated by ';', each [PRODUCT:ACTION@]key=value,"
    "... with keys latency, hang, throttle, server_error, unavailable, drop, "
    "truncate, malformed, doctype, rate_limit, after, times; plus seed=N and "
    "limits=alibaba (Alibaba's per-action rate limits); or a JSON/YAML file. "
    "Example: 'seed=7;latency=0.05;ecs:DescribeInstances@throttle=1,times=3'"
)


def add_faults_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--faults", metavar="SPEC", type=_faults_type, default=None, help=FAULTS_HELP
    )


def _faults_type(text: str) -> Faults:
    try:
        return faults_from_spec(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_generate_parser(subparsers: argparse._SubParsersAction) -> None:
    """Add ``generate --regions N --resources M --seed S -o FILE``."""
    parser = subparsers.add_parser(
        "generate",
        help="write a large, deterministic sandbox account",
        description="Write a generated account in the sandbox dataset format.",
    )
    parser.add_argument(
        "--regions",
        type=_positive,
        default=20,
        metavar="N",
        help="regions the account uses (default: 20)",
    )
    parser.add_argument(
        "--resources",
        type=_positive,
        default=10_000,
        metavar="M",
        help="resources in all, in realistic proportions (default: 10000)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=1,
        metavar="S",
        help="the same seed writes the same account (default: 1)",
    )
    parser.add_argument(
        "-o", "--output", required=True, help="the .json file to write ('-': stdout)"
    )
    parser.set_defaults(handler=run_generate)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive number")
    return value


def run_generate(args: argparse.Namespace) -> int:
    """Write the generated account; 0 on success, 2 when the file cannot be written."""
    dataset = generate(regions=args.regions, resources=args.resources, seed=args.seed)
    text = json.dumps(dataset, indent=None, separators=(",", ":"))
    if args.output == "-":
        sys.stdout.write(text + "\n")
        return 0
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as error:
        print(f"cloud-checkup: cannot write {args.output}: {error}", file=sys.stderr)
        return 2
    log.info(
        "wrote %d regions, %d resources (seed %d) to %s",
        args.regions,
        args.resources,
        args.seed,
        args.output,
    )
    return 0
