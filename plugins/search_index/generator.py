"""Pelican generator: the search index (``output/search/``), lunr.min.js beside it, and the page ``/search/``.

Reads ``context['catalog']`` (plugins.catalog). In a long-running process the index is rebuilt only
when what it holds — the items' fields and bodies, the settings — has changed; in an incremental
build (``gongkai serve``, setting ``GONGKAI_INCREMENTAL``) a few changed items are patched into the
index in place (live.py) instead of rebuilding it.
"""
from __future__ import annotations

import functools
import logging
import operator
import shutil
from pathlib import Path

from pelican.generators import Generator

from gongkai.engine import parallel, shards
from gongkai.engine.run import BuildRun
from plugins._shared import output

from . import live, postings
from .build import Options, build_index, count_into_cache, count_keys
from .tokenize import UNIGRAM_MODES

log = logging.getLogger(__name__)
REPO = Path(__file__).resolve().parent.parent.parent

DEFAULTS = {
    "SEARCH_INDEX_OUTPUT": "search",       # folder of the index and of the search page, under the site root
    "SEARCH_INDEX_UNIGRAMS": "single",     # single characters indexed: "single" (1-character runs) or "all"
    "SEARCH_INDEX_TOP_K": 300,             # documents a frequent term keeps in lunr's postings (all are found)
    # target size of one index partition (uncompressed). 8 rather than 16 (make bench, 20,000 items): a cold
    # query fetches 34 KB gzipped instead of 52 KB, and the partitions one edited item changes hold a third
    # fewer bytes (1.5 → 1.0 MB: what a deploy uploads), for ~2,500 more files.
    "SEARCH_INDEX_PARTITION_KB": 8,
    "SEARCH_INDEX_TITLE_BOOST": 10,        # weight of title, 文号, 索引号, 主题词 against the body
    "SEARCH_INDEX_DISPLAY_CHUNK": 5,       # documents per display-data file
    "SEARCH_INDEX_SNIPPET_CHARS": 120,     # characters of 内容概述/body kept for result snippets
    "SEARCH_INDEX_PAGE_SIZE": 10,          # results per page
    "SEARCH_INDEX_PROCESSES": 0,           # worker processes; 0 = one per CPU core
    "SEARCH_INDEX_LUNR_JS": "",            # lunr.min.js to copy; "" = node_modules/lunr/lunr.min.js here
}
_INTS = {"SEARCH_INDEX_TOP_K": 1, "SEARCH_INDEX_PARTITION_KB": 1, "SEARCH_INDEX_DISPLAY_CHUNK": 1,
         "SEARCH_INDEX_SNIPPET_CHARS": 20, "SEARCH_INDEX_PAGE_SIZE": 1, "SEARCH_INDEX_PROCESSES": 0}


def setting(settings: dict, name: str):
    return settings.get(name, DEFAULTS[name])


def read_options(settings: dict) -> tuple[Options, list[str]]:
    """Options from the SEARCH_INDEX_* settings, and one message per bad value (Chinese, for operators)."""
    errors = []
    values = {}
    for name, least in _INTS.items():
        value = setting(settings, name)
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            errors.append(f"pelicanconf.py: {name}：应为不小于 {least} 的整数，实际为 {value!r} — 改为 {DEFAULTS[name]}")
            value = DEFAULTS[name]
        values[name] = value
    unigrams = setting(settings, "SEARCH_INDEX_UNIGRAMS")
    if unigrams not in UNIGRAM_MODES:
        errors.append(f"pelicanconf.py: SEARCH_INDEX_UNIGRAMS：应为 {' 或 '.join(UNIGRAM_MODES)}，实际为 {unigrams!r}"
                      f" — 改为 \"{DEFAULTS['SEARCH_INDEX_UNIGRAMS']}\"")
        unigrams = DEFAULTS["SEARCH_INDEX_UNIGRAMS"]
    boost = setting(settings, "SEARCH_INDEX_TITLE_BOOST")
    if isinstance(boost, bool) or not isinstance(boost, (int, float)) or boost <= 0:
        errors.append(f"pelicanconf.py: SEARCH_INDEX_TITLE_BOOST：应为正数，实际为 {boost!r} — 改为 10")
        boost = DEFAULTS["SEARCH_INDEX_TITLE_BOOST"]
    return Options(unigrams=unigrams, top_k=values["SEARCH_INDEX_TOP_K"],
                   partition_kb=values["SEARCH_INDEX_PARTITION_KB"], boosts=(float(boost), 1.0),
                   display_chunk=values["SEARCH_INDEX_DISPLAY_CHUNK"],
                   snippet_chars=values["SEARCH_INDEX_SNIPPET_CHARS"],
                   processes=values["SEARCH_INDEX_PROCESSES"]), errors


def lunr_js(settings: dict) -> Path:
    configured = setting(settings, "SEARCH_INDEX_LUNR_JS")
    return Path(configured) if configured else REPO / "node_modules" / "lunr" / "lunr.min.js"


def index_url(settings: dict, folder: str) -> str:
    """Root-absolute URL of the index folder (``/search/``, or ``/sub/search/`` under a SITEURL path):
    the same origin whichever host or scheme the page was loaded from."""
    from urllib.parse import urlsplit

    return urlsplit(settings.get("SITEURL") or "").path.rstrip("/") + f"/{folder}/"


def catalog_digest(catalog, options: Options) -> str:
    """Everything the index holds: each item's fields and body, in catalog order, and the options."""
    return output.digest(options, list(map(operator.attrgetter("content_digest"), catalog.items)))


class SearchIndexGenerator(Generator):
    """In a full build of a large catalog the index is written by a forked process started as soon as
    the catalog is loaded, while this process and its page writers render the pages: the index process
    fills the writers' serial gaps. ``generate_output`` waits for it."""

    _pending = None

    def generate_context(self):
        catalog = self.context.get("catalog")
        run = BuildRun.of(self.context)
        if catalog is None or run.incremental or run.shard or \
                not parallel.worth_forking("background_index", len(catalog.items)):
            return
        options, _ = read_options(self.settings)
        out = Path(output.safe_join(self.output_path, str(setting(self.settings, "SEARCH_INDEX_OUTPUT")).strip("/")))
        digest = catalog_digest(catalog, options)
        if run.state("search_index").get("built") == digest and (out / "manifest.json").exists():
            return
        if self._reuse(run, out, digest):
            return
        # Terms are counted in this one child while the page writers use the cores: a counting worker forked
        # from it would copy the items it reads (CPython writes to every object it reads). Partitions,
        # written from the postings alone, are written by workers, by then often on cores the page writers
        # have left.
        index = functools.partial(build_index, count_processes=options.processes or 1)
        self._pending = (parallel.Background(index, catalog.items, catalog.taxonomy, out, options, digest[:12],
                                             False, run.store, *self._warm(run, out)), digest)

    def _reuse(self, run: BuildRun, out: Path, digest: str) -> bool:
        """Link the whole index from the warm tree when it was built from exactly this catalog and options."""
        folder = out.relative_to(Path(self.output_path)).as_posix()
        key = f"{folder}/manifest.json"
        if run.tree is None or run.tree_prints.get(key) != digest:
            return False
        tree = run.tree / folder
        files = sorted(p.relative_to(run.tree).as_posix() for p in tree.rglob("*") if p.is_file())
        for rel in files:
            if rel != f"{folder}/lunr.min.js" and not run.link_from_tree(rel):
                return False
        run.prints[key] = digest
        run.state("search_index")["built"] = digest
        self._reused = True
        return True

    def _warm(self, run: BuildRun, out: Path) -> tuple:
        """(reuse, site, last version) for build_index when the last complete index can be linked from."""
        folder = out.relative_to(Path(self.output_path)).as_posix()
        if run.store is None or run.final is None:
            return None, "", ""
        site = run.store.site_key(run.final)
        last = run.tree_prints.get(f"{folder}/manifest.json", "") if run.tree is not None else ""
        if not last:
            return None, site, ""
        return (lambda rel: run.link_from_tree(f"{folder}/{rel}")), site, last[:12]

    def _wait_for_child(self, run: BuildRun) -> bool:
        """Wait for the index process; log its error if it failed. True: nothing more to do here."""
        background, digest = self._pending
        self._pending = None
        with run.timed("waiting for the search index"):
            error = background.wait()
        if error:
            log.error("search_index: 生成搜索索引失败：%s — 修正后重新构建", error)
        else:
            run.state("search_index")["built"] = digest
        return True

    def generate_output(self, writer):
        run = BuildRun.of(self.context)
        if run.shard:       # a shard counts its items' terms for the merge, which writes the index
            if run.store is not None and self.context.get("catalog") is not None:
                with run.timed("search counts"):
                    count_into_cache(shards.mine(self.context["catalog"].items, run.shard), read_options(self.settings)[0],
                                     run.store)
            return
        catalog = self.context.get("catalog")
        if catalog is None:
            log.error("search_index: context['catalog'] is missing; put plugins.catalog before plugins.search_index in PLUGINS")
            return
        options, errors = read_options(self.settings)
        for message in errors:
            log.error(message)
        folder = str(setting(self.settings, "SEARCH_INDEX_OUTPUT")).strip("/")
        out = Path(output.safe_join(self.output_path, folder))
        run = BuildRun.of(self.context)
        memory = run.state("search_index")
        digest = catalog_digest(catalog, options)
        if self._pending and len(catalog.items) >= parallel.THRESHOLDS["index_waited_early"]:
            done = self._wait_for_child(run)     # a large catalog: no listing writers beside the index process
        elif self._pending:
            # The index process goes on while the generators after this one write (listings, exports …);
            # the build waits for it last, before the tree is swapped in (an error there fails the build).
            run.at_finish(self._wait_for_child)
            done = True
        else:
            done = getattr(self, "_reused", False)
        done = done or self._reuse(run, out, digest)
        source = lunr_js(self.settings)
        if not source.is_file():
            log.error("search_index: 找不到 %s（搜索页需要 lunr.js） — 在仓库根目录运行 npm ci，"
                      "或在 pelicanconf.py 中用 SEARCH_INDEX_LUNR_JS 指定 lunr.min.js 的路径", source)
        else:
            out.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, out / "lunr.min.js")
        incremental = run.incremental
        if not done and (memory.get("built") != digest or not (out / "manifest.json").exists()):
            state = memory.pop("state", None) if incremental else None
            patched = state and live.update(state, catalog.items, catalog.taxonomy, out, options, digest, in_order=True)
            if patched:
                memory["state"] = state
                log.debug("search_index: %d changed items patched into the index", patched["changed"])
            else:
                with run.timed("search index"):
                    figures = build_index(catalog.items, catalog.taxonomy, out, options, digest[:12], incremental,
                                          run.store, *self._warm(run, out))
                if incremental:
                    memory["state"] = figures["state"]
            memory["built"] = digest
        run.prints[f"{folder}/manifest.json"] = digest      # what the index folder was built from (warm tree)
        if run.store is not None and not incremental:
            run.keep(postings.CACHE_NS, count_keys(catalog.items, options))     # the rest may be forgotten
        template = self.get_template("search")
        base = output.digest(output.theme_digest(self.theme),
                             {k: v for k, v in self.settings.items() if k.isupper() and k != "OUTPUT_PATH"})
        meta = {"column_name": "搜索", "column_type": "信息公开目录", "column_description": "检索本站公开的政府信息",
                "column_keywords": "搜索,检索"}
        BuildRun.of(self.context).write_page(writer, f"{folder}/index.html", base, template, self.context,
                          page_meta=meta, breadcrumbs=[("首页", ""), ("搜索", f"{folder}/")], page_url=f"{folder}/",
                          page_kind="search", search_folder=folder, search_index_url=index_url(self.settings, folder),
                          search_page_size=setting(self.settings, "SEARCH_INDEX_PAGE_SIZE"))


def get_generators(pelican_object):
    return SearchIndexGenerator
