"""``python -m auditor.cli``: the same command as the ``auditor`` script."""
from . import main

raise SystemExit(main())
