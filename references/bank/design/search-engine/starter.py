"""An in-memory inverted index ranked with BM25."""


class InvertedIndex:
    """Inverted index over documents keyed by str ids.

    Tokens: lower-cased maximal runs of [a-z0-9]. Score: BM25 with
    idf = ln(1 + (N - df + 0.5) / (df + 0.5)), summed over the distinct query terms in order of
    first appearance. Results sorted by score descending, then doc_id ascending.
    """

    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        """k1 >= 0 and 0 <= b <= 1, else ValueError."""
        raise NotImplementedError

    def add(self, doc_id: str, text: str) -> None:
        """Index text under doc_id. ValueError for an empty/non-str id, an id already present,
        or a non-str text. O(len(text))."""
        raise NotImplementedError

    def remove(self, doc_id: str) -> None:
        """Remove a document; KeyError if it is not in the index. O(distinct terms of the doc)."""
        raise NotImplementedError

    def search(self, query: str, k: int = 10) -> list[tuple[str, float]]:
        """Return up to k (doc_id, score) pairs, best first, for documents that contain at least
        one query term. ValueError if k is not an int >= 1. Touches only the postings of the
        query terms, never every document."""
        raise NotImplementedError
