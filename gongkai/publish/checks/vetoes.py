"""The 单项否决 items of the government-website inspection (国办秘函〔2019〕19号).

Any one of them fails a government website outright, so each is an error that stops
``make publish``. None can be turned down to a warning by a level setting or a looser threshold;
the only way past one is an explicit override with a written reason (and, best, an end date) in
``SITE_CHECKS['overrides']``, which turns that item into a warning that quotes the reason on every
run and in the report page, until the override expires:

    SITE_CHECKS = {"overrides": {"home_stale": {"reason": "春节假期，2月5日恢复更新", "until": "2027-02-05"}}}

The items a static build can decide (the others — 站点无法访问 over a week of probes, 严重错误,
互动回应差 — need the live site or people):

- ``home_stale``: the newest item on the home page is older than 2 weeks;
- ``stale_columns``: 5 or more columns (栏目) not updated within their period;
- ``blank_columns``: 5 or more empty columns (空白栏目);
- ``unreachable_links``: 5 % or more of the site's distinct internal link targets reach no page or file.
"""
from __future__ import annotations

import datetime as dt

from .site import Site

# name -> (what fails the inspection, the threshold setting, its 19号 value)
VETOES = {
    "home_stale": ("首页两周未更新", "home_stale_days", 14),
    "stale_columns": ("栏目不更新达到 5 个", "stale_columns_veto", 5),
    "blank_columns": ("空白栏目达到 5 个", "blank_columns_veto", 5),
    "unreachable_links": ("不可用链接达到 5%", "unreachable_links_veto", 5),
}
LABEL = "单项否决"
MIN_REASON = 4       # characters: "见上" is not a reason
HOW = ("确需暂时放行的（如节假日停更），在 pelicanconf.py 的 SITE_CHECKS['overrides'] 中为 {name!r} 写明原因和截止日期："
       "{{'{name}': {{'reason': '…', 'until': 'YYYY-MM-DD'}}}}")


def validate(cfg: dict) -> None:
    """Thresholds no looser than 19号 and well-formed overrides; raises ValueError (Chinese)."""
    for name, (what, key, limit) in VETOES.items():
        value = cfg[key]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= limit:
            raise ValueError(f"SITE_CHECKS[{key!r}] 应为 1 到 {limit} 之间的整数，现为 {value!r}："
                             f"“{what}”是政府网站检查的单项否决项，标准不能放宽 — " + HOW.format(name=name))
    overrides = cfg["overrides"]
    if not isinstance(overrides, dict):
        raise ValueError(f"SITE_CHECKS['overrides'] 应为字典（单项否决项名称 → 原因），现为 {overrides!r}")
    for name, value in overrides.items():
        if name not in VETOES:
            raise ValueError(f"SITE_CHECKS['overrides'] 中的 {name!r} 不是单项否决项 — 可用：{'、'.join(VETOES)}")
        parse_override(name, value)


def parse_override(name: str, value) -> tuple[str, dt.date | None]:
    """(reason, end date or None) of one override; raises ValueError (Chinese) when malformed."""
    where = f"SITE_CHECKS['overrides'][{name!r}]"
    if isinstance(value, str):
        value = {"reason": value}
    if not isinstance(value, dict) or set(value) - {"reason", "until"}:
        raise ValueError(f"{where} 应为原因文字，或 {{'reason': '原因', 'until': 'YYYY-MM-DD'}}，现为 {value!r}")
    reason = str(value.get("reason") or "").strip()
    if len(reason) < MIN_REASON:
        raise ValueError(f"{where} 没有写明原因（至少 {MIN_REASON} 个字）— 放行单项否决项必须说明为什么、由谁决定")
    until = value.get("until")
    if until is None or isinstance(until, dt.date):
        return reason, until
    try:
        return reason, dt.date.fromisoformat(str(until))
    except ValueError:
        raise ValueError(f"{where}['until'] 应为 YYYY-MM-DD，现为 {until!r}") from None


def report(site: Site, name: str, today: dt.date, path, line, key, message, fix) -> None:
    """One 单项否决 finding: an error, or a warning quoting the override that lets it through."""
    what = VETOES[name][0]
    message = f"{message}。“{what}”属于政府网站检查单项否决项（国办秘函〔2019〕19号）"
    value = site.cfg["overrides"].get(name)
    level = "error"
    if value is not None:
        reason, until = parse_override(name, value)
        if until is not None and today > until:
            message += f"；SITE_CHECKS['overrides'] 中的放行（{reason}）已于 {until.isoformat()} 到期"
            fix += "；问题仍在的，更新或删除该放行设置"
        else:
            level = "warning"
            message += f"；已按 SITE_CHECKS['overrides'] 放行：{reason}" + (f"（至 {until.isoformat()}）" if until else "")
            fix = "尽快解决，解决后删除该放行设置"
    if level == "error":
        fix += "；" + HOW.format(name=name)
    site.problems.add(path, line, key or f"overrides.{name}", message, fix, LABEL, level)
    site.stats.setdefault("vetoes", []).append({"name": name, "what": what, "level": level})


def check_vetoes(site: Site, today: dt.date) -> list[str]:
    """Every 单项否决 item the site fails; returns their names (overridden ones included)."""
    from .pages import taxonomy_path

    failed = []
    cfg = site.cfg
    if site.catalog is not None and site.catalog.items:
        newest = max(site.catalog.items, key=lambda i: i.published)
        age = (today - newest.published).days
        site.stats["home_age_days"] = age
        if age > cfg["home_stale_days"]:
            failed.append("home_stale")
            report(site, "home_stale", today, newest.source, newest.lines.get("published", newest.line), "published",
                   f"首页最新信息（{newest.title}）发布于 {newest.published.isoformat()}，至 {today.isoformat()} 已 {age} 天"
                   f"没有更新（标准：{cfg['home_stale_days']} 天）", "及时发布新信息")
    for name, unit in (("stale_columns", "不更新"), ("blank_columns", "空白")):
        found = site.stats.get(name) or []
        limit = cfg[VETOES[name][1]]
        if len(found) >= limit:
            failed.append(name)
            shown = "、".join(str(x).strip("/") for x in found[:5]) + ("等" if len(found) > 5 else "")
            report(site, name, today, taxonomy_path(site), 0, "",
                   f"共有 {len(found)} 个{unit}栏目（{shown}），达到 {limit} 个", "逐个更新或补充这些栏目，或从 taxonomy.yml 中删除不再使用的栏目")
    total, missing = site.stats.get("internal_links", 0), site.stats.get("unreachable_links", 0)
    if total and missing * 100 >= cfg["unreachable_links_veto"] * total:
        failed.append("unreachable_links")
        report(site, "unreachable_links", today, site.out_path("index.html"), 0, "",
               f"站内 {total} 个不同的链接目标中有 {missing} 个打不开（{missing * 100 / total:.1f}%，标准：{cfg['unreachable_links_veto']}%）",
               "按“失效链接”的提示逐个改正")
    site.stats["veto_table"] = table(site, failed, total, missing)
    return failed


def table(site: Site, failed: list[str], total: int, missing: int) -> list[dict]:
    """One row per 单项否决 item for the report page: what was measured, the standard, the outcome."""
    cfg, stats = site.cfg, site.stats
    levels = {v["name"]: v["level"] for v in stats.get("vetoes", [])}
    measured = {
        "home_stale": (f"{stats['home_age_days']} 天" if "home_age_days" in stats else "没有条目",
                       f"≤ {cfg['home_stale_days']} 天"),
        "stale_columns": (f"{len(stats.get('stale_columns') or [])} 个", f"< {cfg['stale_columns_veto']} 个"),
        "blank_columns": (f"{len(stats.get('blank_columns') or [])} 个", f"< {cfg['blank_columns_veto']} 个"),
        "unreachable_links": (f"{missing} / {total}（{missing * 100 / total:.1f}%）" if total else "没有站内链接",
                              f"< {cfg['unreachable_links_veto']}%"),
    }
    rows = []
    for name, (what, _, _) in VETOES.items():
        value, standard = measured[name]
        outcome = "符合"
        if name in failed:
            outcome = "已按设置放行（见警告）" if levels.get(name) == "warning" else "不符合（错误）"
        rows.append({"name": name, "what": what, "value": value, "standard": standard, "outcome": outcome})
    return rows
