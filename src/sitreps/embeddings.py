"""Dense sentence embeddings from the static model shipped in `data/embeddings/` (model2vec; no torch).

A sentence's vector is the SIF-weighted mean of fixed word-piece vectors distilled from the sentence
transformer all-MiniLM-L6-v2 (see `sitreps.distill_embeddings`, which builds the folder), unit length, so
that "shelled", "bombarded" and "pounded" land near one another. Tens of thousands of sentences a second
on one core: cheap enough to embed every sentence the pipeline types.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from model2vec import StaticModel

EMBEDDINGS_DIR = Path(__file__).resolve().parent / "data" / "embeddings"
# word pieces past this are dropped (the distilled config's own limit): a note's gist comes first
MAX_PIECES = 512


def embeddings_path() -> Path:
    """The folder of the shipped static model (model2vec's save_pretrained layout)."""
    return Path(str(resources.files("sitreps") / "data" / "embeddings"))


@lru_cache(maxsize=1)
def load_static_model() -> StaticModel:
    """The shipped static model, read once per process."""
    from model2vec import StaticModel

    path = embeddings_path()
    # model2vec takes a path it cannot find for a Hugging Face hub name and would try to download it
    if not (path / "model.safetensors").is_file():
        raise FileNotFoundError(f"no static embedding model at {path}; build it with "
                                "`python -m sitreps.distill_embeddings` (see training/README.md)")
    return StaticModel.from_pretrained(path, normalize=True, max_length=MAX_PIECES)


def dimensions() -> int:
    """The length of one sentence vector."""
    return int(load_static_model().dim)


def sentence_vectors(texts: list[str]) -> np.ndarray:
    """Float32 vectors, one row per text: (len(texts), dimensions()); an empty text gives zeros."""
    if not texts:
        return np.zeros((0, dimensions()), dtype=np.float32)
    model = load_static_model()
    # one process: forking a worker pool costs more than it saves on a 2-core machine and inside a server
    vectors = model.encode(list(texts), use_multiprocessing=False, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)


def sentence_vector(text: str) -> np.ndarray:
    """The vector of one text (see `sentence_vectors`)."""
    return sentence_vectors([text])[0]
