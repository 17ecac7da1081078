# Web editor (Decap CMS) for editors who do not use git — docs/editor-guide-cms.md, docs/operator-guide-cms.md
#   make cms [PORT=8080]   regenerate gongkai/cms/static/config.yml and serve the editor on http://127.0.0.1:PORT
#                          (local backend: saves go straight into this working tree)
#   make cms-build         the editor as static files in output.cms/ for the agency's intranet host (CMS_BACKEND)
#   make cms-config        only regenerate gongkai/cms/static/config.yml
#   make test-cms          the editor's unit, config and Chromium tests
.PHONY: cms cms-build cms-config test-cms
cms: $(VENV)/.installed node_modules/.installed
	$(PY) -m gongkai cms serve $${PORT:+--port="$$PORT"}

cms-build: $(VENV)/.installed node_modules/.installed
	$(PY) -m gongkai cms build

cms-config: $(VENV)/.installed
	$(PY) -m gongkai cms config

test-cms: setup
	$(PY) -m pytest tests/unit/cms tests/browser/test_cms.py $(PYTEST_ARGS)
