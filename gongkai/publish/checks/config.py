"""``SITE_CHECKS`` settings: defaults, merging, and the levels of each check."""
from __future__ import annotations

import datetime as dt

ERROR, WARNING, OFF = "error", "warning", "off"

DEFAULTS = {
    "report_path": "checks/",          # report page under the output; "" = no report page
    "exclude": ["theme/", "checks/"],  # site-relative prefixes that are not checked as pages
    "column_prefixes": ["fdzdgknr/"],  # listing pages (栏目) live here: ColumnName/ColumnType required, 空白栏目 checked
    "mirror_prefixes": None,           # 繁体 mirror folders (None = HANT_PREFIX when plugins.hant is enabled)
    "today": None,                     # reference date (YYYY-MM-DD) for 栏目不更新; None = today
    # levels: "error" fails publish, "warning" is reported, "off" skips the check
    "broken_links": ERROR,
    "missing_anchors": ERROR,
    "missing_attachments": ERROR,
    "blank_columns": ERROR,
    "blank_columns_veto": 5,           # 国办秘函〔2019〕19号 单项否决: ≥5 空白栏目 (may only be lowered), see vetoes.py
    "stale_columns": ERROR,
    "stale_columns_veto": 5,           # 单项否决: ≥5 columns not updated (may only be lowered)
    "stale_days": {},                  # per category key overrides of taxonomy.yml stale_days
    "home_stale_days": 14,             # 单项否决: home page not updated in 2 weeks (may only be lowered)
    "unreachable_links_veto": 5,       # 单项否决: ≥5 % of distinct internal link targets unreachable
    # 单项否决 item -> "reason" or {"reason": …, "until": "YYYY-MM-DD"}: that item becomes a warning quoting
    # the reason until the date (vetoes.py); nothing else can let a 单项否决 item through
    "overrides": {},
    "meta_tags": ERROR,
    "footer": ERROR,                   # footer items (footer_items), their images, and the site icon on every page
    "identity_placeholders": WARNING,  # a footer mark still shows the shipped placeholder image (theme/img/placeholder-*)
    "list_dates": ERROR,
    "csp": ERROR,                      # inline scripts/handlers/styles break under the CSP of docs/operator-guide.md
    "script_prefixes": None,           # folders pages may load scripts from; None = theme/ and the search index's
    "art26": WARNING,                  # a late publication cannot be undone by editing: warn, and show it in the report
    "art26_workdays": 20,
    "site_meta": ["SiteName", "SiteDomain", "SiteIDCode"],
    "column_meta": ["ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType"],
    "article_meta": ["ArticleTitle", "PubDate", "ContentSource"],
    # label -> {"text": regex the footer text must match, "href": substring one footer link must contain,
    #          "img": True = that link holds an image (the badge, the icon)}
    "footer_items": {
        "网站主办单位": {"text": r"主办单位"},
        "联系方式": {"text": r"联系电话|电子邮箱|电话"},
        "网站标识码": {"text": r"网站标识码\s*[:：]?\s*{site_id_code}"},
        "ICP备案号": {"text": r"ICP备\d+号", "href": "beian.miit.gov.cn"},
        "公安机关备案标识": {"text": r"公网安备\s*\d+号", "href": "beian.mps.gov.cn", "img": True},
        "党政机关网站标识": {"href": "conac.cn", "img": True},
        "我为政府网站找错": {"text": r"我为政府网站找错"},
    },
    "attachment_types": ["pdf", "doc", "docx", "xls", "xlsx", "wps", "et", "ofd", "zip", "rar", "7z", "csv",
                         "txt", "ppt", "pptx", "jpg", "jpeg", "png"],
    "cache_dir": ".cache/site-checks",  # attachment scan results by content hash (masked findings only)
}
LEVEL_KEYS = {k for k, v in DEFAULTS.items() if v in (ERROR, WARNING)}
# keys that used to turn a 单项否决 item down: a clear message instead of "unknown key"
RETIRED = {"home_stale": "首页两周未更新属于单项否决项，不能设置级别"}


def merged(settings: dict) -> dict:
    """DEFAULTS updated with ``settings['SITE_CHECKS']``; unknown keys and bad levels raise ValueError."""
    user = dict(settings.get("SITE_CHECKS") or {})
    for key, why in RETIRED.items():
        if key in user:
            raise ValueError(f"SITE_CHECKS[{key!r}]：{why} — 确需暂时放行的，在 SITE_CHECKS['overrides'] 中写明原因和截止日期，"
                             f"如 {{'{key}': {{'reason': '…', 'until': 'YYYY-MM-DD'}}}}")
    unknown = sorted(set(user) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"SITE_CHECKS 中有未知的键：{'、'.join(unknown)} — 可用的键见 gongkai/publish/checks/config.py")
    cfg = {**DEFAULTS, **user}
    for key in LEVEL_KEYS:
        if cfg[key] not in (ERROR, WARNING, OFF):
            raise ValueError(f"SITE_CHECKS[{key!r}] 应为 'error'、'warning' 或 'off'，现为 {cfg[key]!r}")
    from .vetoes import validate

    validate(cfg)
    if cfg["script_prefixes"] is None:
        cfg["script_prefixes"] = ["theme/", str(settings.get("SEARCH_INDEX_OUTPUT") or "search").strip("/") + "/"]
    if cfg["mirror_prefixes"] is None:
        enabled = any(str(p).endswith("hant") for p in settings.get("PLUGINS", []))
        cfg["mirror_prefixes"] = [str(settings.get("HANT_PREFIX", "zh-hant")).strip("/") + "/"] if enabled else []
    return cfg


def reference_day(cfg: dict, override: str | dt.date | None = None) -> dt.date:
    value = override or cfg.get("today")
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"SITE_CHECKS['today'] 应为 YYYY-MM-DD，现为 {value!r}") from None
