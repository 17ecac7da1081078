"""The response headers the site needs from its web server (docs/operator-guide.md §四, nginx).

One definition for three users: the operator guide's nginx example (a test keeps them equal), the
preview server (``gongkai serve`` sends them, so the preview behaves like production) and
``gongkai verify`` over HTTP (a missing header is reported as a difference).

Attachments are documents, never pages: every file under ``gk/`` that is not a page is sent with
``X-Content-Type-Options: nosniff`` (a browser must not guess "HTML" from a file's bytes), and the
types a browser cannot show safely or usefully are sent with ``Content-Disposition: attachment``.
"""
from __future__ import annotations

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'self'; object-src 'none'")
NOSNIFF = ("X-Content-Type-Options", "nosniff")
DOWNLOAD = ("Content-Disposition", "attachment")
ATTACHMENT_ROOT = "gk/"
# downloaded, never shown in the browser: office documents, archives, text formats a browser might render
DOWNLOAD_SUFFIXES = (".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".wps", ".et", ".dps", ".ofd",
                     ".odt", ".ods", ".odp", ".rtf", ".zip", ".rar", ".7z", ".csv", ".txt", ".xml", ".svg",
                     ".htm", ".xhtml", ".shtml", ".js", ".json")
TWINS = (".gz", ".br")             # precompressed copies made by make publish


def is_page(path: str) -> bool:
    return path.endswith(".html")


def is_twin(path: str, files) -> bool:
    return path.endswith(TWINS) and path[:-3] in files


def is_attachment(path: str, files=()) -> bool:
    """A file under ``gk/`` that is neither a page nor a precompressed twin of one of the site's files."""
    return path.startswith(ATTACHMENT_ROOT) and not is_page(path) and not is_twin(path, files)


def required(path: str, files=()) -> list[tuple[str, str]]:
    """Headers the server must send with ``path`` (site-relative): nosniff on pages and attachments,
    ``Content-Disposition: attachment`` on downloadable attachments."""
    if is_page(path):
        return [NOSNIFF]
    if is_attachment(path, files):
        return [NOSNIFF, DOWNLOAD] if path.lower().endswith(DOWNLOAD_SUFFIXES) else [NOSNIFF]
    return []


def present(name: str, want: str, got: str | None) -> bool:
    """``got`` (the header's value or None) satisfies ``want``: nosniff exactly, attachment as the
    disposition type (a ``; filename=…`` may follow)."""
    if got is None:
        return False
    value = got.strip().lower()
    if name.lower() == "content-disposition":
        return value.split(";", 1)[0].strip() == want
    return value == want


def for_preview(path: str) -> list[tuple[str, str]]:
    """What the preview server sends: nosniff everywhere, the CSP on pages, downloads as attachments."""
    out = [NOSNIFF]
    if is_page(path):
        out.append(("Content-Security-Policy", CSP))
    if DOWNLOAD in required(path):
        out.append(DOWNLOAD)
    return out
