"""Magazine Reader: read saved magazine websites offline."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("magazine-reader")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
