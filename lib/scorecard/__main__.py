"""``python -m scorecard``: the command line (``cli.main``)."""

from scorecard.cli import main

raise SystemExit(main())
