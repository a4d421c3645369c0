"""The forum's texts for residents, in Dutch (B1) and English, added to the
message catalogue (`kernel.i18n.register`) when the kind is registered."""

from __future__ import annotations

from budgetschuiver.kernel import i18n

MESSAGES: dict[str, tuple[str, str]] = {
    "error.forum_not_found": (
        "Dit forum bestaat niet.",
        "This forum does not exist.",
    ),
    "error.forum_upcoming": (
        "Dit forum is nog niet open. Het opent op {date}. Er is niets opgeslagen.",
        "This forum is not open yet. It opens on {date}. Nothing was stored.",
    ),
    "error.forum_closed": (
        "Dit forum is gesloten. Er is niets opgeslagen.",
        "This forum is closed. Nothing was stored.",
    ),
    "error.forum_municipality_only": (
        "In dit forum begint alleen de gemeente nieuwe onderwerpen. U kunt wel reageren op een onderwerp. Er is niets opgeslagen.",
        "In this forum only the municipality starts new topics. You can reply to a topic. Nothing was stored.",
    ),
    "error.forum_topic_closed": (
        "Dit onderwerp is gesloten. Er is niets opgeslagen.",
        "This topic is closed. Nothing was stored.",
    ),
    "error.forum_topic_not_found": (
        "Dit onderwerp bestaat niet (meer).",
        "This topic does not exist (any more).",
    ),
    "error.forum_bad_stance": (
        "Kies als standpunt: voor, tegen of vraag.",
        "Choose as stance: for, against or question.",
    ),
    "error.forum_no_stances": (
        "In dit forum geeft u geen standpunt op.",
        "This forum takes no stance.",
    ),
    "error.forum_bad_parent": (
        "Het bericht waarop u antwoordt bestaat niet in dit onderwerp.",
        "The post you reply to does not exist in this topic.",
    ),
    "error.forum_bad_query": (
        "Deze zoekvraag of pagina kunnen we niet lezen.",
        "We cannot read this search or page.",
    ),
    "forum.not_found_title": ("Dit forum bestaat niet", "This forum does not exist"),
    "forum.not_found": (
        "Misschien is het adres niet goed. Kijk op de startpagina voor alle forums.",
        "Perhaps the address is wrong. See the home page for all forums.",
    ),
    "forum.topic_not_found_title": (
        "Dit onderwerp bestaat niet",
        "This topic does not exist",
    ),
    "forum.topic_not_found": (
        "Misschien is het onderwerp weggehaald of nog niet gecontroleerd.",
        "Perhaps the topic was removed or is not checked yet.",
    ),
    "forum.badge": ("Gemeente Den Haag", "Municipality of The Hague"),
    "forum.badge_label": (
        "Bericht van de gemeente",
        "Post by the municipality",
    ),
    "forum.feed_post_title": ("{who} in ‘{title}’", "{who} in ‘{title}’"),
    "forum.feed_link": (
        "Volg dit zonder e-mail, met een feedlezer (Atom)",
        "Follow this without e-mail, in a feed reader (Atom)",
    ),
    "forum.question": ("De vraag", "The question"),
    "forum.conclusion_title": ("Wat we hiervan meenemen", "What we take from this"),
    "forum.closed_forum": (
        "Dit forum is gesloten. U kunt alles nog lezen.",
        "This forum is closed. You can still read everything.",
    ),
    "forum.closed_topic": (
        "Dit onderwerp is gesloten. U kunt alles nog lezen.",
        "This topic is closed. You can still read everything.",
    ),
    "forum.upcoming": (
        "Dit forum opent op {date}.",
        "This forum opens on {date}.",
    ),
    "forum.only_municipality": (
        "In dit forum begint de gemeente de onderwerpen. U kunt bij elk onderwerp reageren.",
        "In this forum the municipality starts the topics. You can reply to every topic.",
    ),
    "forum.form_title": ("Begin een onderwerp", "Start a topic"),
    "forum.title_label": (
        "Titel (hoogstens {max} tekens)",
        "Title (at most {max} characters)",
    ),
    "forum.text_label": (
        "Uw tekst (hoogstens {max} tekens)",
        "Your text (at most {max} characters)",
    ),
    "forum.name_label": (
        "Naam die anderen zien (mag leeg blijven)",
        "Name others see (may stay empty)",
    ),
    "forum.no_personal_data": (
        "Zet geen e-mailadres, telefoonnummer, adres of andere persoonsgegevens in uw tekst.",
        "Do not put an e-mail address, phone number, address or other personal data in your text.",
    ),
    "forum.submit_topic": ("Onderwerp plaatsen", "Post topic"),
    "forum.topic_posted": ("Uw onderwerp staat online.", "Your topic is online."),
    "forum.post_posted": ("Uw bericht staat online.", "Your post is online."),
    "forum.pending": (
        "Bedankt. Een moderator bekijkt uw bijdrage eerst. Daarna staat die online.",
        "Thank you. A moderator checks your contribution first. Then it goes online.",
    ),
    "forum.draft_kept": (
        "Wat u typt, blijft bewaard in deze browser tot u het plaatst.",
        "What you type is kept in this browser until you post it.",
    ),
    "forum.list_title": ("Onderwerpen", "Topics"),
    "forum.list_hint": (
        "Nieuwste activiteit eerst. ‘Nieuw’ staat bij onderwerpen met berichten die u nog niet zag (dit onthoudt alleen uw eigen browser).",
        "Newest activity first. ‘New’ marks topics with posts you have not seen (only your own browser remembers this).",
    ),
    "forum.search_label": ("Zoeken in onderwerpen", "Search topics"),
    "forum.previous": ("Vorige pagina", "Previous page"),
    "forum.next": ("Volgende pagina", "Next page"),
    "forum.page_of": ("Pagina {page} van {pages}", "Page {page} of {pages}"),
    "forum.topic_count.one": ("{count} onderwerp", "{count} topic"),
    "forum.topic_count.other": ("{count} onderwerpen", "{count} topics"),
    "forum.post_count.one": ("{count} bericht", "{count} post"),
    "forum.post_count.other": ("{count} berichten", "{count} posts"),
    "forum.none_yet": ("Nog geen onderwerpen.", "No topics yet."),
    "forum.none_found": (
        "Geen onderwerpen gevonden met deze zoekwoorden.",
        "No topics found for this search.",
    ),
    "forum.last_activity": ("laatste activiteit {date}", "last activity {date}"),
    "forum.unread": ("Nieuw", "New"),
    "forum.topic_closed_mark": ("gesloten", "closed"),
    "forum.back": ("← Alle onderwerpen", "← All topics"),
    "forum.posts_title": ("Berichten", "Posts"),
    "forum.no_posts": ("Nog geen berichten.", "No posts yet."),
    "forum.post_form_title": ("Reageren", "Reply"),
    "forum.post_label": (
        "Uw bericht (hoogstens {max} tekens)",
        "Your post (at most {max} characters)",
    ),
    "forum.stance_label": (
        "Uw standpunt (mag leeg blijven)",
        "Your stance (may stay empty)",
    ),
    "forum.no_stance": ("Geen standpunt", "No stance"),
    "forum.reply_label": ("Antwoord op", "Reply to"),
    "forum.reply_none": (
        "Geen: een nieuw bericht in het onderwerp",
        "None: a new post in the topic",
    ),
    "forum.reply_to": ("Antwoord op bericht van {who}", "Reply to post by {who}"),
    "forum.submit_post": ("Bericht plaatsen", "Post"),
    "forum.live_hint": (
        "Nieuwe berichten verschijnen vanzelf, binnen 10 seconden.",
        "New posts appear by themselves, within 10 seconds.",
    ),
    "forum.hidden": (
        "Verborgen na moderatie: {count} ({reasons}).",
        "Hidden after moderation: {count} ({reasons}).",
    ),
    "home.kind.forums": ("Forum", "Forum"),
    "loop.n_topics.one": (
        "{count} onderwerp staat in de lijst.",
        "{count} topic is listed.",
    ),
    "loop.n_topics.other": (
        "{count} onderwerpen staan in de lijst.",
        "{count} topics are listed.",
    ),
    "loop.forum_intro": (
        (
            "De onderwerpen op volgorde van het aantal berichten van inwoners. Het "
            "aandeel is het deel van alle berichten van inwoners in dit forum. "
            "Gelijke plaatsen staan er met (=). Berichten van de gemeente en test- "
            "of demoberichten tellen niet mee."
        ),
        (
            "The topics in order of the number of posts by residents. The share is "
            "the part of all residents' posts in this forum. Shared places show (=). "
            "Posts by the municipality and test or demo posts do not count."
        ),
    ),
    "loop.col.topic": ("Onderwerp", "Topic"),
    "loop.col.post_share": ("Aandeel berichten", "Share of posts"),
    "loop.col.posts": ("Berichten van inwoners", "Posts by residents"),
    "loop.col.conclusion": ("Wat we hiervan meenemen", "What we take from this"),
    "loop.topic_open": ("Open", "Open"),
    "loop.topic_closed": ("Gesloten", "Closed"),
    "ideas.kind.topic": ("Onderwerp", "Topic"),
    "ideas.kind.post": ("Forumbericht", "Forum post"),
}


def register() -> None:
    """Add these texts to the catalogue once (importing twice is harmless)."""
    if not set(MESSAGES) <= set(i18n.MESSAGES):
        i18n.register(MESSAGES)
