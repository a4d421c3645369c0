"""PURE share links for social media and e-mail: plain addresses a resident follows
by choice. No script, pixel or SDK of any network is ever loaded (CSP 'self')."""

from __future__ import annotations

from urllib.parse import quote, urlencode

# (network, address template); the hosts are listed so tests can tell these
# resident-chosen links from anything a page would load by itself.
NETWORKS = ("whatsapp", "facebook", "x", "linkedin", "email")
SHARE_HOSTS = frozenset({"wa.me", "www.facebook.com", "x.com", "www.linkedin.com"})


def share_links(url: str, text: str) -> list[tuple[str, str]]:
    """`[(network, href)]` in NETWORKS order for sharing the absolute `url` with
    a short `text` (the page title). Addresses are the networks' documented share
    endpoints: WhatsApp click-to-chat (`wa.me/?text=`), Facebook's sharer, X's
    post intent, LinkedIn's share-offsite, and a `mailto:` (RFC 6068) with
    subject and body. Every value is percent-encoded; raises ValueError for a
    `url` that is not absolute http(s)."""
    if not url.startswith(("https://", "http://")):
        raise ValueError("share links need an absolute http(s) address")
    return [
        ("whatsapp", "https://wa.me/?" + urlencode({"text": f"{text} {url}"})),
        (
            "facebook",
            "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        ),
        ("x", "https://x.com/intent/post?" + urlencode({"text": text, "url": url})),
        (
            "linkedin",
            "https://www.linkedin.com/sharing/share-offsite/?"
            + urlencode({"url": url}),
        ),
        (
            "email",
            "mailto:?subject="
            + quote(text, safe="")
            + "&body="
            + quote(f"{text}\n\n{url}", safe=""),
        ),
    ]
