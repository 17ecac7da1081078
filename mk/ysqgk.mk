# 依申请公开 (plugins/request_form, plugins/workdays) — docs/ysqgk.md
#   make test-ysqgk    the form, calendar, schema, Node and Chromium tests of this area only
.PHONY: test-ysqgk
test-ysqgk: setup
	$(PY) -m pytest tests/unit/workdays tests/unit/request_form tests/e2e/test_request_form_pages.py tests/browser/test_request_form.py $(PYTEST_ARGS)
