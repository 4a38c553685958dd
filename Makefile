# The two commands: `make run` and `make test`. Both work on a fresh machine and are fast
# when everything is already in place. The steps live in scripts/ so they can be read alone.
SHELL := /bin/bash

.PHONY: run test compose-test lint redis-stop pg-stop clean

run:  ## start Redis, web (daphne) and a Celery worker; Ctrl-C stops them
	@scripts/run.sh

test:  ## install what the tests need, then ruff + pytest on PostgreSQL (+ a SQLite smoke set); PYTEST_ARGS narrows it
	@scripts/test.sh $(PYTEST_ARGS)

compose-test:  ## the production stack from local images, end to end through the API
	@scripts/compose-test.sh

lint:
	@scripts/venv.sh requirements-dev.txt && .venv/bin/ruff check .

redis-stop:  ## stop a local Redis left behind (e.g. after a killed `make run`)
	@scripts/redis.sh stop; REDIS_URL=redis://127.0.0.1:6390/0 scripts/redis.sh stop

pg-stop:  ## stop a test PostgreSQL left behind (TEST_PG_PORT, default 5433)
	@scripts/postgres.sh stop

clean:  ## remove the virtualenv and local data (database, Redis and PostgreSQL data)
	@$(MAKE) --no-print-directory redis-stop pg-stop
	rm -rf .venv .data staticfiles
