"""Compare a site served over HTTP with its manifest (网页防篡改 from outside the server).

Every file of the manifest is fetched (no Accept-Encoding, so the server sends the stored bytes)
and hashed. Files the manifest does not know cannot be discovered over HTTP: run ``verify`` on
the server's directory (cron) to find extra files too.
"""
from __future__ import annotations

import concurrent.futures
import hashlib
import urllib.error
import urllib.request
from urllib.parse import quote

from .manifest import Diff, compare

USER_AGENT = "gongkai-verify/1"


def _fetch(url: str, timeout: float) -> str | None:
    """sha256 of the body, '<missing>' on 404/410, None on any other failure."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - operator-given URL
            h = hashlib.sha256()
            for block in iter(lambda: response.read(1 << 16), b""):
                h.update(block)
            return h.hexdigest()
    except urllib.error.HTTPError as exc:
        if exc.code in (404, 410):
            return "<missing>"
        return "<forbidden>" if exc.code in (401, 403) else f"http-{exc.code}"
    except (urllib.error.URLError, OSError):
        return None


def verify_url(base: str, manifest: dict, workers: int = 8, timeout: float = 20.0) -> tuple[Diff, list[str]]:
    """(Diff without extras, [paths that could not be fetched]).

    Files the server refuses (401/403, e.g. /checks/ and /manifest.json restricted to the intranet in
    docs/operator-guide.md) are not failures: they are named in ``Diff.note``.
    """
    base = base.rstrip("/") + "/"
    paths = sorted(manifest["files"])
    found: dict[str, str] = {}
    failed: list[str] = []
    forbidden: list[str] = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        results = pool.map(lambda p: _fetch(base + quote(p), timeout), paths)
        for path, digest in zip(paths, results):
            if digest is None or digest.startswith("http-"):
                failed.append(path if digest is None else f"{path}（HTTP {digest[5:]}）")
                found[path] = "unreachable"
            elif digest == "<forbidden>":
                forbidden.append(path)
                found[path] = manifest["files"][path]["sha256"]
            elif digest != "<missing>":
                found[path] = digest
    diff = compare(manifest, found, extra_known=False)
    diff.changed = [p for p in diff.changed if found.get(p) != "unreachable"]
    diff.note = "通过 HTTP 无法发现多出的文件；在服务器上对目录运行 verify 可以发现"
    if forbidden:
        diff.note += f"；{len(forbidden)} 个文件拒绝外部访问，未核对（如 {forbidden[0]}）"
    return diff, failed
