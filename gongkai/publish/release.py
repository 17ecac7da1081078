"""Releases on the web server: upload, verify, switch ``current`` atomically, keep N, roll back.

Layout under ``DEPLOY['path']`` (nginx's root is ``<path>/current``)::

    releases/20261124T010203.123456Z-<build id>/   one complete, verified site each
    releases/.incoming-<name>/                      an upload in progress (never served)
    current -> releases/<name>                      switched with rename(2): never half a site
    verify.sha256, verify.files                     the live release's lists (cron check, §七)
    records/<name>                                  the live release's files as verified (serverside.py)
    .deploy-<name>/, .lists-<name>/                 a deploy's scratch files

A new release starts as hard links to the live one (``cp -al``: what ``rsync --link-dest`` does,
without rsync 3.5's per-file path walk, three times faster here). rsync then sends only the files
whose sha256 differs from the manifest last deployed from this machine (its file list holds only
those: listing 150,000 files costs megabytes), each as its difference from the old version and
written to a new file renamed into place, never into a shared inode; files gone are deleted.
Verification hashes what was sent and checks the linked files against their record
(:mod:`.serverside`). Releases beyond ``keep`` are deleted while the new one is linked and sent
(:func:`prune`, :func:`finish_prune`). The deploying machine keeps, per target, the live release's name, its
manifest and the sha256 of its record (``.cache/publish/deployed/``); without them (another machine,
a deleted cache) the whole tree goes through rsync (unchanged files, same size and mtime to the
nanosecond — the publish keeps an unchanged file's mtime, manifest.keep_mtimes — stay links) and
every file of the new release is hashed.
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import tempfile
import time
from pathlib import Path

from . import cache
from . import manifest as mf
from . import serverside as srv
from .digests import Digests
from .remote import DeployError, Shell, Target, Transfer, megabytes, q

INCOMING = ".incoming-"
TRASH = ".trash-"           # releases and scratch set aside by a deploy, being deleted
KNOWN = "deployed"
KNOWN_VERSION = "deployed-1"


def release_name(build: str, now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now(dt.UTC)
    return now.strftime("%Y%m%dT%H%M%S.%fZ") + "-" + build


@dataclasses.dataclass
class Deployed:
    """What a deploy did (``gongkai deploy --json`` writes it; the benchmark reads it)."""

    name: str
    previous: str | None
    files: int                    # files of the release, manifest.json included
    sent_files: int               # files rsync sent (the rest were hard-linked from the live release)
    linked_files: int
    sent_file_bytes: int          # their total size
    bytes_sent: int               # bytes that travelled to the server (a changed file: its differences;
                                  # the cron lists: theirs)
    hashed: int                   # files hashed on the server to verify the release
    trusted: bool                 # the live release's record could be used
    changed_live: list            # files of the live release changed after its verification (first few)
    changed_live_count: int
    repaired: list                # linked from the live release but not the manifest's: replaced or removed
    seconds: float
    removed: list                 # old releases removed

    def summary(self) -> str:
        sent = f"已上传 {self.sent_files:,} 个文件（{megabytes(self.bytes_sent)}）"
        if self.previous is None:
            return f"首次部署，{sent}"
        return f"{sent}，其余 {self.linked_files:,} 个文件与上一版本相同（硬链接）"


def state(shell: Shell) -> tuple[list[str], str | None]:
    """(release names oldest first, name ``current`` points at or None)."""
    base = shell.target.path
    out = shell.run(f"mkdir -p {q(base + '/releases')} && cd {q(base)} && ls -1a releases && echo '--current--' && "
                    f"(readlink current || true)", "读取发布目录")
    listing, _, current = out.partition("--current--\n")
    names = sorted(n for n in listing.split("\n") if n and not n.startswith("."))
    current = current.strip()
    return names, (current.rsplit("/", 1)[-1] if current else None)


def switch(shell: Shell, name: str) -> None:
    """Point ``current`` at ``releases/<name>`` with one rename(2) (mv -T), never a missing link."""
    base = shell.target.path
    tmp = f".current.tmp-{name}"
    shell.run(f"cd {q(base)} && test -d {q('releases/' + name)} && ln -sfn {q('releases/' + name)} {q(tmp)} && "
              f"mv -T {q(tmp)} current", "切换 current 链接")


def prune(shell: Shell, keep: int, busy: str) -> tuple[list[str], str]:
    """Set aside all but the ``keep`` newest releases (never the live one), interrupted uploads and
    what other deploys left (``busy``: this deploy's name, whose scratch stays), and start deleting
    them. Returns (the releases removed, the pid of the deletion).

    Deleting a release of 150,000 files takes as long as making one (~15 s here): the doomed folders
    are renamed into ``.trash-<busy>/`` at once (they leave ``releases/`` before anything is
    uploaded) and deleted by a process that runs while this deploy uploads and verifies;
    :func:`finish_prune` waits for it before the deploy ends, so no deploy leaves work behind."""
    names, current = state(shell)
    doomed = names[:-keep] if len(names) > keep else []
    doomed = [n for n in doomed if n != current]
    base = shell.target.path
    trash = f"{TRASH}{busy}"
    targets = " ".join(q("releases/" + n) for n in doomed)
    spare = f"! -name {q('.deploy-' + busy)} ! -name {q('.lists-' + busy)} ! -name {q(trash)}"
    out = shell.run(f"cd {q(base)} && mkdir -p -- {q(trash)} && "
                    f"for d in releases/{INCOMING}* {targets}; do if [ -e \"$d\" ]; then "
                    f"mv -- \"$d\" {q(trash + '/')} || exit 1; fi; done && "
                    f"find . -maxdepth 1 \\( -name '.deploy-*' -o -name '.lists-*' -o -name '{TRASH}*' \\) {spare} "
                    f"-exec mv -- {{}} {q(trash + '/')} \\; && "
                    f"{{ nice rm -rf -- {q(trash)} </dev/null >/dev/null 2>&1 & echo $!; }}",
                    "清理旧版本")
    return doomed, out.strip()


def finish_prune(shell: Shell, pid: str, busy: str) -> None:
    """Wait for :func:`prune`'s deletion (its folder gone, or its process no longer running — a
    reused pid cannot keep this waiting), then delete whatever it left."""
    trash = q(f"{TRASH}{busy}")
    wait = f"while [ -e {trash} ] && kill -0 {int(pid)} 2>/dev/null; do sleep 0.1; done; " if pid.isdigit() else ""
    shell.run(f"cd {q(shell.target.path)} && {wait}rm -rf -- {trash}", "清理旧版本")


def upload_lists(shell: Shell, manifest: dict, name: str) -> Transfer:
    """``.lists-<name>/verify.sha256`` and ``verify.files`` for the cron check (docs/operator-guide.md
    §七), sent as their differences from the live release's lists (rsync), installed by :func:`install_lists`."""
    base = shell.target.path
    with tempfile.TemporaryDirectory(prefix="gk-lists-") as tmp:
        for file, text in (("verify.sha256", mf.checklist(manifest)), ("verify.files", mf.filelist(manifest))):
            (Path(tmp) / file).write_text(text, encoding="utf-8", errors="surrogateescape")
        return shell.rsync(Path(tmp), f"{base}/.lists-{name}", copy_dest=base)


def install_lists(shell: Shell, name: str) -> None:
    lists = f".lists-{name}"
    shell.run(f"cd {q(shell.target.path)} && mv -f {q(lists + '/verify.sha256')} verify.sha256 && "
              f"mv -f {q(lists + '/verify.files')} verify.files && rmdir {q(lists)}", "写入 verify.sha256 和 verify.files")


class Known:
    """What this machine knows about the live release of one target (its cache file)."""

    def __init__(self, folder: Path | None, target: Target):
        key = hashlib.sha256(target.describe().encode("utf-8", "surrogateescape")).hexdigest()[:16]
        self.path = folder / KNOWN / f"{key}.json" if folder else None
        data = cache.read_json(self.path, KNOWN_VERSION) or {}
        self.release, self.record = data.get("release"), data.get("record")
        files = data.get("files")
        self.files: dict = files if isinstance(files, dict) else {}

    def usable(self, current: str | None, pre: srv.Pre) -> bool:
        return bool(current and self.release == current and self.record and pre.record == self.record and self.files)

    def save(self, release: str, record: str, manifest: dict) -> None:
        cache.write_json(self.path, {"version": KNOWN_VERSION, "release": release, "record": record,
                                     "files": {p: e["sha256"] for p, e in manifest["files"].items()}})


def deploy(output: Path, target: Target, log=print, folder: Path | None = None) -> Deployed:
    """Upload a checked build as a new release, verify it there, switch ``current``. ``folder``: the
    publish cache (digests of ``output/`` and what is known about the live release)."""
    output = Path(output)
    try:
        manifest = mf.load(output / mf.NAME)
    except ValueError as exc:
        raise DeployError(f"拒绝部署：{exc}") from None
    local = mf.verify_tree(output, manifest, Digests(folder))
    if not local.ok:
        raise DeployError(f"拒绝部署：{output} {local.summary()}，可能是不完整或被改动的构建；请重新运行 make publish。"
                          + "；".join(local.lines()[:5]))
    with Shell(target) as shell:
        return _deploy(shell, output, manifest, target, log, Known(folder, target))


def _deploy(shell: Shell, output: Path, manifest: dict, target: Target, log, known: Known) -> Deployed:
    started = time.perf_counter()
    base = target.path
    names, current = state(shell)
    current = current if current in names else None      # a dangling link: nothing to link from
    name = release_name(manifest["build_id"])
    scratch, incoming = f"{base}/.deploy-{name}", f"{base}/releases/{INCOMING}{name}"
    pre = srv.precheck(shell, base, current, scratch) if current else srv.Pre()
    trusted = known.usable(current, pre)
    if current and not trusted:
        log("本机没有当前版本的部署记录，或服务器上的校验记录与之不符：新版本的每个文件都将在服务器上计算校验值。")
    elif pre.changed:
        log(f"警告：当前版本 {current} 中有 {pre.changed:,} 个文件在上次部署校验之后被改动（如 {'、'.join(pre.shown[:5])}）："
            "新版本中的这些文件将重新核对，被改动的内容不会带入新版本；请运行 make verify 并检查服务器是否被入侵。")
    # Old releases share inodes with the live one: deleting them moves those files' ctimes. So the
    # deletion starts after the live release was compared with its record (above) and is over before
    # the new release is recorded (finish_prune, below); it runs while the new release is linked and sent.
    removed, deleting = prune(shell, max(target.keep - 1, 1), busy=name)
    try:
        log(f"上传 {manifest['count']:,} 个文件到 {target.describe()}/releases/{name} …")
        if current:       # the new release starts as hard links to the live one; rsync replaces what changed
            shell.run(f"mkdir -p -- {q(incoming)} && cp -al -- {q(base + '/releases/' + current + '/.')} {q(incoming + '/')}",
                      "以硬链接创建新版本")
        files = manifest["files"]
        changed = [p for p, e in files.items() if known.files.get(p) != e["sha256"]] if trusted else []
        if trusted:       # only what changed is listed: rsync's file list of 150,000 files would be megabytes
            sent = shell.rsync(output, incoming, files_from=[*changed, mf.NAME])
            delete(shell, incoming, [p for p in known.files if p not in files])
        else:
            sent = shell.rsync(output, incoming)
        lists = upload_lists(shell, manifest, name)
        sent = dataclasses.replace(sent, bytes_sent=sent.bytes_sent + lists.bytes_sent)
    except BaseException:
        with contextlib.suppress(DeployError):
            finish_prune(shell, deleting, name)
        raise
    finish_prune(shell, deleting, name)
    post = srv.postcheck(shell, incoming, scratch, trusted, changed)
    hashed, repaired = len(post.hashes), []
    if not post.ok(manifest):
        found = srv.remote_scan(shell, incoming)                     # every file hashed: names what is wrong
        hashed += manifest["count"]
        repaired, more = repair(shell, output, incoming, manifest, found)
        if more is not None:
            sent = dataclasses.replace(sent, sent_files=sent.sent_files + more.sent_files,
                                       sent_file_bytes=sent.sent_file_bytes + more.sent_file_bytes,
                                       bytes_sent=sent.bytes_sent + more.bytes_sent)
            post = srv.postcheck(shell, incoming, scratch, trusted, changed + repaired)
            hashed += len(post.hashes)
        if more is None or not post.ok(manifest):
            diff = mf.compare(manifest, found if more is None else srv.remote_scan(shell, incoming))
            shell.run(f"rm -rf {q(incoming)} {q(scratch)} {q(base + '/.lists-' + name)}", "删除校验失败的上传")
            raise DeployError(f"服务器上的新版本{diff.summary()}，已放弃本次部署，current 未改动。" + "；".join(diff.lines()[:5]))
    shell.run(f"mv {q(incoming)} {q(base + '/releases/' + name)}", "保存新版本")
    switch(shell, name)
    install_lists(shell, name)
    known.save(name, srv.install_record(shell, base, name, scratch), manifest)
    result = Deployed(name=name, previous=current, files=manifest["count"] + 1, sent_files=sent.sent_files,
                      linked_files=manifest["count"] + 1 - sent.sent_files if current else 0,
                      sent_file_bytes=sent.sent_file_bytes, bytes_sent=sent.bytes_sent, hashed=hashed, trusted=trusted,
                      changed_live=pre.shown if trusted else [], changed_live_count=pre.changed if trusted else 0,
                      repaired=repaired, seconds=round(time.perf_counter() - started, 2), removed=removed)
    if repaired:
        log(f"新版本中从当前版本带来的 {len(repaired):,} 个文件与清单不符，已改为本次构建的文件：{'、'.join(repaired[:5])}")
    log(f"已上线 {name}（上一版本：{current or '无'}）：{result.summary()}；服务器上核对了 {hashed:,} 个文件的校验值；"
        f"清理旧版本 {len(removed)} 个。")
    return result


def delete(shell: Shell, directory: str, paths: list[str]) -> None:
    """Remove ``paths`` from ``directory`` on the target, then the folders this left empty."""
    if paths:
        shell.run(f"cd -- {q(directory)} && xargs -0 -r rm -f -- && find . -depth -mindepth 1 -type d -empty -delete",
                  "删除新版本中不再需要的文件", stdin="".join(f"./{p}\0" for p in paths))


def repair(shell: Shell, output: Path, incoming: str, manifest: dict, found: dict) -> tuple[list, Transfer | None]:
    """Make the new release what the manifest says where the full check found otherwise: files linked
    from the live release that were changed there (or left over from it) are removed and the build's
    sent. Returns (the paths, what rsync sent), or ([], None) when that cannot help (unreadable)."""
    files = manifest["files"]
    if any(got.kind == "d" or (got.kind == "f" and got.sha256 is None) for got in found.values()):
        return [], None
    wrong = sorted(p for p, e in files.items() if p not in found or found[p].kind != "f"
                   or found[p].sha256 != e["sha256"] or f"{found[p].mode:04o}" != e["mode"])
    extra = sorted(p for p in found if p not in files and p != mf.NAME)
    if not wrong and not extra:
        return [], None
    delete(shell, incoming, wrong + extra)
    return wrong + extra, shell.rsync(output, incoming, files_from=wrong, ignore_times=True) if wrong else Transfer()


def rollback(target: Target, to: str | None = None, log=print, folder: Path | None = None) -> str:
    """Switch ``current`` back to the release before it (or ``to``) after verifying that release."""
    with Shell(target) as shell:
        return _rollback(shell, target, to, log, Known(folder, target))


def _rollback(shell: Shell, target: Target, to: str | None, log, known: Known) -> str:
    names, current = state(shell)
    if to:
        if to not in names:
            raise DeployError(f"没有版本 {to}；现有版本：{'、'.join(names) or '无'}")
        chosen = to
    else:
        older = [n for n in names if current is None or n < current]
        if not older:
            raise DeployError(f"没有比当前版本 {current or '（无）'} 更早的版本可以回滚")
        chosen = older[-1]
    directory = f"{target.path}/releases/{chosen}"
    scratch = f"{target.path}/.deploy-{chosen}"
    shell.run(srv.record_script(directory, scratch), "记录回滚目标的文件",
              codes={srv.NO_DIRECTORY: srv.missing_message(directory)})     # before hashing: later writes show
    manifest = srv.read_manifest(shell, directory)
    diff = srv.verify_release(shell, directory, manifest)
    if not diff.ok:
        shell.run(f"rm -rf {q(scratch)}", "清理")
        raise DeployError(f"拒绝回滚：版本 {chosen} {diff.summary()}。" + "；".join(diff.lines()[:5]))
    upload_lists(shell, manifest, chosen)
    switch(shell, chosen)
    install_lists(shell, chosen)
    known.save(chosen, srv.install_record(shell, target.path, chosen, scratch), manifest)
    log(f"已回滚：current 由 {current or '（无）'} 改为 {chosen}。")
    return chosen
