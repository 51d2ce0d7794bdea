# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
RUNTIME_STAMP := $(VENV)/.runtime-installed
BUILD_STAMP := $(VENV)/.build-installed
DEV_STAMP := $(VENV)/.dev-installed
PO_FILES := $(wildcard locale/*/LC_MESSAGES/*.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run test test-fast install install-dev lint format messages compilemessages demo bench bench-data \
        faults backup restore lock clean check-deploy audit worker beat

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME_STAMP): config/requirements/runtime.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r config/requirements/runtime.txt
	@touch $@

# Babel is a build tool (it compiles .po to .mo), so it has its own file and is not in runtime.txt.
$(BUILD_STAMP): config/requirements/build.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r config/requirements/build.txt
	@touch $@

$(DEV_STAMP): config/requirements/dev.txt $(RUNTIME_STAMP) $(BUILD_STAMP)
	$(BIN)/pip install --quiet --disable-pip-version-check -r config/requirements/dev.txt
	@touch $@

install: $(RUNTIME_STAMP) compilemessages
install-dev: $(DEV_STAMP) compilemessages

# .mo files are built with Babel, so no GNU gettext is needed on the machine.
%.mo: %.po $(BUILD_STAMP)
	$(BIN)/pybabel compile --use-fuzzy -i $< -o $@ >/dev/null
compilemessages: $(MO_FILES)

# Extracting strings needs GNU gettext (`apt-get install gettext`); compiling does not.
messages: $(RUNTIME_STAMP)
	$(MANAGE) makemessages -l ru -l ky -l tg -l en --no-obsolete \
		--ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'bench/*'
	$(MAKE) compilemessages

demo: install
	@mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) load_gazetteer
	$(MANAGE) load_demo

run: demo
	@echo ""
	@echo "Community Security Portal: http://127.0.0.1:$(PORT)/"
	@echo "  staff workspace: http://127.0.0.1:$(PORT)/en/staff/   admin: http://127.0.0.1:$(PORT)/admin/"
	@$(MANAGE) demo_accounts
	@echo ""
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# A Celery worker for background jobs (imports, report files, reminders) on the Redis every
# machine of this project runs; start the web with the same REDIS_URL so it queues jobs there
# (`make run REDIS_URL=redis://127.0.0.1:6379/0`). Without REDIS_URL the web runs jobs itself.
WORKER_CONCURRENCY ?= 2
worker beat: export REDIS_URL ?= redis://127.0.0.1:6379/0
worker: install
	$(BIN)/celery -A config worker --loglevel INFO --concurrency $(WORKER_CONCURRENCY)

# The scheduler of periodic jobs (the daily grant report reminders): run exactly one.
beat: install
	@mkdir -p var
	$(BIN)/celery -A config beat --loglevel INFO --schedule var/celerybeat-schedule

# pytest-xdist runs one worker per core, each with its own test database (test_<name>_gw0, …).
TEST_WORKERS ?= auto
test: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

# The same checks and suite without the browser tests (Playwright + Chromium).
test-fast:
	@$(MAKE) --no-print-directory test PYTEST_ARGS='-m "not browser"'

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-deploy: install
	DJANGO_SETTINGS_MODULE=config.settings.production \
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-check-only-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')} \
	DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-portal.example.org} \
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} \
	$(MANAGE) check --deploy --fail-level WARNING

# Known vulnerabilities in the pinned runtime requirements; says "NOT RUN" (exit 0) when
# no advisory database answers, exit 1 when a pinned version has a known vulnerability.
audit: install-dev
	$(BIN)/python .ci/audit.py

bench: install-dev
	$(BIN)/python bench/search_recall.py
	$(BIN)/python bench/run.py
	$(BIN)/python bench/offline_bytes.py

# Generated benchmark data in the database DATABASE_URL names (a dedicated one):
# `make bench-data SCALE=10`. It refuses a database that holds other records.
SCALE ?= 1
bench-data: install-dev
	$(BIN)/python bench/generate.py --scale $(SCALE) -v2

# The scale-out drills run on the shared server, except the database restart: that one runs
# on the cluster bench/faults.py made for itself (port 5439), the only server it may restart.
faults: install-dev
	$(BIN)/python bench/faults.py
	$(BIN)/python bench/faults_scaleout.py
	DATABASE_SERVER=postgres@127.0.0.1:5439 $(BIN)/python bench/faults_scaleout.py --only restart

backup: install
	$(BIN)/python bench/backup.py backup

restore: install
	$(BIN)/python bench/backup.py restore "$(FILE)"

# Re-resolve the newest allowed versions into the lock files.
lock:
	rm -rf /tmp/portal-lock && $(PYTHON) -m venv /tmp/portal-lock
	/tmp/portal-lock/bin/pip install --quiet --upgrade pip
	/tmp/portal-lock/bin/pip install --quiet -e .
	{ echo '# Exact versions installed by `make`; regenerate with `make lock`.'; \
	  /tmp/portal-lock/bin/pip freeze --exclude-editable; } > config/requirements/runtime.txt
	/tmp/portal-lock/bin/pip install --quiet -e '.[build]'
	{ echo '# Build-time tools: Babel compiles .po to .mo; the running portal never imports it.'; \
	  /tmp/portal-lock/bin/pip freeze --exclude-editable \
	    | grep -vxFf config/requirements/runtime.txt; } > config/requirements/build.txt
	/tmp/portal-lock/bin/pip install --quiet -e '.[build,dev]'
	{ echo '# Test and development tools on top of runtime.txt and build.txt; regenerate with `make lock`.'; \
	  echo '-r runtime.txt'; echo '-r build.txt'; \
	  /tmp/portal-lock/bin/pip freeze --exclude-editable | grep -vxFf config/requirements/runtime.txt \
	    | grep -vxFf config/requirements/build.txt; } > config/requirements/dev.txt

clean:
	rm -rf $(VENV) var/static
