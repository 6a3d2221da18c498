"""Multilingual lexicons of page boilerplate, agencies, places and sentence openers.

Everything here is matched on :func:`match_key` forms (hamza seats, ta marbuta, diacritics,
case and edge punctuation folded), so one entry covers "اقرأ أيضاً:", "إقرأ ايضا" and
"اقرا أيضا". The lists describe how news pages are built in general — wire-agency names,
widget labels, capitals — never the words of any particular article.
"""

from __future__ import annotations

import re
import unicodedata

# Punctuation that frames boilerplate labels ("التعليقات:", "« اقرأ أيضا »", "// انتهى //").
EDGE_PUNCTUATION = " \t:：-–—_|•·*»«\"'“”()[]{}.,،؛;!?؟…/\\<>+=#~^"

# One translation table for the folding of marsad.arabic.normalize (hamza seats, alef
# maqsura, ta marbuta, both digit sets, marks, tatweel, invisible controls): this runs on
# every line of every page, and a single str.translate is several times cheaper.
_FOLD: dict[int, str | None] = {}
_FOLD.update({ord(c): "ا" for c in "أإآٱ"})
_FOLD.update({ord(c): "ي" for c in "ىئیے"})
_FOLD.update({ord("ؤ"): "و", ord("ة"): "ه", ord("ە"): "ه", ord("ک"): "ك", ord("ڤ"): "ف", ord("گ"): "ج"})
_FOLD.update({ord("چ"): "ج", ord("پ"): "ب", ord("ء"): None, ord("\u0640"): None})
_FOLD.update({ord(d): str(i) for i, d in enumerate("٠١٢٣٤٥٦٧٨٩")})
_FOLD.update({ord(d): str(i) for i, d in enumerate("۰۱۲۳۴۵۶۷۸۹")})
_FOLD.update(
    {c: None for r in ((0x610, 0x61B), (0x64B, 0x660), (0x670, 0x671), (0x6D6, 0x6EE)) for c in range(*r)}
)
_FOLD.update({c: None for r in ((0x200B, 0x2010), (0x202A, 0x202F), (0x2066, 0x206A)) for c in range(*r)})
_FOLD.update({0x061C: None, 0xFEFF: None, 0x00AD: None, 0x00A0: " "})
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")


def match_key(text: str) -> str:
    """The matching form of a short line: folded as :func:`marsad.arabic.normalize` folds,
    lower-cased, whitespace collapsed, edge punctuation removed."""
    if _PRESENTATION_FORMS.search(text):
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.translate(_FOLD).lower().split()).strip(EDGE_PUNCTUATION)


def _keys(words: str) -> frozenset[str]:
    return frozenset(match_key(w) for w in words.strip().splitlines() if w.strip())


# --------------------------------------------------------------------------- whole-line labels

# A line that is exactly one of these (after match_key) is boilerplate with that reason.
EXACT_LINES: dict[str, frozenset[str]] = {
    "ad": _keys(
        """
        Advertisement
        Advertisements
        Sponsored
        Sponsored content
        Ad
        Publicité
        Anzeige
        إعلان
        اعلان
        إعلانات
        مساحة إعلانية
        محتوى مدعوم
        محتوى ممول
        مادة إعلانية
        إعلان تجاري
        Advertising
        تابع القراءة أدناه
        تابع القراءة
        القصة تتابع أسفل الإعلان
        Continue reading below
        Story continues below advertisement
        Scroll to continue with content
        """
    ),
    "comments": _keys(
        """
        اترك ردك
        اترك رد
        اترك تعليقا
        اترك تعليقاً
        أضف تعليقاً
        أضف تعليقا
        اكتب تعليقا
        اكتب تعليقاً
        علق
        شارك برأيك
        رأيك يهمنا
        آراء القراء
        تعليقات القراء
        التعليقات
        تعليقات
        تعليق
        اضافة تعليق
        أضف تعليق
        أضف تعليقك
        اكتب تعليقك
        أرسل تعليقك
        إرسال التعليق
        تعليقات الفيسبوك
        تعليقات فيسبوك
        كن أول من يعلق
        لا توجد تعليقات
        التعليقات مغلقة
        شاركنا رأيك
        Leave a Reply
        Leave a comment
        Post a comment
        Add comment
        Comments
        """
    ),
    "tags": _keys(
        """
        تصنيفات
        التصنيفات
        التصنيف
        وسوم
        الوسوم
        الكلمات المفتاحية
        كلمات مفتاحية
        كلمات دلالية
        الكلمات الدلالية
        كلمات البحث
        هاشتاغ
        هاشتاج
        مواضيع
        Tags
        Categories
        Keywords
        """
    ),
    "related": _keys(
        """
        قصص قد تهمك
        قد تهمك
        قد يهمك أيضا
        قد يعجبك أيضا
        قد يهمك
        قد يعجبك
        مقالات مقترحة
        مواضيع مقترحة
        أخبار مقترحة
        قصص مقترحة
        اخترنا لك
        موضوعات ذات صلة
        تقارير ذات صلة
        شاهد المزيد
        ننصحك بقراءة
        اقرأ أيضا
        اقرأ أيضاً
        إقرأ أيضا
        اقرأ المزيد
        شاهد أيضا
        شاهد أيضاً
        مواضيع ذات صلة
        أخبار ذات صلة
        مقالات ذات صلة
        أخبار متعلقة
        مواضيع متعلقة
        ذات صلة
        الأكثر قراءة
        الأكثر مشاهدة
        الأكثر تداولا
        آخر الأخبار
        أخر الأخبار
        أحدث الأخبار
        المزيد
        المزيد من الأخبار
        Related
        Related articles
        Related news
        Read more
        Read also
        More stories
        You may also like
        Most read
        """
    ),
    "share": _keys(
        """
        شارك
        شارك الخبر
        شارك المقال
        شارك هذا المقال
        شارك على
        شاركها
        مشاركة
        المشاركة
        طباعة
        أرسل لصديق
        نسخ الرابط
        رابط مختصر
        Share
        Share this
        Share this article
        Tweet
        Print
        Email
        Copy link
        """
    ),
    "junk": _keys(
        """
        حجم الخط
        تكبير الخط
        تصغير الخط
        الرئيسية
        الصفحة الرئيسية
        Next Previous
        Previous Next
        السابق التالي
        التالي السابق
        انتهى
        يتبع
        A A A
        A- A+
        إلى اللقاء
        القائمة
        بحث
        إغلاق
        تسجيل الدخول
        جار التحميل
        جاري التحميل
        Loading
        Skip to content
        Menu
        Search
        Home
        Login
        """
    ),
}

# Labels of an outlet's own summary box ("ملخص المقال", "إنتاج AI", "النقاط الأساسية").
SUMMARY_LABELS: frozenset[str] = _keys(
    """
    ملخص المقال
    ملخص الخبر
    ملخص
    الملخص
    ملخص سريع
    باختصار
    إنتاج AI
    انتاج الذكاء الاصطناعي
    إنتاج الذكاء الاصطناعي
    تم إنشاؤه بالذكاء الاصطناعي
    بواسطة الذكاء الاصطناعي
    ملخص بالذكاء الاصطناعي
    النقاط الأساسية
    النقاط الرئيسية
    أبرز النقاط
    أهم النقاط
    نقاط رئيسية
    Key points
    Key takeaways
    Summary
    Article summary
    AI summary
    AI generated
    AI-generated
    TL;DR
    """
)

# --------------------------------------------------------------------------- line prefixes

# A short line that starts with one of these (followed by a space or ":") has that reason.
PREFIXES: dict[str, tuple[str, ...]] = {
    "related": tuple(
        match_key(w)
        for w in (
            "اقرأ أيضا",
            "اقرأ أيضاً",
            "إقرأ أيضا",
            "اقرأ المزيد",
            "شاهد أيضا",
            "شاهد أيضاً",
            "المزيد من",
            "رابط الخبر",
            "رابط المقال",
            "ننصحك بقراءة",
            "اقرأ الخبر من المصدر",
            "اقرأ المقال الأصلي",
            "Read more",
            "Read also",
            "More from",
            "See also",
        )
    ),
    "share": tuple(
        match_key(w)
        for w in (
            "تابعونا على",
            "تابعنا على",
            "تابعوا",
            "انضم إلى قناتنا",
            "انضموا إلى قناتنا",
            "انضم لقناتنا",
            "اشترك في قناتنا",
            "اشترك في النشرة",
            "للاشتراك في",
            "حمل تطبيق",
            "لمتابعة آخر الأخبار",
            "لمتابعة أخبار",
            "شارك على",
            "شارك الخبر",
            "Follow us",
            "شارك عبر",
            "مشاركة عبر",
            "Join our",
            "Subscribe",
            "Share on",
        )
    ),
    "credit": tuple(
        match_key(w)
        for w in (
            "صورة:",
            "الصورة:",
            "صور:",
            "تصوير",
            "رصد وتصوير",
            "المصدر:",
            "خدمة",
            "بالاتفاق مع",
            "نقلا عن",
            "نقلاً عن",
            "مصدر الصورة",
            "حقوق الصورة",
            "Photo:",
            "Photo by",
            "Credit:",
            "Image:",
            "Source:",
        )
    ),
    "comments": tuple(match_key(w) for w in ("التعليقات", "تعليقات الفيسبوك", "عدد التعليقات")),
    "tags": tuple(
        match_key(w)
        for w in ("وسوم:", "الوسوم:", "الكلمات المفتاحية:", "كلمات مفتاحية:", "تصنيفات:", "سمات", "Tags:")
    ),
    "junk": tuple(
        match_key(w)
        for w in (
            "للتواصل مع الكاتب",
            "للتواصل أرسل",
            "للتواصل ارسل",
            "تبدأ بالرمز",
            "نشر في",
            "نشر بتاريخ",
            "تاريخ النشر",
            "آخر تحديث",
            "تم النشر",
            "تم التحديث",
            "Published",
            "Updated",
            "Last updated",
            "وقت القراءة",
            "مدة القراءة",
            "عدد المشاهدات",
            "عدد القراءات",
            "المشاهدات",
        )
    ),
}

# Caption cues at the start of a short line: "جانب من الاجتماع", "من اليمين: ...".
CAPTION_STARTS: tuple[str, ...] = tuple(
    match_key(w)
    for w in (
        "جانب من",
        "من اليمين",
        "من اليسار",
        "صورة",
        "الصورة",
        "صور من",
        "لقطة من",
        "لقطة",
        "التعليق على الصورة",
        "شرح الصورة",
        "شرح الصور",
    )
)

# Byline labels: "كتب: ...", "بقلم ...", whole-line "فريق التحرير".
BYLINE_PREFIXES: tuple[str, ...] = tuple(
    match_key(w)
    for w in (
        "كتب",
        "كتبت",
        "بقلم",
        "إعداد",
        "اعداد",
        "تحرير",
        "متابعة",
        "ترجمة",
        "تقرير",
        "حوار",
        "رصد",
        "بواسطة",
        "حرر بواسطة",
        "المحرر",
        "By",
        "Written by",
        "Reporting by",
    )
)
# Of those, the words that also start sentences ("كتب الوزير في تغريدة ...") count as a
# byline label only with a separator after them ("كتب: ...", "تقرير - ...").
BYLINE_NEEDS_SEPARATOR: frozenset[str] = frozenset(
    match_key(w)
    for w in ("كتب", "كتبت", "تحرير", "متابعة", "ترجمة", "تقرير", "حوار", "رصد", "إعداد", "المحرر")
)
BYLINE_LINES: frozenset[str] = _keys(
    """
    فريق التحرير
    هيئة التحرير
    أسرة التحرير
    المحرر
    محرر الموقع
    المحرر السياسي
    المحرر الاقتصادي
    قسم الأخبار
    متابعات
    وكالات
    خاص
    Editorial team
    Staff
    Staff writer
    """
)

# --------------------------------------------------------------------------- agencies and places

# News agencies and outlets as they appear in datelines and credits.
AGENCIES: frozenset[str] = _keys(
    """
    واس
    رويترز
    أ ف ب
    ا ف ب
    أ.ف.ب
    أ. ف. ب.
    ا.ف.ب
    فرانس برس
    الفرنسية
    د ب أ
    د.ب.أ
    الألمانية
    أ ب
    أسوشيتد برس
    الأسوشيتدبرس
    يو بي آي
    شينخوا
    كونا
    وام
    قنا
    بنا
    سانا
    أ ش أ
    العمانية
    الأناضول
    سبوتنيك
    تاس
    إرنا
    ايرنا
    نوفوستي
    الأوروبية
    وكالات
    متابعات
    الشرق
    الشرق الأوسط
    العربية
    الجزيرة
    سكاي نيوز
    بي بي سي
    سبق
    عكاظ
    الوطن
    الوئام
    عين اليوم
    الاقتصادية
    الرياضية
    الرياضي
    الخليج
    البيان
    الأهرام
    الحياة
    النهار
    الأنباء
    المدينة
    الجزيرة نت
    العربية نت
    سكاي نيوز عربية
    بي بي سي عربي
    اندبندنت عربية
    العين الإخبارية
    روسيا اليوم
    آر تي
    فرانس 24
    دويتشه فيله
    يورونيوز
    الحرة
    الميادين
    القدس العربي
    العربي الجديد
    الشروق
    اليوم السابع
    المصري اليوم
    هسبريس
    إرم نيوز
    سبوتنيك عربي
    وكالة الأنباء الألمانية
    وكالة الصحافة الفرنسية
    وكالة الأنباء الفرنسية
    وكالة رويترز
    وكالة الأناضول
    وكالة الأنباء السعودية
    وكالة الأنباء القطرية
    وكالة الأنباء الكويتية
    وكالة أنباء الإمارات
    وكالة الأنباء السورية
    مواقع
    DW
    CNN
    BBC
    RT
    AFP
    Reuters
    AP
    EPA
    DPA
    SPA
    WAM
    QNA
    KUNA
    Anadolu
    Xinhua
    """
)

# Capitals and large cities of the Arab world and beyond, as datelines name them.
PLACES: frozenset[str] = _keys(
    """
    الرياض
    جدة
    مكة
    مكة المكرمة
    المدينة المنورة
    الدمام
    الخبر
    الظهران
    الطائف
    أبها
    تبوك
    بريدة
    حائل
    جازان
    نجران
    الباحة
    الجبيل
    ينبع
    القطيف
    الأحساء
    عرعر
    سكاكا
    القصيم
    خميس مشيط
    دبي
    أبوظبي
    أبو ظبي
    الشارقة
    الدوحة
    المنامة
    الكويت
    مسقط
    صنعاء
    عدن
    بغداد
    أربيل
    الموصل
    البصرة
    دمشق
    حلب
    بيروت
    عمان
    عمّان
    القدس
    رام الله
    غزة
    القاهرة
    الإسكندرية
    الخرطوم
    طرابلس
    بنغازي
    تونس
    الجزائر
    الرباط
    الدار البيضاء
    نواكشوط
    مقديشو
    جيبوتي
    طهران
    أنقرة
    إسطنبول
    اسطنبول
    موسكو
    واشنطن
    نيويورك
    لندن
    باريس
    برلين
    روما
    مدريد
    بروكسل
    جنيف
    فيينا
    بكين
    طوكيو
    نيودلهي
    إسلام آباد
    كابول
    كييف
    أثينا
    ستوكهولم
    أوسلو
    أمستردام
    لاهاي
    سيدني
    أوتاوا
    تورونتو
    برشلونة
    ميلانو
    لوس أنجليس
    سنغافورة
    هونغ كونغ
    سيول
    جاكرتا
    كوالالمبور
    """
)

# --------------------------------------------------------------------------- sentence openers

# Words that open a sentence in news prose. On one-line bodies a heading runs straight into
# one of these after a sentence end; "strong" openers cannot continue a noun phrase, so a
# short phrase before them is a heading; "weak" ones (bare verbs, NP + relative pronoun)
# could follow a subject, so they need a longer, comma-free phrase before them.
STRONG_OPENERS: tuple[str, ...] = tuple(
    match_key(w)
    for w in (
        "من جهته",
        "من جهتها",
        "من جانبه",
        "من جانبها",
        "من ناحيته",
        "من ناحيتها",
        "في المقابل",
        "وفي المقابل",
        "في هذا السياق",
        "وفي هذا السياق",
        "في السياق ذاته",
        "وفي السياق ذاته",
        "وفي سياق متصل",
        "في سياق متصل",
        "ووفق",
        "ووفقا",
        "ووفقاً",
        "وبحسب",
        "وحسب",
        "يذكر أن",
        "ويذكر أن",
        "يشار إلى",
        "ويشار إلى",
        "وقال",
        "وقالت",
        "وأكد",
        "وأكدت",
        "وأضاف",
        "وأضافت",
        "وأشار",
        "وأشارت",
        "وأوضح",
        "وأوضحت",
        "وتابع",
        "وتابعت",
        "وذكر",
        "وذكرت",
        "ولفت",
        "ولفتت",
        "وشدد",
        "وشددت",
        "ونقلت",
        "ونقل",
        "ويرى",
        "وترى",
        "وتأتي",
        "ويأتي",
        "وجاء",
        "وكان",
        "وكانت",
        "وقد",
        "وأعلن",
        "وأعلنت",
        "وكشف",
        "وكشفت",
        "وبين",
        "وبينت",
        "وأفاد",
        "وأفادت",
        "وأردف",
        "واعتبر",
        "واعتبرت",
        "وتناولت",
        "وتناول",
        "وأعرب",
        "وأعربت",
    )
)
WEAK_OPENERS: tuple[str, ...] = tuple(
    match_key(w)
    for w in (
        "قال",
        "قالت",
        "أكد",
        "أكدت",
        "أعلن",
        "أعلنت",
        "أوضح",
        "أوضحت",
        "أشار",
        "أشارت",
        "رافق",
        "رافقت",
        "التقى",
        "استقبل",
        "كشف",
        "كشفت",
        "شدد",
        "بحث",
        "ناقش",
        "أفاد",
        "أفادت",
        "ذكر",
        "ذكرت",
        "تناول",
        "تناولت",
        "شهد",
        "شهدت",
        "جرى",
        "يأتي",
        "تأتي",
        "جاء",
        "جاءت",
        "كما",
        "بحسب",
        "وفق",
        "وفقا",
        "حسب",
    )
)
# Noun phrase + relative pronoun also opens a sentence ("اللقاء الذي عقد ...").
RELATIVE_PRONOUNS: frozenset[str] = frozenset(
    match_key(w) for w in ("الذي", "التي", "الذين", "اللذان", "اللتان")
)

# Words a heading does not contain: they make a phrase a clause.
CLAUSE_WORDS: frozenset[str] = frozenset(
    match_key(w)
    for w in "أن إن أنه إنه أنها الذي التي الذين قد لقد فقد لم لن كان كانت هو هي ثم حيث عندما إذ إذا لكن بل كما أما فإن لأن لو".split()
)

# Prepositions and conjunctions a heading does not end with (the line continues the next one).
DANGLING_ENDINGS: frozenset[str] = frozenset(
    match_key(w)
    for w in "في من على إلى الى عن مع و أو ثم أن إن الذي التي بين حول نحو عبر لدى منذ خلال بعد قبل ضد".split()
)

SOCIAL_NETWORKS: frozenset[str] = _keys(
    """
    فيسبوك
    فيس بوك
    تويتر
    إكس
    واتساب
    واتس اب
    تيليجرام
    تلغرام
    تليجرام
    انستغرام
    إنستغرام
    انستجرام
    يوتيوب
    لينكدإن
    سناب شات
    تيك توك
    facebook
    twitter
    x
    whatsapp
    telegram
    instagram
    youtube
    linkedin
    snapchat
    tiktok
    email
    messenger
    reddit
    pinterest
    """
)

# --------------------------------------------------------------------------- shapes

ASCII_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)+$", re.IGNORECASE)
URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
HANDLES_ONLY = re.compile(r"^(?:[@#][\w_.]+[\s,،]*)+$")
TIME_ONLY = re.compile(
    r"^\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:ص|م|ت\s?م|ت\s?غ|am|pm|gmt|utc|بتوقيت\s+\S+)?$", re.IGNORECASE
)
AGO = re.compile(
    r"^(?:منذ|قبل)\s+(?:\S+\s+)?(?:دقيقة|دقيقتين|دقائق|ساعة|ساعتين|ساعات|يوم|يومين|أيام|ايام|اسبوع|أسبوع|أسابيع|شهر|أشهر)$"
    r"|^\d+\s*(?:min|mins|minutes?|hours?|days?)\s+(?:ago|read)$|^\d+\s*(?:دقيقة|دقائق)\s+(?:للقراءة|قراءة)$",
    re.IGNORECASE,
)
_MONTHS = (
    r"يناير|فبراير|مارس|أبريل|ابريل|إبريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|"
    r"كانون الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني|كانون الأول|"
    r"جانفي|فيفري|أفريل|ماي|جوان|جويلية|أوت|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_WEEKDAYS = (
    r"السبت|الأحد|الاحد|الإثنين|الاثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|"
    r"Saturday|Sunday|Monday|Tuesday|Wednesday|Thursday|Friday"
)
DATE_ONLY = re.compile(
    rf"^(?:(?:{_WEEKDAYS})[,،]?\s*)?(?:\d{{1,2}}\s*(?:{_MONTHS})[,،]?\s*\d{{4}}|(?:{_MONTHS})\s+\d{{1,2}}[,،]?\s*\d{{4}}"
    rf"|\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}|\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}})"
    rf"(?:\s*(?:م|هـ|ه))?(?:\s*[-–|،,]?\s*(?:الساعة\s*)?\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?\s*(?:ص|م|am|pm)?)?$",
    re.IGNORECASE,
)
COUNT_ONLY = re.compile(
    r"^\(?\d[\d,.]*\)?\s*(?:مشاركة|مشاركات|مشاهدة|مشاهدات|تعليق|تعليقات|قراءة|قراءات|إعجاب|views?|shares?|comments?|likes?)?$",
    re.IGNORECASE,
)
PHONE_PROMO = re.compile(r"^\d{3,}\s*[-–]\s*(?:stc|mobily|zain|موبايلي|زين|الاتصالات)$", re.IGNORECASE)
SMS_PROMO = re.compile(
    r"\bsms\b|رسالة نصية|تبدأ بالرمز|ثم مسافة|(?:موبايلي|زين|stc)\W{0,3}\d{5,}|\d{5,}\W{0,3}(?:موبايلي|زين|stc)",
    re.IGNORECASE,
)
BREADCRUMB_SEP = re.compile(r"\s*(?:»|›|>|/|\||\\)\s*")
BULLET = re.compile(r"^\s*(?:[•·▪◦●■►✓✔➢➤○□\-–—*]|\d{1,2}\s*[-.)]|[a-z]\))\s*", re.IGNORECASE)
# A credit inside parentheses at the end of a line: "(Credit: ... AFP عبر Getty Images)", "(رويترز)".
CREDIT_WORDS = (
    r"credit|photo|afp|getty|reuters|epa|ap|dpa|xinhua|anadolu|shutterstock|istock|"
    r"رويترز|أ\s?ف\s?ب|ا\s?ف\s?ب|فرانس برس|أرشيفية|ارشيفية|أرشيف|تصوير|صورة|الصورة|غيتي|جيتي|الأناضول|واس"
)
TRAILING_CREDIT = re.compile(rf"\((?=[^()]*\b(?:{CREDIT_WORDS})\b)[^()]{{2,160}}\)\s*\.?$", re.IGNORECASE)
CREDIT_ONLY = re.compile(
    rf"^[(\[]?\s*(?:(?:{CREDIT_WORDS}|images?|صورة أرشيفية|صور أرشيفية|/|,|،|-|–|عبر|via|\s)+)\s*[)\]]?\.?$",
    re.IGNORECASE,
)

# Follow/subscribe prompts worded freely: a call to action beside a network or channel.
FOLLOW_PROMPT = re.compile(
    r"^\W{0,3}(?:(?:و|ف)?(?:لمتابعة|للمتابعة|تابعونا|تابعنا|تابعوا|انضم|انضموا|اشترك|اشتركوا)|follow|join|subscribe)"
    r"\b.{0,80}(?:تويتر|فيسبوك|فيس بوك|تلغرام|تيليجرام|تليجرام|واتساب|واتس اب|يوتيوب|إنستغرام|انستغرام|انستجرام|"
    r"تيك توك|سناب|قناة|قناتنا|تطبيق|النشرة|نشرتنا|جوجل نيوز|غوغل نيوز|google news|twitter|facebook|telegram|"
    r"whatsapp|youtube|instagram|newsletter|channel|app)"
    r"|^\W{0,3}(?:حمّل|حمل|نزّل|نزل|download)\s+(?:تطبيق|التطبيق|the app|our app)",
    re.IGNORECASE,
)
CLICK_HERE = re.compile(r"اضغط هنا|انقر هنا|إضغط هنا|click here|tap here", re.IGNORECASE)
COPYRIGHT = re.compile(r"جميع الحقوق محفوظة|all rights reserved|©|copyright", re.IGNORECASE)
# "REUTERS/Amir Cohen", "رويترز/ أمير كوهين": an agency and its photographer.
AGENCY_PHOTOGRAPHER = re.compile(
    r"^(?:reuters|afp|ap|epa|getty images|رويترز|أ\s?ف\s?ب|ا\s?ف\s?ب)\s*/\s*[\w\s.'’-]{2,40}$", re.IGNORECASE
)
# Tweet embeds: "— Name (@handle) October 15, 2025", "pic.twitter.com/abc".
TWEET_FOOTER = re.compile(r"^[—–-]\s*.{1,60}\(@\w+\)\s+\S+\s+\d{1,2},?\s+\d{4}$|^pic\.twitter\.com/\S+$")

# Credits that name a photographer or picture agency (as opposed to the story's source):
# the line next to one of these describes the photo.
PHOTO_CREDIT_PREFIXES: tuple[str, ...] = tuple(
    match_key(w)
    for w in (
        "صورة:",
        "الصورة:",
        "صور:",
        "تصوير",
        "رصد وتصوير",
        "مصدر الصورة",
        "حقوق الصورة",
        "Photo",
        "Credit",
        "Image",
    )
)

# Font-size widgets: "A+ A-", "A A A".
FONT_WIDGET = re.compile(r"^[aA][+-]?(?:\s+[aA][+-]?)+$")
