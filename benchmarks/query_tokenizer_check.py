"""Are query vectors unchanged by the compact query tokenizer? (issue 13, serving RSS)

    python -m benchmarks.query_tokenizer_check QUERIES.jsonl [...] [--precision fp32] [--random 3000]

In one process, two ONNX encoders of the same export: one tokenises queries
with :class:`indexer.unigram_tokenizer.UnigramTokenizer` (what a server runs
now), the other with the directory's fast tokenizer (transformers, what it ran
before). For every ``query`` of the JSON lines given it compares the token ids
and the query vectors (max abs difference, cosine); then the ids alone (with
and without special tokens) on every line of the seed reports with the passage
prompt and on ``--random`` seeded random strings mixing the kinds of text a
user can type (kana, kanji, half-width kana, full-width and ideographic
spaces, emoji, characters outside the vocabulary, the special tokens' own
spellings such as ``<mask>``, very long texts). It also times the two
tokenisers per query. Exit status 1 if any id or vector differs.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]

_PIECES = list("abcXYZ 　\t\n<>/!?。、ー・（）()①②Ⅱⅲ＃%％ｶﾞｱ가한𠮷😀🇯🇵̈é\u200b\x85\x1c") + [
    "<s>", "</s>", "<mask>", "<unk>", "<pad>", " <mask>", "  ", "子育て", "支援", "拠点", "令和5年度", "ひろば"]


def random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 25))) for _ in range(n)]
    return texts + ["", " ", "<mask>", " <mask> ", "a<mask>b", "\u3000<mask>", "<s><s>", "x" * 3000,
                    "query: " + "地域子育て支援拠点" * 200]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.query_tokenizer_check", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+")
    parser.add_argument("--model", type=Path, default=REPO / "models" / "multilingual-e5-small")
    parser.add_argument("--precision", default="fp32")
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus")
    parser.add_argument("--random", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    from indexer.onnx_encoder import OnnxSentenceEncoder

    compact = OnnxSentenceEncoder(args.model, precision=args.precision)
    fast = OnnxSentenceEncoder(args.model, precision=args.precision)
    if compact.compact_tokenizer is None:
        print("the model's tokenizer is not one the compact tokenizer covers")
        return 1
    fast.compact_tokenizer = None  # queries through transformers' fast tokenizer, as before
    prompt = compact.prompts.get("query", "")
    queries = [json.loads(line)["query"] for f in args.files
               for line in Path(f).read_text(encoding="utf-8").splitlines() if line.strip()]
    limit = {"truncation": True, "max_length": compact.max_seq_length}
    ids_differ = sum(compact.compact_tokenizer(prompt + q, **limit)["input_ids"]
                     != fast.tokenizer(prompt + q, verbose=False, **limit)["input_ids"] for q in queries)
    a = np.stack([compact.encode([q], prompt=prompt, normalize_embeddings=True)[0] for q in queries])
    b = np.stack([fast.encode([q], prompt=prompt, normalize_embeddings=True)[0] for q in queries])
    diff = float(np.abs(a - b).max())
    cos = float(np.sum(a * b, axis=1).min())
    print(f"{len(queries)} queries: token ids differ for {ids_differ}; vectors max abs diff {diff:.3g}, "
          f"min cosine {cos:.9f}")

    passage = compact.prompts.get("passage", "")
    lines = [passage + line for f in sorted(args.corpus.glob("*"))
             for line in f.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    texts = lines + random_texts(args.random, args.seed)
    other = 0
    for text in texts:
        for specials in (True, False):
            if (compact.compact_tokenizer(text, add_special_tokens=specials, **limit)["input_ids"]
                    != fast.tokenizer(text, add_special_tokens=specials, verbose=False, **limit)["input_ids"]):
                other += 1
                if other <= 5:
                    print("differs:", repr(text[:80]), "specials" if specials else "no specials")
    print(f"{len(lines)} report lines + {len(texts) - len(lines)} random texts, with and without special "
          f"tokens: {other} of {2 * len(texts)} tokenisations differ")

    timings = {}
    for name, tok in (("compact", compact.compact_tokenizer), ("fast", fast.tokenizer)):
        started = time.perf_counter()
        for _ in range(5):
            for q in queries:
                tok(prompt + q, **limit)
        timings[name] = (time.perf_counter() - started) / (5 * len(queries)) * 1000
    print("tokenising a query, ms (mean of 5 rounds): " + ", ".join(f"{k} {v:.3f}" for k, v in timings.items()))
    ok = ids_differ == 0 and other == 0 and diff <= 1e-5 and cos >= 0.99999
    print("identical" if ok else "DIFFERENT")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
