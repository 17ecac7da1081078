"""What is checked on the server, with sh, GNU coreutils, findutils and grep (no Python there).

Full check (``make verify``, ``make rollback``, and a deploy that cannot trust anything): list every
entry of a release (type, mode, size) and the sha256 of every regular file (:func:`verify_release`).

Incremental check (``make deploy``): a new release hard-links the unchanged files of the live one
(:mod:`.release`), so only what was sent needs hashing — provided the linked files are
still what was verified. Each verification leaves ``records/<release>`` on the server: inode,
size, mtime, ctime and path of every file, listed *before* the files were hashed, so a later
write shows in its ctime. The next deploy

1. :func:`precheck`: lists the live release and compares it with its record. A file whose line
   differs was written (or its attributes changed) since it was verified: it is not trusted, and
   it is named in a warning. The record itself is trusted only if its sha256 is the one the
   deploying machine kept after the last deploy (``.cache/publish/deployed/``): the record is on
   the server, where whoever changed a page could change it too;
2. makes the new release as hard links to the live one and sends what changed (a linked file
   shares its inode with the live one; linking changes its ctime, so trust is decided in step 1,
   before any link is made);
3. :func:`postcheck`: records the new release (for the next deploy), then hashes every file that
   is not a trusted link — sent files, files not trusted in step 1, and the paths whose content
   changed according to the manifests (``must``) — and compares the file list (a sha256 of it)
   and the types and modes. Anything unexpected falls back to the full check, which names it.

A byte changed anywhere is therefore found: in a sent file by its hash; in a linked file, by the
ctime step 1 sees (the file was written after its verification) or — when it is written after
step 1, during the upload — by ``make verify`` afterwards, which hashes the live release in full
(a linked file shares its inode with the live one, so the change is in the new release too).
"""
from __future__ import annotations

import dataclasses
import hashlib
import json

from . import manifest as mf
from .diff import Found
from .remote import DeployError, Shell, q

NO_DIRECTORY = 3
_HASHES = "\0--sha256--\0"
IDENTITY = "%i %s %T@ %C@ %p\\0"           # inode size mtime ctime path: one record line
WITHOUT_CTIME = "cut -z -d' ' -f1-3,5-"      # a record line without its ctime (linking changes it)
PATH_ONLY = "cut -z -d' ' -f5-"
SHOWN = 20                                 # files named in a warning


def listing_script(directory: str) -> str:
    """List ``directory`` (type, mode, size, path of everything but folders, NUL-separated), then the
    sha256 of its regular files. Nothing runs unless ``cd`` succeeded: a missing target is never
    replaced by the login directory. find does not follow links; only regular files are opened."""
    return (f"cd -- {q(directory)} 2>/dev/null || exit {NO_DIRECTORY}\n"
            f"find . ! -type d ! -path ./{mf.NAME} -printf '%y %m %s %p\\0'\n"
            f"printf '{_HASHES.replace(chr(0), chr(92) + '0')}'\n"
            f"find . -type f ! -path ./{mf.NAME} -exec sha256sum -z -- {{}} +\n"
            "exit 0\n")


def parse_hashes(text: str) -> dict[str, str]:
    """``sha256sum -z`` output -> site-relative path -> sha256."""
    digests = {}
    for record in text.split("\0"):
        digest, sep, name = record.partition("  ")
        if sep:
            digests[name.removeprefix("./")] = digest
    return digests


def parse_listing(text: str) -> dict[str, Found]:
    """``listing_script`` output -> path -> Found (sha256 None for a file that could not be read)."""
    listing, _, hashes = text.partition(_HASHES)
    digests = parse_hashes(hashes)
    found = {}
    for record in listing.split("\0"):
        if not record:
            continue
        kind, mode, size, name = record.split(" ", 3)
        path = name.removeprefix("./")
        found[path] = Found(kind, int(mode, 8), digests.get(path) if kind == "f" else "", int(size))
    return found


def missing_message(directory: str) -> str:
    return f"{directory} 不存在或无法进入（不是目录，或没有权限）— 检查部署目录和 current 链接"


def remote_scan(shell: Shell, directory: str) -> dict[str, Found]:
    text = shell.run(listing_script(directory), f"读取 {directory} 的文件列表和校验值",
                     codes={NO_DIRECTORY: missing_message(directory)})
    return parse_listing(text)


def verify_release(shell: Shell, directory: str, manifest: dict) -> mf.Diff:
    return mf.compare(manifest, remote_scan(shell, directory))


def read_manifest(shell: Shell, directory: str) -> dict:
    text = shell.run(f"cat {q(directory + '/' + mf.NAME)}", f"读取 {directory}/{mf.NAME}")
    try:
        return mf.parse(json.loads(text), f"{directory}/{mf.NAME}")
    except ValueError as exc:
        raise DeployError(str(exc)) from None


def record_script(directory: str, scratch: str) -> str:
    """Write the record of ``directory`` (sorted identity lines) to ``scratch/record``."""
    return (f"mkdir -p -- {q(scratch)} && cd -- {q(directory)} 2>/dev/null || exit {NO_DIRECTORY}\n"
            f"find . -type f ! -path ./{mf.NAME} -printf '{IDENTITY}' | LC_ALL=C sort -z > {q(scratch + '/record')}\n")


@dataclasses.dataclass
class Pre:
    record: str | None = None      # sha256 of the live release's record (None: it has none)
    matched: int = 0               # files whose identity is the recorded one
    changed: int = 0               # files added, removed or changed since the record was taken
    shown: list = dataclasses.field(default_factory=list)   # the first few of them


def precheck(shell: Shell, base: str, current: str, scratch: str) -> Pre:
    """Step 1: compare the live release with its record; leaves ``scratch/trusted``."""
    live, record = f"{base}/releases/{current}", f"{base}/records/{current}"
    s = q(scratch)
    script = (f"rm -rf -- {s} && mkdir -p -- {s} && : > {s}/trusted || exit 4\n"
              f"cd -- {q(live)} 2>/dev/null || exit {NO_DIRECTORY}\n"
              f"find . -type f ! -path ./{mf.NAME} -printf '{IDENTITY}' | LC_ALL=C sort -z > {s}/now\n"
              f"test -f {q(record)} || {{ printf 'none\\0'; exit 0; }}\n"
              f"sha256sum < {q(record)} | cut -c1-64 | tr '\\n' '\\0'\n"
              f"LC_ALL=C comm -z -12 {s}/now {q(record)} > {s}/trusted\n"
              f"{{ LC_ALL=C comm -z -23 {s}/now {q(record)}; LC_ALL=C comm -z -13 {s}/now {q(record)}; }} "
              f"| {PATH_ONLY} | LC_ALL=C sort -z -u > {s}/changed\n"
              f"tr -cd '\\0' < {s}/trusted | wc -c | tr '\\n' '\\0'\n"
              f"tr -cd '\\0' < {s}/changed | wc -c | tr '\\n' '\\0'\n"
              f"head -z -n {SHOWN} {s}/changed\n")
    out = shell.run(script, f"读取当前版本 {current} 的文件记录", codes={NO_DIRECTORY: missing_message(live)})
    parts = out.split("\0")
    if parts[0] == "none":
        return Pre()
    return Pre(parts[0], int(parts[1]), int(parts[2]), [p.removeprefix("./") for p in parts[3:] if p])


@dataclasses.dataclass
class Post:
    odd: list                      # entries that are not regular files or not mode 644
    listed: str                    # sha256 of the sorted file list (``verify.files`` form)
    hashes: dict                   # path -> sha256 of every file that was hashed

    def ok(self, manifest: dict) -> bool:
        files = manifest["files"]
        return (not self.odd and self.listed == hashlib.sha256(mf.filelist(manifest).encode(
                    "utf-8", "surrogateescape")).hexdigest()
                and all(files.get(path, {}).get("sha256") == digest for path, digest in self.hashes.items()))


def postcheck(shell: Shell, incoming: str, scratch: str, trusted: bool, must: list[str]) -> Post:
    """Step 3 in the uploaded release: record it first, then hash what is not a trusted link."""
    s = q(scratch)
    if trusted:
        choose = (f"{WITHOUT_CTIME} {s}/record | LC_ALL=C sort -z > {s}/ids\n"
                  f"{WITHOUT_CTIME} {s}/trusted | LC_ALL=C sort -z > {s}/tids\n"
                  f"LC_ALL=C comm -z -23 {s}/ids {s}/tids | cut -z -d' ' -f4- > {s}/hash\n")
    else:
        choose = f"{PATH_ONLY} {s}/record > {s}/hash\n"
    script = (f"mkdir -p -- {s} && cat > {s}/must || exit 4\n"
              f"cd -- {q(incoming)} 2>/dev/null || exit {NO_DIRECTORY}\n"
              f"find . ! -type d ! -path ./{mf.NAME} -printf '%y %m {IDENTITY}' > {s}/all\n"
              f"grep -z '^f ' {s}/all | cut -z -d' ' -f3- | LC_ALL=C sort -z > {s}/record\n"
              f"grep -z -v '^f 644 ' {s}/all | head -z -n 1000 | cut -z -d' ' -f1,2,7-\n"
              "printf '\\0--list--\\0'\n"
              f"{PATH_ONLY} {s}/record | tr '\\0' '\\n' | LC_ALL=C sort | sha256sum | cut -c1-64 | tr '\\n' '\\0'\n"
              "printf '\\0--sha256--\\0'\n"
              + choose +
              f"cat {s}/must >> {s}/hash\n"
              f"LC_ALL=C sort -z -u {s}/hash | xargs -0 -r sha256sum -z -- 2>/dev/null\n"
              "exit 0\n")
    listed = "".join(f"./{p}\0" for p in must)
    out = shell.run(script, f"校验 {incoming}", stdin=listed, codes={NO_DIRECTORY: missing_message(incoming)})
    odd, _, rest = out.partition("\0--list--\0")
    listing, _, hashes = rest.partition("\0--sha256--\0")
    return Post([x for x in odd.split("\0") if x], listing.strip("\0"), parse_hashes(hashes))


def install_record(shell: Shell, base: str, name: str, scratch: str) -> str:
    """Make ``scratch/record`` the record of release ``name`` (the live one; older records are
    removed) and remove the scratch folder; returns the record's sha256."""
    out = shell.run(f"cd -- {q(base)} && mkdir -p records && mv -f -- {q(scratch + '/record')} {q('records/' + name)} "
                    f"&& find records -type f ! -name {q(name)} -delete && rm -rf -- {q(scratch)} "
                    f"&& sha256sum < {q('records/' + name)} | cut -c1-64", "写入校验记录")
    return out.strip()
