"""Compare a site served over HTTP with its manifest (网页防篡改 from outside the server).

Every file of the manifest is fetched (no Accept-Encoding, so the server sends the stored bytes):
the answer must be ``200`` with the manifest's bytes — any other status is a difference, and a
redirect is reported, never followed — and pages and attachments must carry the headers of
:mod:`.headers`. Files the manifest does not know cannot be discovered over HTTP: run ``verify`` on
the server's directory (cron) to find extra files too.

Paths under ``private`` prefixes (default ``checks/``: the site-check report, intranet only in
docs/operator-guide.md) may be refused (401/403/404); they are then named in the note as not
checked. When they are served, they are compared like every other file.
"""
from __future__ import annotations

import concurrent.futures
import dataclasses
import hashlib
import urllib.error
import urllib.request
from urllib.parse import quote

from . import headers as hdr
from .diff import Diff, Found
from .manifest import compare

USER_AGENT = "gongkai-verify/2"
PRIVATE = ("checks/",)
REFUSED = (401, 403, 404)


@dataclasses.dataclass
class Answer:
    status: int | None            # None: no answer at all (connection refused, timeout, …)
    sha256: str = ""
    headers: dict = dataclasses.field(default_factory=dict)   # lower-case name -> value
    location: str = ""
    error: str = ""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):     # a 3xx becomes an HTTPError: reported, not followed
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, timeout: float) -> Answer:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
    try:
        with _OPENER.open(request, timeout=timeout) as response:  # noqa: S310 - operator-given URL
            h = hashlib.sha256()
            for block in iter(lambda: response.read(1 << 16), b""):
                h.update(block)
            return Answer(response.status, h.hexdigest(), {k.lower(): v for k, v in response.headers.items()})
    except urllib.error.HTTPError as exc:
        return Answer(exc.code, headers={k.lower(): v for k, v in (exc.headers or {}).items()},
                      location=(exc.headers or {}).get("Location", ""))
    except (urllib.error.URLError, OSError) as exc:
        return Answer(None, error=str(getattr(exc, "reason", exc)))


def judge(path: str, answer: Answer, files: dict, private: tuple, diff: Diff) -> Found | None:
    """Record status and header differences of one answer in ``diff``; the Found to compare the
    body with the manifest, or None when there is nothing to compare."""
    if answer.status is None:
        diff.unreadable.append(f"{path}（{answer.error or '无响应'}）")
        return None
    if answer.status in (404, 410) and not path.startswith(private):
        return None                                   # compare() reports it as missing
    if answer.status != 200:
        if path.startswith(private) and answer.status in REFUSED:
            return _as_found(files[path]["sha256"])   # not checked: named in the note
        moved = f" → {answer.location}" if answer.location else ""
        diff.status.append(f"{path}（HTTP {answer.status}{moved}，应为 200）")
        return _as_found(files[path]["sha256"])      # reported once, as a status difference
    for name, want in hdr.required(path, files):
        if not hdr.present(name, want, answer.headers.get(name.lower())):
            diff.headers.append(f"{path}（{name}: {want}）")
    return _as_found(answer.sha256)


def _as_found(digest: str) -> Found:
    return Found("f", None, digest)


def verify_url(base: str, manifest: dict, workers: int = 8, timeout: float = 20.0,
               private: tuple = PRIVATE) -> Diff:
    """The differences between the site at ``base`` and ``manifest`` (no extras: see the module doc)."""
    base = base.rstrip("/") + "/"
    files = manifest["files"]
    paths = sorted(files)
    private = tuple(private)
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        answers = list(pool.map(lambda p: fetch(base + quote(p), timeout), paths))
    probe = Diff()
    found: dict[str, Found] = {}
    skipped = []
    for path, answer in zip(paths, answers):
        got = judge(path, answer, files, private, probe)
        if got is not None:
            found[path] = got
        if path.startswith(private) and answer.status in REFUSED:
            skipped.append(path)
    unanswered = {entry.split("（", 1)[0] for entry in probe.unreadable}
    diff = compare(manifest, found, extra_known=False)
    diff.missing = [p for p in diff.missing if p not in unanswered]
    diff.status, diff.headers, diff.unreadable = probe.status, probe.headers, probe.unreadable
    diff.note = "通过 HTTP 无法发现多出的文件；在服务器上对目录运行 verify 可以发现"
    if skipped:
        diff.note += f"；{len(skipped)} 个内网文件拒绝外部访问，未核对（如 {skipped[0]}）"
    return diff
