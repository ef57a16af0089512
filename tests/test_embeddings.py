"""The shipped static sentence-embedding model (model2vec) and `sitreps.embeddings`."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import numpy as np
import pytest

from sitreps import embeddings


@pytest.fixture(scope="module")
def model():
    return embeddings.load_static_model()


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_model_loads_once_and_has_its_build_record(model):
    assert embeddings.load_static_model() is model
    folder = embeddings.embeddings_path()
    build = json.loads((folder / "BUILD.json").read_text())
    assert build["source_model"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert embeddings.dimensions() == build["pca_dims"]
    # nothing of the build machine's paths in what ships
    assert "/" not in json.loads((folder / "config.json").read_text())["tokenizer_name"].replace(
        "sentence-transformers/", "")


def test_shipped_model_is_small():
    folder = embeddings.embeddings_path()
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    assert size < 20 * 2**20


def test_vectors_are_unit_length_float32_rows(model):
    texts = ["Militants ambushed an army patrol near Gao.", "Students marched through Dakar on Friday."]
    vectors = embeddings.sentence_vectors(texts)
    assert vectors.shape == (2, embeddings.dimensions())
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert np.array_equal(vectors[1], embeddings.sentence_vector(texts[1]))


def test_empty_input_and_empty_text(model):
    assert embeddings.sentence_vectors([]).shape == (0, embeddings.dimensions())
    assert not embeddings.sentence_vector("").any()


def test_similar_events_are_near_and_different_ones_far(model):
    shelled = embeddings.sentence_vector("Rebel artillery shelled the outskirts of the town overnight.")
    bombarded = embeddings.sentence_vector("Insurgent guns bombarded the edge of the city during the night.")
    pounded = embeddings.sentence_vector("Rebel mortars pounded the outskirts of the town overnight.")
    march = embeddings.sentence_vector("Teachers held a peaceful march to demand unpaid wages.")
    flood = embeddings.sentence_vector("Heavy flooding destroyed crops and houses in the delta.")
    # a static model is cruder than its teacher (shared words count for much), but the order holds
    assert cosine(shelled, bombarded) > cosine(shelled, march) + 0.2
    assert cosine(shelled, bombarded) > cosine(shelled, flood)
    assert cosine(shelled, pounded) > cosine(shelled, flood) + 0.2


def test_embedding_is_fast(model):
    texts = [f"On {d} May, gunmen attacked a police post in Kidal, killing {d} officers." for d in range(28)]
    texts = (texts * 36)[:1000]
    start = time.perf_counter()
    embeddings.sentence_vectors(texts)
    assert time.perf_counter() - start < 2.0  # ~0.15 s here; generous for a busy machine


def test_missing_model_fails_clearly_without_a_download(tmp_path, monkeypatch):
    embeddings.load_static_model.cache_clear()
    monkeypatch.setattr(embeddings, "embeddings_path", lambda: tmp_path / "embeddings")
    try:
        with pytest.raises(FileNotFoundError, match="distill_embeddings"):
            embeddings.load_static_model()
    finally:
        monkeypatch.undo()
        embeddings.load_static_model.cache_clear()


def test_no_torch_at_run_time():
    code = ("import sys, sitreps.embeddings as e; e.sentence_vectors(['Troops shelled a village.']); "
            "heavy = ('torch', 'transformers', 'sentence_transformers'); "
            "print(sorted(m for m in heavy if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         timeout=120)
    assert out.stdout.strip() == "[]"
