"""Options of the entity stage, gathered in one place."""

from __future__ import annotations

from dataclasses import dataclass

# The tagger's types kept in the hybrid. The CRF trained on ANERcorp/AQMAR/Wojood beats the rules
# on all three types (benchmarks/bench_entities.py), so all are kept.
TAGGER_TYPES: tuple[str, ...] = ("PERS", "ORG", "LOC")


@dataclass(frozen=True)
class EntitySettings:
    """How mentions are found and merged.

    ``use_tagger`` adds the shipped CRF tagger's spans of ``tagger_types`` where no rule
    fired (rules win on overlap). ``person_similarity`` / ``name_similarity`` are rapidfuzz ratios (0-100) above
    which two spellings in the same block are one entity across the corpus.
    """

    use_tagger: bool = True
    tagger_types: tuple[str, ...] = TAGGER_TYPES
    # tagger_first: the CRF's spans win over every rule (rules keep only roles and canonicals of
    # the spans they share); scores higher on ANERcorp/AQMAR but breaks the Wojood-style span
    # conventions ("مدينة جنين", "البنك المركزي المصري") and seed roles, so it is off by default
    tagger_first: bool = False
    rule_fill_priority: float = 0  # with tagger_first: rules below this may not fill the CRF's gaps ...
    fill_listed: bool = True  # ... unless they are a gazetteer name
    propagate_surnames: bool = True
    person_similarity: float = 80.0
    name_similarity: float = 90.0
    source_window: int = 6  # tokens before an outlet searched for a reporting cue

    def __post_init__(self) -> None:
        for name in ("person_similarity", "name_similarity"):
            if not 0 <= getattr(self, name) <= 100:
                raise ValueError(f"EntitySettings.{name} must be within 0..100, got {getattr(self, name)}")
