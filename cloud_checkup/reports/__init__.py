"""Reports of a scan: the HTML report for people, JSON and CSV for machines."""

from .csv_export import export_csv
from .html_export import export_html, render_html
from .json_export import export_json, to_json
from .target import error_words, unwritable

# Each report format by the name the command line gives it (``--json FILE``).
EXPORTERS = {"json": export_json, "html": export_html, "csv": export_csv}

__all__ = [
    "EXPORTERS",
    "error_words",
    "export_csv",
    "export_html",
    "export_json",
    "render_html",
    "to_json",
    "unwritable",
]
