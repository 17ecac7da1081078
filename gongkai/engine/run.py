"""One build: everything a run knows, handed to every plugin as ``context["gongkai_run"]``.

:class:`BuildRun` replaces the module-level state plugins used to keep between builds. It carries the
settings, the output folder, the fingerprints of the pages written (what each shows), the page hooks
(post-processing of every page, such as its 繁体 twin), the work to do when every generator is done
(:meth:`BuildRun.at_finish`), the timings, and a :class:`Session` — what a long-running process
(``gongkai serve``) keeps from one build to the next — and the persistent :class:`~gongkai.engine.store.Store`.

Pages are written only through :meth:`BuildRun.write_page`/:meth:`write_pages`/:meth:`note_file`, with a
*fingerprint* of everything the page shows (item fields, related items, template and settings digest):

* in place (``incremental``, the preview): a page whose fingerprint and file are unchanged is skipped;
* into a fresh folder with a warm cache: such a page is hard-linked from the last complete tree of
  the same site (``store.tree``) instead of rendered — the result is byte-identical to rendering it;
* otherwise it is rendered (by forked workers when there are many, :mod:`gongkai.engine.parallel`).

Every page written, in any process, is announced with Pelican's ``content_written`` signal, so stock
Pelican plugins see every page.
"""
from __future__ import annotations

import contextlib
import dataclasses
import os
import time
from pathlib import Path

from pelican import signals

from plugins._shared.output import safe_join, write_text

from . import parallel

CONTEXT_KEY = "gongkai_run"


@dataclasses.dataclass
class Session:
    """Kept by a long-running process between builds of one output folder (``gongkai serve``)."""

    prints: dict = dataclasses.field(default_factory=dict)    # save_as -> fingerprint on disk now
    memory: dict = dataclasses.field(default_factory=dict)    # plugin -> its own state between builds
    saved: dict | None = None     # the prints as the store holds them (None: not read yet)
    verified: tuple | None = None     # the output folder (device, inode, ctime) whose files ``prints`` describes
    # ``gongkai serve`` tells the builds which files changed (the operating system reports them): then
    # the catalog re-reads those and trusts what it kept of the others without a stat of every file
    watched: bool = False
    unread: set | None = None     # files changed since the catalog last read them; None: unknown (stat all)

    def note_changes(self, paths) -> None:
        """Files reported changed since the last build; ``None``: changes the watcher could not name."""
        if not self.watched:
            return
        if paths is None or self.unread is None:
            self.unread = None
        else:
            self.unread |= {os.path.realpath(p) for p in paths}

    def take_unread(self) -> set | None:
        """The files to read again (None: every file is to be checked); from now on, only what is
        reported next counts. Give them back with ``forget_unread`` if the read does not complete."""
        unread = self.unread
        self.unread = set() if self.watched else None
        return unread

    def forget_unread(self) -> None:
        self.unread = None

    def state(self, plugin: str) -> dict:
        """A plugin's own memory, kept between the builds of a long-running process."""
        return self.memory.setdefault(plugin, {})


class PageHook:
    """Post-processing of every page written (the 繁体 twin): runs where the page is rendered.

    ``page(save_as, html)`` for a rendered page; ``reuse(save_as)`` when the page was linked from the
    warm tree (the hook links its own derived files too, or returns False to get ``page`` called).
    """

    name = "hook"

    def page(self, save_as: str, html: str) -> None:
        raise NotImplementedError

    def reuse(self, save_as: str) -> bool:
        return False

    def outputs(self, save_as: str) -> list[str]:
        """Files this hook derives from ``save_as`` (so a removed page's twin is removed too)."""
        return []


@dataclasses.dataclass
class BuildRun:
    settings: dict
    output: Path                          # where this run writes (``<final>.partial`` or, in place, ``final``)
    incremental: bool = False
    final: Path | None = None             # where the tree will live once the run succeeds
    session: Session = dataclasses.field(default_factory=Session)
    store: object = None                  # gongkai.engine.store.Store, or None (no persistent cache)
    tree: Path | None = None              # the last complete tree of this site (warm cache), or None
    tree_prints: dict = dataclasses.field(default_factory=dict)   # fingerprints of the files in ``tree``
    sources: dict = dataclasses.field(default_factory=dict)       # save_as -> folder holding it (shards to merge)
    shard: tuple | None = None            # (i, n): this build renders only the item pages of shard i of n
    prints: dict = dataclasses.field(default_factory=dict)        # save_as -> fingerprint, this run
    written: set = dataclasses.field(default_factory=set)         # rendered or copied this run
    reused: set = dataclasses.field(default_factory=set)          # linked from the warm tree
    removed: list = dataclasses.field(default_factory=list)
    pelican_pages: set = dataclasses.field(default_factory=set)   # written by Pelican's own writer
    page_hooks: list = dataclasses.field(default_factory=list)
    finishers: list = dataclasses.field(default_factory=list)
    timings: dict = dataclasses.field(default_factory=dict)
    used: dict = dataclasses.field(default_factory=dict)          # store namespace -> keys this build needs

    def __post_init__(self):
        # In place, a page whose fingerprint is unchanged is skipped if its file exists. The files of the
        # folder the last build of this session completed in are known to exist (the preview folder is
        # the preview's own, locked while it runs): no stat of 230,000 files at 100,000 items. A new
        # session, another folder, or a build that did not complete checks every file.
        self._disk_known = self.incremental and self.session.verified is not None and \
            self.session.verified == _folder_id(self.output)
        self.session.verified = None
        self._inner: list[float] = []     # seconds spent in timers nested in each open one (:meth:`timed`)

    # --- access ------------------------------------------------------------------------------------
    @classmethod
    def of(cls, context: dict) -> BuildRun:
        """The run of a generator's context (every build goes through gongkai.sitebuild)."""
        run = context.get(CONTEXT_KEY)
        if run is None:
            raise RuntimeError("Gongkai 的插件只能通过 gongkai build / make html 运行（缺少 gongkai_run）")
        return run

    def state(self, plugin: str) -> dict:
        """A plugin's own memory, kept between the builds of a long-running process."""
        return self.session.state(plugin)

    def add_page_hook(self, hook: PageHook) -> None:
        self.page_hooks.append(hook)

    def keep(self, ns: str, keys) -> None:
        """The store entries of ``ns`` this build needs: once a complete build is in place, the entries of
        ``ns`` that no site needs are forgotten (:meth:`gongkai.engine.store.Store.sweep`)."""
        self.used.setdefault(ns, set()).update(keys)

    def at_finish(self, function) -> None:
        """Call ``function(run)`` once every generator has written its output (before the tree is swapped in)."""
        self.finishers.append(function)

    @contextlib.contextmanager
    def timed(self, name: str):
        """Add the time spent in the block to ``timings[name]``, less what timers nested in it counted:
        the timings add up to no more than the build took (the bench reports the rest)."""
        started = time.perf_counter()
        self._inner.append(0.0)
        try:
            yield
        finally:
            elapsed = time.perf_counter() - started
            self.timings[name] = round(self.timings.get(name, 0.0) + elapsed - self._inner.pop(), 3)
            if self._inner:
                self._inner[-1] += elapsed

    @property
    def produced(self) -> set[str]:
        return set(self.prints)

    def pages(self) -> set[str]:
        """Every file of the site this run produced: ours (fingerprinted) and Pelican's own pages."""
        return set(self.prints) | self.pelican_pages

    # --- writing -----------------------------------------------------------------------------------
    def target(self, save_as: str) -> str:
        return safe_join(self.output, save_as)

    def _unchanged(self, save_as: str, fingerprint: str) -> bool:
        """True when ``save_as`` need not be rendered: unchanged in place, or linked from the warm tree."""
        if self.incremental:
            return self.session.prints.get(save_as) == fingerprint and self._on_disk(save_as)
        if self.tree_prints.get(save_as) != fingerprint or not self._link(save_as):
            return False
        self.reused.add(save_as)
        for hook in self.page_hooks:
            if not hook.reuse(save_as):
                return False        # rendered again so the hook gets the page
        return True

    def _on_disk(self, save_as: str) -> bool:
        """``save_as`` exists in the output: known when the last build of this session completed in this
        very folder (see ``__post_init__``), else a stat — only a stat: a path the session holds a
        fingerprint of was written through :meth:`target` (the one gate), so it is not proven again."""
        return self._disk_known or os.path.exists(f"{self.output}/{save_as}")

    def _link(self, save_as: str, like: str | None = None) -> bool:
        """Hard-link ``save_as`` from the warm tree (or the shard that rendered it, or that rendered ``like``)."""
        folder = self.sources.get(like or save_as, self.tree)
        if folder is None:
            return False
        source = safe_join(folder, save_as)
        target = self.target(save_as)
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.link(source, target)
        except FileExistsError:
            os.unlink(target)
            os.link(source, target)
        except OSError:
            return False
        return True

    def link_from_tree(self, save_as: str, like: str | None = None) -> bool:
        """Reuse one file of the warm tree as it is (a plugin that knows it is unchanged); False if absent.
        ``like``: the file derives from that page (a twin) and lives where that page does."""
        return self._link(save_as, like)

    def _announce(self, save_as: str, context: dict) -> None:
        self._announcing = True
        try:
            signals.content_written.send(self.target(save_as), context=context)
        finally:
            self._announcing = False

    def on_content_written(self, path: str, context=None) -> None:
        """Pelican's own writer wrote ``path`` (a content page, the home page, 404 …): run the page hooks."""
        if getattr(self, "_announcing", False):
            return
        root = os.path.realpath(self.output)
        real = os.path.realpath(path)
        if not real.startswith(root + os.sep):
            return
        save_as = os.path.relpath(real, root).replace(os.sep, "/")
        self.pelican_pages.add(save_as)
        if save_as.endswith(".html") and self.page_hooks:
            with open(real, encoding="utf-8") as handle:
                html = handle.read()
            for hook in self.page_hooks:
                hook.page(save_as, html)

    def write_page(self, writer, save_as: str, fingerprint: str, template, context: dict, **kwargs) -> bool:
        """Render ``template`` to ``save_as`` unless unchanged; True if rendered."""
        self.prints[save_as] = fingerprint
        if self._unchanged(save_as, fingerprint):
            return False
        html = _render(template, context, save_as, kwargs)
        self._store_page(save_as, html)
        self._announce(save_as, {**context, **kwargs})
        return True

    def _store_page(self, save_as: str, html: str) -> None:
        target = self.target(save_as)
        os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
        _replace(target, html)
        self.written.add(save_as)
        for hook in self.page_hooks:
            hook.page(save_as, html)

    def write_pages(self, pages: list[tuple[str, str, dict]], template, context: dict, prepare=None) -> int:
        """Many pages of one template: ``[(save_as, fingerprint, template kwargs)]``; returns pages rendered.

        Many changed pages are rendered by this process and forked writers side by side (Jinja is pure
        Python: two cores halve the time of 20,000 item pages); the output is identical to a single
        process (tested).

        ``prepare(kwargs, private)``, if given, completes a page's kwargs just before it is rendered or
        announced, so they are not all held at once. ``private`` is True in a forked worker: there it may
        replace the parent's objects by copies of its own (reading the parent's would copy their memory).
        """
        prepare = prepare or (lambda kwargs, private: kwargs)
        todo = []
        for save_as, fingerprint, kwargs in pages:
            self.prints[save_as] = fingerprint
            if not self._unchanged(save_as, fingerprint):
                todo.append((save_as, kwargs))
        if not todo:
            return 0
        if parallel.worth_forking("pages", len(todo)):
            # this process renders beside the forked writers (parallel.share_work); its own pages' hooks
            # run here, the writers' in the writers, as in _render_range
            parallel.share_work(_render_range, parallel.chunks(len(todo), 32, 100),
                                (template, context, self.output, todo, self.page_hooks, prepare, os.getpid()))
            self.written.update(save_as for save_as, _ in todo)
            parallel.give_back_memory()     # what rendering took here
        else:
            for save_as, kwargs in todo:
                self._store_page(save_as, _render(template, context, save_as, prepare(kwargs, False)))
        for save_as, kwargs in todo:
            self._announce(save_as, {**context, **prepare(kwargs, False)})
        return len(todo)

    def note_file(self, save_as: str, fingerprint: str, write) -> bool:
        """Like :meth:`write_page` for a file that is not a template page: ``write(target)`` if needed."""
        self.prints[save_as] = fingerprint
        if self.incremental:
            if self.session.prints.get(save_as) == fingerprint and self._on_disk(save_as):
                return False
        elif self.tree_prints.get(save_as) == fingerprint and self._link(save_as):
            self.reused.add(save_as)
            return False
        target = self.target(save_as)
        os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
        if os.path.lexists(target):
            os.unlink(target)        # never write through a hard link shared with the warm tree
        write(target)
        self.written.add(save_as)
        return True

    def remove(self, save_as: str) -> None:
        """Delete a file of the output, the files hooks derived from it, and the folders left empty."""
        root = os.path.realpath(self.output)
        for rel in [save_as, *(out for hook in self.page_hooks for out in hook.outputs(save_as))]:
            target = safe_join(root, rel)
            try:
                os.remove(target)
            except FileNotFoundError:
                continue
            self.removed.append(rel)
            folder = os.path.dirname(target)
            while folder != root and folder.startswith(root + os.sep):
                try:
                    os.rmdir(folder)
                except OSError:
                    break
                folder = os.path.dirname(folder)

    def finish(self) -> None:
        """After every generator: the finishers, then (in place) the pages an earlier run wrote and this one
        did not (a removed item); the session remembers what is on disk now."""
        for function in self.finishers:
            function(self)
        if self.incremental:
            for save_as in sorted(set(self.session.prints) - set(self.prints)):
                self.remove(save_as)
        self.session.prints = dict(self.prints)
        if self.incremental:
            self.session.verified = _folder_id(self.output)


def _folder_id(path) -> tuple | None:
    """What tells the output folder apart: a folder deleted and made again (``make clean``) has a new
    change time even when it gets the same inode number; adding or removing an entry changes it too."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_ctime_ns


def _replace(target: str, html: str) -> None:
    """Write a page without writing through a hard link (the warm tree shares inodes with past outputs)."""
    if os.path.lexists(target):
        os.unlink(target)
    write_text(target, html)


def _render(template, context: dict, save_as: str, kwargs: dict) -> str:
    """The page as Pelican's writer renders it (same local context)."""
    local = dict(context)
    local["localsiteurl"] = None
    local["output_file"] = save_as
    local.update(kwargs)
    return template.render(local)


def _render_range(bounds: tuple[int, int]) -> int:
    """Render and write pages [start, stop) of the current job, running the page hooks: in a forked
    writer or in the build's own process (``parent``)."""
    template, context, output, pages, hooks, prepare, parent = parallel.shared()
    forked = os.getpid() != parent
    for save_as, kwargs in pages[bounds[0]:bounds[1]]:
        html = _render(template, context, save_as, prepare(kwargs, forked))
        target = safe_join(output, save_as)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        _replace(target, html)
        for hook in hooks:
            hook.page(save_as, html)
    return bounds[1] - bounds[0]
