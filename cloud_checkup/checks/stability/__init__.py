"""Stability audit: expiry, release protection and scheduled system events."""
