"""The desktop window (PySide6 on a qasync loop); the only package that imports Qt."""
