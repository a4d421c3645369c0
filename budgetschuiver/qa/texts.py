"""The live Q&A's texts in Dutch (B1) and English, registered in the resident
side's message catalogue (`kernel.i18n.register`) when the kind is imported."""

from __future__ import annotations

from budgetschuiver.kernel import i18n

MESSAGES: dict[str, tuple[str, str]] = {
    "home.kind.qa": ("Vragenuur", "Question hour"),
    # The moderation queue names an item's type with `ideas.kind.<type>`.
    "ideas.kind.question": ("Vraag in een vragenuur", "Question in a question hour"),
    "error.qa_session_not_found": (
        "Dit vragenuur bestaat niet.",
        "This question hour does not exist.",
    ),
    "error.qa_session_closed": (
        "Dit vragenuur is voorbij. U kunt geen vragen meer stellen of stemmen.",
        "This question hour has ended. You can no longer ask or vote.",
    ),
    "error.qa_session_upcoming": (
        "Dit vragenuur begint op {date}.",
        "This question hour starts on {date}.",
    ),
    "qa_session.not_found_title": (
        "Vragenuur niet gevonden",
        "Question hour not found",
    ),
    "qa.not_found": (
        "Dit vragenuur bestaat niet (meer). Kijk op de startpagina.",
        "This question hour does not exist (any more). See the home page.",
    ),
    "error.qa_question_not_found": (
        "Deze vraag bestaat niet of is niet openbaar.",
        "This question does not exist or is not public.",
    ),
    "error.qa_vote_not_open": (
        "Op deze vraag kunt u nu niet stemmen.",
        "You cannot vote on this question now.",
    ),
    "error.qa_too_fast": (
        "Vanaf dit apparaat is net al op deze vraag gestemd. Wacht even.",
        "Someone on this device just voted on this question. Please wait a moment.",
    ),
    "error.qa_empty": ("Schrijf eerst uw vraag.", "Write your question first."),
    "error.qa_not_text": ("Stuur dit als tekst.", "Send this as text."),
    "error.qa_too_long": (
        "Uw vraag is te lang: gebruik hoogstens {max} tekens.",
        "Your question is too long: use at most {max} characters.",
    ),
    "error.qa_bad_action": (
        "Kies een van deze acties: approve, hide, merge, pin, answer, follow_up.",
        "Choose one of these actions: approve, hide, merge, pin, answer, follow_up.",
    ),
    "error.qa_bad_question": (
        "Noem een vraag van dit vragenuur.",
        "Name a question of this question hour.",
    ),
    "error.qa_needs_reason": (
        "Kies een reden om een vraag te verbergen.",
        "Choose a reason to hide a question.",
    ),
    "error.qa_bad_into": (
        "Noem een andere openbare vraag van dit vragenuur om mee samen te voegen.",
        "Name another public question of this question hour to merge with.",
    ),
    "error.qa_not_now": (
        "Dit kan nu niet met deze vraag.",
        "This is not possible with this question now.",
    ),
    "qa.status_upcoming": (
        "Het vragenuur is nog niet begonnen. U kunt nu al vragen stellen.",
        "The question hour has not started yet. You can already ask questions.",
    ),
    "qa.status_live": (
        "Het vragenuur is nu bezig. Stel uw vraag of stem op vragen van anderen.",
        "The question hour is on now. Ask your question or vote for others'.",
    ),
    "qa.status_ended": (
        "Het vragenuur is voorbij. Hieronder staat het verslag.",
        "The question hour has ended. The record is below.",
    ),
    "qa.when": ("{date}, van {start} tot {end} uur", "{date}, from {start} to {end}"),
    "qa.hosts": ("Met: {names}", "With: {names}"),
    "qa.countdown_label": ("Tijd tot de start", "Time until the start"),
    "qa.left": ("{days} d {hours} u {minutes} min", "{days} d {hours} h {minutes} min"),
    "qa.ask_title": ("Stel een vraag", "Ask a question"),
    "qa.question_label": (
        "Uw vraag (hoogstens {max} tekens)",
        "Your question (at most {max} characters)",
    ),
    "qa.name_label": ("Naam (mag leeg blijven)", "Name (optional)"),
    "qa.name_hint": (
        "Vul geen achternaam, e-mail of telefoonnummer in.",
        "Do not give a surname, e-mail or phone number.",
    ),
    "qa.send": ("Vraag versturen", "Send question"),
    "qa.sent": ("Uw vraag staat in de lijst.", "Your question is on the list."),
    "qa.sent_pending": (
        "Dank u. Een gastheer of -vrouw bekijkt uw vraag eerst.",
        "Thank you. A host will look at your question first.",
    ),
    "qa.now_answering": ("Nu in behandeling", "Being answered now"),
    "qa.nothing_now": (
        "Er wordt nu geen vraag behandeld.",
        "No question is being answered right now.",
    ),
    "qa.waiting_title": ("Vragen", "Questions"),
    "qa.follow_up_title": ("Volgt later", "Answer follows later"),
    "qa.answered_title": ("Beantwoord", "Answered"),
    "qa.none_yet": ("Er zijn nog geen vragen.", "There are no questions yet."),
    "qa.vote": ("Steun deze vraag", "Support this question"),
    "qa.report_about": ("U meldt deze vraag:", "You report this question:"),
    "qa.report_cancel": ("Niet melden", "Do not report"),
    "qa.voted": ("U steunt deze vraag", "You support this question"),
    "qa.votes.one": ("{count} stem", "{count} vote"),
    "qa.votes.other": ("{count} stemmen", "{count} votes"),
    "qa.vote_done": ("Uw stem is geteld.", "Your vote was counted."),
    "qa.vote_withdrawn": ("Uw stem is ingetrokken.", "Your vote was withdrawn."),
    "qa.answered_live": ("Live beantwoord", "Answered live"),
    "qa.anonymous": ("Anoniem", "Anonymous"),
    "qa.hidden.one": (
        "{count} vraag is verborgen",
        "{count} question was hidden",
    ),
    "qa.hidden.other": (
        "{count} vragen zijn verborgen",
        "{count} questions were hidden",
    ),
    "qa.hidden_reasons": ("reden: {reasons}", "reason: {reasons}"),
    "qa.merged.one": (
        "{count} vraag is samengevoegd met een gelijke vraag.",
        "{count} question was merged with a similar one.",
    ),
    "qa.merged.other": (
        "{count} vragen zijn samengevoegd met gelijke vragen.",
        "{count} questions were merged with similar ones.",
    ),
    "qa.transcript_link": ("Verslag als CSV-bestand", "Record as a CSV file"),
    "qa.updated": ("Lijst bijgewerkt.", "List updated."),
    "qa.join": ("Doe mee", "Join"),
    "qa.qr_label": (
        "QR-code naar de pagina van dit vragenuur: {address}",
        "QR code to this question hour's page: {address}",
    ),
    "qa.top_waiting": ("Wachtende vragen", "Waiting questions"),
    "loop.n_questions.one": (
        "{count} vraag staat in de lijst.",
        "{count} question is listed.",
    ),
    "loop.n_questions.other": (
        "{count} vragen staan in de lijst.",
        "{count} questions are listed.",
    ),
    "loop.qa_intro": (
        (
            "De vragen op volgorde van het aantal stemmen van inwoners. Steun is "
            "het deel van de inwoners die stemden dat deze vraag steunde, met het "
            "95%-interval. Gelijke plaatsen staan er met (=). Test- en "
            "demostemmen tellen niet mee."
        ),
        (
            "The questions in order of residents' votes. Support is the share of "
            "the residents who voted that supported this question, with its 95% "
            "interval. Shared places show (=). Test and demo votes do not count."
        ),
    ),
    "loop.col.question": ("Vraag", "Question"),
    "loop.col.qa_support": ("Steun (95%-interval)", "Support (95% interval)"),
    "loop.col.qa_votes": ("Stemmen van inwoners", "Votes by residents"),
    "loop.col.qa_answer": ("Antwoord", "Answer"),
    "loop.qa_unanswered": ("Nog niet beantwoord", "Not answered yet"),
    "loop.qa_voters_note": (
        "Het aantal deelnemers is het aantal inwoners dat op een vraag stemde.",
        (
            "The number of participants is the number of residents who voted "
            "for a question."
        ),
    ),
    "loop.qa_askers.one": (
        "{count} inwoner stelde een vraag die te zien is.",
        "{count} resident asked a question that is shown.",
    ),
    "loop.qa_askers.other": (
        "{count} inwoners stelden een vraag die te zien is.",
        "{count} residents asked a question that is shown.",
    ),
}

i18n.register(MESSAGES)
