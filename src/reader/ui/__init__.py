"""PySide6 windows, models, views and dialogs: the only layer that imports Qt widgets."""
