"""The loop back's pure rules: public results, answers, promises, where a choice
stands, feed events, video ids; and that none of the new definition fields
changes what a ballot means."""

from __future__ import annotations

import datetime as dt

import pytest

from budgetschuiver.kernel import definitions, i18n
from budgetschuiver.kernel import loopback as rules
from budgetschuiver.kernel.settings import REPO_ROOT
from budgetschuiver.kernel.trajectory import Answer
from budgetschuiver.kinds import load_catalog


@pytest.fixture(scope="module")
def demo():
    return load_catalog(REPO_ROOT / "data")


def changed(item, **fields):
    return type(item).model_validate(item.model_dump() | fields)


@pytest.mark.parametrize(
    ("setting", "status", "public"),
    [
        ("after_close", "upcoming", False),
        ("after_close", "open", False),
        ("after_close", "closed", True),
        ("always", "upcoming", False),
        ("always", "open", True),
        ("always", "closed", True),
        ("never", "open", False),
        ("never", "closed", False),
    ],
)
def test_loop001_results_public_by_setting_and_status(setting, status, public):
    assert rules.results_public(setting, status) is public


def test_loop002_unknown_setting_is_refused():
    with pytest.raises(ValueError):
        rules.results_public("sometimes", "closed")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("http://www.youtube.com/watch?v=dQw4w9WgXcQ", None),
        ("https://evil.example/watch?v=dQw4w9WgXcQ", None),
        ("https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ", None),
        ("javascript:alert(1)", None),
        ("dQw4w9WgXc", None),
        ('dQw4w9WgX"Q', None),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&v=../../x", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ/../x", None),
        (None, None),
        (42, None),
    ],
)
def test_loop003_youtube_ids(value, expected):
    assert rules.youtube_id(value) == expected


def test_loop004_answer_status_and_days_closed():
    answer = Answer(status="draft", date="2026-01-01", summary="x")
    assert rules.answer_status(None) == "missing"
    assert rules.answer_status(answer) == "draft"
    closes = dt.date(2026, 11, 15)
    assert rules.days_closed(closes, closes) is None
    assert rules.days_closed(closes, dt.date(2026, 11, 16)) == 1
    assert rules.days_closed(closes, dt.date(2026, 11, 29)) == 14


@pytest.mark.parametrize(
    ("values", "counts", "own", "below", "above"),
    [
        ([1, 2, 3], [10, 10, 10], 2, (30, 40), (30, 40)),
        ([1, 2, 3], [0, 30, 0], 2, (0, 10), (0, 10)),
        ([1, 2], [29, 1], 2, (90, 100), (0, 10)),
        ([1, 2], [1, 29], 1, (0, 10), (90, 100)),
        ([5], [10], 5, (0, 10), (0, 10)),
    ],
)
def test_loop005_stance_bands(values, counts, own, below, above):
    found = rules.stance(values, counts, own, min_size=10)
    assert (found.below, found.above, found.n) == (below, above, sum(counts))


def test_loop006_stance_needs_a_large_enough_group():
    assert rules.stance([1, 2], [4, 5], 1, min_size=10) is None
    assert rules.stance([1, 2], [5, 5], 1, min_size=10) is not None
    with pytest.raises(ValueError):
        rules.stance([1, 2], [5], 1, min_size=1)


def test_loop007_feed_events_in_order_and_only_up_to_today():
    answer = Answer(status="published", date="2026-12-01", summary="x")
    events = rules.feed_events(
        dt.date(2026, 9, 1),
        dt.date(2026, 10, 31),
        "after_close",
        answer,
        dt.date(2026, 12, 5),
    )
    assert events == [
        ("opened", dt.date(2026, 9, 1)),
        ("results", dt.date(2026, 11, 1)),
        ("closed", dt.date(2026, 11, 1)),
        ("answer", dt.date(2026, 12, 1)),
    ]
    early = rules.feed_events(
        dt.date(2026, 9, 1),
        dt.date(2026, 10, 31),
        "never",
        answer,
        dt.date(2026, 10, 1),
    )
    assert early == [("opened", dt.date(2026, 9, 1))]
    draft = Answer(status="draft", date="2026-12-01", summary="x")
    assert ("answer", dt.date(2026, 12, 1)) not in rules.feed_events(
        dt.date(2026, 9, 1),
        dt.date(2026, 10, 31),
        "always",
        draft,
        dt.date(2026, 12, 5),
    )


def test_loop008_every_level_has_a_promise_in_both_languages():
    for key in rules.LEVEL_PROMISES.values():
        for lang in i18n.LANGUAGES:
            assert i18n.t(key, lang) != key


ANSWER = {
    "status": "published",
    "date": "2027-02-01",
    "summary": {"nl": "**Besloten.**", "en": "**Decided.**"},
}


@pytest.mark.parametrize(
    "change",
    [
        {"opens": "2019-01-01", "closes": "2019-02-01"},
        {"title": {"nl": "Nieuw", "en": "New"}},
        {"response": ANSWER},
        {"results_public": "never"},
        {"video": "dQw4w9WgXcQ"},
    ],
)
@pytest.mark.parametrize(
    ("kind", "item_id"),
    [
        ("budget", "park-zuiderpark"),
        ("poll", "naam-nieuw-park"),
        ("moodboard", "speeltuin-transvaal"),
    ],
)
def test_loop009_dates_texts_answer_and_loop_fields_keep_the_ballot_hash(
    demo, kind, item_id, change
):
    item = demo.find(kind, item_id)
    assert definitions.rules_hash(changed(item, **change)) == definitions.rules_hash(
        item
    )


def test_loop010_budget_aggregate_keeps_the_ballot_hash(demo):
    park = demo.find("budget", "park-zuiderpark")
    assert park.aggregate == "independent_markets"
    for rule in ("mean", "welfare"):
        assert definitions.rules_hash(
            changed(park, aggregate=rule)
        ) == definitions.rules_hash(park)


def test_loop011_bad_loop_fields_are_refused_by_name(demo):
    poll = demo.find("poll", "naam-nieuw-park")
    bad = [
        {"video": "https://evil.example/x"},
        {"results_public": "soon"},
        {"response": ANSWER | {"status": "final"}},
        {"response": ANSWER | {"items": {"schiphol": {"nl": "x"}}}},
        {"response": {k: v for k, v in ANSWER.items() if k != "date"}},
    ]
    for change in bad:
        with pytest.raises(ValueError):
            changed(poll, **change)
    with pytest.raises(ValueError):
        changed(demo.find("budget", "park-zuiderpark"), aggregate="median")


def test_loop012_demo_has_a_closed_trajectory_with_and_one_without_answer(demo):

    moment = dt.datetime(2026, 11, 29, 12, tzinfo=dt.UTC)
    closed = [
        item
        for group in (demo.of("budget"), demo.of("poll"), demo.of("moodboard"))
        for item in group.values()
        if item.status(moment) == "closed"
    ]
    states = {rules.answer_status(item.response) for item in closed}
    assert {"published", "missing"} <= states


def _poll_file(tmp_path, response):
    import yaml

    data = yaml.safe_load(
        (REPO_ROOT / "data" / "polls" / "naam-nieuw-park.yaml").read_text()
    )
    data["response"] = response
    path = tmp_path / "naam-nieuw-park.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


def test_loop013_answer_text_from_markdown_files_beside_the_definition(tmp_path):
    from budgetschuiver.kernel.trajectory import load_file
    from budgetschuiver.polls.model import Poll

    (tmp_path / "naam.response.nl.md").write_text("**Binckpark** 🌳\n\nTekst.\n")
    (tmp_path / "naam.response.en.md").write_text("**Binckpark** in English\n")
    path = _poll_file(
        tmp_path,
        {
            "status": "published",
            "date": "2026-11-20",
            "summary_file": {
                "nl": "naam.response.nl.md",
                "en": "naam.response.en.md",
            },
        },
    )
    poll = load_file(path, Poll)
    assert poll.response.summary.get("nl") == "**Binckpark** 🌳\n\nTekst.\n"
    assert poll.response.summary.get("en") == "**Binckpark** in English\n"


@pytest.mark.parametrize(
    ("summary_file", "extra", "message"),
    [
        ({"nl": "../geheim.md"}, {}, "response.summary_file.nl: must be the name"),
        ({"nl": "/etc/passwd"}, {}, "response.summary_file.nl: must be the name"),
        ({"nl": "antwoord.txt"}, {}, "response.summary_file.nl: must be the name"),
        ({"nl": "ontbreekt.md"}, {}, "response.summary_file.nl: cannot be read"),
        ("antwoord.md", {"summary": "x"}, "summary or summary_file, not both"),
    ],
)
def test_loop014_answer_files_are_plain_names_beside_it(
    tmp_path, summary_file, extra, message
):
    from budgetschuiver.kernel.trajectory import DefinitionError, load_file
    from budgetschuiver.polls.model import Poll

    (tmp_path / "antwoord.md").write_text("x")
    path = _poll_file(
        tmp_path,
        {"status": "draft", "date": "2026-11-20", "summary_file": summary_file} | extra,
    )
    with pytest.raises(DefinitionError, match=message):
        load_file(path, Poll)
