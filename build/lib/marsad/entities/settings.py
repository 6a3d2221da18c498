"""Options of the entity stage, gathered in one place."""

from __future__ import annotations

from dataclasses import dataclass

# The tagger's types kept in the hybrid: its ORG/GPE spans over-fire on newswire (it learnt
# "noun + nisba" as an organisation from the mixed-domain Wojood sample), its persons do not.
TAGGER_TYPES: tuple[str, ...] = ("PERS",)


@dataclass(frozen=True)
class EntitySettings:
    """How mentions are found and merged.

    ``use_tagger`` adds the shipped CRF tagger's spans of ``tagger_types`` where no rule
    fired (rules win on overlap). ``person_similarity`` / ``name_similarity`` are rapidfuzz ratios (0-100) above
    which two spellings in the same block are one entity across the corpus.
    """

    use_tagger: bool = True
    tagger_types: tuple[str, ...] = TAGGER_TYPES
    propagate_surnames: bool = True
    person_similarity: float = 80.0
    name_similarity: float = 90.0
    source_window: int = 6  # tokens before an outlet searched for a reporting cue

    def __post_init__(self) -> None:
        for name in ("person_similarity", "name_similarity"):
            if not 0 <= getattr(self, name) <= 100:
                raise ValueError(f"EntitySettings.{name} must be within 0..100, got {getattr(self, name)}")
