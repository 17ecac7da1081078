# Publishing (gongkai/commands/publish.py, deploy.py, rollback.py, verify.py, sitecheck.py); see docs/operator-guide.md.
.PHONY: publish deploy rollback verify sitecheck

publish: $(VENV)/.installed node_modules/.installed
	$(PY) -m gongkai publish $${TODAY:+--today="$$TODAY"} $${FORMAT:+--format="$$FORMAT"}

# make deploy [JSON=deploy.json]   JSON: also write what was sent (files, bytes) for scripts
deploy: $(VENV)/.installed
	$(PY) -m gongkai deploy $${JSON:+--json="$$JSON"}

rollback: $(VENV)/.installed
	$(PY) -m gongkai rollback $${TO:+--to="$$TO"}

# make verify                      the DEPLOY target's current release
# make verify TARGET=/srv/gongkai/current   or   TARGET=https://www.example.gov.cn/
verify: $(VENV)/.installed
	$(PY) -m gongkai verify $${MANIFEST:+--manifest="$$MANIFEST"} $${TARGET:+-- "$$TARGET"}

# Checks of an already built output/ (make html first); make publish runs them too.
sitecheck: $(VENV)/.installed
	$(PY) -m gongkai sitecheck $${TODAY:+--today="$$TODAY"} $${FORMAT:+--format="$$FORMAT"}
