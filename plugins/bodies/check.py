"""Load and check the bodies of a site: profiles, the platform's body, the generated guide's URL.

``check_bodies(pelican_settings, catalog, problems)`` is what ``gongkai check`` calls; the generator calls
:func:`load_bodies` and logs the same problems, so the build fails on the same errors.
"""
from __future__ import annotations

from pathlib import Path

from plugins._shared.diagnostics import Problems, relpath
from plugins.catalog.load import TAXONOMY_FILE, Settings
from plugins.catalog.pages import read_pages

from . import model
from .profile import load_profiles


def load_bodies(settings: dict, catalog, problems: Problems) -> dict:
    """{"list": [Publisher], "platform": Publisher | None, "profiles": {key: Profile}}."""
    taxonomy = catalog.taxonomy if catalog is not None else None
    body_list = model.bodies(taxonomy)
    platform = model.platform_body(settings, taxonomy)
    wanted = settings.get("BODIES_PLATFORM")
    if wanted and platform is None:
        problems.add("pelicanconf.py", 0, "BODIES_PLATFORM", f"{wanted!r} 不是任何机关的 key",
                     "写 catalog/taxonomy.yml 中本平台所属机关（写了 type 的发布机构）的 key"
                     + ("，可选：" + "、".join(b.key for b in body_list) if body_list else "；没有机关时删除这一设置"))
    catalog_settings = Settings.from_pelican(settings)
    root = catalog_settings.root
    profiles = {}
    if body_list:
        folder = Path(settings.get("PATH", root / "content")) / model.setting(settings, "BODIES_PATH")
        profiles = load_profiles(folder, root, body_list, settings.get("AGENCY") or {},
                                 relpath(catalog_settings.catalog_dir / TAXONOMY_FILE, root), problems)
    if platform is not None:
        for page in read_pages(settings, root, Problems()):
            if page.save_as == model.GUIDE_URL + "index.html":
                problems.add(page.rel, page.slug_line, "Slug",
                             f"{platform.name}的政府信息公开指南 /{model.GUIDE_URL} 由系统生成，不能再用页面",
                             f"删除本页面；需要保留的文字写到 content/bodies/{platform.key}.yml 的 guide 中（intro、proactive、request、outro）")
    return {"list": body_list, "platform": platform, "profiles": profiles}


def check_bodies(pelican_settings: dict, catalog, problems: Problems) -> None:
    """Entry point for ``gongkai check`` (see gongkai/commands/check.py)."""
    load_bodies(pelican_settings, catalog, problems)
