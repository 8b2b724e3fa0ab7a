"""User data that must never be lost: bookmarks and reading positions."""
