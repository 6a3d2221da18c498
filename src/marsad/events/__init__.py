"""Who said what and who met whom: quotations and meetings per article.

    from marsad.events import extract_quotes, extract_meetings, link_entities

Both are pure per-article stages that run after entities (they read ``Article.mentions``);
:func:`link_entities` copies corpus entity ids onto speakers and participants once the
corpus stage has resolved them.
"""

from marsad.events.meetings import extract_meetings, link_entities, merge_meetings
from marsad.events.quotes import extract_quotes

__all__ = ["extract_meetings", "extract_quotes", "link_entities", "merge_meetings"]
