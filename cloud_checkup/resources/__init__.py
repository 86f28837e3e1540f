"""Data bundled with the app: the demo account."""
