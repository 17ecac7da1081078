# 依申请公开 (plugins/request_form, plugins/workdays, plugins/ysqgk) — docs/ysqgk.md
#   make register CHANNEL=当面 APPLICANT=自然人 [DATE=…] [NO=…] [CODE=…] [RECEIPT=1]   登记并打印查询码
#   make register RENEW=受理编号                                                     重新生成查询码
#   make notices NO="受理编号 …" | OPEN=1 [OUTCOME=予以公开]                          告知书 → notices/（内部）
#   make import-requests SRC=台账.xlsx [MAPPING=映射.yml] [WRITE=1]                   导入已有台账
#   make test-ysqgk    the form, calendar, register, lookup, Node and Chromium tests of this area only
#   make bench-ysqgk   100,000-case register: check, statistics and shards
.PHONY: test-ysqgk register notices import-requests bench-ysqgk
test-ysqgk: setup
	$(PY) -m pytest tests/unit/workdays tests/unit/request_form tests/unit/ysqgk tests/e2e/test_request_form_pages.py \
		tests/e2e/test_requests.py tests/browser/test_request_form.py tests/browser/test_ysqgk_query.py $(PYTEST_ARGS)

register: $(VENV)/.installed
	@$(PY) -m gongkai register $(if $(CHANNEL),--channel "$(CHANNEL)") $(if $(APPLICANT),--applicant "$(APPLICANT)") \
		$(if $(DATE),--date $(DATE)) $(if $(NO),--no "$(NO)") $(if $(CODE),--code "$(CODE)") $(if $(NOTE),--note "$(NOTE)") \
		$(if $(RECEIPT),--receipt) $(if $(RENEW),--renew "$(RENEW)")

notices: $(VENV)/.installed
	@$(PY) -m gongkai notices $(NO) $(if $(OPEN),--open) $(if $(OUTCOME),--outcome "$(OUTCOME)") $(if $(OUT),--out "$(OUT)")

import-requests: $(VENV)/.installed
	@test -n "$(SRC)" || { echo "用法：make import-requests SRC=台账.xlsx或.csv [MAPPING=映射.yml] [WRITE=1]"; exit 2; }
	@$(PY) -m gongkai import-requests "$(SRC)" $(if $(MAPPING),--mapping "$(MAPPING)") $(if $(WRITE),--write) \
		$(if $(SHEET),--sheet "$(SHEET)")

bench-ysqgk: $(VENV)/.installed
	$(PY) -m bench --only requests $(BENCH_ARGS)
