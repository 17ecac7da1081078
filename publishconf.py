"""Production settings: ``make publish`` (absolute URLs, feeds, fatal warnings, site checks, manifest).

Imports everything from pelicanconf.py and overrides only what differs in production. Deployment
targets come from the environment so CI secrets never live in the repository.
"""
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = os.environ.get("GONGKAI_SITEURL", "https://www.haicheng.gov.cn")
RELATIVE_URLS = False
EXPORTS_FEEDS = True           # feeds/all.atom.xml and feeds/<column>.atom.xml
DELETE_OUTPUT_DIRECTORY = True
LOAD_CONTENT_CACHE = False

# gongkai/publish/compress.py: .gz/.br twins for nginx gzip_static / brotli_static
PUBLISH_COMPRESS = ["gzip", "brotli"]
PUBLISH_BROTLI_QUALITY = 7     # 11 costs minutes at 20,000 items for ~9% smaller files
# gongkai/publish/cache.py: results of earlier publishes by file content (relative to GONGKAI_ROOT;
# safe to delete; None = no cache). docs/operator-guide.md §八.
PUBLISH_CACHE = ".cache/publish"

# gongkai deploy / rollback / verify (gongkai/publish/release.py, remote.py). host "" = a directory on this machine.
DEPLOY = {
    "host": os.environ.get("GONGKAI_DEPLOY_HOST", ""),
    "user": os.environ.get("GONGKAI_DEPLOY_USER", ""),
    "port": int(os.environ.get("GONGKAI_DEPLOY_PORT", "22")),
    "path": os.environ.get("GONGKAI_DEPLOY_PATH", "/srv/gongkai"),
    "identity": os.environ.get("GONGKAI_DEPLOY_KEY_FILE", ""),            # SSH private key file
    "known_hosts": os.environ.get("GONGKAI_DEPLOY_KNOWN_HOSTS_FILE", ""),  # pinned server key
    "keep": 5,                                                             # releases kept for rollback
}
