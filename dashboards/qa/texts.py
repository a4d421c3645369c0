"""The host console's and big screen's texts in Dutch and English, registered in
the message catalogue (`kernel.i18n.register`) when the pages are imported."""

from __future__ import annotations

from budgetschuiver.kernel import i18n

MESSAGES: dict[str, tuple[str, str]] = {
    "dqa.title": ("Vragenuur leiden", "Host the question hour"),
    "dqa.screen_title": ("Vragenuur op groot scherm", "Question hour on a big screen"),
    "dqa.screen_link": ("Groot scherm openen", "Open the big screen"),
    "dqa.public_link": ("Pagina voor bewoners", "Residents' page"),
    "dqa.pending": ("Wacht op goedkeuring", "Waiting for approval"),
    "dqa.published": ("In de lijst", "On the list"),
    "dqa.hidden": ("Verborgen", "Hidden"),
    "dqa.none": ("Geen vragen.", "No questions."),
    "dqa.answer_label": (
        "Geschreven antwoord (voor de knop 'Beantwoord')",
        "Written answer (for the 'Answered' button)",
    ),
    "dqa.reason_label": (
        "Reden om te verbergen",
        "Reason to hide",
    ),
    "dqa.merge_label": ("Samenvoegen met", "Merge into"),
    "dqa.action.approve": ("Goedkeuren", "Approve"),
    "dqa.action.hide": ("Verbergen", "Hide"),
    "dqa.action.merge": ("Samenvoegen", "Merge"),
    "dqa.action.pin": ("Nu in behandeling", "Answer now"),
    "dqa.action.answer": ("Beantwoord", "Answered"),
    "dqa.action.live": ("Live beantwoord", "Answered live"),
    "dqa.action.follow_up": ("Volgt later", "Follows later"),
    "dqa.done": ("Gedaan: {action}.", "Done: {action}."),
    "dqa.stage.waiting": ("wacht", "waiting"),
    "dqa.stage.answering": ("nu in behandeling", "being answered"),
    "dqa.stage.answered": ("beantwoord", "answered"),
    "dqa.stage.follow_up": ("volgt later", "follows later"),
    "dqa.question_of": ("Vraag: {text}", "Question: {text}"),
    "dqa.nothing_now": (
        "Zo meteen de eerste vraag.",
        "The first question follows soon.",
    ),
}

i18n.register(MESSAGES)
