# Gongkai — every entry point. `make serve` and `make test` do all set-up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export PYTHONDONTWRITEBYTECODE := 1

# Values people type (make new TITLE='…', make verify TARGET=…) reach the commands only through the
# environment, never through the recipe text: each is made a literal (make would otherwise expand
# $(…) in it) and exported, and recipes pass it as "$$NAME". Nothing an editor types is ever run
# by make or the shell, and every character — quotes, backticks, $(…), ; — arrives as typed.
USER_VARS := CATEGORY TITLE PUBLISHER DATE SRC FORMAT MAPPING WRITE UPDATE IMPORT_ARGS TARGET MANIFEST TO \
             PORT BIND TODAY CHANNEL APPLICANT NO CODE NOTE RECEIPT RENEW OPEN OUTCOME OUT SHEET
$(foreach v,$(USER_VARS),$(eval override $(v) := $$(value $(v))))
export $(USER_VARS)

.PHONY: setup serve html check new lint test bench clean help
.DEFAULT_GOAL := help

help:
	@echo "make serve   构建示例站点到 output.preview/ 并在 http://127.0.0.1:8000 预览，保存后自动刷新（PORT=8001 BIND=0.0.0.0 可改）"
	@echo "make test    运行全部测试（自动安装依赖，包括 Chromium）"
	@echo "make html    只构建到 output/"
	@echo "make check   只校验目录（合并请求检查）"
	@echo "make new     新建条目：make new CATEGORY=规章 TITLE=… [PUBLISHER=…] [DATE=YYYY-MM-DD]"
	@echo "make lint    代码检查（ruff；make test 也会运行）"
	@echo "make bench   性能基准"
	@echo "make import  导入旧系统的目录：make import SRC=导出.xlsx [MAPPING=映射.yml] [WRITE=1] [UPDATE=1]"
	@echo "make publish 生产构建 + 网站检查 + 清单（publishconf.py）"
	@echo "make sitecheck  对 output/ 运行网站检查（断链、空白栏目、栏目不更新、个人信息……）"
	@echo "make deploy / make rollback [TO=…] / make verify [TARGET=目录或网址]  部署、回滚、防篡改校验，见 docs/operator-guide.md"

# --- set-up -------------------------------------------------------------------------------------
$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# Debian's chromium (never a downloaded browser); rsync/openssh for deploy tests.
.cache/system.installed: scripts/setup-system.sh
	bash scripts/setup-system.sh
	mkdir -p .cache && touch $@

setup: $(VENV)/.installed node_modules/.installed .cache/system.installed

# --- site ------------------------------------------------------------------------------------------
html: $(VENV)/.installed node_modules/.installed
	$(PY) -m gongkai build

# make serve [PORT=8001] [BIND=0.0.0.0]
serve: $(VENV)/.installed node_modules/.installed
	$(PY) -m gongkai serve $${PORT:+--port="$$PORT"} $${BIND:+--bind="$$BIND"}

check: $(VENV)/.installed
	$(PY) -m gongkai check $${FORMAT:+--format="$$FORMAT"}

new: $(VENV)/.installed
	$(PY) -m gongkai new $${CATEGORY:+--category="$$CATEGORY"} $${TITLE:+--title="$$TITLE"} \
		$${PUBLISHER:+--publisher="$$PUBLISHER"} $${DATE:+--date="$$DATE"}

# --- quality ------------------------------------------------------------------------------------
lint: $(VENV)/.installed
	$(PY) -m ruff check .

test: setup lint
	$(PY) -m pytest $(PYTEST_ARGS)

$(VENV)/.bench-installed: $(VENV)/.installed requirements-bench.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	touch $@

bench: $(VENV)/.installed $(VENV)/.bench-installed node_modules/.installed
	$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf output output.partial output.old output.publish output.preview output*.lock .cache .pytest_cache

-include mk/*.mk
