"""tools/cis_coverage.py: every automated CIS v2.0.0 recommendation is covered and
docs/cis-coverage.md is generated from the catalogue, not written by hand."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from cloud_checkup.checks import catalogue

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "cis_coverage.py"


def _tool():
    spec = importlib.util.spec_from_file_location("cis_coverage", TOOL)
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules.
    sys.modules.setdefault("cis_coverage", module)
    spec.loader.exec_module(module)
    return module


def test_benchmark_table_has_85_recommendations_41_automated():
    recs = _tool().recommendations()
    assert len(recs) == 85
    assert sum(r.automated for r in recs) == 41


def test_every_automated_recommendation_is_covered_and_the_document_is_current():
    run = subprocess.run(
        [sys.executable, str(TOOL), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_tool_fails_when_an_automated_recommendation_loses_its_item(
    tmp_path, monkeypatch
):
    tool = _tool()
    without_ssl = {
        i: c for i, c in catalogue().items() if i != "rds-instance-ssl-enabled"
    }
    monkeypatch.setattr(tool, "catalogue", lambda: without_ssl)
    assert tool.main(["--output", str(tmp_path / "cis.md")]) == 1
    assert "| 6.1 |" in (tmp_path / "cis.md").read_text()
    assert [r.number for r in tool.uncovered_automated(tool.coverage([]))][:2] == [
        "1.4",
        "1.5",
    ]


def test_references_name_recommendations_that_exist():
    tool = _tool()
    known = {r.number for r in tool.recommendations()}
    named = set(tool.coverage(catalogue().values()))
    assert named <= known, named - known
