"""Import an existing catalog (CMS exports: CSV, XLSX, JSON/JSONL, saved item pages) into catalog/ files.

Pipeline: ``sources``/``htmlpage`` read records → ``rows`` maps columns and normalises values →
``names`` checks taxonomy names → ``plan`` numbers, renders (``emit``) and validates every item with
the catalog's own ``build_item`` and compares it with ``existing`` files → ``core.apply`` writes.
``report`` words the outcome. Only ``core.apply`` touches the catalog.
"""
from .core import Request, Result, run_import  # noqa: F401
