# mutant: counts a term repeated in the query once per occurrence
"""An inverted index ranked with BM25 (canonical solution).

Postings map term -> {doc_id: term frequency}, so a query touches only the documents that
contain one of its terms; N and the total length are kept incrementally for avgdl.
"""
import heapq
import math
import re

_TOKEN = re.compile(r"[a-z0-9]+")


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


class InvertedIndex:
    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        if isinstance(k1, bool) or not isinstance(k1, (int, float)) or k1 < 0:
            raise ValueError("k1 must be a number >= 0")
        if isinstance(b, bool) or not isinstance(b, (int, float)) or not 0 <= b <= 1:
            raise ValueError("b must be a number in [0, 1]")
        self._k1 = float(k1)
        self._b = float(b)
        self._postings: dict[str, dict[str, int]] = {}
        self._doc_terms: dict[str, dict[str, int]] = {}
        self._doc_length: dict[str, int] = {}
        self._total_length = 0

    def __len__(self) -> int:
        return len(self._doc_length)

    def add(self, doc_id: str, text: str) -> None:
        if not isinstance(doc_id, str) or not doc_id:
            raise ValueError("doc_id must be a non-empty str")
        if not isinstance(text, str):
            raise ValueError("text must be a str")
        if doc_id in self._doc_length:
            raise ValueError(f"duplicate doc_id {doc_id!r}")
        tokens = tokenize(text)
        counts: dict[str, int] = {}
        for token in tokens:
            counts[token] = counts.get(token, 0) + 1
        for term, tf in counts.items():
            self._postings.setdefault(term, {})[doc_id] = tf
        self._doc_terms[doc_id] = counts
        self._doc_length[doc_id] = len(tokens)
        self._total_length += len(tokens)

    def remove(self, doc_id: str) -> None:
        if doc_id not in self._doc_length:
            raise KeyError(doc_id)
        for term in self._doc_terms.pop(doc_id):
            posting = self._postings[term]
            del posting[doc_id]
            if not posting:
                del self._postings[term]
        self._total_length -= self._doc_length.pop(doc_id)

    def search(self, query: str, k: int = 10) -> list[tuple[str, float]]:
        if not isinstance(query, str):
            raise ValueError("query must be a str")
        if isinstance(k, bool) or not isinstance(k, int) or k < 1:
            raise ValueError("k must be a positive int")
        terms = tokenize(query)  # distinct, in order of first appearance
        n_docs = len(self._doc_length)
        if not terms or n_docs == 0:
            return []
        avgdl = self._total_length / n_docs
        scores: dict[str, float] = {}
        for term in terms:
            posting = self._postings.get(term)
            if not posting:
                continue
            df = len(posting)
            idf = math.log(1 + (n_docs - df + 0.5) / (df + 0.5))
            for doc_id, tf in posting.items():
                norm = self._k1 * (1 - self._b + self._b * self._doc_length[doc_id] / avgdl)
                contribution = idf * tf * (self._k1 + 1) / (tf + norm)
                scores[doc_id] = scores.get(doc_id, 0.0) + contribution
        best = heapq.nsmallest(k, scores.items(), key=lambda item: (-item[1], item[0]))
        return [(doc_id, score) for doc_id, score in best]
