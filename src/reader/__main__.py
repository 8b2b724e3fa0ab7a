"""`python -m reader`: the same entry point as the `reader` command."""

import sys

from reader.cli import main

sys.exit(main())
