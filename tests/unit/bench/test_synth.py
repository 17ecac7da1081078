"""bench/synth.py: synthetic catalogs are valid, realistic in shape, and deterministic for a seed."""
import collections
import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench import synth
from plugins._shared.diagnostics import Problems
from plugins.catalog import schema
from plugins.catalog.load import Settings, item_files, load_catalog
from tests.conftest import ROOT

N = 600


def load(dest: Path):
    problems = Problems()
    catalog = load_catalog(Settings(root=dest, catalog_dir=dest / "catalog"), problems)
    return catalog, problems


def digest(dest: Path) -> dict:
    return {p.relative_to(dest).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((dest / "catalog").rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    dest = tmp_path_factory.mktemp("synth")
    root = synth.make_catalog(N, dest, seed=3)
    return dest, root


def test_writes_n_items_and_the_real_taxonomy(generated):
    dest, root = generated
    assert root == dest / "catalog"
    assert len(item_files(root)) == N
    assert (root / "taxonomy.yml").read_bytes() == (ROOT / "catalog" / "taxonomy.yml").read_bytes()
    assert len((dest / synth.MANIFEST).read_text(encoding="utf-8").splitlines()) == N


def test_catalog_loads_with_zero_problems(generated):
    dest, _ = generated
    catalog, problems = load(dest)
    assert [p.format() for p in problems] == []
    assert len(catalog.items) == N


def test_shape_is_realistic(generated):
    catalog, _ = load(generated[0])
    cats = collections.Counter(i.category.key for i in catalog.items)
    assert set(cats) == {c.key for c in catalog.taxonomy.categories}
    years = {i.published.year for i in catalog.items}
    assert min(years) == 2015 and max(years) == 2026
    assert len({i.publisher.key for i in catalog.items}) >= 5
    lengths = [len(re.sub(r"\s", "", i.body)) for i in catalog.items]
    assert 1300 <= sum(lengths) / len(lengths) <= 1700
    assert sum(1 for i in catalog.items if i.doc_no) > N // 5
    assert any(i.source.endswith(".yml") for i in catalog.items)


def test_relations_and_special_blocks(generated):
    catalog, _ = load(generated[0])
    items = catalog.items
    repealed = [i for i in items if i.status == "废止"]
    assert repealed and all(i.validity.get("repealed") for i in repealed)
    assert any(i.superseded_by for i in repealed)
    for item in items:
        for old in item.supersedes_items:
            assert old.published < item.published and old.status == "废止"
        for target in item.interprets_items:
            assert item in target.interpreted_by and 0 <= (item.published - target.published).days <= 3
    assert any(i.interprets_items for i in items)
    keys = [f.key for f in schema.SERVICE_FIELDS]
    for item in items:
        if item.category.kind == "service":
            assert all(item.service.get(k) for k in keys)
        if item.category.kind == "budget":
            assert item.budget["type"] in schema.BUDGET_TYPES and item.attachments
        if item.category.kind == "regulation":
            assert item.headnote["promulgation"] == item.doc_no
    numbers = [i.index_no for i in items]
    assert len(set(numbers)) == N


def test_same_seed_same_bytes_other_seed_differs(generated, tmp_path):
    dest, _ = generated
    synth.make_catalog(N, tmp_path / "again", seed=3)
    assert digest(tmp_path / "again") == digest(dest)
    synth.make_catalog(N, tmp_path / "other", seed=4)
    assert digest(tmp_path / "other") != digest(dest)


def test_regenerating_replaces_an_older_catalog(tmp_path):
    synth.make_catalog(40, tmp_path, seed=1)
    synth.make_catalog(25, tmp_path, seed=1)
    assert len(item_files(tmp_path / "catalog")) == 25


def test_edit_one_changes_exactly_one_body(tmp_path):
    synth.make_catalog(60, tmp_path, seed=5)
    before = digest(tmp_path)
    for _ in range(2):
        path = synth.edit_one(tmp_path, 7)
    after = digest(tmp_path)
    changed = [k for k in before if before[k] != after[k]]
    assert changed == [path.relative_to(tmp_path).as_posix()]
    catalog, problems = load(tmp_path)
    assert not problems
    edited = next(i for i in catalog.items if i.source == changed[0])
    assert "第2次修订" in edited.body


def test_make_site_settings_work_with_gongkai_check(tmp_path):
    settings = synth.make_site(80, tmp_path / "site", seed=2)
    assert (tmp_path / "site" / "content").is_dir()
    out = subprocess.run([sys.executable, "-m", "gongkai", "check", "-s", str(settings)], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "目录检查通过" in out.stdout
    # the settings point at the synthetic data, not at the repository's sample catalog
    from gongkai.sitebuild import load_settings

    conf = load_settings(settings)
    assert Path(conf["CATALOG_PATH"]) == tmp_path / "site" / "catalog"
    assert Path(conf["OUTPUT_PATH"]) == tmp_path / "site" / "output"
    assert conf["SITENAME"] and conf["PLUGINS"]
