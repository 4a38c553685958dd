# alternative: hand-written character-scan tokenizer, candidate set from the union of postings, per-document score summed over query terms in order, top-k via heapq.nsmallest.
import heapq
import math

_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _tokenize(text):
    out = []
    cur = []
    for ch in text.lower():
        if ch in _ALNUM:
            cur.append(ch)
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out


class InvertedIndex:
    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        for v in (k1, b):
            if type(v) is bool or not isinstance(v, (int, float)):
                raise ValueError("parameters must be numbers")
        if not k1 >= 0:
            raise ValueError("k1 must be >= 0")
        if not (0 <= b <= 1):
            raise ValueError("b must be in [0, 1]")
        self._k1 = float(k1)
        self._b = float(b)
        self._index = {}   # term -> {doc_id: tf}
        self._docs = {}    # doc_id -> (dl, tuple of distinct terms)
        self._sum_dl = 0

    def add(self, doc_id: str, text: str) -> None:
        if type(doc_id) is not str and not isinstance(doc_id, str):
            raise ValueError("doc_id must be str")
        if doc_id == "" or doc_id in self._docs:
            raise ValueError("doc_id empty or already present")
        if not isinstance(text, str):
            raise ValueError("text must be str")
        toks = _tokenize(text)
        tf = {}
        for t in toks:
            tf[t] = tf.get(t, 0) + 1
        for t, c in tf.items():
            bucket = self._index.get(t)
            if bucket is None:
                bucket = self._index[t] = {}
            bucket[doc_id] = c
        self._docs[doc_id] = (len(toks), tuple(tf))
        self._sum_dl += len(toks)

    def remove(self, doc_id: str) -> None:
        try:
            dl, terms = self._docs.pop(doc_id)
        except (KeyError, TypeError):
            raise KeyError(doc_id)
        self._sum_dl -= dl
        for t in terms:
            bucket = self._index[t]
            bucket.pop(doc_id)
            if not bucket:
                self._index.pop(t)

    def search(self, query: str, k: int = 10) -> list[tuple[str, float]]:
        if type(k) is not int and (isinstance(k, bool) or not isinstance(k, int)):
            raise ValueError("k must be int")
        if isinstance(k, bool) or k < 1:
            raise ValueError("k must be >= 1")
        if not self._docs:
            return []
        seen = set()
        terms = []
        for t in _tokenize(query):
            if t not in seen and t in self._index:
                seen.add(t)
                terms.append(t)
        if not terms:
            return []
        n = len(self._docs)
        avgdl = self._sum_dl / n
        idfs = []
        for t in terms:
            df = len(self._index[t])
            idfs.append(math.log(1 + (n - df + 0.5) / (df + 0.5)))
        candidates = set()
        for t in terms:
            candidates.update(self._index[t])
        k1, b = self._k1, self._b
        scored = []
        for d in candidates:
            dl = self._docs[d][0]
            denom_part = k1 * (1 - b + b * dl / avgdl)
            s = 0.0
            for t, idf in zip(terms, idfs):
                tf = self._index[t].get(d)
                if tf:
                    s += idf * tf * (k1 + 1) / (tf + denom_part)
            scored.append((-s, d))
        best = heapq.nsmallest(k, scored)
        return [(d, -ns) for ns, d in best]
