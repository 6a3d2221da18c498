"""The clean stage: from a raw scraped :class:`~marsad.model.Document` to an
:class:`~marsad.model.Article` with title, byline, dateline, the outlet's embedded summary
kept apart, paragraph/heading blocks, and every removed line recorded with its reason.

    from marsad.clean import clean_document, CleanSettings, CleanError
    article = clean_document(doc)                      # raises CleanError(reason)
"""

from marsad.clean.document import clean_document
from marsad.clean.settings import CleanError, CleanSettings

__all__ = ["CleanError", "CleanSettings", "clean_document"]
