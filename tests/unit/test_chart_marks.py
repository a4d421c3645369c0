"""Charts that hide or mislabel: labels clear of error bars, the median visible
beside the mean, interval columns named for what they are, advisors' wording."""

from __future__ import annotations

import pytest

from dashboards.kernel import figures


def _items(shares):
    return [
        {"share": s, "ci": [max(0.0, s - 0.08), min(1.0, s + 0.08)], "votes": 1}
        for s in shares
    ]


@pytest.mark.parametrize("big", [False, True])
@pytest.mark.parametrize("shares", [[0.3, 0.5, 0.2], [0.0, 1.0], [0.97, 0.03]])
def test_marks001_share_labels_stand_clear_of_error_bars(shares, big):
    """Class: a text label drawn where an error bar is. Every label of a shares chart
    starts at or past its interval's upper end, and the axis leaves room for it."""
    figure = figures.shares_figure(["a"] * len(shares), _items(shares), "nl", big)
    bars = [t for t in figure["data"] if t["type"] == "bar"]
    texts = [t for t in figure["data"] if t.get("text")]
    assert not any(b.get("text") for b in bars)
    assert len(texts) == 1
    for bar in bars:
        upper = [x + e for x, e in zip(bar["x"], bar["error_x"]["array"], strict=True)]
        for label_x, end in zip(texts[0]["x"], upper, strict=True):
            assert label_x >= end + 1
            assert texts[0]["textposition"].endswith("right")
    assert figure["layout"]["xaxis"]["range"][1] >= max(texts[0]["x"]) + 10


@pytest.mark.parametrize("big", [False, True])
def test_marks002_median_stays_visible_on_the_mean(big):
    """Class: one mark hidden under another where they meet. Where median and mean
    coincide, the mark drawn first (the median) is an open ring wider than the mean's
    diamond drawn over it."""
    stats = [
        {"p25": 1, "p75": 3, "median": 2, "mean": 2, "mean_ci": [1.5, 2.5]},
    ]
    figure = figures.lines_figure(["a"], [2], stats, "nl", big)
    names = [t.get("name") for t in figure["data"]]
    median = figure["data"][names.index("Mediaan en middelste helft")]
    mean = figure["data"][names.index("Gemiddelde en 95%-interval")]
    assert names.index("Mediaan en middelste helft") < names.index(
        "Gemiddelde en 95%-interval"
    )
    assert median["marker"]["symbol"].endswith("-open")
    assert (
        median["marker"]["size"]
        >= mean["marker"]["size"] + 2 * (median["marker"]["line"]["width"])
    )


def test_marks003_poll_interval_column_names_a_share_interval():
    """Class: a column label that names another statistic. The poll table's interval
    is a Wilson interval of a share, not of a mean."""
    from budgetschuiver.kernel import i18n
    from dashboards.choices import page as votes

    for lang in ("nl", "en"):
        table = votes._table("db.option", [], lang, "q")
        heads = [th.children for th in table.children.children[0].children.children]
        assert any("Wilson" in h for h in heads)
        assert not any(h == i18n.t("db.ci", lang) for h in heads)
        assert not any("gemiddelde" in h or "mean" in h for h in heads)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_marks004_filter_bar_speaks_to_advisors(lang):
    """Class: residents' wording ("Uw stadsdeel") on the advisors' views. No label of
    the dashboard's filter bar addresses the reader as a resident."""
    from dash import html

    from dashboards.kernel import common

    labels = []

    def walk(node):
        if isinstance(node, list | tuple):
            for child in node:
                walk(child)
            return
        if getattr(node, "_type", "") == "Label" or isinstance(node, html.Label):
            labels.append(str(node.children))
        if hasattr(node, "children"):
            walk(node.children)
        if hasattr(node, "label") and isinstance(node.label, str):
            labels.append(node.label)

    walk(common.filter_bar(lang))
    assert len(labels) >= 4
    for text in labels:
        words = text.lower().split()
        assert not {"uw", "your", "je", "jouw"} & set(words), text
