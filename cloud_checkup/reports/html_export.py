"""The HTML report: one self-contained, printable file to send to colleagues.

Everything read from the cloud is untrusted text, so the template is rendered with
autoescape on, the page's Content-Security-Policy forbids every external load and
any script but our own, and only http(s) documentation URLs become links.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import math
import re
from collections.abc import Mapping
from datetime import datetime, timedelta
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

import cloud_checkup
from cloud_checkup.app.compare import ItemChange
from cloud_checkup.app.model import ScanResult
from cloud_checkup.app.score import FORMULA, tier
from cloud_checkup.checks.base import (
    CATEGORY_NAMES,
    Category,
    Check,
    Finding,
    Severity,
    Status,
)

from .content import (
    Item,
    Report,
    build_report,
    failed_by_category,
    resource_key,
    utc_timestamp,
)
from .target import Target, describe, open_text

logger = logging.getLogger(__name__)

STATUS_LABELS = {
    "pass": ("✓", "Pass"),
    "fail": ("✕", "Fail"),
    "not_checked": ("?", "Not checked"),
    "not_applicable": ("–", "Not applicable"),
    "excepted": ("⊘", "Excepted"),
}
SEVERITY_LABELS = {
    "high": ("▲", "High"),
    "medium": ("◆", "Medium"),
    "low": ("●", "Low"),
}
CHANGE_LABELS = {
    ItemChange.NEW: "New",
    ItemChange.FIXED: "Fixed",
    ItemChange.UNCHANGED: "Unchanged",
    ItemChange.EXCEPTED: "Now excepted",
    ItemChange.UNVERIFIED: "Not verified",
    ItemChange.NOT_COMPARED: "Not checked in previous scan",
}
TIER_COLOURS = {
    "Excellent": "#067647",
    "Good": "#3b7d23",
    "Fair": "#b54708",
    "At risk": "#b42318",
}
SEVERITY_COLOURS = {
    Severity.HIGH: "#c4320a",
    Severity.MEDIUM: "#e8a33d",
    Severity.LOW: "#6c8ebf",
}
# Short names where a full category name does not fit (chart rows, filter options).
SHORT_CATEGORY_NAMES = {
    Category.IDENTITY: "Identity and access",
    Category.INFRASTRUCTURE: "Infrastructure",
    Category.RESILIENCE: "High availability and DR",
    Category.STABILITY: "Stability",
    Category.AI: "AI security",
}
PACKAGE_NAMES = {"standard": "Standard", "ai": "AI security"}
# How many high-severity failures the summary names before "and N more".
FIX_FIRST_SHOWN = 5
# Resource names and details longer than this are cut in the HTML (real names are at
# most a few hundred characters); the JSON and CSV exports keep the whole text.
CELL_TEXT_LIMIT = 500
# Characters that change how text reads without being seen. Tab, line feed and
# carriage return are ordinary white space; the zero-width joiners belong to emoji
# and to Persian and Indic scripts.
_INVISIBLE = re.compile(
    "([\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f"
    "\u202a-\u202e\u2060\u2066-\u2069\ufeff])"
)
_CONTROL_MARK = Markup(
    '<span class="control" title="An invisible control character">[U+{:04X}]</span>'
)
_CLIPPED_NOTE = Markup(
    '<span class="clipped">… ({} more characters; the JSON and CSV exports have'
    " the full text)</span>"
)
_GAUGE_RADIUS = 52


def render_html(
    scan: ScanResult,
    *,
    catalogue: Mapping[str, Check] | None = None,
    previous: ScanResult | None = None,
) -> str:
    """The report as one HTML document with its styles, charts and script inline."""
    report = build_report(scan, catalogue=catalogue, previous=previous)
    template = _environment().get_template("report.html.j2")
    # Our own assets are trusted markup; only they are exempt from escaping.
    script = _asset("report.js")
    return template.render(
        report=report,
        version=cloud_checkup.__version__,
        formula=FORMULA,
        style=Markup(_asset("report.css")),
        script=Markup(script),
        script_hash=_csp_hash(script),
        gauge=_gauge(report.score.value, report.score.tier),
        failure_chart=_failure_chart(report),
        categories=_category_names(report),
        fix_first=fix_first(report),
    )


def export_html(
    scan: ScanResult,
    target: Target,
    *,
    catalogue: Mapping[str, Check] | None = None,
    previous: ScanResult | None = None,
) -> None:
    """Write the HTML report (UTF-8) to a path, replacing any file there, or stream."""
    document = render_html(scan, catalogue=catalogue, previous=previous)
    with open_text(target) as stream:
        stream.write(document)
    logger.info(
        "wrote the HTML report of scan %s to %s", scan.scan_id, describe(target)
    )


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("cloud_checkup.reports", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters |= {
        "doc_link": doc_link,
        "utc": format_utc,
        "duration": format_duration,
        "category_name": category_name,
        "counted": count_of,
        "tier_colour": tier_colour,
        "package_names": package_names,
        "cloud_text": cloud_text,
    }
    env.globals |= {
        "STATUS_LABELS": STATUS_LABELS,
        "SEVERITY_LABELS": SEVERITY_LABELS,
        "CHANGE_LABELS": CHANGE_LABELS,
        "SEVERITY_COLOURS": SEVERITY_COLOURS,
        "ItemChange": ItemChange,
        "is_new_resource": is_new_resource,
        "FIX_FIRST_SHOWN": FIX_FIRST_SHOWN,
    }
    return env


@cache
def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("templates", name).read_text("utf-8")


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def doc_link(url: str | None) -> str | None:
    """``url`` if it is safe as a link (http or https, with a host), else None."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    return None


def format_utc(moment: datetime | None) -> str:
    stamp = utc_timestamp(moment)
    return stamp.replace("T", " ").replace("Z", " UTC") if stamp else "not finished"


def format_duration(duration: timedelta | None) -> str:
    if duration is None:
        return "not finished"
    if duration.total_seconds() < 1:
        return "under 1 s"
    seconds = round(duration.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min"
    if minutes:
        return f"{minutes} min {seconds} s"
    return f"{seconds} s"


def tier_colour(value: int | None) -> str:
    """The colour of the tier a score falls in (grey when there is no score)."""
    return "#98a2b3" if value is None else TIER_COLOURS[tier(value)]


def count_of(number: int, noun: str) -> str:
    """``1 resource``, ``3 resources``: English plurals of the nouns the report uses."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def category_name(category: Category | None, *, short: bool = False) -> str:
    if category is None:
        return "Other items" if short else "Items not in this version's catalogue"
    return (SHORT_CATEGORY_NAMES if short else CATEGORY_NAMES)[category]


def cloud_text(text: str | None, limit: int = CELL_TEXT_LIMIT) -> Markup:
    """Untrusted text from the cloud as safe markup.

    Escaped; invisible control characters (bidirectional overrides, zero-width
    spaces, C0 and C1 controls) shown by their code point, since a name such as
    ``U+202E gnp.exe`` would otherwise read as ``exe.png``; cut after ``limit``
    characters with a note saying so.
    """
    if not text:
        return Markup("")
    shown = Markup("").join(
        _CONTROL_MARK.format(ord(part)) if _INVISIBLE.fullmatch(part) else part
        for part in _INVISIBLE.split(text[:limit])
    )
    if len(text) > limit:
        shown += _CLIPPED_NOTE.format(f"{len(text) - limit:,}")
    return shown


def package_names(packages: list[str]) -> str:
    """``Standard, AI security``: the packages by name, the standard one first."""
    rank = {name: index for index, name in enumerate(PACKAGE_NAMES)}
    ranked = sorted(packages, key=lambda p: rank.get(p, len(rank)))
    return ", ".join(PACKAGE_NAMES.get(p, p) for p in ranked)


def fix_first(report: Report) -> list[Item]:
    """The failing high-severity items, Top 10 risks first, then the widest spread."""
    failing = [
        i
        for i in report.items
        if i.status is Status.FAIL and i.severity is Severity.HIGH
    ]
    return sorted(
        failing, key=lambda i: (i.check.top10 or 99, -len(i.failed), i.check_id)
    )


def is_new_resource(item: Item, finding: Finding) -> bool:
    change = item.change
    if change is None or change.kind is ItemChange.NOT_COMPARED:
        return False
    return resource_key(finding) in change.new_keys


def _category_names(report: Report) -> list[tuple[str, str]]:
    """The categories present in the report, as (id, name) for the filter."""
    return [
        (
            str(section.category) if section.category else "other",
            category_name(section.category, short=True),
        )
        for section in report.sections
    ]


def _gauge(value: int, tier_name: str) -> dict[str, object]:
    circumference = 2 * math.pi * _GAUGE_RADIUS
    filled = circumference * max(0, min(value, 100)) / 100
    return {
        "radius": _GAUGE_RADIUS,
        "dash": f"{filled:.2f} {circumference:.2f}",
        "colour": TIER_COLOURS.get(tier_name, "#475467"),
    }


def _failure_chart(report: Report) -> dict[str, object]:
    """Geometry of the failing-items bar chart: one bar per category, by severity."""
    table = failed_by_category(report)
    scanned = {item.category for item in report.items}
    widest = max((sum(row.values()) for row in table.values()), default=0) or 1
    bar_x, bar_width, row_height = 176, 296, 32
    rows = []
    for index, (category, counts) in enumerate(table.items()):
        x, segments = 0.0, []
        for severity, count in counts.items():
            width = bar_width * count / widest
            if count:
                segments.append(
                    {
                        "x": round(x, 2),
                        "width": round(width, 2),
                        "count": count,
                        "severity": str(severity),
                        "colour": SEVERITY_COLOURS[severity],
                        "ink": "#1d2939" if severity is Severity.MEDIUM else "#ffffff",
                    }
                )
            x += width
        rows.append(
            {
                "y": index * row_height,
                "name": category_name(category, short=True),
                "segments": segments,
                "end": round(x, 2),
                "total": sum(counts.values()),
                "counts": {str(s): n for s, n in counts.items() if n},
                # A category outside the scan's packages has no failures to show.
                "scanned": category in scanned,
            }
        )
    return {
        "rows": rows,
        "width": bar_x + bar_width + 40,
        "height": len(rows) * row_height,
        "bar_x": bar_x,
        "bar_width": bar_width,
    }
