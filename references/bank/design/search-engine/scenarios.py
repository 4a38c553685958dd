"""Large scenario: a corpus of thousands of documents and a thousand queries; observes a checksum."""
import hashlib
import random


def _vocabulary(size: int) -> list[str]:
    return [f"w{i}" for i in range(size)]


def corpus(module, *, docs: int, words_per_doc: int, vocabulary: int, queries: int,
           removals: int, seed: int) -> dict:
    rng = random.Random(seed)
    words = _vocabulary(vocabulary)
    index = module.InvertedIndex()
    for i in range(docs):
        length = rng.randint(words_per_doc // 2, words_per_doc * 3 // 2)
        # a skewed distribution: low-numbered words are common, high-numbered ones rare
        text = " ".join(words[int(rng.random() ** 2 * vocabulary)] for _ in range(length))
        index.add(f"d{i:06d}", text)
    for doc in rng.sample(range(docs), removals):
        index.remove(f"d{doc:06d}")
    digest = hashlib.sha256()
    score_sum = 0.0
    hits = 0
    for _ in range(queries):
        terms = [words[rng.randrange(vocabulary // 4, vocabulary)] for _ in range(rng.randint(1, 3))]
        results = index.search(" ".join(terms), 10)
        for doc_id, score in results:
            digest.update(doc_id.encode())
            score_sum += score
        hits += len(results)
    return {"ids_sha256": digest.hexdigest(), "hits": hits, "score_sum": round(score_sum, 6)}
