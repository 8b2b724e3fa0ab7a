"""Package data: the demo magazine, icons, themes and translations (read through reader.resources_access)."""
