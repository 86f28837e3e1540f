"""ApsaraDB RDS instance attributes: standby zones and deletion protection."""

from __future__ import annotations

from .base import DetailCollection

COLLECTIONS = [
    DetailCollection(
        # The body is kept whole: Items.DBInstanceAttribute is a list of one.
        name="rds.instance_attributes",
        product="rds",
        action="DescribeDBInstanceAttribute",
        parent="rds.instances",
        param="DBInstanceId",
        parent_field="DBInstanceId",
        items=None,
        absent_codes=("InvalidDBInstanceId.NotFound",),
    ),
]
