import os

# Without this, Qt aborts headless with a misleading message about xcb-cursor.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
