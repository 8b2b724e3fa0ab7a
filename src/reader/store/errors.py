"""Errors the store raises, each with a message fit to show a user as it is."""


class StoreError(Exception):
    """A store that cannot be opened or written: not a store, damaged, from a newer version, unwritable."""
