"""High availability and disaster recovery: zones, editions, backups and snapshots."""
