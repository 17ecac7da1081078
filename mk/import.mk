# Import an existing catalog (CMS export or saved item pages) into catalog/ — docs/editor-guide-import.md
#   make import SRC=导出.csv [FORMAT=csv|xlsx|json|jsonl|html] [MAPPING=映射.yml] [WRITE=1] [UPDATE=1]
#               [CATEGORY=行政规范性文件] [PUBLISHER=…] [IMPORT_ARGS="--add-topics --add-publishers"]
# Without WRITE=1 it is a dry run: it reports what would be written and every problem, and changes nothing.
.PHONY: import
import: $(VENV)/.installed
	@test -n "$$SRC" || { echo "用法：make import SRC=导出文件或文件夹 [FORMAT=csv|xlsx|json|jsonl|html] [MAPPING=映射.yml] [WRITE=1] [UPDATE=1]"; exit 2; }
	@set -f; $(PY) -m gongkai import $${FORMAT:+--format="$$FORMAT"} $${MAPPING:+--mapping="$$MAPPING"} \
		$${WRITE:+--write} $${UPDATE:+--update} $${CATEGORY:+--category="$$CATEGORY"} \
		$${PUBLISHER:+--publisher="$$PUBLISHER"} $$IMPORT_ARGS -- "$$SRC"
