"""The engine and everything that is not a check, a report or the window."""
