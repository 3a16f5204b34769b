"""Bundle entry point of the desktop app (PyInstaller needs a script, not a module)."""
from ui.app import main

raise SystemExit(main())
