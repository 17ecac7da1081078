"""The deploy target (``DEPLOY``) and how we talk to it: shell scripts and rsync, locally or over SSH.

Every step of a deploy is a small POSIX shell script run by :class:`Shell`, locally (``host``
empty) or over SSH, so the local and remote paths run the same commands. The server needs sh,
GNU coreutils, findutils and grep, and rsync (docs/operator-guide.md §三). Releases, deploy and
rollback: :mod:`.release`; what is checked on the server: :mod:`.serverside`.
"""
from __future__ import annotations

import dataclasses
import os
import re
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

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

    def rsync(self, source: Path, dest: str, files_from: list[str] | None = None, copy_dest: str | None = None,
              ignore_times: bool = False, timeout: float | None = None) -> Transfer:
        """Make ``dest`` on the target a copy of the tree ``source``; returns rsync's figures.

        A file already in ``dest`` with the same size and mtime (to the nanosecond) is left alone;
        a changed one is sent as its difference from the old one and written to a new file renamed
        into place (a hard link in ``dest`` is replaced, never written through). ``files_from``:
        only these paths (``ignore_times``: sent even if size and mtime match). ``copy_dest``: a
        folder whose files are the basis of the differences when ``dest`` is empty. What travels is
        compressed (``-z``), so ``Transfer.bytes_sent`` is what the connection carried."""
        # -z: the differences of changed pages and index files travel compressed (several times smaller);
        # already-compressed files (.gz, .br, PDF) gain nothing from it and cost little
        argv = ["rsync", "-rltz", "--chmod=D755,F644", "--protect-args", "--stats", "--no-whole-file",
                "--modify-window=-1"]
        if files_from is None:
            argv.append("--delete")       # a listed transfer deletes nothing: the caller removes what is gone
        if copy_dest:
            argv.append(f"--copy-dest={copy_dest}")
        if files_from is not None:
            argv += ["--files-from=-", "--from0"]
        if ignore_times:
            argv.append("--ignore-times")
        if self.target.remote:
            argv += ["-e", shlex.join(self.ssh_argv()), f"{source}/", f"{self.target.login}:{dest}/"]
        else:
            argv += [f"{source}/", f"{dest}/"]
        listed = "".join(f"{p}\0" for p in files_from) if files_from is not None else None
        try:
            proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout or self.timeout, input=listed,
                                  env={**os.environ, "LC_ALL": "C"})
        except FileNotFoundError:
            raise DeployError("上传失败：找不到 rsync（本机和服务器都需要安装 rsync）") from None
        except subprocess.TimeoutExpired:
            raise DeployError("上传超时") from None
        if proc.returncode != 0:
            raise DeployError(f"上传失败（rsync 退出码 {proc.returncode}）：{proc.stderr.strip()[-300:]}")
        return Transfer.parse(proc.stdout)


@dataclasses.dataclass
class Transfer:
    """What ``rsync --stats`` says it did."""

    files: int = 0                # regular files in the source
    sent_files: int = 0           # regular files transferred (the rest were linked or already there)
    sent_file_bytes: int = 0      # their total size
    literal_bytes: int = 0        # file data actually sent (a changed file: only what differs)
    bytes_sent: int = 0           # everything sent over the connection
    bytes_received: int = 0

    FIELDS = {"files": r"Number of files: [\d,]+ \(reg: ([\d,]+)", "sent_files": r"Number of regular files transferred: ([\d,]+)",
              "sent_file_bytes": r"Total transferred file size: ([\d,]+)", "literal_bytes": r"Literal data: ([\d,]+)",
              "bytes_sent": r"Total bytes sent: ([\d,]+)", "bytes_received": r"Total bytes received: ([\d,]+)"}

    @classmethod
    def parse(cls, text: str) -> Transfer:
        got = {}
        for name, pattern in cls.FIELDS.items():
            m = re.search(pattern, text)
            got[name] = int(m.group(1).replace(",", "")) if m else 0
        return cls(**got)


def q(path: str) -> str:
    return shlex.quote(path)


def megabytes(n: int) -> str:
    return f"{n / 1e6:,.1f} MB" if n >= 50_000 else f"{n / 1e6:.2f} MB"


