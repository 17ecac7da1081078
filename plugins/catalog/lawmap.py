"""catalog/law-map.yml: which columns (信息类别) carry each item of 《政府信息公开条例》 Arts. 20 and 21.

Art. 20 lists fifteen kinds of information every agency discloses proactively; Art. 21 adds seven for the
governments of 设区的市 and 县 and their departments (docs/rules.md §1). The map gives each item the
columns that carry it, or an explicit "本机关不涉及" with the reason; ``make check`` and the build fail
when an item of the law has neither, when a mapped column does not exist, and when a column belongs to
no item (list columns outside the law under ``other``). The 法定主动公开内容 page and every 公开指南 show
the map, so they can only name columns the site has.

File shape::

    level: 设区的市级              # 国务院部门 | 省级 | 设区的市级 | 县级 (Art. 21 applies to the last two)
    article20:
      一: [规章, 行政规范性文件, 政策解读]   # columns by label or key
      九: {not_applicable: 本市政府集中采购信息由……公开}
    article21:
      土地征收: [土地征收]
    other: [工作动态]             # optional: columns that are not an item of the law
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from plugins._shared import yamlfile, yamlpos
from plugins._shared.diagnostics import Problems, relpath

from . import slips
from .load import LAW_MAP_FILE
from .taxonomy import Category, Taxonomy

LABEL = "法定主动公开内容对照表"
NOT_APPLICABLE = "本机关不涉及"
ARTICLE20 = (   # (item, what the law lists)
    ("一", "行政法规、规章和规范性文件"),
    ("二", "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"),
    ("三", "国民经济和社会发展规划、专项规划、区域规划及相关政策"),
    ("四", "国民经济和社会发展统计信息"),
    ("五", "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"),
    ("六", "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定"),
    ("七", "财政预算、决算信息"),
    ("八", "行政事业性收费项目及其依据、标准"),
    ("九", "政府集中采购项目的目录、标准及实施情况"),
    ("十", "重大建设项目的批准和实施情况"),
    ("十一", "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"),
    ("十二", "突发公共事件的应急预案、预警信息及应对情况"),
    ("十三", "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"),
    ("十四", "公务员招考的职位、名额、报考条件等事项以及录用结果"),
    ("十五", "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"),
)
ARTICLE21 = ("市政建设", "公共服务", "公益事业", "土地征收", "房屋征收", "治安管理", "社会救助")
LEVELS = {"国务院部门": False, "省级": False, "设区的市级": True, "县级": True}   # level -> Art. 21 applies
KEYS = {"level": "政府层级", "article20": "第二十条", "article21": "第二十一条", "other": "其他主动公开内容"}
ENTRY_KEYS = {"columns": "栏目", "not_applicable": NOT_APPLICABLE}
MAX_REASON = 200
_NUMERAL = re.compile(r"^[（(]?([一二三四五六七八九十]{1,3})[）)]?$")


@dataclasses.dataclass
class LawEntry:
    article: int               # 20 | 21
    key: str                   # 一 … 十五, or 市政建设 …
    text: str                  # what the law lists
    columns: list = dataclasses.field(default_factory=list)   # [Category]
    not_applicable: str = ""   # the reason, when the body has no such information
    line: int = 0

    @property
    def label(self) -> str:
        """第二十条第（五）项 / 第二十一条（土地征收）."""
        return f"第二十条第（{self.key}）项" if self.article == 20 else f"第二十一条（{self.key}）"

    @property
    def applies(self) -> bool:
        return not self.not_applicable


@dataclasses.dataclass
class LawMap:
    path: str
    level: str = ""
    entries: list = dataclasses.field(default_factory=list)   # [LawEntry], Art. 20 in order, then Art. 21
    other: list = dataclasses.field(default_factory=list)     # [Category] outside the law

    @property
    def article21_applies(self) -> bool:
        return LEVELS.get(self.level, False)

    def of(self, category: Category) -> list[LawEntry]:
        return [e for e in self.entries if any(c.key == category.key for c in e.columns)]

    def basis(self, category: Category) -> str:
        """The items of the law a column carries, e.g. 第二十条第（五）项、第二十一条（公共服务）."""
        return "、".join(e.label for e in self.of(category))

    def fingerprint(self) -> list:
        return [self.level, [(e.label, [c.key for c in e.columns], e.not_applicable) for e in self.entries],
                [c.key for c in self.other]]


def cite_labels(art20: list[str], art21: list[str]) -> str:
    """第二十条第（一）项、第（三）项和第二十一条所列市政建设、公共服务 — items of the law, cited compactly."""
    parts = []
    if art20:
        parts.append("第二十条" + "、".join(f"第（{key}）项" for key in art20))
    if art21:
        parts.append("第二十一条所列" + "、".join(art21))
    return "和".join(parts)


def cite(entries) -> str:
    """:func:`cite_labels` of some :class:`LawEntry`."""
    return cite_labels([e.key for e in entries if e.article == 20], [e.key for e in entries if e.article == 21])


def _item_key(key) -> str | None:
    """一 / （一） / (一) / 1 → 一 (Art. 20 item), None when it is not one."""
    numerals = [k for k, _ in ARTICLE20]
    if isinstance(key, int) and not isinstance(key, bool) and 1 <= key <= len(numerals):
        return numerals[key - 1]
    match = _NUMERAL.match(str(key).strip())
    return match.group(1) if match and match.group(1) in numerals else None


class _Loader:
    def __init__(self, rel: str, tax: Taxonomy, problems: Problems):
        self.rel, self.tax, self.problems = rel, tax, problems

    def err(self, line: int, key: str, message: str, fix: str) -> None:
        self.problems.add(self.rel, line, key, message, fix, LABEL)

    def columns(self, value, line: int, key: str) -> list[Category]:
        names = value if isinstance(value, list) else [value]
        found = []
        for name in names:
            if not isinstance(name, str) or not name.strip():
                self.err(line, key, f"栏目应写名称，实际是 {yamlpos.as_written(name)!r}", "写 taxonomy.yml 中信息类别的名称，如 规章")
                continue
            category = self.tax.category(name.strip())
            if category is None:
                if not self.tax.broken:
                    self.err(line, key, f"栏目“{name.strip()}”不在 taxonomy.yml 的 categories 中",
                             "写已有信息类别的名称（可选：" + "、".join(c.label for c in self.tax.categories) + "），或先在 taxonomy.yml 中添加该类别")
                continue
            if category not in found:
                found.append(category)
        return found

    def entry(self, article: int, key: str, text: str, value, line: int, where: str) -> LawEntry | None:
        entry = LawEntry(article, key, text, line=line)
        name = entry.label
        if isinstance(value, list):
            if not value:
                self.err(line, where, f"{name}的栏目列表是空的", "写上栏目名称，或写成 {not_applicable: 不涉及的理由}")
                return None
            entry.columns = self.columns(value, line, where)
            return entry if entry.columns else None
        if isinstance(value, str):
            entry.columns = self.columns(value, line, where)
            return entry if entry.columns else None
        if not isinstance(value, dict):
            self.err(line, where, f"{name}应为栏目列表，或 not_applicable 说明", f"写成 {key}: [栏目, …] 或 {key}: {{not_applicable: 理由}}")
            return None
        by_label = {v: k for k, v in ENTRY_KEYS.items()}
        given = {}
        for k in value:
            canonical = k if k in ENTRY_KEYS else by_label.get(k)
            if canonical is None:
                self.err(value.line_of(k), where, f"{name}中有未知的键“{k}”", "只写 columns（栏目列表）或 not_applicable（不涉及的理由）")
                return None
            given[canonical] = k
        if "columns" in given and "not_applicable" in given:
            self.err(line, where, f"{name}既写了栏目又写了“{NOT_APPLICABLE}”", "二者只写其一")
            return None
        if "columns" in given:
            return self.entry(article, key, text, value[given["columns"]] or [], value.line_of(given["columns"]), where)
        if "not_applicable" not in given:
            self.err(line, where, f"{name}应为栏目列表，或 not_applicable 说明", f"写成 {key}: [栏目, …] 或 {key}: {{not_applicable: 理由}}")
            return None
        reason, reason_line = value[given["not_applicable"]], value.line_of(given["not_applicable"])
        if not isinstance(reason, str) or not reason.strip():
            self.err(reason_line, where, f"{name}写了“{NOT_APPLICABLE}”但没有说明理由",
                     "写明本机关为什么没有这类信息，如 not_applicable: 本市不设……，相关信息由……公开")
            return None
        reason = reason.strip()
        problem = (f"含有控制字符 {slips.control(reason)}" if slips.control(reason) else "") or ("含有换行" if "\n" in reason else "") or (
            f"过长（{len(reason)} 字，上限 {MAX_REASON} 字）" if len(reason) > MAX_REASON else "")
        if problem:
            self.err(reason_line, where, f"{name}的理由{problem}", "写一两句话说明理由")
            return None
        entry.not_applicable = reason
        return entry


def load_law_map(path: Path, root: Path, tax: Taxonomy, problems: Problems) -> LawMap:
    """Read and check the law map against the taxonomy; every problem is reported with its line."""
    rel = relpath(path, root)
    law = LawMap(rel)
    read = yamlfile.read(path, root, "taxonomy", rel, problems, missing=(
        f"找不到{LABEL}", "创建 catalog/law-map.yml，把《条例》第二十条第（一）至（十五）项（设区的市级、县级还有第二十一条）"
        "逐项对应到栏目（见 docs/editor-guide.md）"))
    if read is None:
        return law
    data = read[1]
    if not isinstance(data, dict):
        problems.add(rel, 1, "", f"{LABEL}应为键值结构", "顶层写 level、article20、article21（见 docs/editor-guide.md）")
        return law
    loader = _Loader(rel, tax, problems)
    for key in data:
        if key not in KEYS:
            loader.err(data.line_of(key), str(key), f"未知的键“{key}”", "只能有 " + "、".join(f"{k}（{v}）" for k, v in KEYS.items()))
    level = data.get("level")
    if level is None:
        loader.err(1, "level", "缺少政府层级", "写 level: 设区的市级（可选：" + "、".join(LEVELS) + "）")
    elif level not in LEVELS:
        loader.err(data.line_of("level"), "level", f"政府层级 {yamlpos.as_written(level)!r} 不可用", "可选：" + "、".join(LEVELS))
    else:
        law.level = level
    _article20(data, loader, law)
    _article21(data, loader, law)
    _other(data, loader, law)
    _unmapped(data, loader, law, tax)
    return law


def _block(data, key: str, loader: _Loader) -> yamlpos.LineDict | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, dict):
        loader.err(data.line_of(key), key, f"{key} 应为逐项对应的字段块", f"每项一行，如 {'一: [规章]' if key == 'article20' else '土地征收: [土地征收]'}")
        return None
    return value


def _article20(data, loader: _Loader, law: LawMap) -> None:
    block = _block(data, "article20", loader)
    given = {}
    for key in block or {}:
        item = _item_key(key)
        if item is None:
            loader.err(block.line_of(key), "article20", f"第二十条没有第“{key}”项", "项号写 一 至 十五")
        elif item in given:
            loader.err(block.line_of(key), "article20", f"第二十条第（{item}）项写了两次", "合并为一行")
        else:
            given[item] = key
    anchor = data.line_of("article20", 1)
    for item, text in ARTICLE20:
        if item not in given:
            loader.err(anchor, "article20", f"第二十条第（{item}）项“{text}”既没有对应栏目，也没有说明{NOT_APPLICABLE}",
                       f"在 article20 下添加 {item}: [栏目名称]，或 {item}: {{not_applicable: 不涉及的理由}}")
            continue
        key = given[item]
        entry = loader.entry(20, item, text, block[key], block.line_of(key), "article20")
        if entry is not None:
            law.entries.append(entry)


def _article21(data, loader: _Loader, law: LawMap) -> None:
    block = _block(data, "article21", loader)
    for key in block or {}:
        if key not in ARTICLE21:
            loader.err(block.line_of(key), "article21", f"第二十一条没有“{key}”",
                       "可选：" + "、".join(ARTICLE21))
    anchor = data.line_of("article21", data.line_of("article20", 1))
    for item in ARTICLE21:
        if block is None or item not in block:
            if law.article21_applies:
                loader.err(anchor, "article21", f"第二十一条（{item}）既没有对应栏目，也没有说明{NOT_APPLICABLE}",
                           f"{law.level}人民政府及其部门还应公开第二十一条所列信息：在 article21 下添加 {item}: [栏目名称]，"
                           f"或 {item}: {{not_applicable: 不涉及的理由}}")
            continue
        entry = loader.entry(21, item, item, block[item], block.line_of(item), "article21")
        if entry is not None:
            law.entries.append(entry)


def _other(data, loader: _Loader, law: LawMap) -> None:
    value = data.get("other")
    if value is None:
        return
    if not isinstance(value, list):
        loader.err(data.line_of("other"), "other", "other 应为栏目列表", "写成 other: [栏目, …]")
        return
    law.other = loader.columns(value, data.line_of("other"), "other") if value else []
    for category in law.other:
        for entry in law.of(category):
            loader.err(data.line_of("other"), "other", f"栏目“{category.label}”已对应{entry.label}，不能再列入 other",
                       "从 other 中删除这一栏目")


def _unmapped(data, loader: _Loader, law: LawMap, tax: Taxonomy) -> None:
    mapped = {c.key for e in law.entries for c in e.columns} | {c.key for c in law.other}
    for category in tax.categories:
        if category.key not in mapped:
            where = f"（taxonomy.yml 第 {category.line} 行）" if category.line else ""
            loader.err(data.line_of("article20", 1), "article20",
                       f"栏目“{category.label}”{where}没有对应《条例》第二十条或第二十一条的任何一项",
                       "在对应的项中列出这一栏目；不属于法定主动公开内容的，列入 other")


def attach(catalog, settings, problems: Problems) -> LawMap:
    """Load ``<catalog>/law-map.yml`` for a loaded catalog and keep it as ``catalog.law_map``."""
    law = load_law_map(settings.catalog_dir / LAW_MAP_FILE, settings.root, catalog.taxonomy, problems)
    catalog.law_map = law
    return law
