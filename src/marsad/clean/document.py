"""Document → Article: the clean stage.

The page is read as lines with raw offsets. Passes mark each line with why it leaves the
body (title, boilerplate, summary box, byline/dateline, footer, caption, teaser), then the
lines that stay become paragraph and heading blocks; a dateline glued to the first
paragraph, boilerplate trailing the last one and headings run into one-line bodies are cut
out as spans. Every removal is recorded with its reason and raw span.
"""

from __future__ import annotations

import html
import re
from itertools import islice

from marsad.arabic.normalize import strip_controls
from marsad.arabic.tokens import content_stems
from marsad.clean import lexicon as lx
from marsad.clean.body import build_body
from marsad.clean.dateline import Credit, read_credit, split_wire_prefix
from marsad.clean.lines import Line, display_text, line_key, split_lines
from marsad.clean.noise import FOOTER_REASONS, is_credit_only, noise_reason, sources_only
from marsad.clean.settings import CleanError, CleanSettings
from marsad.clean.summary_box import find_summary_box
from marsad.clean.unwrap import unwrap_lines
from marsad.model import Article, Caption, Dateline, Document, EmbeddedSummary, RemovedLine

_GALLERY_NAV = re.compile(r"^(?:Next\s+Previous|Previous\s+Next|السابق\s+التالي)\s+", re.IGNORECASE)
_PHOTO_CUES = re.compile(
    r"\b(?:يتصافحان|يتصافح|يصافح|تصافح|يتحدث|تتحدث|يلقي|تلقي|يترأس|يتوسط|يستمع|يحضر|يظهر|تظهر|يقف|يلوح|"
    r"خلال لقائه|خلال اجتماع|أثناء|لقطة|من اليمين|من اليسار)\b"
)
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
# "العنوان | اسم الموقع", "العنوان - الشرق الأوسط": page titles often carry the site name.
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")
_META_REASONS = frozenset({"byline", "dateline", "embedded_summary", "duplicate", "title"})


def clean_document(doc: Document, settings: CleanSettings | None = None) -> Article:
    """The clean :class:`Article` of ``doc``; raises :class:`CleanError` when no body is left."""
    settings = settings or CleanSettings()
    if not doc.text or not doc.text.strip():
        raise CleanError("empty_body", doc.origin)
    page = _Page(doc, settings)
    return page.article()


class _Page:
    """The working state of one document while its lines are judged."""

    def __init__(self, doc: Document, settings: CleanSettings) -> None:
        self.doc = doc
        self.settings = settings
        self.removed: list[RemovedLine] = []
        self.lines = self._strip_gallery_nav(unwrap_lines(doc.text, split_lines(doc.text)))
        self.reason: list[str | None] = [None] * len(self.lines)
        self.title: str | None = _metadata_text(doc.title)
        self.byline: str | None = None
        self.dateline: Dateline | None = None
        self.summary: EmbeddedSummary | None = None
        self._stem_cache: dict[int, set[str]] = {}

    # ------------------------------------------------------------------ passes

    def article(self) -> Article:
        self._mark_title()
        self._mark_noise()
        self._mark_summary_box()
        self._mark_head_credits()
        self._mark_footer()
        self._mark_tag_footer()
        self._mark_captions()
        self._mark_teasers()
        self._mark_appended_ledes()
        self._mark_end_signature(self._kept())
        built = build_body(self.doc.text, [self.lines[i] for i in self._kept()], self.settings)
        title_only = self._check_body(built.text)
        self.removed.extend(built.removed)
        if built.wire:
            self.dateline = self.dateline or built.wire.dateline
            self.byline = self.byline or built.wire.byline
        for i, why in enumerate(self.reason):
            if why:
                line = self.lines[i]
                self.removed.append(RemovedLine(line.text, why, line.start, line.end))
        self.removed.sort(key=lambda r: r.raw_start)
        doc = self.doc
        outlet = doc.outlet or (self.dateline.source if self.dateline else None)
        return Article(
            id=doc.doc_id,
            origin=doc.origin,
            outlet=outlet,
            url=doc.url,
            title=self.title,
            body=built.text,
            blocks=built.blocks,
            removed=self.removed,
            byline=self.byline or _metadata_text(doc.author),
            dateline=self.dateline,
            embedded_summary=self.summary,
            published_raw=doc.published,
            title_only=title_only,
            published_printed=self._printed_date(),
            captions=_captions(self.removed),
        )

    def _printed_date(self) -> str | None:
        """The date line the page prints under its headline (or in its byline/dateline line),
        as printed: the dates stage weighs it against the metadata."""
        zone = self.settings.head_zone_lines + 2
        for i, why in enumerate(self.reason[:zone]):
            line = self.lines[i]
            if (
                why in ("junk", "byline", "dateline")
                and any(c.isdigit() for c in line.text)
                and line.words <= 14
            ):
                if _PRINTED_DATE.search(line.text):
                    return line.text
        for removed in self.removed:
            if removed.reason == "dateline" and _PRINTED_DATE.search(removed.text):
                return removed.text
        return None

    def _strip_gallery_nav(self, lines: list[Line]) -> list[Line]:
        out = []
        for line in lines:
            m = _GALLERY_NAV.match(line.text)
            if m and line.end - line.start == len(line.text):
                cut = line.start + m.end()
                self.removed.append(RemovedLine(line.text[: m.end()].strip(), "junk", line.start, cut))
                line = Line(line.text[m.end() :], cut, line.end)
            out.append(line)
        return out

    def _kept(self) -> list[int]:
        return [i for i, why in enumerate(self.reason) if why is None]

    def _mark_title(self) -> None:
        zone = range(min(len(self.lines), self.settings.head_zone_lines))
        if self.title:
            # The page may print the title with or without the HTML entities of the metadata.
            titles = (self.title, self.doc.title or "", _SITE_SUFFIX.sub("", self.title))
            keys = {line_key(display_text(t)) for t in titles} - {""}
            for i, line in enumerate(self.lines):
                near = i in zone and line.words <= self.settings.title_max_words + 4
                if line.key in keys or (near and any(_same_headline(line.key, k) for k in keys)):
                    self.reason[i] = "title"
            return
        candidates: list[int] = []  # title-shaped lines at the top, before the first prose line
        for i in zone:
            line = self.lines[i]
            if noise_reason(line) or self._is_site_credit(line):
                continue
            if not self._looks_like_title(i):
                break
            candidates.append(i)
            if len(candidates) == 2:
                break
        if not candidates:
            return
        i = self._pick_headline(candidates)
        line = self.lines[i]
        title, byline = _split_title_byline(_strip_outlet_prefix(line.text))
        self.title = title
        self.reason[i] = "title"
        if byline and self.byline is None:
            self.byline = byline

    def _pick_headline(self, candidates: list[int]) -> int:
        """Of a kicker/deck line and the headline, the headline.

        A first line that opens with a preposition ("ضمن حفل ...", "في العقود الأولى ...") or a
        section label ("... (الجولة 23)") frames the headline under it; otherwise the line whose
        words the lead paragraph repeats clearly more is the headline."""
        first = candidates[0]
        if len(candidates) < 2:
            return first
        second = candidates[1]
        a, b = self.lines[first], self.lines[second]
        words = a.key.split()
        if words and words[0] in _FRAME_WORDS:
            return second
        if re.search(r"\([^()]*\d[^()]*\)\s*$", a.text) and not re.search(r"\d", b.text):
            return second
        lead = next(
            (self.lines[j] for j in range(second + 1, len(self.lines)) if self.lines[j].words > 12), None
        )
        if lead is None:
            return first
        lead_stems = set(content_stems(lead.text))

        def share(x: Line) -> float:
            stems = set(content_stems(x.text))
            return len(stems & lead_stems) / len(stems) if stems else 0.0

        return second if share(b) >= share(a) + 0.25 else first

    def _is_site_credit(self, line: Line) -> bool:
        return bool(_SITE_CREDIT.match(line.text))

    def _looks_like_title(self, i: int) -> bool:
        line = self.lines[i]
        if i == len(self.lines) - 1 or len(line.text) > 250:
            return False
        if line.words > self.settings.title_max_words:
            # A long headline still is one when a dateline/credit line stands right under it.
            nxt = self.lines[i + 1]
            if line.ends_sentence or line.words > self.settings.title_max_words + 10:
                return False
            if read_credit(nxt.text, lenient=True) is None:
                return False
        raw_end = self.doc.text[line.end : line.end + 1]
        nxt = self.lines[i + 1]
        if (
            raw_end in (" ", "\t")
            and not line.ends_sentence
            and nxt.words <= 4
            and noise_reason(nxt) is None
            and read_credit(nxt.text, lenient=True) is None
        ):
            return False  # a sentence broken where a linked span was cut out of it
        if line.ends_sentence and (line.words > 12 or len(self.lines[i + 1].text) < 1.5 * len(line.text)):
            return False  # a lead sentence, not a headline that happens to end with a period
        if line.key in lx.SUMMARY_LABELS or lx.BULLET.match(line.text) or line.text.rstrip().endswith(":"):
            return False
        if self._is_byline(line, lx.match_key(_metadata_text(self.doc.author) or "")):
            return False
        return read_credit(line.text, lenient=True) is None and split_wire_prefix(line.text) is None

    def _mark_noise(self) -> None:
        seen: set[str] = set()
        hints: dict[str, str] = {}
        if self.doc.html:
            from marsad.ingest.html_page import hint_key, markup_hints

            hints = {hint_key(k): v for k, v in markup_hints(self.doc.html).items()}
        for i, line in enumerate(self.lines):
            if self.reason[i] is None:
                why = noise_reason(line)
                if why is None and hints:
                    # the page's markup shows it: a figure caption, a link-only list item
                    why = hints.get(hint_key(line.text))
                if why in (None, "byline") and line.identity in seen:
                    why = "duplicate"
                if why == "byline" and self.byline is None:
                    self.byline = line.text
                self.reason[i] = why
            seen.add(line.identity)

    def _mark_summary_box(self) -> None:
        found = find_summary_box(self.lines, self._kept())
        if found:
            members, self.summary = found
            for i in members:
                self.reason[i] = "embedded_summary"

    def _mark_head_credits(self) -> None:
        author = lx.match_key(_metadata_text(self.doc.author) or "")
        kept = self._kept()
        head = kept[: self.settings.head_zone_lines]
        first_after_title = head[0] if head else -1
        for n, i in enumerate(head):
            line = self.lines[i]
            if line.words > 16:
                continue
            bare_name = n < 4 and self._is_bare_name(i)
            if bare_name and author:
                self.reason[i] = "caption"  # the byline is known: a name under the head photo
                continue
            if self._is_byline(line, author) or bare_name:
                self.reason[i] = "byline"
                self.byline = self.byline or line.text
                continue
            if n < 4 and line.words <= 4 and sources_only(line.text):
                self.reason[i] = "dateline"  # "الاتحاد": the outlet's name alone under the title
                if self.dateline is None:
                    self.dateline = Dateline(place=None, source=line.text.strip(), text=line.text)
                continue
            credit = read_credit(line.text, lenient=i == first_after_title)
            if credit:
                self._take_credit(i, credit)
        # Signatures at the end: the author's name, "فلان - جدة", "- الرياض".
        for i in self._kept()[-2:]:
            line = self.lines[i]
            if line.words <= 6 and not line.ends_sentence:
                credit = read_credit(line.text)
                if self._is_byline(line, author) or credit or _is_place_signature(line):
                    self.reason[i] = "byline"

    def _is_bare_name(self, i: int) -> bool:
        """ "عادل البلالي" on its own line, right under the title or a date/credit line."""
        line = self.lines[i]
        words = line.key.split()
        if not 2 <= len(words) <= 3 or line.ends_sentence or any(ch.isdigit() for ch in line.text):
            return False
        if words[0] not in lx.GIVEN_NAMES or any(
            w in lx.CLAUSE_WORDS or w in lx.DANGLING_ENDINGS for w in words
        ):
            return False
        prev = self.reason[i - 1] if i > 0 else "title"
        return prev in ("title", "junk", "dateline", "byline", "credit")

    def _is_byline(self, line: Line, author: str) -> bool:
        if line.words > 14:
            return False
        parts = [p for p in _META_SEPARATOR.split(line.text) if p.strip()]
        if len(parts) > 1:
            # "فريق التحرير | 15 أكتوبر 2025": a byline with the publication time beside it.
            names = [p for p in parts if not _is_timestamp(p)]
            return (
                len(names) == 1 and names[0] != line.text and _is_byline_text(lx.match_key(names[0]), author)
            )
        return _is_byline_text(line.key, author)

    def _take_credit(self, i: int, credit: Credit) -> None:
        self.reason[i] = "dateline" if credit.dateline else "byline"
        if credit.dateline and self.dateline is None:
            self.dateline = credit.dateline
        if credit.byline and self.byline is None:
            self.byline = credit.byline

    def _mark_footer(self) -> None:
        """After a related-links/comments/tags marker in the second half, nothing is article."""
        total = sum(len(line.text) for line in self.lines) or 1
        before = 0
        for i, line in enumerate(self.lines):
            why = self.reason[i]
            # Only a bare label ("قصص قد تهمك", "التعليقات") opens a footer, not a prompt.
            label = why in FOOTER_REASONS and line.key in lx.EXACT_LINES[why]
            # "اقرأ أيضا" boxes sit inside the article: prose may follow their link titles.
            read_also = why == "related" and line.key in _READ_ALSO and self._prose_follows(i)
            if label and before >= total / 2 and line.words <= 6 and not read_also:
                for j in range(i + 1, len(self.lines)):
                    if self.reason[j] is None:
                        self.reason[j] = why
                return
            if why == "related" and line.key in lx.EXACT_LINES["related"]:
                self._mark_related_links(i)
            before += len(line.text)

    def _mark_tag_footer(self) -> None:
        """A run of tag links (short unpunctuated lines) in the second half of the page, with
        page furniture (timestamps, "browse more", copyright) after it: the article ended
        before the run, and whatever is kept after it (a topic explainer box) is not the story."""
        total = sum(len(line.text) for line in self.lines) or 1
        kept = self._kept()
        before = {i: sum(len(self.lines[j].text) for j in range(i)) for i in kept}
        run: list[int] = []
        for n, i in enumerate(kept):
            if _is_tag_like(self.lines[i]) and before[i] >= total / 2:
                if run and kept[n - 1] != run[-1]:
                    run = []
                run.append(i)
                continue
            if len(run) >= _TAG_RUN:
                break
            run = []
        if len(run) < _TAG_RUN:
            return
        after = range(run[-1] + 1, len(self.lines))
        furniture = sum(1 for j in after if self.reason[j] in ("junk", "related", "share", "ad", "comments"))
        rest = sum(1 for j in after if self.reason[j] is None)
        if furniture < 2 or rest > max(2, furniture // 2):
            return
        for i in run:
            self.reason[i] = "tags"
        for j in after:
            if self.reason[j] is None:
                self.reason[j] = "related"

    def _mark_appended_ledes(self) -> None:
        """Scrapers append the ledes of related stories after the body: one-sentence
        paragraphs at the very end that either restate an earlier paragraph (a related story on
        the same subject) or open like a dated wire lede ("أعلنت مصر، الأربعاء، ...")."""
        kept = self._kept()
        if len(kept) < 5:
            return
        run: list[int] = []
        dated = dups = 0
        for n in range(len(kept) - 1, 1, -1):
            line = self.lines[kept[n]]
            if not ((line.ends_sentence or n == len(kept) - 1) and 10 <= line.words <= 90):
                break
            first = line.key.split()[0] if line.key else ""
            if first.startswith("و") or lx.BULLET.match(line.text) or first in lx.STRONG_OPENERS:
                break  # a lede opens a story; "وقال ..." continues one
            if _DATED_LEDE.match(line.text):
                dated += 1
            elif self._restates(kept[n], kept[:n]):
                dups += 1
            else:
                break
            run.append(kept[n])
        if len(run) >= 2 and (dated >= 1 or dups >= 3) and len(run) < len(kept) // 2:
            for i in run:
                self.reason[i] = "related"

    def _prose_follows(self, i: int) -> bool:
        """After the link titles under line ``i``, two or more long sentences follow."""
        prose = 0
        for j in range(i + 1, len(self.lines)):
            line = self.lines[j]
            if line.words > self.settings.related_max_words and line.ends_sentence:
                prose += 1
        return prose >= 2

    def _stems(self, i: int) -> set[str]:
        """The line's content words (3+ letters, edge punctuation stripped): cheap, for overlaps."""
        if i not in self._stem_cache:
            words = (w.strip(lx.EDGE_PUNCTUATION) for w in self.lines[i].text.split())
            self._stem_cache[i] = {w for w in words if len(w) >= 3}
        return self._stem_cache[i]

    def _restates(self, i: int, earlier: list[int]) -> bool:
        """Most of line ``i``'s content words are in one earlier paragraph."""
        stems = self._stems(i)
        if len(stems) < 8:
            return False
        need = 0.6 * len(stems)
        return any(self.lines[j].words >= need and len(stems & self._stems(j)) >= need for j in earlier)

    def _mark_related_links(self, i: int) -> None:
        # A marker mid-article: the short link titles right under it go, prose stays.
        for j in range(i + 1, len(self.lines)):
            line = self.lines[j]
            if self.reason[j] is not None:
                continue
            if line.words > self.settings.related_max_words or line.ends_sentence:
                return
            self.reason[j] = "related"

    def _mark_captions(self) -> None:
        """The line next to a photo credit describes the photo (credit below or above it)."""
        limit = self.settings.caption_max_words
        for i, line in enumerate(self.lines):
            if self.reason[i] != "credit" or not is_credit_only(line):
                continue
            prev = self.lines[i - 1] if i > 0 and self.reason[i - 1] is None else None
            # "(رويترز)" closing the article credits the story: the last paragraph above it
            # is a caption only if it describes a picture.
            closing = all(why is not None for why in self.reason[i + 1 :])
            if (
                prev
                and prev.words <= limit
                and (_PHOTO_CUES.search(prev.text) or not (prev.ends_sentence or closing))
            ):
                self.reason[i - 1] = "caption"
                continue
            nxt = self.lines[i + 1] if i + 1 < len(self.lines) and self.reason[i + 1] is None else None
            if nxt and nxt.words <= limit and _PHOTO_CUES.search(nxt.text):
                self.reason[i + 1] = "caption"

    def _mark_teasers(self) -> None:
        """Short lines in the page head that only echo the title ("short teaser lines")."""
        title_stems = set(content_stems(self.title)) if self.title else set()
        if not title_stems:
            return
        before_prose = True
        for i in self._kept()[: self.settings.head_zone_lines]:
            line = self.lines[i]
            short = line.words <= self.settings.heading_max_words and not line.ends_sentence
            if not short or lx.BULLET.match(line.text) or line.text.rstrip().endswith(":"):
                before_prose = before_prose and short
                continue
            nxt = self.reason[i + 1] if i + 1 < len(self.lines) else None
            stems = set(content_stems(line.text))
            overlap = len(stems & title_stems) / len(stems) if stems else 0.0
            # Right above the byline or summary box it is page furniture; elsewhere it
            # must come before any prose and mostly repeat the title.
            if (nxt in _META_REASONS and overlap >= 0.25) or (
                before_prose and overlap >= 0.5 and line.words <= 10
            ):
                self.reason[i] = "teaser"

    # ------------------------------------------------------------------ body

    def _mark_end_signature(self, kept: list[int]) -> None:
        if len(kept) >= 4 and self._dated_sign_off(kept[-2], kept[-1]):
            # "الخميس 29 شتنبر، جهة درعة تافيلالت" then a short unpunctuated line: the author
            # signs off with date and place, and what follows is a picture's caption.
            self.reason[kept[-2]] = "byline"
            self.reason[kept[-1]] = "caption"
            return
        if len(kept) >= 2:
            last = self.lines[kept[-1]]
            if last.text.startswith("*") and last.words <= 12 and not last.ends_sentence:
                self.reason[kept[-1]] = "byline"  # "* كاتب وأكاديمي سعودي": the author's note
                return
            first_word = last.key.split()[0] if last.key else ""
            if (
                last.words <= 3
                and not last.ends_sentence
                and not lx.BULLET.match(last.text)
                and first_word not in lx.STRONG_OPENERS
                and not any(w in lx.CLAUSE_WORDS or w in lx.DANGLING_ENDINGS for w in last.key.split())
            ):
                self.reason[kept[-1]] = "byline"  # a name or place signing off the article

    def _dated_sign_off(self, sign: int, last: int) -> bool:
        a, b = self.lines[sign], self.lines[last]
        if a.words > 8 or a.ends_sentence or b.words > 12 or b.ends_sentence or b.words < 3:
            return False
        if any(ch.isdigit() for ch in b.text) or lx.BULLET.match(b.text):
            return False
        words = a.key.replace("،", " ").split()
        return (
            len(words) >= 3
            and words[0] in lx.WEEKDAY_KEYS
            and words[1].isdigit()
            and words[2] in lx.MONTH_KEYS
        )

    def _check_body(self, body: str) -> bool:
        """Raise CleanError when no usable body is left — unless the title carries the news
        ("title-only" items: a headline over a photo, a one-line flash): then True."""
        try:
            self._check_body_text(body)
        except CleanError:
            if self.settings.keep_title_only and self._informative_title():
                return True
            raise
        return False

    def _check_body_text(self, body: str) -> None:
        origin = self.doc.origin
        if not body.strip():
            raise CleanError("only_boilerplate", origin)
        needed = self.settings.min_arabic_letters
        letters = sum(1 for _ in islice(_ARABIC_LETTER.finditer(body), needed))
        if letters == 0:
            raise CleanError("no_arabic_text", origin)
        if len(body) < self.settings.min_body_chars:
            raise CleanError("too_short", origin)
        if letters < needed:
            raise CleanError("no_arabic_text", origin)

    def _informative_title(self) -> bool:
        title = self.title or ""
        words = [w for w in title.split() if _ARABIC_LETTER.search(w)]
        letters = sum(1 for _ in _ARABIC_LETTER.finditer(title))
        return (
            len(words) >= self.settings.title_only_min_words
            and letters >= 2 * self.settings.min_arabic_letters
        )


_TAG_RUN = 3  # this many tag-like lines in a row make a tag list
_READ_ALSO = frozenset(
    lx.match_key(w) for w in ("اقرأ أيضا", "اقرأ أيضاً", "إقرأ أيضا", "اقرأ كذلك", "اقرأ/ي أيضا", "Read also")
)
# A day with its month and year, by name or by number ("01 مايو 2012", "15 - 09 - 2012", "5-4-1433").
_PRINTED_DATE = re.compile(
    rf"\d{{1,2}}\s*[-/.]?\s*(?:{lx._MONTHS})\s*[-/.,،]?\s*\d{{4}}|\d{{1,4}}\s*[-/.]\s*\d{{1,2}}\s*[-/.]\s*\d{{2,4}}",
    re.IGNORECASE,
)
# Words that open a kicker line framing the headline under it ("ضمن حفل ...", "في العقود ...").
_FRAME_WORDS = frozenset(
    lx.match_key(w)
    for w in "في ضمن على من خلال بعد قبل عبر وسط إثر اثر مع بين أمام لدى عند حول بمناسبة وسط رغم".split()
)
# "AHDATH.INFO", "AHDATH.INFO- قلع مكونة - خاص - بقلم : فلان": a site's name (a domain) as a credit.
_SITE_CREDIT = re.compile(r"^\s*[A-Za-z0-9-]+\.(?:[A-Za-z]{2,6})(?:\.[A-Za-z]{2})?\s*(?:$|[-–—|:/]\s*\S)")
# "العنوان/ عبد الله مياره": the author glued after the headline with a slash.
_TITLE_BYLINE = re.compile(r"\s*/\s*(?P<name>[^/\d:.،,]{3,40})$")


def _strip_outlet_prefix(title: str) -> str:
    """ "الخبر نقل محاكمة مبارك ...": an outlet's name printed before the headline."""
    words = title.split()
    for n in (3, 2, 1):
        if len(words) > n + 5 and lx.match_key(" ".join(words[:n])) in lx.AGENCIES:
            rest = " ".join(words[n:]).lstrip(" -–—|:")
            return rest
    return title


def _split_title_byline(title: str) -> tuple[str, str | None]:
    m = _TITLE_BYLINE.search(title)
    if m:
        name = m["name"].strip()
        words = lx.match_key(name).split()
        if 2 <= len(words) <= 4 and (words[0] in lx.GIVEN_NAMES or " ".join(words[:2]) in lx.GIVEN_NAMES):
            return title[: m.start()].rstrip(), name
    return title, None


_DATED_LEDE = re.compile(rf"^\S+(?:\s+\S+){{0,5}}،\s*(?:{lx.WEEKDAYS_PATTERN})\s*،", re.IGNORECASE)


_TASHKEEL = re.compile("[\u064b-\u0652]")


def _is_tag_like(line: Line) -> bool:
    text = line.text.strip()
    return (
        1 <= line.words <= 5
        and not _TASHKEEL.search(text)  # tag links are bare words; verse carries its vowels
        and not text.endswith(("..", "…"))
        and not line.ends_sentence
        and not any(ch.isdigit() for ch in text)
        and not text.endswith((":", "،", ","))
        and not lx.BULLET.match(text)
    )


_TRAILING_PAREN = re.compile(r"\s*(\([^()]{2,160}\))\s*\.?$")


def _captions(removed: list[RemovedLine]) -> list[Caption]:
    """The removed captions as the article's caption records, each with the credit printed
    beside it (inside the caption, or the credit line right above or below it)."""
    out: list[Caption] = []
    for n, r in enumerate(removed):
        if r.reason != "caption":
            continue
        text, credit = r.text, None
        m = _TRAILING_PAREN.search(text)
        if m and lx.TRAILING_CREDIT.search(text):
            text, credit = text[: m.start()].rstrip(), m.group(1).strip("() ")
        else:
            near = [removed[k] for k in (n - 1, n + 1) if 0 <= k < len(removed)]
            credit = next((x.text for x in near if x.reason == "credit"), None)
        out.append(Caption(text=text, raw_start=r.raw_start, raw_end=r.raw_end, credit=credit))
    return out


def _same_headline(a: str, b: str) -> bool:
    """Two headline keys are the same headline when one contains most of the other."""
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 0.8 * len(long_) and short in long_


def _is_place_signature(line: Line) -> bool:
    key = line.key
    return line.text.lstrip().startswith(("-", "–", "—")) and key in lx.PLACES


def _metadata_text(value: str | None) -> str | None:
    """A title/author field for display: HTML entities ("&quot;", "&nbsp;") decoded, blank → None."""
    if not value:
        return None
    text = " ".join(strip_controls(html.unescape(value)).split())
    return text or None


def _shares_name(a: str, b: str) -> bool:
    """One key is the other's words, whole ("سارة القحطاني" in "الرياض - سارة القحطاني")."""
    return f" {a} " in f" {b} " or f" {b} " in f" {a} "


_META_SEPARATOR = re.compile(r"\s+[|•·]\s+|\s+[-–—]\s+(?=[\d٠-٩])")


def _is_timestamp(text: str) -> bool:
    text = text.strip()
    return bool(lx.DATE_ONLY.match(text) or lx.TIME_ONLY.match(text) or lx.AGO.match(text))


def _is_byline_text(key: str, author: str) -> bool:
    words = len(key.split())
    if author and (key == author or (words <= 8 and len(key) >= 4 and _shares_name(key, author))):
        return True
    if key in lx.BYLINE_LINES:
        return True
    if words > 8:
        return False
    for p in lx.BYLINE_PREFIXES:
        if key.startswith(p) and len(key) > len(p) and not key[len(p)].isalnum():
            rest = key[len(p) :].lstrip()
            if p not in lx.BYLINE_NEEDS_SEPARATOR or rest[:1] in ":-–—/|":
                return True
    return False
