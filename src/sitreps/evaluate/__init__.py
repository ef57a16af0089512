"""`sitreps evaluate`: score sitreps on annotated data in the formats of public gold sets.

Each task is a module in `sitreps.evaluate.tasks` with:
    PATTERN: str                     # glob of the files it reads under DIR (e.g. "geoparsing/*.xml")
    def evaluate(files: list[Path], limit: int | None) -> TaskResult

Loaders (`sitreps.evaluate.loaders`) read the files into typed gold records; scorers
(`sitreps.evaluate.scoring`) are small pure functions tested on hand-made examples.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# task name -> module under sitreps.evaluate.tasks
TASKS: dict[str, str] = {
    "geoparse": "geoparse",
    "timex": "timex",
    "fatalities": "fatalities",
    "event-type": "event_type",
    "event-location": "event_location",
    "arguments": "arguments",
    "attribution": "attribution",
    "plover": "plover",
    "seed": "seed",
    "fusion": "fusion",
}


@dataclass
class TaskResult:
    """Metrics per set (file or split folder) and pooled over all records."""

    task: str
    data: str
    sets: dict[str, dict[str, Any]] = field(default_factory=dict)
    overall: dict[str, Any] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)  # tables for people: confusions, per-label F1, ...

    def to_json(self) -> dict[str, Any]:
        return {"task": self.task, "data": self.data, "sets": self.sets, "overall": self.overall}


def task_module(name: str):
    if name not in TASKS:
        raise KeyError(f"unknown task {name!r}; tasks: {', '.join(TASKS)} or all")
    return importlib.import_module(f"sitreps.evaluate.tasks.{TASKS[name]}")


def task_files(name: str, data_dir: Path) -> list[Path]:
    """Every file under `data_dir` matching the task's pattern, sorted (no fixed file names)."""
    module = task_module(name)
    patterns = module.PATTERN if isinstance(module.PATTERN, list | tuple) else [module.PATTERN]
    files: set[Path] = set()
    for pattern in patterns:
        files.update(p for p in data_dir.glob(pattern) if p.exists())
    return sorted(files)


def run(name: str, data_dir: str | Path, limit: int | None = None) -> TaskResult:
    """Run one task on the files under `data_dir`."""
    data_dir = Path(data_dir)
    files = task_files(name, data_dir)
    if not files:
        raise FileNotFoundError(f"{name}: no files matching {task_module(name).PATTERN} under {data_dir}")
    result = task_module(name).evaluate(files, limit)
    result.task, result.data = name, str(data_dir)
    return result


def implemented() -> list[str]:
    """Tasks whose module is installed."""
    import importlib.util

    return [n for n, m in TASKS.items() if importlib.util.find_spec(f"sitreps.evaluate.tasks.{m}")]


def available(data_dir: str | Path) -> list[str]:
    """Tasks whose files exist under `data_dir` (what `evaluate all` runs)."""
    return [name for name in implemented() if task_files(name, Path(data_dir))]
