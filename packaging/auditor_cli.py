"""Bundle entry point of the `auditor` command."""
from auditor.cli import main

raise SystemExit(main())
