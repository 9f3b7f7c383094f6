"""``python -m ldd_reports``: the command line."""

import sys

from .cli import main

sys.exit(main())
