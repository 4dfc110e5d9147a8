"""The knowledge base: topic files, their loader and checker, search and rendering.

Domain code: nothing here imports `telegram`. A handler needs four calls:
`load_kb` (or `validate.check`), `SearchIndex.build(kb).search(text, lang,
country=...)`, `render_answer_html` and `split_message`. Content is per country
(faq/content/<cc>/ and shared/); resolve a hit with `kb.topic(hit.country, hit.topic_id)`.
"""

from core.languages import LANGUAGES
from faq.loader import LoadResult, load_kb
from faq.model import (
    CATEGORIES,
    SHARED,
    ContentWarning,
    KnowledgeBase,
    Problem,
    Source,
    Topic,
    TopicText,
)
from faq.render import AnswerLabels, render_answer_html, split_message
from faq.search import Hit, SearchIndex, SearchResult

__all__ = [
    "CATEGORIES",
    "LANGUAGES",
    "SHARED",
    "AnswerLabels",
    "ContentWarning",
    "Hit",
    "KnowledgeBase",
    "LoadResult",
    "Problem",
    "SearchIndex",
    "SearchResult",
    "Source",
    "Topic",
    "TopicText",
    "load_kb",
    "render_answer_html",
    "split_message",
]
