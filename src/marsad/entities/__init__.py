"""People, organisations and places: mentions per article, one entity per real-world name.

    from marsad.entities import extract_mentions, resolve_entities, EntitySettings

:func:`extract_mentions` is a pure per-article function (recognition, within-article
canonical names, roles, cited sources); :func:`resolve_entities` merges mentions across the
corpus into :class:`marsad.model.Entity` records with role histories.
"""

from marsad.entities.extract import extract_mentions
from marsad.entities.resolve import date_roles, resolve_entities
from marsad.entities.settings import EntitySettings

__all__ = ["EntitySettings", "date_roles", "extract_mentions", "resolve_entities"]
