"""Reports of a scan: the HTML report for people, JSON and CSV for machines."""

from .csv_export import export_csv
from .html_export import export_html, render_html
from .json_export import export_json, to_json

__all__ = ["export_csv", "export_html", "export_json", "render_html", "to_json"]
