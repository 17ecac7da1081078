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

# User values arrive through the environment (see USER_VARS in the Makefile), never in the recipe text.
register: $(VENV)/.installed
	@$(PY) -m gongkai register $${CHANNEL:+--channel="$$CHANNEL"} $${APPLICANT:+--applicant="$$APPLICANT"} \
		$${DATE:+--date="$$DATE"} $${NO:+--no="$$NO"} $${CODE:+--code="$$CODE"} $${NOTE:+--note="$$NOTE"} \
		$${RECEIPT:+--receipt} $${RENEW:+--renew="$$RENEW"}

# NO may list several 受理编号 separated by spaces: split into words, never globbed or evaluated.
notices: $(VENV)/.installed
	@set -f; $(PY) -m gongkai notices $$NO $${OPEN:+--open} $${OUTCOME:+--outcome="$$OUTCOME"} $${OUT:+--out="$$OUT"}

import-requests: $(VENV)/.installed
	@test -n "$$SRC" || { echo "用法：make import-requests SRC=台账.xlsx或.csv [MAPPING=映射.yml] [WRITE=1]"; exit 2; }
	@$(PY) -m gongkai import-requests "$$SRC" $${MAPPING:+--mapping="$$MAPPING"} $${WRITE:+--write} \
		$${SHEET:+--sheet="$$SHEET"}

bench-ysqgk: $(VENV)/.installed
	$(PY) -m bench --only requests $(BENCH_ARGS)
