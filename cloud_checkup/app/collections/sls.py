"""Simple Log Service (sls 2020-12-30): projects, their logstores and their alerts.

SLS names the project in the host and answers lists by offset/size. ListLogStores
answers bare names, so each logstore's settings (its retention) take a GetLogStore
each; alerts come whole from ListAlerts. Only configuration is read, never logs.
"""

from __future__ import annotations

from .base import DetailCollection, ListCollection, Paging

_PROJECTS = "sls.projects"
_LOGSTORES = "sls.logstores"

COLLECTIONS = [
    ListCollection(
        name=_PROJECTS,
        product="sls",
        action="ListProject",
        path="/",
        items="projects",
        paging=Paging.OFFSET,
        page_size=500,
        id_field="projectName",
    ),
    DetailCollection(
        name=_LOGSTORES,
        product="sls",
        action="ListLogStores",
        parent=_PROJECTS,
        param="project",
        parent_field="projectName",
        project="{projectName}",
        path="/logstores",
        items="logstores",
        paging=Paging.OFFSET,
        page_size=500,
        id_field="logstoreName",
        # A project deleted while the scan runs has no logstores to judge.
        absent_codes=("ProjectNotExist",),
    ),
    DetailCollection(
        name="sls.logstore_configs",
        product="sls",
        action="GetLogStore",
        parent=_LOGSTORES,
        param="logstore",
        parent_field="logstoreName",
        project="{project}",
        path="/logstores/{logstoreName}",
        absent_codes=("LogStoreNotExist", "ProjectNotExist"),
    ),
    DetailCollection(
        name="sls.alerts",
        product="sls",
        action="ListAlerts",
        parent=_PROJECTS,
        param="project",
        parent_field="projectName",
        project="{projectName}",
        path="/alerts",
        items="results",
        paging=Paging.OFFSET,
        page_size=200,
        id_field="name",
        absent_codes=("ProjectNotExist",),
    ),
]
