"""Meta-tests (Datasette style): the project documents and tests what it has."""
import ast
import re
from pathlib import Path

from plugins.catalog import schema

ROOT = Path(__file__).resolve().parent.parent


def configured_plugins() -> list[str]:
    tree = ast.parse((ROOT / "pelicanconf.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "PLUGINS" for t in node.targets):
            return [elt.value for elt in node.value.elts]
    raise AssertionError("PLUGINS not found in pelicanconf.py")


def test_every_plugin_package_is_enabled_and_tested():
    packages = sorted(p.name for p in (ROOT / "plugins").iterdir()
                      if p.is_dir() and not p.name.startswith(("_", ".")) and (p / "__init__.py").exists())
    enabled = configured_plugins()
    for name in packages:
        has_register = "def register" in (ROOT / "plugins" / name / "__init__.py").read_text(encoding="utf-8")
        if has_register:
            assert f"plugins.{name}" in enabled, f"plugins/{name} has register() but is not in PLUGINS"
        assert (ROOT / "tests" / "unit" / name).is_dir(), f"plugins/{name} has no tests/unit/{name}/"


def test_no_plugin_module_shadows_register():
    """A submodule named ``register`` replaces the package's ``register()`` once anything imports it
    (a command did), and Pelican then fails with 'Cannot register plugin'."""
    for name in configured_plugins():
        folder = ROOT / Path(*name.split("."))
        assert not (folder / "register.py").exists() and not (folder / "register").is_dir(), name


def test_every_schema_field_is_in_the_editor_guide():
    guide = (ROOT / "docs" / "editor-guide.md").read_text(encoding="utf-8")
    block = guide.split("<!-- fields:start", 1)[1].split("<!-- fields:end -->", 1)[0]
    keys = set(re.findall(r"\| `([a-z_.]+)` \| ([^|]+) \|", block))
    for field in schema.FIELDS:
        assert (field.key, field.label + " ") in {(k, v) for k, v in keys} or \
            any(k == field.key and v.strip() == field.label for k, v in keys), f"{field.key} missing"
        for sub in field.fields:
            assert any(k == f"{field.key}.{sub.key}" and v.strip() == sub.label for k, v in keys), \
                f"{field.key}.{sub.key} missing from docs/editor-guide.md"


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make serve" in readme and "make test" in readme


def test_no_third_party_assets_in_theme():
    for path in (ROOT / "theme").rglob("*"):
        if path.suffix in (".html", ".css", ".js"):
            text = path.read_text(encoding="utf-8")
            for match in re.findall(r"""(?:src|href)=["'](https?:)?//([^"'/]+)""", text):
                host = match[1]
                assert "{{" in host or host.endswith(("beian.miit.gov.cn", "beian.mps.gov.cn", "conac.cn")), \
                    f"{path.relative_to(ROOT)} loads a third-party asset from {host}"


_PROVIDES = re.compile(r"""self\.context\[["'](\w+)["']\]\s*=(?!=)|self\.context\.setdefault\(["'](\w+)""")
_USES = re.compile(r"""context(?:\.get\(|\[)["'](\w+)["']""")


def test_plugins_declare_the_context_they_provide_and_use():
    """Each plugin's ``CONTEXT`` (in its __init__.py) says which context keys it puts in and reads; the code
    must agree, and every key a plugin uses must be provided by a plugin listed before it in PLUGINS."""
    import importlib

    provided_before: set[str] = set()
    for name in configured_plugins():
        module = importlib.import_module(name)
        declared = getattr(module, "CONTEXT", None)
        assert declared is not None, f"{name}/__init__.py declares no CONTEXT"
        text = "".join(p.read_text(encoding="utf-8") for p in (ROOT / Path(*name.split("."))).glob("*.py"))
        provides = {a or b for a, b in _PROVIDES.findall(text)}
        uses = set(_USES.findall(text)) - provides - {"gongkai_run"}
        assert provides == set(declared["provides"]), f"{name} provides {sorted(provides)}"
        assert uses == set(declared["uses"]), f"{name} uses {sorted(uses)}"
        missing = set(declared["uses"]) - provided_before
        assert not missing, f"{name} uses {sorted(missing)}, which no plugin before it in PLUGINS provides"
        provided_before |= provides
