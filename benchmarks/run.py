"""The one entry point to the benchmarks: `python -m benchmarks.run [SUITE|all] [--quick]`."""

from __future__ import annotations

import argparse
import importlib
import sys

SUITES = {
    "import": "benchmarks.import_speed",
    "search": "benchmarks.search",
    "ui": "benchmarks.ui_speed",
    "generic": "benchmarks.generic_extraction",
}
# Arguments for a smoke run, for suites that do not say themselves (a module may set QUICK_ARGS).
_QUICK_ARGS = {
    "import": ["--quick"],
    "search": ["--articles", "2000", "--queries", "20"],
    "ui": ["--quick"],
    "generic": ["--pages", "60"],
}


def run_suite(name: str, quick: bool) -> int | None:
    """The suite's exit status, or None when that benchmark is not in this tree yet."""
    module_name = SUITES[name]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise  # the benchmark is there but something it needs is not: that is a failure
        print(f"[{name}] skipped: {module_name} does not exist yet")
        return None
    entry = getattr(module, "main", None)
    if entry is None:
        print(f"[{name}] skipped: {module_name} has no main()")
        return None
    argv = list(getattr(module, "QUICK_ARGS", _QUICK_ARGS[name])) if quick else []
    print(f"[{name}] {module_name} {' '.join(argv)}".rstrip(), flush=True)
    status = entry(argv)
    return int(status or 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("suite", nargs="?", default="all", choices=[*SUITES, "all"])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run of a minute or so")
    args = parser.parse_args(argv)
    names = list(SUITES) if args.suite == "all" else [args.suite]
    worst = 0
    for name in names:
        status = run_suite(name, args.quick)
        if status:
            print(f"[{name}] exit status {status}")
            worst = max(worst, status)
    return worst


if __name__ == "__main__":
    sys.exit(main())
