"""Map every CIS Alibaba Cloud Foundation Benchmark v2.0.0 recommendation to the check
items that cover it, from the items' ``references``, and write docs/cis-coverage.md.

Usage::

    python tools/cis_coverage.py            # write docs/cis-coverage.md
    python tools/cis_coverage.py --check    # fail if the document is out of date

Exits with 1 when an automated recommendation is covered by no item, and with 2 when
``--check`` finds the document out of date.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from cloud_checkup.checks import Check, catalogue

DOCUMENT = Path(__file__).resolve().parent.parent / "docs" / "cis-coverage.md"
_REFERENCE = re.compile(r"^CIS 2\.0\.0 (?P<number>\d+\.\d+)$")


@dataclass(frozen=True)
class Recommendation:
    number: str
    title: str
    automated: bool


SECTIONS = {
    "1": "Identity and Access Management",
    "2": "Logging and Monitoring",
    "3": "Networking",
    "4": "Virtual Machines",
    "5": "Storage",
    "6": "Relational Database Services",
    "7": "Kubernetes Engine",
    "8": "Security Center",
}

# Number, short title and assessment status (A automated, M manual) of the 85
# recommendations, as encoded by the Prowler and Steampipe benchmark mappings.
_RECOMMENDATIONS = """
1.1 M Avoid the use of the root account
1.2 M No root account access key exists
1.3 M MFA is enabled for the root account
1.4 A MFA is enabled for all RAM users that have a console password
1.5 A Users not logged on for 90 days or longer are disabled for console logon
1.6 A Access keys are rotated every 90 days or less
1.7 A RAM password policy requires at least one uppercase letter
1.8 A RAM password policy requires at least one lowercase letter
1.9 A RAM password policy requires at least one symbol
1.10 A RAM password policy requires at least one number
1.11 A RAM password policy requires a minimum length of 14 or greater
1.12 A RAM password policy prevents password reuse
1.13 A RAM password policy expires passwords
1.14 A RAM password policy blocks logon after 5 incorrect attempts within an hour
1.15 A RAM policies that allow full *:* administrative privileges are not created
1.16 A RAM policies are attached only to groups or roles
2.1 A ActionTrail is configured to export copies of all log entries
2.2 A The OSS bucket storing ActionTrail logs is not publicly accessible
2.3 M Audit logs for multiple cloud resources are integrated with Log Service
2.4 M Log Service is enabled for Container Service for Kubernetes
2.5 M Virtual network flow log service is enabled
2.6 M Anti-DDoS access and security log service is enabled
2.7 M Web Application Firewall access and security log service is enabled
2.8 M Cloud Firewall access and security log analysis is enabled
2.9 M Security Center network, host and security log analysis is enabled
2.10 M Log monitoring and alerts are set up for RAM role changes
2.11 M Log monitoring and alerts are set up for Cloud Firewall changes
2.12 M Log monitoring and alerts are set up for VPC network route changes
2.13 M Log monitoring and alerts are set up for VPC changes
2.14 M Log monitoring and alerts are set up for OSS permission changes
2.15 M Log monitoring and alerts are set up for RDS instance configuration changes
2.16 M Log monitoring and alerts are set up for unauthorized API calls
2.17 M Log monitoring and alerts are set up for console sign-in without MFA
2.18 M Log monitoring and alerts are set up for usage of the root account
2.19 M Log monitoring and alerts are set up for console authentication failures
2.20 M Log monitoring and alerts are set up for disabling or deleting customer CMKs
2.21 M Log monitoring and alerts are set up for OSS bucket policy changes
2.22 M Log monitoring and alerts are set up for security group changes
2.23 M Logstore data retention period is 365 days or greater
3.1 M Legacy networks do not exist
3.2 M SSH access is restricted from the internet
3.3 M VPC flow logging is enabled in all VPCs
3.4 M Routing tables for VPC peering are least access
3.5 M Security groups are configured with fine-grained rules
4.1 M Unattached disks are encrypted
4.2 M Virtual machine disks are encrypted
4.3 M No security group allows ingress from 0.0.0.0/0 to port 22
4.4 M No security group allows ingress from 0.0.0.0/0 to port 3389
4.5 M The latest OS patches for all virtual machines are applied
4.6 M Endpoint protection for all virtual machines is installed
5.1 A OSS bucket is not anonymously or publicly accessible
5.2 M There are no publicly accessible objects in storage buckets
5.3 A Logging is enabled for OSS buckets
5.4 A Secure transfer required is enabled
5.5 M The shared URL signature expires within an hour
5.6 M URL signature is allowed only over HTTPS
5.7 A Network access rule for storage buckets is not publicly accessible
5.8 M Server-side encryption is set to Encrypt with Service Key
5.9 M Server-side encryption is set to Encrypt with BYOK
6.1 A RDS instances require all incoming connections to use SSL
6.2 A RDS instances are not open to the world
6.3 A Auditing is on for applicable database instances
6.4 A Auditing retention is greater than 6 months
6.5 A TDE is enabled for applicable database instances
6.6 A RDS TDE protector is encrypted with BYOK
6.7 A PostgreSQL parameter log_connections is ON
6.8 A PostgreSQL parameter log_disconnections is ON
6.9 A PostgreSQL parameter log_duration is ON
7.1 A Log Service is enabled on Kubernetes Engine clusters
7.2 A CloudMonitor is enabled on Kubernetes Engine clusters
7.3 A RBAC authorization is enabled on Kubernetes Engine clusters
7.4 A Cluster Check is triggered at least once per week
7.5 A Kubernetes web UI / Dashboard is not enabled
7.6 A Basic Authentication is not enabled on Kubernetes Engine clusters
7.7 A Network policy is enabled on Kubernetes Engine clusters
7.8 A ENI multiple IP mode is supported for Kubernetes clusters
7.9 A Kubernetes clusters are created with Private cluster enabled
8.1 A Security Center is Advanced or Enterprise Edition
8.2 A All assets are installed with the security agent
8.3 M Automatic quarantine is enabled
8.4 M Webshell detection is enabled on all web servers
8.5 A Notification is enabled on all high-risk items
8.6 M Config Assessment is granted with privilege
8.7 A Scheduled vulnerability scan is enabled on all servers
8.8 M Asset Fingerprint automatically collects asset fingerprint data
"""


def recommendations() -> list[Recommendation]:
    """The 85 recommendations of CIS v2.0.0, in benchmark order."""
    found = []
    for line in _RECOMMENDATIONS.strip().splitlines():
        number, status, title = line.split(" ", 2)
        found.append(Recommendation(number, title, status == "A"))
    return found


def coverage(items: Iterable[Check]) -> dict[str, list[Check]]:
    """Recommendation number -> the items whose references name it."""
    covering: dict[str, list[Check]] = {}
    for item in items:
        for reference in item.references:
            match = _REFERENCE.match(reference.strip())
            if match:
                covering.setdefault(match["number"], []).append(item)
    return covering


def uncovered_automated(covering: Mapping[str, list[Check]]) -> list[Recommendation]:
    return [r for r in recommendations() if r.automated and r.number not in covering]


def render(covering: Mapping[str, list[Check]]) -> str:
    """The coverage document in Markdown."""
    all_recs = recommendations()
    automated = [r for r in all_recs if r.automated]
    manual = [r for r in all_recs if not r.automated]
    lines = [
        "# CIS Alibaba Cloud Foundation Benchmark v2.0.0 coverage",
        "",
        "Generated by `tools/cis_coverage.py` from the check items' references; do "
        "not edit by hand.",
        "",
        f"* Automated recommendations covered: "
        f"{sum(r.number in covering for r in automated)} of {len(automated)}",
        f"* Manual recommendations automated by an item: "
        f"{sum(r.number in covering for r in manual)} of {len(manual)}",
        "",
    ]
    for section, name in SECTIONS.items():
        lines += [f"## {section} {name}", "", "| # | Recommendation | Type | Items |"]
        lines.append("| --- | --- | --- | --- |")
        for rec in all_recs:
            if rec.number.split(".")[0] != section:
                continue
            items = covering.get(rec.number, [])
            names = ", ".join(f"`{i.id}`" for i in sorted(items, key=lambda i: i.id))
            kind = "automated" if rec.automated else "manual"
            lines.append(f"| {rec.number} | {rec.title} | {kind} | {names or '—'} |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("--output", type=Path, default=DOCUMENT)
    args = parser.parse_args(argv)

    covering = coverage(catalogue().values())
    text = render(covering)
    missing = uncovered_automated(covering)
    for rec in missing:
        print(f"uncovered automated recommendation {rec.number}: {rec.title}")
    if args.check:
        current = (
            args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        )
        if current != text:
            print(f"{args.output} is out of date: run tools/cis_coverage.py")
            return 2
    else:
        args.output.write_text(text, encoding="utf-8")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
