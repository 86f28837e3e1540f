"""How severities, statuses, categories and tiers look: words, colours and icons.

The colours are the HTML report's (``reports.html_export`` and its ``report.css``), so
that a finding looks the same in the window and in the report; every colour is paired
with a shape and a word, for readers with red-green colour blindness.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from cloud_checkup.app.score import INCOMPLETE
from cloud_checkup.checks.base import CATEGORY_NAMES, Category, Severity, Status
from cloud_checkup.reports import html_export

SEVERITY_COLOURS = {
    severity: QColor(colour)
    for severity, colour in html_export.SEVERITY_COLOURS.items()
}
# The report's status badges (report.css: --high, --pass, --unknown, --neutral).
STATUS_COLOURS = {
    Status.PASS: QColor("#067647"),
    Status.FAIL: QColor("#b42318"),
    Status.NOT_CHECKED: QColor("#5925dc"),
    Status.NOT_APPLICABLE: QColor("#475467"),
    Status.EXCEPTED: QColor("#475467"),
}
# A neutral grey, as the report's gauge: "Incomplete" is no verdict, good or bad.
NEUTRAL_COLOUR = QColor("#475467")
TIER_COLOURS = {
    **{name: QColor(colour) for name, colour in html_export.TIER_COLOURS.items()},
    INCOMPLETE: NEUTRAL_COLOUR,
}

# The order a reader wants to see items in: what needs action first.
STATUS_ORDER = {
    Status.FAIL: 0,
    Status.NOT_CHECKED: 1,
    Status.EXCEPTED: 2,
    Status.PASS: 3,
    Status.NOT_APPLICABLE: 4,
}

_ICON_SIZE = 16


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def plural(count: int, one: str, many: str) -> str:
    """``one`` or ``many`` (both translated, with a ``{count}`` field) for ``count``.

    Two forms serve English and Chinese (which has one); a language with more forms
    would need Qt's ``%n`` plurals and a compiled translation.
    """
    return (one if count == 1 else many).format(count=f"{count:,}")


def severity_text(severity: Severity | None) -> str:
    labels = {
        Severity.HIGH: _tr("Severity", "High"),
        Severity.MEDIUM: _tr("Severity", "Medium"),
        Severity.LOW: _tr("Severity", "Low"),
    }
    return labels.get(severity, _tr("Severity", "Unknown"))


def status_text(status: Status) -> str:
    labels = {
        Status.PASS: _tr("Status", "Pass"),
        Status.FAIL: _tr("Status", "Fail"),
        Status.NOT_CHECKED: _tr("Status", "Not checked"),
        Status.NOT_APPLICABLE: _tr("Status", "Not applicable"),
        Status.EXCEPTED: _tr("Status", "Excepted"),
    }
    return labels[status]


def category_text(category: Category) -> str:
    """The category's full display name, looked up for translation by its text."""
    return _tr("Category", CATEGORY_NAMES[category])


def category_short_text(category: Category) -> str:
    """A name short enough for a table column or a filter box."""
    labels = {
        Category.IDENTITY: _tr("Category", "Identity and access"),
        Category.INFRASTRUCTURE: _tr("Category", "Infrastructure"),
        Category.RESILIENCE: _tr("Category", "HA and disaster recovery"),
        Category.STABILITY: _tr("Category", "Stability audit"),
        Category.AI: _tr("Category", "AI security"),
    }
    return labels[category]


def tier_text(tier: str) -> str:
    return _tr("Tier", tier)


def tier_colour(tier: str) -> QColor:
    return TIER_COLOURS.get(tier, NEUTRAL_COLOUR)


def _canvas() -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(_ICON_SIZE * 2, _ICON_SIZE * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


def _glyph_pen() -> QPen:
    pen = QPen(QColor("white"), 1.8)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


@cache
def severity_icon(severity: Severity) -> QIcon:
    """A triangle for high, a diamond for medium, a circle for low."""
    pixmap, painter = _canvas()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(SEVERITY_COLOURS[severity])
    if severity is Severity.HIGH:
        path = QPainterPath(QPointF(8, 1.5))
        path.lineTo(15, 14.5)
        path.lineTo(1, 14.5)
        path.closeSubpath()
        painter.drawPath(path)
        painter.setPen(_glyph_pen())
        painter.drawLine(QPointF(8, 6), QPointF(8, 9.5))
        painter.drawPoint(QPointF(8, 12.2))
    elif severity is Severity.MEDIUM:
        path = QPainterPath(QPointF(8, 1))
        for x, y in ((15, 8), (8, 15), (1, 8)):
            path.lineTo(x, y)
        path.closeSubpath()
        painter.drawPath(path)
    else:
        painter.drawEllipse(QRectF(3, 3, 10, 10))
    painter.end()
    return QIcon(pixmap)


@cache
def status_icon(status: Status) -> QIcon:
    """A filled disc with a glyph: tick, cross, question mark, dash or slash."""
    pixmap, painter = _canvas()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(STATUS_COLOURS[status])
    painter.drawEllipse(QRectF(1, 1, 14, 14))
    painter.setPen(_glyph_pen())
    if status is Status.PASS:
        painter.drawPolyline([QPointF(4.5, 8.2), QPointF(7, 10.8), QPointF(11.5, 5.5)])
    elif status is Status.FAIL:
        painter.drawLine(QPointF(5.2, 5.2), QPointF(10.8, 10.8))
        painter.drawLine(QPointF(10.8, 5.2), QPointF(5.2, 10.8))
    elif status is Status.NOT_CHECKED:
        painter.drawArc(QRectF(5.5, 3.8, 5, 4.6), 180 * 16, -270 * 16)
        painter.drawLine(QPointF(8, 8.4), QPointF(8, 9.4))
        painter.drawPoint(QPointF(8, 12))
    elif status is Status.NOT_APPLICABLE:
        painter.drawLine(QPointF(4.8, 8), QPointF(11.2, 8))
    else:
        painter.drawLine(QPointF(5.2, 10.8), QPointF(10.8, 5.2))
    painter.end()
    return QIcon(pixmap)


def icon_pixmap(icon: QIcon, size: int = _ICON_SIZE) -> QPixmap:
    return icon.pixmap(size, size)
