"""Forum definitions (`data/forums/<id>.yaml`): a pydantic model like the other
trajectories, loaded and checked when the app starts."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from budgetschuiver.forums import rules
from budgetschuiver.kernel.trajectory import Model, Trajectory


class Limits(Model):
    """Longest texts residents may write, in characters (after cleaning): a
    topic's title, and the text of a topic or a post."""

    title: int = Field(default=120, ge=10, le=200)
    text: int = Field(default=5000, ge=50, le=5000)


class DemoPost(Model):
    """An illustrative post `seed-demo` stores (marked synthetic); `municipality`
    posts carry the role badge."""

    text: str = Field(min_length=1, max_length=5000)
    stance: rules.Stance | None = None
    municipality: bool = False
    reply_to: int | None = Field(
        default=None, ge=0, description="index of an earlier top-level post"
    )


class DemoTopic(Model):
    title: str = Field(min_length=1, max_length=120)
    text: str = Field(min_length=1, max_length=5000)
    municipality: bool = False
    posts: tuple[DemoPost, ...] = ()


class Forum(Trajectory):
    """Residents and the municipality discuss the forum's question in topics with
    threads of posts; the municipality closes a topic or the forum with a
    conclusion."""

    kind: Literal["forums"] = "forums"
    moderation: Literal["pre", "post"] = "post"
    topics_from: rules.TopicsFrom = Field(
        default="residents",
        description="who may start a topic: residents (and the municipality), "
        "or the municipality only",
    )
    stances: bool = Field(
        default=False, description="posts carry a stance (for, against, question)"
    )
    limits: Limits = Limits()
    demo_topics: tuple[DemoTopic, ...] = ()

    @model_validator(mode="after")
    def _check(self) -> Forum:
        if self.demo_topics and not self.illustrative:
            raise ValueError("demo_topics needs illustrative: true")
        for topic in self.demo_topics:
            for index, post in enumerate(topic.posts):
                if post.reply_to is not None and not (
                    post.reply_to < index
                    and topic.posts[post.reply_to].reply_to is None
                ):
                    raise ValueError(
                        "demo post reply_to must name an earlier top-level post"
                    )
                if post.stance is not None and not self.stances:
                    raise ValueError("demo post stance needs stances: true")
        return self

    def ballot_rules(self) -> dict[str, Any]:
        return {"kind": "forums", "stances": self.stances}

    def answer_ids(self) -> tuple[str, ...]:
        # Topics are stored, not defined: an answer speaks to the forum as a whole.
        return ()

    @property
    def residents_may_start_topics(self) -> bool:
        return self.topics_from == "residents"
