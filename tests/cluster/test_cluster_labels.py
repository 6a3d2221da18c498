from marsad.cluster.stories import _bare_word, _distinct_names


def test_story_label_names_do_not_repeat_one_actor():
    names = ["تنظيم داعش", "القوات العراقية", "تنظيم داعش الإرهابي", "العراق"]
    assert _distinct_names(names, 3) == ["تنظيم داعش", "القوات العراقية", "العراق"]
    assert _distinct_names(["سعود الفيصل", "سعود", "فيصل", "الرياض"], 3) == ["سعود الفيصل", "الرياض"]


def test_label_words_lose_quotes_and_tatweel_clitics():
    assert [_bare_word(w) for w in ["“داعش”", "بـ«سوريا»", "(واس)", "والأسد"]] == [
        "داعش",
        "سوريا",
        "واس",
        "والأسد",
    ]
