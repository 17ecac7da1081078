# Search (plugins/search_index, theme/static/js/search*.js): its tests and its benchmark.
#   make test-search                  tokenizer agreement (Python = JS), Node + lunr.js queries, e2e, Chromium
#   make bench-search [SIZES=1000,20000,100000]   index build, bytes per cold query, recall; Pagefind beside it
#                                     (Pagefind is optional: $(PY) -m pip install "pagefind[extended]==1.5.2")
.PHONY: test-search bench-search
test-search: $(VENV)/.installed node_modules/.installed
	$(PY) -m pytest tests/unit/search_index tests/e2e/test_search_build.py tests/browser/test_search.py $(PYTEST_ARGS)

bench-search: $(VENV)/.installed node_modules/.installed
	$(PY) -m bench --only search $(if $(SIZES),--sizes $(SIZES),--full) $(BENCH_ARGS)
