"""The .npz format of the project's trained linear models (`stages.event_classifier`,
`stages.argument_linker`): labels, feature names in index order, float16 weights, bias and a JSON meta;
a model may add arrays of its own."""

from __future__ import annotations

import json

import numpy as np


def save_linear(path, labels, index: dict[str, int], weights: np.ndarray, bias: np.ndarray, meta: dict,
                **extra: np.ndarray) -> None:
    """Write a model as a compressed .npz (float16 weights keep it small)."""
    names = sorted(index, key=index.__getitem__)
    np.savez_compressed(
        path,
        labels=np.array(labels),
        features=np.array(names),
        weights=weights.astype(np.float16),
        bias=bias.astype(np.float32),
        meta=np.array(json.dumps(meta, sort_keys=True)),
        **extra,
    )


def load_linear(source) -> tuple[tuple[str, ...], dict[str, int], np.ndarray, np.ndarray, dict,
                                 dict[str, np.ndarray]]:
    """Read what `save_linear` wrote, from a path or an open binary file: labels, feature index, float32
    weights and bias, meta, and the model's own arrays by name."""
    with np.load(source, allow_pickle=False) as npz:
        names = [str(x) for x in npz["features"]]
        extra = {k: npz[k] for k in npz.files if k not in ("labels", "features", "weights", "bias", "meta")}
        return (
            tuple(str(x) for x in npz["labels"]),
            {name: i for i, name in enumerate(names)},
            npz["weights"].astype(np.float32),
            npz["bias"].astype(np.float32),
            json.loads(str(npz["meta"])),
            extra,
        )
