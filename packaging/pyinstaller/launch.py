"""Entry script of the frozen bundle: runs the same `reader.cli.main` as the `reader` console script."""

from __future__ import annotations

import multiprocessing
import os
import sys


def _give_windowed_build_streams() -> None:
    # A Windows GUI executable (console=False) starts with sys.stdout and sys.stderr set to None, and
    # the first print or log line would raise; send them nowhere instead.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 -- lives as long as the process


if __name__ == "__main__":
    # Without this, a frozen Windows build that ever starts a worker process would start itself again.
    multiprocessing.freeze_support()
    _give_windowed_build_streams()
    from reader.cli import main

    sys.exit(main())
