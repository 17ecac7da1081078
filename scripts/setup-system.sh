#!/usr/bin/env bash
# System packages the tests need: Debian's chromium (Playwright drives it via executable_path;
# nothing downloads a browser), rsync and openssh for the deploy tests.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v rsync >/dev/null 2>&1 || need+=(rsync)
command -v sshd >/dev/null 2>&1 || [ -x /usr/sbin/sshd ] || need+=(openssh-server openssh-client)
fonts=$(fc-list :lang=zh 2>/dev/null | head -n1 || true)
[ -n "$fonts" ] || need+=(fonts-noto-cjk)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "需要安装系统软件包：${need[*]}（请用 root 运行 scripts/setup-system.sh，或 sudo apt-get install ${need[*]}）" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
