"""PAI-EAS (eas 2021-07-01): each inference service's full description, and gateways.

``ListServices`` leaves out the endpoints, so each service is described on its own;
EAS names the cluster by the region id, which the listing gives as ``Region``.
"""

from __future__ import annotations

from .base import DetailCollection, ListCollection, Paging

COLLECTIONS = [
    DetailCollection(
        name="eas.service_details",
        product="eas",
        action="DescribeService",
        parent="eas.services",
        param="ServiceName",
        parent_field="ServiceName",
        path="/api/v2/services/{Region}/{ServiceName}",
        items=None,
        absent_codes=("ServiceNotFound",),
    ),
    # Scaling is configured apart from the service: ListServices and DescribeService
    # carry no sign of it.
    DetailCollection(
        name="eas.service_autoscalers",
        product="eas",
        action="DescribeServiceAutoScaler",
        parent="eas.services",
        param="ServiceName",
        parent_field="ServiceName",
        path="/api/v2/services/{Region}/{ServiceName}/autoscaler",
        items=None,
        absent_codes=("ServiceNotFound",),
    ),
    DetailCollection(
        name="eas.service_cronscalers",
        product="eas",
        action="DescribeServiceCronScaler",
        parent="eas.services",
        param="ServiceName",
        parent_field="ServiceName",
        path="/api/v2/services/{Region}/{ServiceName}/cronscaler",
        items=None,
        absent_codes=("ServiceNotFound",),
    ),
    ListCollection(
        name="eas.gateways",
        product="eas",
        action="ListGateway",
        path="/api/v2/gateways",
        items="Gateways",
        paging=Paging.PAGE_NUMBER,
        page_size=100,
        size_param="PageSize",
        id_field="GatewayId",
    ),
]
