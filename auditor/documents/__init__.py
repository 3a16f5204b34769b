"""Formal documents as A4 PDF bytes (reportlab, embedded font). Numbers come from the core; renderers only draw.

The typesetter places every glyph itself, so reportlab's optional text shaping (its HarfBuzz binding, used
only when a caller asks for ``shaping=True``) is never used: it is kept out of the process, before reportlab
is first imported, rather than loaded with every document (12 ms)."""
import sys

sys.modules.setdefault("uharfbuzz", None)  # type: ignore[arg-type]  # None: "not installed" to the import system
