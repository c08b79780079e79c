# The two commands a newcomer needs: `make run` and `make test`. Both create .venv/ when missing.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test soak bench eval lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/orderhub demo

test: $(STAMP)
	tests/peers/ensure-system-packages.sh
	$(BIN)/ruff check .
	$(BIN)/mypy orderhub connectors parsers mappers outbound schemas scheduler
	$(BIN)/python -m pytest -q

soak: $(STAMP)
	tests/peers/ensure-system-packages.sh
	ORDERHUB_SOAK=1 $(BIN)/python -m pytest -q tests/parsers/test_fuzz.py tests/x12diff tests/outbound/test_roundtrip.py
	ORDERHUB_SOAK=1 $(BIN)/python -m pytest -q tests -m soak

bench: $(STAMP)
	$(BIN)/python bench/bench_parse.py
	$(BIN)/python bench/bench_validate.py
	$(BIN)/python bench/bench_capture.py
	$(BIN)/python bench/bench_email.py
	$(BIN)/python bench/bench_workers.py

eval: $(STAMP)
	$(BIN)/orderhub eval fixtures/eval $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy orderhub connectors parsers mappers outbound schemas scheduler

clean:
	rm -rf $(VENV) var
