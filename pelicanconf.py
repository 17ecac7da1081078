"""Development settings: site identity and the build. publishconf.py overrides for production."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:  # plugins are imported as the "plugins" package of this repository
    sys.path.insert(0, str(ROOT))
GONGKAI_ROOT = str(ROOT)

# --- Site identity (footer, <meta>, 索引号 prefix) -------------------------------------------
SITENAME = "海澄市人民政府信息公开"
SITEURL = ""
SITE_DOMAIN = "www.haicheng.gov.cn"
AGENCY = {
    "name": "海澄市人民政府办公室",           # 网站主办单位
    "org_code": "MB1C37512",                  # 组织机构代码 → 索引号前段码
    "site_id_code": "3502990001",             # 网站标识码
    "icp": "闽ICP备05012345号-1",
    "icp_url": "https://beian.miit.gov.cn/",
    "psb": "闽公网安备35029902000123号",
    "psb_url": "https://beian.mps.gov.cn/#/query/webSearch?code=35029902000123",
    "conac_url": "https://bszs.conac.cn/sitename?method=show&id=0A1B2C3D4E5F",  # 党政机关网站标识
    "office": "海澄市人民政府办公室政务公开科",
    "address": "海澄市海滨大道1号市行政中心3号楼512室",
    "postcode": "363100",
    "hours": "工作日上午8:30—12:00，下午14:30—17:30（法定节假日除外）",
    "phone": "0596-6812345",
    "fax": "0596-6812346",
    "email": "zwgk@haicheng.gov.cn",
    "error_report_url": "https://zfwzzc.www.gov.cn/",   # 我为政府网站找错
    # Identity images: site-relative paths (a file in content/files/ is published as files/<name>).
    # The two theme/img/placeholder-* files are PLACEHOLDERS marked 占位图, not the real marks:
    # replace them with the files issued to this site — the 党政机关网站标识 badge (bszs.conac.cn) and the
    # 公安机关备案 icon (beian.mps.gov.cn), e.g. "files/identity/conac.png" — `make sitecheck` reports
    # every page that still shows a placeholder. favicon: the site icon (SVG, PNG or ICO).
    "conac_badge": "theme/img/placeholder-conac-badge.svg",   # 党政机关网站标识 (footer, links to conac_url)
    "psb_icon": "theme/img/placeholder-psb-icon.svg",         # 公安机关备案图标 (before the psb number)
    "favicon": "theme/img/favicon.svg",
}
DEFAULT_LANG = "zh-CN"
TIMEZONE = "Asia/Shanghai"

# --- Content -----------------------------------------------------------------------------------
PATH = "content"
CATALOG_PATH = "catalog"
CATALOG_URL_PREFIX = "gk"
INDEX_NO_PATTERN = "govcn"        # a preset in plugins/catalog/index_numbers.py, or a regex
ARTICLE_PATHS = []                 # disclosure items come from catalog/, not Pelican articles
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["files"]
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
ARTICLE_SAVE_AS = ""
INDEX_SAVE_AS = "index.html"
DIRECT_TEMPLATES = ["index", "404"]
ARCHIVES_SAVE_AS = AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = CATEGORY_SAVE_AS = TAG_SAVE_AS = ""
DEFAULT_PAGINATION = False
CATALOG_PAGE_SIZE = 50
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}

# --- Theme and plugins ----------------------------------------------------------------------
THEME = "theme"
# Escape every value by default: titles and metadata are editor input. Sanitized bodies and macro
# output are Markup and pass through unchanged.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [], "autoescape": True}
# The plugins folder itself: Pelican looks up the last part of "plugins.catalog" in PLUGIN_PATHS,
# and the repository root also has a catalog/ content folder that would shadow it.
PLUGIN_PATHS = [str(ROOT / "plugins")]
PLUGINS = ["plugins.content_pages", "plugins.catalog", "plugins.search_index", "plugins.listings", "plugins.exports", "plugins.workdays", "plugins.ysqgk", "plugins.request_form", "plugins.annual_report", "plugins.bodies", "plugins.hant"]  # hant last: it converts the finished pages

# --- Feeds off in development (publishconf.py turns them on) -----------------------------
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

DELETE_OUTPUT_DIRECTORY = True
OUTPUT_RETENTION = []
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

# --- Listings and 繁体 mirror (plugins/listings, plugins/hant; defaults in their DEFAULTS) ---------
LISTINGS_LATEST = 10          # items in the home page's 最新公开 (listing page size: CATALOG_PAGE_SIZE)
HANT_CONFIG = "s2t"           # OpenCC config: s2t keeps mainland vocabulary; s2tw / s2hk for regional forms
HANT_PREFIX = "zh-hant"

# --- 依申请公开 (plugins/request_form, plugins/workdays; defaults in their DEFAULTS) ----------------
# endpoint: an HTTPS URL that accepts the JSON POST described by /ysqgk/apply/schema.json and answers
# {"receipt_no": "…"}; None = the form gives a printable 申请表 and a prefilled e-mail instead.
REQUEST_FORM = {"endpoint": None, "min_fill_seconds": 5}
# The 依申请公开 register (plugins/ysqgk; defaults in plugins/ysqgk/api.py DEFAULTS; docs/ysqgk.md).
# REQUESTS_SALT is part of every 查询码 key: set it once per site and never change it.
REQUESTS_SALT = "haicheng-MB1C37512"
REQUESTS_NO_PREFIX = "HC-YSQ"             # make register numbers cases HC-YSQ-<year>-<serial>

# --- Bodies: each government or department (taxonomy.yml type: 政府/部门) has its own 公开指南, 年报 and
# landing page (plugins/bodies; defaults in plugins/bodies/model.py DEFAULTS; profiles in content/bodies/).
# BODIES_PLATFORM: the body this platform belongs to (its guide is /gkzn/, its reports content/reports/<year>.yml);
# unset = the only 政府 body (here 海澄市人民政府, szf).

# --- 政府信息公开年报 (plugins/annual_report; defaults in plugins/annual_report/check.py DEFAULTS) -------
# Each body's 发布机构 and statutory date (政府 03-31, 部门 01-31) follow taxonomy.yml; these two apply only to a
# site without bodies (no publisher has a type).
ANNUAL_REPORT_PUBLISHER = "海澄市人民政府"   # 发布机构 shown on reports that do not name their own
ANNUAL_REPORT_DEADLINE = "03-31"             # 条例第四十九条: 政府 03-31; a department's site uses 01-31

# --- Exports and site checks (plugins/exports, gongkai/publish/checks; defaults in their DEFAULTS) -----
EXPORTS_FEEDS = False          # Atom feeds/all.atom.xml + feeds/<column>.atom.xml; publishconf.py turns them on
SITE_CHECKS = {}               # `make sitecheck` / `make publish` levels and thresholds, see docs/operator-guide.md §二

# --- Search (plugins/search_index; defaults and meanings in plugins/search_index/generator.py DEFAULTS) --
SEARCH_INDEX_OUTPUT = "search"
SEARCH_INDEX_PAGE_SIZE = 10
