"""Chinese messages the editor's forms show, as templates the browser fills in.

The wording follows what ``make check`` says for the same mistake (``plugins/catalog/validate.py``,
``plugins/catalog/load.py``); tests/unit/cms/test_cms_server.py checks that the problem part of each
message is the one ``make check`` prints. Placeholders: ``{label}`` (the field's Chinese name),
``{value}`` (what was typed), ``{pattern}``, ``{next}`` (the next free 索引号), ``{other}``.
"""
from __future__ import annotations

FORM_MESSAGES = {
    "date_format": "{label}：日期应为 YYYY-MM-DD 格式，实际是“{value}” — 按 YYYY-MM-DD 格式书写，如 2025-03-01",
    "date_missing_day": "{label}：日期不存在：“{value}” — 检查月份和日期（如 2 月没有 30 日）",
    "index_pattern": "{label}：索引号“{value}”不符合本站格式 {pattern} — 清空后由系统重新生成，或按“机构代码/年份-五位流水号”书写",
    "index_taken": "{label}：索引号 {value} 已被“{other}”使用 — 改用下一个可用的索引号 {next}",
    "index_loading": "正在读取目录中已用的索引号……",
    "index_offline": "无法读取目录中已用的索引号（{value}），请手工填写；合并请求检查会发现重复的索引号。",
    "summary_too_long": "{label}：内容概述超过 300 字（现有 {value} 字） — 精简到 300 字以内",
    "refs_unknown": "{label}：关联的索引号 {value} 在目录中不存在 — 检查索引号是否抄错，或先提交被关联的条目",
    "refs_self": "{label}：条目不能关联自身 — 删除这一项",
    "url_scheme": "{label}：应为 https:// 开头的网址",
}

# What the 索引号 widget and the relation picker show around the field.
UI_TEXT = {
    "index_propose": "按发布机构和发布日期自动分配：",
    "index_regenerate": "重新分配",
    "refs_search": "输入索引号、标题或文号搜索",
    "refs_remove": "移除",
    "refs_none": "没有找到匹配的条目",
    "refs_add": "添加",
    "date_placeholder": "YYYY-MM-DD",
}

# Problem texts of ``make check`` the form messages above must agree with (see the test).
CHECK_TEXTS = {
    "date_format": "日期应为 YYYY-MM-DD 格式",
    "date_missing_day": "日期不存在",
    "index_pattern": "不符合本站格式",
    "summary_too_long": "内容概述超过 300 字",
    "refs_unknown": "在目录中不存在",
    "refs_self": "条目不能关联自身",
}
