"""Releases on the web server: upload, verify, switch ``current`` atomically, keep N, roll back.

Layout under ``DEPLOY['path']`` (nginx's root is ``<path>/current``)::

    releases/20261124T010203.123456Z-<build id>/   one complete, verified site each
    releases/.incoming-<name>/                      an upload in progress (never served)
    current -> releases/<name>                      switched with rename(2): never half a site
    verify.sha256                                   ``sha256sum -c`` list of the live release (cron check)

Every step is a small POSIX shell script run by :class:`Shell`, locally (``host`` empty) or over
SSH, so the local and remote paths run the same commands. The server needs only sh, coreutils
(sha256sum, mv -T) and rsync.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from . import manifest as mf
from .diff import Found

DEFAULTS = {"host": "", "path": "", "port": 22, "user": "", "identity": "", "known_hosts": "",
            "ssh_options": [], "keep": 5}
INCOMING = ".incoming-"


class DeployError(Exception):
    """A deploy step failed; ``str()`` is the Chinese message for the operator."""


@dataclasses.dataclass
class Target:
    host: str
    path: str
    port: int = 22
    user: str = ""
    identity: str = ""
    known_hosts: str = ""
    ssh_options: tuple = ()
    keep: int = 5

    @classmethod
    def from_settings(cls, deploy: dict | None, **override) -> Target:
        cfg = {**DEFAULTS, **(deploy or {}), **{k: v for k, v in override.items() if v not in (None, "")}}
        unknown = sorted(set(cfg) - set(DEFAULTS))
        if unknown:
            raise DeployError(f"DEPLOY 中有未知的键：{'、'.join(unknown)} — 可用：{'、'.join(DEFAULTS)}")
        if not cfg["path"]:
            raise DeployError("没有配置部署目录：在 publishconf.py 的 DEPLOY 中设置 path（或设置环境变量 GONGKAI_DEPLOY_PATH）")
        if int(cfg["keep"]) < 2:
            raise DeployError("DEPLOY['keep'] 至少为 2，否则无法回滚")
        return cls(str(cfg["host"]), str(cfg["path"]).rstrip("/") or "/", int(cfg["port"]), str(cfg["user"]),
                   str(cfg["identity"]), str(cfg["known_hosts"]), tuple(cfg["ssh_options"]), int(cfg["keep"]))

    @property
    def remote(self) -> bool:
        return bool(self.host)

    @property
    def login(self) -> str:
        return f"{self.user}@{self.host}" if self.user and "@" not in self.host else self.host

    def ssh_argv(self) -> list[str]:
        argv = ["ssh", "-p", str(self.port), "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes"]
        if self.identity:
            argv += ["-i", self.identity, "-o", "IdentitiesOnly=yes"]
        if self.known_hosts:
            argv += ["-o", f"UserKnownHostsFile={self.known_hosts}"]
        for opt in self.ssh_options:
            argv += ["-o", opt]
        return argv

    def describe(self) -> str:
        return f"{self.login}:{self.path}" if self.remote else self.path


class Shell:
    """Run POSIX shell scripts on the target (stdout returned; failures raise DeployError).

    Over SSH, every command of one deploy shares one connection (ControlMaster): a handshake costs
    about half a second here, and a deploy runs half a dozen commands. Use as a context manager.
    """

    def __init__(self, target: Target, timeout: float = 3600):
        self.target = target
        self.timeout = timeout
        self.control = tempfile.mkdtemp(prefix="gk-ssh-") if target.remote else ""

    def __enter__(self) -> Shell:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.control:
            subprocess.run(self.ssh_argv() + ["-O", "exit", self.target.login], capture_output=True, timeout=30)
            shutil.rmtree(self.control, ignore_errors=True)
            self.control = ""

    def ssh_argv(self) -> list[str]:
        argv = self.target.ssh_argv()
        if self.control:   # the master exits by itself 60 s after the last use even if close() never runs
            argv += ["-o", "ControlMaster=auto", "-o", f"ControlPath={self.control}/%C", "-o", "ControlPersist=60"]
        return argv

    def run(self, script: str, what: str, stdin: str | None = None, codes: dict | None = None) -> str:
        """Run ``script``; a non-zero exit raises DeployError (``codes``: exit code -> its message)."""
        if self.target.remote:
            argv = self.ssh_argv() + [self.target.login, "sh -c " + shlex.quote(script)]
        else:
            argv = ["sh", "-c", script]
        try:
            proc = subprocess.run(argv, input=stdin, capture_output=True, text=True, timeout=self.timeout,
                                  errors="surrogateescape")
        except FileNotFoundError as exc:
            raise DeployError(f"{what}失败：找不到命令 {exc.filename}（需要安装 openssh-client）") from None
        except subprocess.TimeoutExpired:
            raise DeployError(f"{what}超时（{self.timeout:.0f} 秒）") from None
        if codes and proc.returncode in codes:
            raise DeployError(codes[proc.returncode])
        if proc.returncode != 0:
            detail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
            raise DeployError(f"{what}失败（退出码 {proc.returncode}）：{' / '.join(detail) or '无输出'}")
        return proc.stdout

    def rsync(self, source: Path, dest: str, timeout: float | None = None) -> None:
        argv = ["rsync", "-rlt", "--delete", "--chmod=D755,F644", "--protect-args"]
        if self.target.remote:
            argv += ["-e", shlex.join(self.ssh_argv()), f"{source}/", f"{self.target.login}:{dest}/"]
        else:
            argv += [f"{source}/", f"{dest}/"]
        try:
            proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout or self.timeout)
        except FileNotFoundError:
            raise DeployError("上传失败：找不到 rsync（本机和服务器都需要安装 rsync）") from None
        except subprocess.TimeoutExpired:
            raise DeployError("上传超时") from None
        if proc.returncode != 0:
            raise DeployError(f"上传失败（rsync 退出码 {proc.returncode}）：{proc.stderr.strip()[-300:]}")


def q(path: str) -> str:
    return shlex.quote(path)


def release_name(build: str, now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now(dt.UTC)
    return now.strftime("%Y%m%dT%H%M%S.%fZ") + "-" + build


NO_DIRECTORY = 3
_HASHES = "\0--sha256--\0"


def listing_script(directory: str) -> str:
    """List ``directory`` (type, mode, size, path of everything but folders, NUL-separated), then the
    sha256 of its regular files. Nothing runs unless ``cd`` succeeded: a missing target is never
    replaced by the login directory. find does not follow links; only regular files are opened."""
    return (f"cd -- {q(directory)} 2>/dev/null || exit {NO_DIRECTORY}\n"
            f"find . ! -type d ! -path ./{mf.NAME} -printf '%y %m %s %p\\0'\n"
            f"printf '{_HASHES.replace(chr(0), chr(92) + '0')}'\n"
            f"find . -type f ! -path ./{mf.NAME} -exec sha256sum -z -- {{}} +\n"
            "exit 0\n")


def parse_listing(text: str) -> dict[str, Found]:
    """``listing_script`` output -> path -> Found (sha256 None for a file that could not be read)."""
    listing, _, hashes = text.partition(_HASHES)
    digests = {}
    for record in hashes.split("\0"):
        digest, sep, name = record.partition("  ")
        if sep:
            digests[name.removeprefix("./")] = digest
    found = {}
    for record in listing.split("\0"):
        if not record:
            continue
        kind, mode, size, name = record.split(" ", 3)
        path = name.removeprefix("./")
        found[path] = Found(kind, int(mode, 8), digests.get(path) if kind == "f" else "", int(size))
    return found


def remote_scan(shell: Shell, directory: str) -> dict[str, Found]:
    text = shell.run(listing_script(directory), f"读取 {directory} 的文件列表和校验值", codes={
        NO_DIRECTORY: f"{directory} 不存在或无法进入（不是目录，或没有权限）— 检查部署目录和 current 链接"})
    return parse_listing(text)


def verify_release(shell: Shell, directory: str, manifest: dict) -> mf.Diff:
    return mf.compare(manifest, remote_scan(shell, directory))


def read_manifest(shell: Shell, directory: str) -> dict:
    text = shell.run(f"cat {q(directory + '/' + mf.NAME)}", f"读取 {directory}/{mf.NAME}")
    try:
        return mf.parse(json.loads(text), f"{directory}/{mf.NAME}")
    except ValueError as exc:
        raise DeployError(str(exc)) from None


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


def write_checklist(shell: Shell, manifest: dict) -> None:
    """``<path>/verify.sha256`` and ``<path>/verify.files`` of the live release, outside the web root,
    for the server's cron check (docs/operator-guide.md §七)."""
    base = shell.target.path
    for name, text in (("verify.sha256", mf.checklist(manifest)), ("verify.files", mf.filelist(manifest))):
        shell.run(f"cd {q(base)} && cat > .{name}.tmp && chmod 644 .{name}.tmp && mv .{name}.tmp {name}",
                  f"写入 {name}", stdin=text)


def prune(shell: Shell, keep: int) -> list[str]:
    names, current = state(shell)
    doomed = names[:-keep] if len(names) > keep else []
    doomed = [n for n in doomed if n != current]
    base = shell.target.path
    targets = " ".join(q("releases/" + n) for n in doomed)
    shell.run(f"cd {q(base)} && rm -rf releases/{INCOMING}* {targets}", "清理旧版本")
    return doomed


def deploy(output: Path, target: Target, log=print) -> str:
    """Upload a checked build as a new release, verify it there, switch ``current``; returns its name."""
    output = Path(output)
    try:
        manifest = mf.load(output / mf.NAME)
    except ValueError as exc:
        raise DeployError(f"拒绝部署：{exc}") from None
    local = mf.verify_tree(output, manifest)
    if not local.ok:
        raise DeployError(f"拒绝部署：{output} {local.summary()}，可能是不完整或被改动的构建；请重新运行 make publish。"
                          + "；".join(local.lines()[:5]))
    with Shell(target) as shell:
        return _deploy(shell, output, manifest, target, log)


def _deploy(shell: Shell, output: Path, manifest: dict, target: Target, log) -> str:
    names, current = state(shell)
    name = release_name(manifest["build_id"])
    incoming = f"{target.path}/releases/{INCOMING}{name}"
    log(f"上传 {manifest['count']} 个文件到 {target.describe()}/releases/{name} …")
    shell.rsync(output, incoming)
    diff = verify_release(shell, incoming, manifest)
    if not diff.ok:
        shell.run(f"rm -rf {q(incoming)}", "删除校验失败的上传")
        raise DeployError(f"服务器上的新版本{diff.summary()}，已放弃本次部署，current 未改动。" + "；".join(diff.lines()[:5]))
    shell.run(f"mv {q(incoming)} {q(target.path + '/releases/' + name)}", "保存新版本")
    switch(shell, name)
    write_checklist(shell, manifest)
    removed = prune(shell, target.keep)
    log(f"已上线 {name}（上一版本：{current or '无'}）；清理旧版本 {len(removed)} 个。")
    return name


def rollback(target: Target, to: str | None = None, log=print) -> str:
    """Switch ``current`` back to the release before it (or ``to``) after verifying that release."""
    with Shell(target) as shell:
        return _rollback(shell, target, to, log)


def _rollback(shell: Shell, target: Target, to: str | None, log) -> str:
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
    manifest = read_manifest(shell, directory)
    diff = verify_release(shell, directory, manifest)
    if not diff.ok:
        raise DeployError(f"拒绝回滚：版本 {chosen} {diff.summary()}。" + "；".join(diff.lines()[:5]))
    switch(shell, chosen)
    write_checklist(shell, manifest)
    log(f"已回滚：current 由 {current or '（无）'} 改为 {chosen}。")
    return chosen
