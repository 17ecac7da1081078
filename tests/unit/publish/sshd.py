"""A throw-away sshd on 127.0.0.1 for the deploy tests (temporary host key, one authorized key)."""
from __future__ import annotations

import getpass
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

SSHD = shutil.which("sshd") or "/usr/sbin/sshd"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(tmp: Path) -> tuple[subprocess.Popen | None, dict, str]:
    """(process, DEPLOY settings for it, reason it could not start or '')."""
    if not Path(SSHD).exists() or not shutil.which("ssh") or not shutil.which("ssh-keygen"):
        return None, {}, "openssh-server/openssh-client not installed"
    tmp.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        os.makedirs("/run/sshd", mode=0o755, exist_ok=True)   # sshd's privilege-separation directory
    for name in ("host", "client"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp / name)], check=True)
    (tmp / "authorized_keys").write_text((tmp / "client.pub").read_text())
    os.chmod(tmp / "authorized_keys", 0o600)
    port = free_port()
    user = getpass.getuser()
    (tmp / "sshd_config").write_text("\n".join([
        f"Port {port}", "ListenAddress 127.0.0.1", f"HostKey {tmp / 'host'}", f"PidFile {tmp / 'sshd.pid'}",
        f"AuthorizedKeysFile {tmp / 'authorized_keys'}", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
        "PubkeyAuthentication yes", "PermitRootLogin prohibit-password", "StrictModes no", "UsePAM no",
        f"AllowUsers {user}", "LogLevel ERROR", "Subsystem sftp internal-sftp", ""]))
    host_pub = (tmp / "host.pub").read_text().split()
    (tmp / "known_hosts").write_text(f"[127.0.0.1]:{port} {host_pub[0]} {host_pub[1]}\n")
    proc = subprocess.Popen([SSHD, "-D", "-e", "-f", str(tmp / "sshd_config")], stdout=subprocess.DEVNULL,
                            stderr=open(tmp / "sshd.log", "w"))
    deploy = {"host": "127.0.0.1", "user": user, "port": port, "identity": str(tmp / "client"),
              "known_hosts": str(tmp / "known_hosts")}
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return None, {}, f"sshd exited: {(tmp / 'sshd.log').read_text()[-300:]}"
        probe = subprocess.run(["ssh", "-p", str(port), "-i", deploy["identity"], "-o", "BatchMode=yes",
                                "-o", f"UserKnownHostsFile={deploy['known_hosts']}", "-o", "StrictHostKeyChecking=yes",
                                "-o", "ConnectTimeout=2", f"{user}@127.0.0.1", "true"], capture_output=True, text=True)
        if probe.returncode == 0:
            return proc, deploy, ""
        time.sleep(0.2)
    stop(proc)
    return None, {}, f"ssh to the test sshd failed: {probe.stderr.strip()[-300:]}"


def stop(proc: subprocess.Popen | None) -> None:
    if proc is not None and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
