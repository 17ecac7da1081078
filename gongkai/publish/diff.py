"""What a tamper check found: :class:`Found` (one deployed file) and :class:`Diff` (the differences)."""
from __future__ import annotations

import dataclasses

KIND_LABELS = {"f": "普通文件", "d": "目录", "l": "符号链接", "p": "命名管道", "s": "套接字", "b": "块设备",
               "c": "字符设备"}


@dataclasses.dataclass(frozen=True)
class Found:
    """A deployed file: ``kind`` is find's %y letter, ``mode`` its permission bits (None: not known,
    e.g. over HTTP), ``sha256`` its digest ("" not read yet, None could not be read)."""

    kind: str
    mode: int | None
    sha256: str | None = ""
    size: int = -1

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, "特殊文件")

    def with_hash(self, digest: str | None) -> Found:
        return dataclasses.replace(self, sha256=digest)


# (attribute, line prefix, summary phrase); the first three are always in the summary
_PARTS = (("changed", "已改动", "个文件被改动"), ("missing", "缺失", "个缺失"), ("extra", "多出", "个多出"),
          ("kinds", "类型不符", "个不是普通文件"), ("modes", "权限不符", "个权限不符"),
          ("status", "状态码不符", "个状态码不符"), ("headers", "缺少响应头", "个缺少响应头"),
          ("unreadable", "无法读取", "个无法读取"))


@dataclasses.dataclass
class Diff:
    changed: list = dataclasses.field(default_factory=list)
    missing: list = dataclasses.field(default_factory=list)
    extra: list = dataclasses.field(default_factory=list)
    kinds: list = dataclasses.field(default_factory=list)
    modes: list = dataclasses.field(default_factory=list)
    status: list = dataclasses.field(default_factory=list)
    headers: list = dataclasses.field(default_factory=list)
    unreadable: list = dataclasses.field(default_factory=list)
    note: str = ""

    @property
    def ok(self) -> bool:
        return not any(getattr(self, name) for name, _, _ in _PARTS)

    def lines(self) -> list[str]:
        return [f"{prefix}：{entry}" for name, prefix, _ in _PARTS for entry in getattr(self, name)]

    def summary(self) -> str:
        if self.ok:
            text = "与清单一致"
        else:
            parts = [f"{len(getattr(self, name))} {phrase}" for n, (name, _, phrase) in enumerate(_PARTS)
                     if n < 3 or getattr(self, name)]
            text = "与清单不一致：" + "，".join(parts)
        return text + (f"（{self.note}）" if self.note else "")
