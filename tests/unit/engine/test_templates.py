"""gongkai/engine/templates.py: every Jinja environment of a build shares one bytecode cache; a template
is compiled once per build and, with the persistent cache, once until it changes."""
import copy
import json

import jinja2
import pytest

from gongkai.engine import templates
from gongkai.engine.templates import BytecodeCache


@pytest.fixture
def compiled(monkeypatch):
    calls = []
    real = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile",
                        lambda self, source, *a, **k: calls.append(source) or real(self, source, *a, **k))
    return calls


def _render(folder, cache, **values):
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), bytecode_cache=cache, auto_reload=False)
    return env.get_template("page.html").render(**values)


def test_environments_of_one_build_compile_a_template_once(tmp_path, compiled):
    (tmp_path / "page.html").write_text("<p>{{ x }}</p>", encoding="utf-8")
    cache = BytecodeCache()
    assert [_render(tmp_path, cache, x=n) for n in range(3)] == ["<p>0</p>", "<p>1</p>", "<p>2</p>"]
    assert len(compiled) == 1


def test_the_folder_keeps_compiled_templates_and_an_edit_is_compiled_again(tmp_path, compiled):
    (tmp_path / "page.html").write_text("<p>{{ x }}</p>", encoding="utf-8")
    _render(tmp_path, BytecodeCache(tmp_path / "cache"), x=1)
    assert _render(tmp_path, BytecodeCache(tmp_path / "cache"), x=2) == "<p>2</p>" and len(compiled) == 1
    (tmp_path / "page.html").write_text("<div>{{ x }}</div>", encoding="utf-8")
    cache = BytecodeCache(tmp_path / "cache")
    assert _render(tmp_path, cache, x=3) == "<div>3</div>" and len(compiled) == 2
    assert _render(tmp_path, cache, x=4) == "<div>4</div>" and len(compiled) == 2


def test_an_edit_within_one_process_is_compiled_again(tmp_path, compiled):
    """make serve keeps one cache between rebuilds; the memory copy is checked against the source too."""
    cache = BytecodeCache()
    (tmp_path / "page.html").write_text("<p>{{ x }}</p>", encoding="utf-8")
    _render(tmp_path, cache, x=1)
    (tmp_path / "page.html").write_text("<em>{{ x }}</em>", encoding="utf-8")
    assert _render(tmp_path, cache, x=1) == "<em>1</em>" and len(compiled) == 2


def test_settings_digest_and_copies_do_not_depend_on_the_cache_object(tmp_path):
    """Page fingerprints digest the settings (default=str): a new cache object each build must not
    change them, and Pelican's deep copies of the settings share the one cache."""
    one, two = {"JINJA_ENVIRONMENT": {"autoescape": True}}, {"JINJA_ENVIRONMENT": {"autoescape": True}}
    templates.install(one, tmp_path / "a")
    templates.install(two, None)
    assert json.dumps(one, default=str) == json.dumps(two, default=str)
    cache = one["JINJA_ENVIRONMENT"]["bytecode_cache"]
    assert copy.deepcopy(one)["JINJA_ENVIRONMENT"]["bytecode_cache"] is cache
    assert one["JINJA_ENVIRONMENT"]["auto_reload"] is False and one["JINJA_ENVIRONMENT"]["autoescape"] is True


def test_an_unwritable_cache_folder_costs_a_compilation_not_the_build(tmp_path, compiled, monkeypatch):
    (tmp_path / "page.html").write_text("<p>{{ x }}</p>", encoding="utf-8")
    cache = BytecodeCache(tmp_path / "cache")
    monkeypatch.setattr(jinja2.FileSystemBytecodeCache, "dump_bytecode",
                        lambda self, bucket: (_ for _ in ()).throw(PermissionError(13, "read-only")))
    assert _render(tmp_path, cache, x=1) == "<p>1</p>"


def test_a_cache_folder_that_cannot_be_made_costs_compilations_not_the_build(tmp_path, compiled):
    (tmp_path / "page.html").write_text("<p>{{ x }}</p>", encoding="utf-8")
    (tmp_path / "blocked").write_text("a file where the folder would be", encoding="utf-8")
    cache = BytecodeCache(tmp_path / "blocked" / "jinja")
    assert cache.disk is None and _render(tmp_path, cache, x=1) == "<p>1</p>" and len(compiled) == 1
