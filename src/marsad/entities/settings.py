"""Options of the entity stage, gathered in one place."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    # a second CRF pass that sees the first pass's labels of the same word elsewhere in the article
    # (document consistency: a bare surname named in full earlier). Off by default: it gained
    # inside the training data (cross-validation) and on AQMAR dev, not on the held-out news
    # sets, and it costs ~40% of the stage's speed (see the issue-14 note, session 4)
    tagger_two_pass: bool = False
    # the tagger's inner loops compiled by numba (same labels as the numpy twins, bit for bit;
    # the stage ~40% faster). Off saves numba's ~150 MB of resident memory per process, for a
    # long-running watcher on a small machine (see the session-6 note). Left out of repr and
    # equality: it changes no result, so turning it off must not make the corpus state rebuild
    compiled_tagger: bool = field(default=True, repr=False, compare=False)
    # tagger_first: the CRF's spans win over every rule (rules keep only roles and canonicals of
    # the spans they share). Chosen on the dev sets (AQMAR dev, Wojood val) by
    # benchmarks/bench_entities.py; rules-first was 0.08-0.11 F1 lower on every set.
    tagger_first: bool = True
    rule_fill_priority: float = 99  # with tagger_first: rules below this may not fill the CRF's gaps ...
    fill_listed: bool = False  # ... unless they are a gazetteer name (any type)
    rule_contain_priority: float = 99  # rules of this priority holding a CRF span replace it (ORG/LOC)
    # listed organisations and outlets fill the CRF's gaps, and an outlet's full name replaces the
    # CRF's part of it ("وكالة سانا" over "سانا"): sources are cited by their outlet name
    fill_org_sources: bool = True
    # a body named by head and nationality ("وزارة الخارجية السورية", "الحكومة اليمنية") fills the
    # CRF's gaps: Wojood and the seeds mark these ORG, ANERcorp and AQMAR do not. Off: on the
    # training folds (CRF labels of models that never saw them, tune_entities.py --rules) it cost
    # 0.006 pooled micro-F1 (ANERcorp -0.017, AQMAR -0.001, Wojood +0.005)
    fill_national_bodies: bool = False
    # a role phrase's name replaces the CRF's span inside it ("أحمد" of "الرئيس أحمد الشرع") or
    # reaching back into its title ("فاغنر يفغيني بريغوجين" of "قائد مجموعة فاغنر يفغيني بريغوجين")
    role_names: bool = True
    # a place or body named after a person ("مطار الملك عبدالعزيز الدولي") fills the CRF's gaps
    fill_eponyms: bool = True
    # a person named by a role phrase ("الرئيس السوري ... أحمد الشرع") fills the CRF's gaps
    fill_role_persons: bool = False
    propagate_surnames: bool = True
    person_similarity: float = 80.0
    name_similarity: float = 90.0
    source_window: int = 6  # tokens before an outlet searched for a reporting cue

    def __post_init__(self) -> None:
        for name in ("person_similarity", "name_similarity"):
            if not 0 <= getattr(self, name) <= 100:
                raise ValueError(f"EntitySettings.{name} must be within 0..100, got {getattr(self, name)}")
