# The two commands a new user runs (see README):
#   make run    install everything, index the bundled corpus, serve the web app
#   make test   install everything (with test tools), run the test suite
.PHONY: run test setup setup-test index serve eval bench

run: setup index serve

test: setup-test
	HF_HUB_OFFLINE=1 .venv/bin/python -m pytest -q -n 2 --dist loadfile --durations=25

setup:
	scripts/setup.sh

setup-test:
	scripts/setup.sh --test

index:
	HF_HUB_OFFLINE=1 .venv/bin/kyoten reindex

serve:
	HF_HUB_OFFLINE=1 .venv/bin/kyoten serve --host $${KYOTEN_HOST:-127.0.0.1} --port $${KYOTEN_PORT:-8000}

eval:
	HF_HUB_OFFLINE=1 .venv/bin/kyoten eval ../shared/eval/dev.jsonl

bench:
	HF_HUB_OFFLINE=1 .venv/bin/kyoten bench --sizes 1000,10000
