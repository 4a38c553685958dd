# mutant: document length is stored as the number of distinct terms instead of the number of tokens.
import math
import re
from collections import Counter

_TOKEN = re.compile(r"[a-z0-9]+")


def _tokens(text):
    return _TOKEN.findall(text.lower())


def _is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


class InvertedIndex:
    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        if not _is_num(k1) or not (k1 >= 0):
            raise ValueError("k1 must be a number >= 0")
        if not _is_num(b) or not (0 <= b <= 1):
            raise ValueError("b must be in [0, 1]")
        self.k1 = k1
        self.b = b
        self._postings = {}     # term -> {doc_id: tf}
        self._doc_len = {}      # doc_id -> dl
        self._doc_terms = {}    # doc_id -> Counter
        self._total = 0

    def add(self, doc_id: str, text: str) -> None:
        if not isinstance(doc_id, str) or not doc_id or doc_id in self._doc_len:
            raise ValueError("bad doc_id")
        if not isinstance(text, str):
            raise ValueError("text must be str")
        toks = _tokens(text)
        counts = Counter(toks)
        for term, tf in counts.items():
            self._postings.setdefault(term, {})[doc_id] = tf
        self._doc_len[doc_id] = len(counts)
        self._doc_terms[doc_id] = counts
        self._total += len(counts)

    def remove(self, doc_id: str) -> None:
        if doc_id not in self._doc_len:
            raise KeyError(doc_id)
        for term in self._doc_terms.pop(doc_id):
            plist = self._postings[term]
            del plist[doc_id]
            if not plist:
                del self._postings[term]
        self._total -= self._doc_len.pop(doc_id)

    def search(self, query: str, k: int = 10) -> list[tuple[str, float]]:
        if isinstance(k, bool) or not isinstance(k, int) or k < 1:
            raise ValueError("k must be an int >= 1")
        n = len(self._doc_len)
        if n == 0:
            return []
        terms = list(dict.fromkeys(_tokens(query)))
        if not terms:
            return []
        avgdl = self._total / n
        k1, b = self.k1, self.b
        scores = {}
        for t in terms:
            plist = self._postings.get(t)
            if not plist:
                continue
            df = len(plist)
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            for d, tf in plist.items():
                dl = self._doc_len[d]
                norm = (1 - b + b * dl / avgdl) if avgdl > 0 else (1 - b)
                contrib = idf * tf * (k1 + 1) / (tf + k1 * norm)
                scores[d] = scores.get(d, 0.0) + contrib
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        return ranked[:k]
