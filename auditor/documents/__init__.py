"""Formal documents as A4 PDF bytes (reportlab, embedded font). Numbers come from the core; renderers only draw."""
