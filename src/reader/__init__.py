"""Magazine Reader: read saved magazine websites offline."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _version() -> str:
    # importlib.metadata costs tens of milliseconds to import: only pay it when the version is asked for.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("magazine-reader")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+unknown"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return _version()
    raise AttributeError(f"module 'reader' has no attribute {name!r}")
