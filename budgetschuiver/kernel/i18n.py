"""User-facing text in Dutch and English, and number formatting shared with the browser.

Every text the resident sees comes from MESSAGES; the dashboard adds its own
(`register`, from `dashboards/kernel/texts.py`). Templates use `{name}` fields.
The browser gets the templates it needs inside the page's rule spec, so the live
feedback and the server speak with one voice (see `budget.client_spec`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from zoneinfo import ZoneInfo

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

MESSAGES: dict[str, tuple[str, str]] = {
    # -- balance (live and on submit) ---------------------------------------------
    "balance.exact": ("Precies in balans.", "Exactly balanced."),
    "balance.within_surplus": (
        "In balans: {amount} over, binnen de marge.",
        "Balanced: {amount} left, within the margin.",
    ),
    "balance.within_deficit": (
        "In balans: {amount} tekort, binnen de marge.",
        "Balanced: {amount} short, within the margin.",
    ),
    "balance.surplus": (
        "Nog {amount} te verdelen.",
        "{amount} still to divide.",
    ),
    "balance.near_surplus": (
        "Bijna in balans: nog {amount} te verdelen.",
        "Nearly balanced: {amount} still to divide.",
    ),
    "balance.surplus_allowed": (
        "{amount} over. U kunt zo insturen of het geld nog verdelen.",
        "{amount} left over. You can submit like this or divide it first.",
    ),
    "balance.deficit": ("U komt {amount} tekort.", "You are {amount} short."),
    "balance.near_deficit": (
        "Bijna in balans: u komt {amount} tekort.",
        "Nearly balanced: you are {amount} short.",
    ),
    "balance.free_surplus": (
        "U houdt {amount} over ten opzichte van het plan.",
        "You keep {amount} more than the plan does.",
    ),
    "balance.free_deficit": (
        "U geeft {amount} meer uit dan het plan.",
        "You spend {amount} more than the plan.",
    ),
    "balance.free_exact": (
        "Uw keuzes kosten evenveel als het plan.",
        "Your choices cost the same as the plan.",
    ),
    # -- consequences --------------------------------------------------------------
    "consequence.fewer": (
        "{count} {unit} minder dan gepland",
        "{count} {unit} fewer than planned",
    ),
    "consequence.more": (
        "{count} {unit} meer dan gepland",
        "{count} {unit} more than planned",
    ),
    "consequence.same": ("Zoals gepland", "As planned"),
    "consequence.part_more": (
        "Minder dan 1 {unit} meer dan gepland",
        "Less than 1 {unit} more than planned",
    ),
    "consequence.part_fewer": (
        "Minder dan 1 {unit} minder dan gepland",
        "Less than 1 {unit} fewer than planned",
    ),
    # -- personal tax impact -------------------------------------------------------
    "tax.more": (
        "Voor uw huis: {amount} per jaar meer.",
        "For your home: {amount} a year more.",
    ),
    "tax.less": (
        "Voor uw huis: {amount} per jaar minder.",
        "For your home: {amount} a year less.",
    ),
    "tax.same": (
        "Voor uw huis: geen verschil per jaar.",
        "For your home: no difference a year.",
    ),
    # -- shell ---------------------------------------------------------------------
    "ui.site_name": ("Den Haag doet mee", "Den Haag takes part"),
    "ui.brand_tagline": ("Doe mee", "Take part"),
    "ui.skip": ("Naar de inhoud", "Skip to content"),
    "ui.other_language": ("English", "Nederlands"),
    "ui.footer": (
        (
            "Budgetschuiver is open source (EUPL-1.2). We slaan geen naam, e-mailadres of "
            "IP-adres op bij uw mening."
        ),
        (
            "Budgetschuiver is open source (EUPL-1.2). We store no name, e-mail address or "
            "IP address with your opinion."
        ),
    ),
    "ui.sending": ("Bezig met insturen…", "Sending…"),
    "ui.sent": ("Ingestuurd · nog eens insturen", "Sent · send again"),
    "info.privacy": ("Privacy", "Privacy"),
    "info.accessibility": ("Toegankelijkheid", "Accessibility"),
    "ui.illustrative": (
        "Let op: dit is een voorbeeld. De bedragen en gegevens zijn verzonnen.",
        "Please note: this is an example. The amounts and details are made up.",
    ),
    # -- home ------------------------------------------------------------------------
    "home.title": ("Denk mee over Den Haag", "Help shape Den Haag"),
    "home.intro": (
        "Hier vindt u alles waarover u nu kunt meedenken of meebeslissen.",
        "Here you find everything you can give your opinion on or decide on now.",
    ),
    "home.none": (
        "Er staat op dit moment niets open. Kom later terug.",
        "Nothing is open right now. Please come back later.",
    ),
    "home.closes": ("Open tot en met {date}", "Open until {date}"),
    "home.opens": ("Opent op {date}", "Opens on {date}"),
    "home.closed": ("Gesloten sinds {date}", "Closed since {date}"),
    "home.what_we_do": (
        "Wat doen we met uw mening?",
        "What do we do with your opinion?",
    ),
    "home.take_part": ("Doe mee", "Take part"),
    "home.finished": ("Afgerond: bekijk de uitkomst", "Finished: see the outcome"),
    "home.kind.budget": ("Begroting", "Budget"),
    "level.raadplegen": (
        "Raadplegen: we vragen uw mening",
        "Consulting: we ask your opinion",
    ),
    "level.adviseren": (
        "Adviseren: uw advies weegt mee",
        "Advising: your advice counts",
    ),
    "level.co-produceren": (
        "Samen maken: we werken het samen uit",
        "Co-producing: we work it out together",
    ),
    "level.meebeslissen": (
        "Meebeslissen: de uitkomst geldt",
        "Deciding: the outcome holds",
    ),
    # -- about you (shared by every ballot) -----------------------------------------
    "profile.legend": ("Over u (niet verplicht)", "About you (optional)"),
    "profile.why": (
        "Dit helpt ons te zien of we alle Hagenaars bereiken. We vragen nooit uw naam of e-mailadres.",
        "This helps us see whether we reach everyone in the city. We never ask your name or e-mail address.",
    ),
    "profile.district": ("Uw stadsdeel", "Your district"),
    "profile.age_band": ("Uw leeftijd", "Your age"),
    "profile.no_answer": ("Zeg ik liever niet", "I'd rather not say"),
    "profile.remembered": (
        "Deze browser onthoudt uw antwoorden, zodat u ze niet steeds opnieuw hoeft te geven. Wij slaan ze pas op als u iets instuurt.",
        "This browser remembers your answers so you do not have to give them again. We only store them when you send something in.",
    ),
    "profile.clear": (
        "Wis mijn antwoorden uit deze browser",
        "Clear my answers from this browser",
    ),
    # -- budget page -----------------------------------------------------------------
    "budget.not_found_title": (
        "Deze begroting bestaat niet",
        "This budget does not exist",
    ),
    "budget.not_found": (
        "We kunnen deze begroting niet vinden. Kijk op de startpagina wat er open staat.",
        "We cannot find this budget. See the home page for what is open.",
    ),
    "budget.to_home": ("Naar de startpagina", "To the home page"),
    "budget.total": ("Te verdelen: {amount}", "To divide: {amount}"),
    "budget.how": (
        (
            "Verschuif de bedragen met de schuifjes of typ een bedrag. U ziet meteen wat uw "
            "keuze betekent."
        ),
        (
            "Move the amounts with the sliders or type an amount. You see straight away "
            "what your choice means."
        ),
    ),
    "budget.rule.balanced": (
        "Uitgaven en inkomsten moeten in balans zijn (marge {amount}).",
        "Spending and income must balance (margin {amount}).",
    ),
    "budget.rule.balanced_exact": (
        "Uitgaven en inkomsten moeten precies in balans zijn.",
        "Spending and income must balance exactly.",
    ),
    "budget.rule.balanced_spending": (
        "U verdeelt het hele bedrag (marge {amount}).",
        "You divide the whole amount (margin {amount}).",
    ),
    "budget.rule.balanced_spending_exact": (
        "U verdeelt precies het hele bedrag.",
        "You divide exactly the whole amount.",
    ),
    "budget.rule.no_deficit": (
        "U mag niet meer uitgeven dan er is.",
        "You may not spend more than there is.",
    ),
    "budget.rule.free": (
        "U mag meer of minder uitgeven; wij laten zien wat dat betekent voor de OZB.",
        "You may spend more or less; we show what that means for the property tax.",
    ),
    "budget.spending": ("Uitgaven", "Spending"),
    "budget.revenue": ("Inkomsten", "Income"),
    "budget.plan": ("Plan gemeente: {amount}", "City plan: {amount}"),
    "budget.amount_label": (
        "Bedrag voor {line}, in euro",
        "Amount for {line}, in euros",
    ),
    "amount.rounded": (
        "Afgerond naar {amount}: bedragen gaan in stappen van {step}.",
        "Rounded to {amount}: amounts go in steps of {step}.",
    ),
    "amount.at_min": (
        "Het kleinste bedrag is {amount}. Dat staat er nu.",
        "The smallest amount is {amount}. That is what it is now.",
    ),
    "amount.at_max": (
        "Het grootste bedrag is {amount}. Dat staat er nu.",
        "The largest amount is {amount}. That is what it is now.",
    ),
    "amount.unreadable": (
        (
            "Dit bedrag kunnen we niet lezen. Typ een bedrag in cijfers, bijvoorbeeld "
            "{example}. Het bedrag blijft {amount}."
        ),
        (
            "We cannot read this amount. Type an amount in digits, for example "
            "{example}. The amount stays {amount}."
        ),
    ),
    "budget.read_more": ("Lees meer", "Read more"),
    "budget.locked": ("Ligt vast: {reason}", "Fixed: {reason}"),
    "budget.reset": ("Terug naar het plan", "Back to the plan"),
    "budget.undo": ("Laatste wijziging ongedaan maken", "Undo last change"),
    "budget.share_label": (
        "Link naar deze begroting",
        "Link to this budget",
    ),
    "budget.share_copy": ("Kopieer link", "Copy link"),
    "budget.share_copied": ("De link is gekopieerd.", "The link has been copied."),
    "budget.share_manual": (
        "Kopiëren lukte niet. Selecteer de link en kopieer hem zelf.",
        "Copying did not work. Select the link and copy it yourself.",
    ),
    "budget.chart_title": ("Uw begroting en het plan", "Your budget and the plan"),
    "budget.chart_yours": ("Uw begroting", "Your budget"),
    "budget.chart_plan": ("Plan gemeente", "City plan"),
    "budget.table_toggle": ("Toon als tabel", "Show as a table"),
    "budget.table_line": ("Post", "Line"),
    "budget.tax_title": ("Wat betekent dit voor u?", "What does this mean for you?"),
    "budget.woz_label": (
        "WOZ-waarde van uw huis, in euro",
        "WOZ value of your home, in euros",
    ),
    "budget.woz_help": (
        (
            "De WOZ-waarde staat op uw aanslag gemeentelijke belastingen. Huurt u? Dan "
            "betaalt uw verhuurder de OZB."
        ),
        (
            "The WOZ value is on your municipal tax bill. Do you rent? Then your landlord "
            "pays the property tax."
        ),
    ),
    "budget.tax_where": (
        "Wat uw keuzes betekenen voor uw huis, ziet u onderaan het scherm bij de balans.",
        "What your choices mean for your home is shown at the bottom of the screen, with the balance.",
    ),
    "budget.woz_unreadable": (
        (
            "Deze WOZ-waarde kunnen we niet lezen. Typ een bedrag in cijfers, "
            "bijvoorbeeld 300.000."
        ),
        "We cannot read this WOZ value. Type an amount in digits, for example 300,000.",
    ),
    "budget.send_title": ("Insturen", "Submit"),
    "budget.comment": ("Waarom? (niet verplicht)", "Why? (optional)"),
    "budget.comment_count": ("{count} van {max} tekens", "{count} of {max} characters"),
    "budget.submit": ("Begroting insturen", "Submit budget"),
    "budget.submit_blocked": (
        "U kunt insturen als uw begroting in balans is.",
        "You can submit once your budget is balanced.",
    ),
    "budget.submit_ready": (
        "Uw begroting is klaar om in te sturen.",
        "Your budget is ready to submit.",
    ),
    "budget.sent_status": (
        "Uw begroting is ingestuurd. U kunt hem aanpassen en opnieuw insturen.",
        "Your budget has been sent. You can change it and send it again.",
    ),
    "budget.replace_notice": (
        (
            "U heeft op {date} al een begroting ingestuurd. Die ziet u hieronder. Stuurt u "
            "opnieuw in, dan vervangt de nieuwe begroting de vorige. Alleen de laatste telt."
        ),
        (
            "You already submitted a budget on {date}. You see it below. If you submit "
            "again, the new budget replaces the earlier one. Only the last one counts."
        ),
    ),
    "budget.outdated_notice": (
        (
            "U heeft op {date} een begroting ingestuurd. Daarna zijn de regels van deze "
            "begroting veranderd. Uw begroting past niet bij de nieuwe regels en telt "
            "daarom niet mee. Hieronder ziet u het plan. Stuur opnieuw een begroting in "
            "als u wilt meetellen."
        ),
        (
            "You submitted a budget on {date}. After that, the rules of this budget "
            "changed. Your budget does not fit the new rules, so it does not count. "
            "Below you see the plan. Submit a budget again if you want to be counted."
        ),
    ),
    "budget.replace_rule": (
        (
            "U kunt uw begroting aanpassen zolang de begroting open is. Alleen uw laatste "
            "begroting telt."
        ),
        (
            "You can change your budget while this budget is open. Only your last budget "
            "counts."
        ),
    ),
    "budget.thanks_new": (
        "Dank u wel! Uw begroting is opgeslagen en telt mee.",
        "Thank you! Your budget has been saved and counts.",
    ),
    "budget.thanks_replaced": (
        (
            "Dank u wel! Uw nieuwe begroting is opgeslagen en vervangt uw vorige. Alleen "
            "deze telt mee. De ontvangstcode hieronder vervangt ook uw vorige code."
        ),
        (
            "Thank you! Your new budget has been saved and replaces your earlier one. Only "
            "this one counts. The receipt code below also replaces your earlier code."
        ),
    ),
    "budget.receipt": ("Uw ontvangstcode: {code}", "Your receipt code: {code}"),
    "budget.receipt_keep": (
        "Bewaar deze code. Hiermee kunt u later laten zien dat u heeft meegedaan.",
        "Keep this code. It shows later that you took part.",
    ),
    "budget.text_cleaned.one": (
        (
            "We hebben {count} onzichtbaar stuurteken uit uw tekst weggelaten. De rest "
            "staat er precies zoals u het schreef."
        ),
        (
            "We left out {count} invisible control character from your text. The rest "
            "is kept exactly as you wrote it."
        ),
    ),
    "budget.text_cleaned.other": (
        (
            "We hebben {count} onzichtbare stuurtekens uit uw tekst weggelaten. De "
            "rest staat er precies zoals u het schreef."
        ),
        (
            "We left out {count} invisible control characters from your text. The "
            "rest is kept exactly as you wrote it."
        ),
    ),
    "budget.closed": (
        (
            "Deze begroting is gesloten sinds {date}. U kunt de bedragen nog bekijken, maar "
            "niet meer insturen."
        ),
        (
            "This budget closed on {date}. You can still look at the amounts, but no longer "
            "submit."
        ),
    ),
    "budget.upcoming": (
        "Deze begroting opent op {date}. U kunt alvast kijken; insturen kan dan.",
        "This budget opens on {date}. You can look around now; you can submit then.",
    ),
    "budget.bad_link": (
        "De link klopte niet (meer). U ziet het plan van de gemeente.",
        "The link was not (or no longer) valid. You see the city's plan.",
    ),
    "budget.shared": (
        "U ziet de begroting uit de link die u opende.",
        "You see the budget from the link you opened.",
    ),
    # -- polls -----------------------------------------------------------------------
    "home.kind.poll": ("Peiling", "Poll"),
    "home.kind.moodboard": ("Moodboard", "Moodboard"),
    "home.kind.ideas": ("Ideeën", "Ideas"),
    "poll.not_found_title": ("Deze peiling bestaat niet", "This poll does not exist"),
    "poll.not_found": (
        "We kunnen deze peiling niet vinden. Kijk op de startpagina wat er open staat.",
        "We cannot find this poll. See the home page for what is open.",
    ),
    "poll.choose_one": ("Kies één antwoord.", "Choose one answer."),
    "poll.choose_up_to": (
        "Kies maximaal {max} antwoorden.",
        "Choose up to {max} answers.",
    ),
    "poll.choose_between": (
        "Kies {min} tot {max} antwoorden.",
        "Choose {min} to {max} answers.",
    ),
    "poll.other": ("Anders, namelijk:", "Other, namely:"),
    "poll.other_answer": ("Anders, namelijk", "Other"),
    "poll.other_label": (
        "Uw eigen antwoord (maximaal {max} tekens)",
        "Your own answer (at most {max} characters)",
    ),
    "poll.submit": ("Stem", "Vote"),
    "poll.chosen": (
        "U heeft {count} van maximaal {max} gekozen.",
        "You chose {count} of at most {max}.",
    ),
    "poll.too_many": (
        "U heeft er {count} gekozen; het maximum is {max}. Haal er een weg.",
        "You chose {count}; the maximum is {max}. Please remove one.",
    ),
    "poll.none_chosen": (
        "U heeft nog niets gekozen.",
        "You have not chosen anything yet.",
    ),
    "poll.other_empty": (
        "Vul uw eigen antwoord in.",
        "Please fill in your own answer.",
    ),
    "poll.thanks_new": (
        "Dank u wel! Uw stem is opgeslagen en telt mee.",
        "Thank you! Your vote has been saved and counts.",
    ),
    "poll.thanks_replaced": (
        (
            "Dank u wel! Uw nieuwe stem vervangt uw vorige. Alleen deze telt mee. De "
            "ontvangstcode hieronder vervangt ook uw vorige code."
        ),
        (
            "Thank you! Your new vote replaces your earlier one. Only this one counts. "
            "The receipt code below also replaces your earlier code."
        ),
    ),
    "poll.already": (
        "U heeft op {date} al gestemd. Uw keuze staat hieronder. Stemt u opnieuw, dan vervangt uw nieuwe stem de vorige.",
        "You already voted on {date}. Your choice is shown below. If you vote again, your new vote replaces the earlier one.",
    ),
    "poll.outdated": (
        (
            "U heeft op {date} gestemd. Daarna zijn de keuzes van deze peiling "
            "veranderd. Uw stem past niet bij de nieuwe keuzes en telt daarom niet "
            "mee. Stem opnieuw als u wilt meetellen."
        ),
        (
            "You voted on {date}. After that, the choices of this poll changed. Your "
            "vote does not fit the new choices, so it does not count. Vote again if "
            "you want to be counted."
        ),
    ),
    "poll.change_rule": (
        "U kunt uw stem veranderen zolang de peiling open is. Alleen uw laatste stem telt.",
        "You can change your vote while the poll is open. Only your last vote counts.",
    ),
    "poll.closed": (
        "Deze peiling is gesloten sinds {date}.",
        "This poll closed on {date}.",
    ),
    "poll.upcoming": ("Deze peiling opent op {date}.", "This poll opens on {date}."),
    "poll.results_title": ("De uitslag tot nu toe", "The results so far"),
    "poll.results_final": ("De uitslag", "The results"),
    "poll.results_n.one": ("{count} persoon stemde.", "{count} person voted."),
    "poll.results_n.other": ("{count} mensen stemden.", "{count} people voted."),
    "poll.results_synthetic.one": (
        "Let op: {count} van deze stemmen is een voorbeeldstem voor de demo.",
        "Please note: {count} of these votes is an example vote for the demo.",
    ),
    "poll.results_synthetic.other": (
        "Let op: {count} van deze stemmen zijn voorbeeldstemmen voor de demo.",
        "Please note: {count} of these votes are example votes for the demo.",
    ),
    "poll.results_row.one": (
        "{label}: {share} ({count} stem)",
        "{label}: {share} ({count} vote)",
    ),
    "poll.results_row.other": (
        "{label}: {share} ({count} stemmen)",
        "{label}: {share} ({count} votes)",
    ),
    "poll.results_too_few": (
        "Er zijn nog te weinig stemmen om een uitslag te tonen.",
        "There are too few votes yet to show results.",
    ),
    "poll.results_after_close": (
        "De uitslag ziet u als de peiling gesloten is.",
        "You can see the results once the poll has closed.",
    ),
    "poll.results_never": (
        "De uitslag van deze peiling wordt niet op deze site getoond. We publiceren wat we ermee doen.",
        "The results of this poll are not shown on this site. We will publish what we do with them.",
    ),
    # -- moodboards ----------------------------------------------------------------
    "moodboard.not_found_title": (
        "Dit moodboard bestaat niet",
        "This moodboard does not exist",
    ),
    "moodboard.not_found": (
        "We kunnen dit moodboard niet vinden. Kijk op de startpagina wat er open staat.",
        "We cannot find this moodboard. See the home page for what is open.",
    ),
    "moodboard.how": (
        "Bekijk de plaatjes en kies er maximaal {max} die u het mooiste vindt.",
        "Look at the pictures and choose up to {max} you like best.",
    ),
    "moodboard.status": (
        "U heeft {count} van de {max} favorieten gekozen.",
        "You have chosen {count} of {max} favourites.",
    ),
    "moodboard.full": (
        "U heeft al {max} favorieten. Haal er eerst een weg als u een andere wilt kiezen.",
        "You already have {max} favourites. Remove one first if you want to choose another.",
    ),
    "moodboard.pick": ("Kies als favoriet", "Choose as favourite"),
    "moodboard.picked": ("Gekozen", "Chosen"),
    "moodboard.view": ("Bekijk groot", "View large"),
    "moodboard.close": ("Sluiten", "Close"),
    "moodboard.submit": ("Stuur mijn favorieten", "Send my favourites"),
    "moodboard.thanks_new": (
        "Dank u wel! Uw favorieten zijn opgeslagen en tellen mee.",
        "Thank you! Your favourites have been saved and count.",
    ),
    "moodboard.thanks_replaced": (
        (
            "Dank u wel! Uw nieuwe keuze vervangt uw vorige. Alleen deze telt mee. De "
            "ontvangstcode hieronder vervangt ook uw vorige code."
        ),
        (
            "Thank you! Your new choice replaces your earlier one. Only this one counts. "
            "The receipt code below also replaces your earlier code."
        ),
    ),
    "moodboard.already": (
        "U heeft op {date} al gekozen. Uw favorieten staan aan. Stuurt u opnieuw, dan vervangt uw nieuwe keuze de vorige.",
        "You already chose on {date}. Your favourites are selected. If you send again, your new choice replaces the earlier one.",
    ),
    "moodboard.outdated": (
        (
            "U heeft op {date} gekozen. Daarna zijn de plaatjes of de regels van dit "
            "moodboard veranderd. Uw keuze past niet bij de nieuwe regels en telt "
            "daarom niet mee. Kies opnieuw als u wilt meetellen."
        ),
        (
            "You chose on {date}. After that, the pictures or the rules of this "
            "moodboard changed. Your choice does not fit the new rules, so it does "
            "not count. Choose again if you want to be counted."
        ),
    ),
    "moodboard.closed": (
        "Dit moodboard is gesloten sinds {date}.",
        "This moodboard closed on {date}.",
    ),
    "moodboard.upcoming": (
        "Dit moodboard opent op {date}.",
        "This moodboard opens on {date}.",
    ),
    "moodboard.share_title": ("Deel het met uw buren", "Share it with your neighbours"),
    "moodboard.share_text_label": ("Tekst om te delen", "Text to share"),
    "moodboard.share_copy": ("Kopieer tekst en link", "Copy text and link"),
    # -- shares and access (residents and the dashboard) -----------------------------
    "share.note_several": (
        "Iedereen kon meer dan één antwoord kiezen: de percentages tellen niet op tot 100%.",
        "Everyone could choose more than one answer: the percentages do not add up to 100%.",
    ),
    "share.note_rounded": (
        "Afgerond op hele procenten; gelijke aandelen houden hetzelfde percentage, daarom is het totaal {sum}.",
        "Rounded to whole percentages; equal shares keep the same percentage, so the total is {sum}.",
    ),
    "auth.forbidden": (
        "Uw account mag dit niet.",
        "Your account is not allowed to do this.",
    ),
    # -- validation (server; API and page) -----------------------------------------
    "error.not_object": (
        "Stuur de begroting als een lijst van posten met bedragen.",
        "Send the budget as a set of lines with amounts.",
    ),
    "error.unknown_line": (
        "De post '{line}' bestaat niet in deze begroting.",
        "The line '{line}' does not exist in this budget.",
    ),
    "error.missing_line": (
        "Het bedrag voor '{line}' ontbreekt.",
        "The amount for '{line}' is missing.",
    ),
    "error.not_number": (
        "Het bedrag voor '{line}' is geen getal.",
        "The amount for '{line}' is not a number.",
    ),
    "error.out_of_range": (
        "Het bedrag voor '{line}' moet tussen {min} en {max} liggen.",
        "The amount for '{line}' must be between {min} and {max}.",
    ),
    "error.off_grid": (
        "Het bedrag voor '{line}' moet in stappen van {step} gaan.",
        "The amount for '{line}' must go in steps of {step}.",
    ),
    "error.locked": (
        "'{line}' ligt vast en kan niet veranderen.",
        "'{line}' is fixed and cannot change.",
    ),
    "error.unbalanced": (
        "Uw begroting is nog niet in balans. {detail}",
        "Your budget is not balanced yet. {detail}",
    ),
    "error.bad_token": (
        "Uw browser stuurde geen geldige sleutel mee. Laad de pagina opnieuw.",
        "Your browser did not send a valid key. Please reload the page.",
    ),
    "error.bad_district": (
        "Kies een stadsdeel uit de lijst, of laat het leeg.",
        "Choose a district from the list, or leave it empty.",
    ),
    "error.bad_age_band": (
        "Kies een leeftijdsgroep uit de lijst, of laat het leeg.",
        "Choose an age group from the list, or leave it empty.",
    ),
    "error.comment_too_long": (
        "Uw toelichting is te lang: maximaal {max} tekens.",
        "Your explanation is too long: at most {max} characters.",
    ),
    "error.bad_comment": (
        "Uw toelichting moet tekst zijn.",
        "Your explanation must be text.",
    ),
    "error.unknown_field": (
        "Het veld '{field}' kennen we niet.",
        "The field '{field}' is not known.",
    ),
    "error.not_json": (
        "Het verzoek is geen geldige JSON.",
        "The request is not valid JSON.",
    ),
    "error.project_not_found": (
        "Deze begroting bestaat niet.",
        "This budget does not exist.",
    ),
    "error.project_closed": (
        "Deze begroting is gesloten. Insturen kan niet meer.",
        "This budget is closed. You can no longer submit.",
    ),
    "error.project_upcoming": (
        "Deze begroting is nog niet open. Insturen kan vanaf {date}.",
        "This budget is not open yet. You can submit from {date}.",
    ),
    "error.bad_code": (
        "Deze stemcode klopt niet. Kijk de code in uw brief nog eens na.",
        "This voting code is not right. Please check the code in your letter.",
    ),
    "error.code_rate_limited": (
        "Te veel verkeerde stemcodes. Wacht tien minuten en probeer het dan opnieuw.",
        "Too many wrong voting codes. Wait ten minutes and try again.",
    ),
    "ui.code_label": (
        "Uw stemcode (staat in de brief die u kreeg)",
        "Your voting code (in the letter you received)",
    ),
    "ui.code_help": (
        "Elke code telt één keer. Stuurt u opnieuw in met dezelfde code, dan vervangt dat uw vorige keuze.",
        "Each code counts once. Sending again with the same code replaces your earlier choice.",
    ),
    "db.verified": (
        "Met stemcodes: {used} van de {issued} codes gebruikt.",
        "With voting codes: {used} of {issued} codes used.",
    ),
    "error.rate_limited": (
        "U stuurt te veel in korte tijd. Wacht een paar minuten en probeer het dan opnieuw.",
        "You are sending too much in a short time. Wait a few minutes and try again.",
    ),
    "error.too_large": (
        "Het verzoek is te groot.",
        "The request is too large.",
    ),
    "error.not_found": (
        "Deze pagina bestaat niet.",
        "This page does not exist.",
    ),
    "error.server": (
        (
            "Er ging iets mis aan onze kant. Uw gegevens zijn niet opgeslagen. "
            "Probeer het later opnieuw."
        ),
        "Something went wrong on our side. Nothing was stored. Please try again later.",
    ),
    "error.poll_not_found": ("Deze peiling bestaat niet.", "This poll does not exist."),
    "error.moodboard_not_found": (
        "Dit moodboard bestaat niet.",
        "This moodboard does not exist.",
    ),
    "error.poll_closed": (
        "Deze peiling is gesloten. Stemmen kan niet meer.",
        "This poll is closed. You can no longer vote.",
    ),
    "error.poll_upcoming": (
        "Deze peiling is nog niet open. Stemmen kan vanaf {date}.",
        "This poll is not open yet. You can vote from {date}.",
    ),
    "error.moodboard_closed": (
        "Dit moodboard is gesloten. Kiezen kan niet meer.",
        "This moodboard is closed. You can no longer choose.",
    ),
    "error.moodboard_upcoming": (
        "Dit moodboard is nog niet open. Kiezen kan vanaf {date}.",
        "This moodboard is not open yet. You can choose from {date}.",
    ),
    "error.other_empty": (
        "Vul uw eigen antwoord in, of kies iets anders.",
        "Fill in your own answer, or choose something else.",
    ),
    "error.choices_type": (
        "Stuur uw keuzes als een lijst.",
        "Send your choices as a list.",
    ),
    "error.unknown_choice": (
        "De keuze '{choice}' hoort niet bij deze vraag.",
        "The choice '{choice}' does not belong to this question.",
    ),
    "error.duplicate_choice": (
        "U koos '{choice}' twee keer.",
        "You chose '{choice}' twice.",
    ),
    "error.too_few_choices": (
        "Kies er minstens {min}.",
        "Choose at least {min}.",
    ),
    "error.too_many_choices": (
        "Kies er hoogstens {max}.",
        "Choose at most {max}.",
    ),
    "error.other_not_allowed": (
        "Bij deze vraag kunt u geen eigen antwoord geven.",
        "This question does not take an answer of your own.",
    ),
    "error.other_too_long": (
        "Uw eigen antwoord is te lang: maximaal {max} tekens.",
        "Your own answer is too long: at most {max} characters.",
    ),
    "upload.too_large": (
        "Het bestand is te groot (maximaal 8 MB).",
        "The file is too large (at most 8 MB).",
    ),
    "upload.bad_format": (
        "Alleen PNG-, JPEG- en WebP-afbeeldingen kunnen.",
        "Only PNG, JPEG and WebP pictures are accepted.",
    ),
    "upload.too_many_pixels": (
        "De afbeelding heeft te veel pixels.",
        "The picture has too many pixels.",
    ),
    "upload.not_an_image": (
        "Dit bestand is geen afbeelding die we kunnen lezen.",
        "This file is not a picture we can read.",
    ),
    "error.bad_filter": (
        "Deze filterwaarde kennen we niet.",
        "This filter value is not known.",
    ),
    "error.not_found_body": (
        "We kunnen deze pagina niet vinden. Kijk op de startpagina wat er open staat.",
        "We cannot find this page. See the home page for what is open.",
    ),
    "error.method": (
        "Deze actie is hier niet toegestaan.",
        "This action is not allowed here.",
    ),
    "error.login_needed": (
        "U bent niet ingelogd, of uw sessie is verlopen. Log opnieuw in en probeer het nog eens.",
        "You are not logged in, or your session has expired. Log in again and try once more.",
    ),
    "error.conflict": (
        "Dit kan nu niet, omdat het niet past bij wat er al is opgeslagen.",
        "This cannot be done now, because it does not fit what is already stored.",
    ),
    "error.request": (
        "Dit verzoek kunnen we niet uitvoeren. Er is niets opgeslagen.",
        "We cannot carry out this request. Nothing was stored.",
    ),
    # -- closing the loop: public results, answer, sharing, embed, feed, report --
    "loop.title": ("Uitkomst: {title}", "Results: {title}"),
    "loop.not_found_title": ("Uitkomst niet gevonden", "Results not found"),
    "loop.not_found": (
        "Deze inspraak bestaat niet (meer). Kijk op de startpagina wat er loopt.",
        (
            "This trajectory does not exist (any more). See what is running on the "
            "home page."
        ),
    ),
    "loop.not_yet": (
        "De uitkomst staat hier na het sluiten op {date}.",
        "The results appear here after closing on {date}.",
    ),
    "loop.not_yet_open": (
        "Deze inspraak begint op {date}. Daarna ziet u hier de uitkomst.",
        "This trajectory starts on {date}. After that you see the results here.",
    ),
    "loop.never": (
        "De uitkomst van deze inspraak maken we niet openbaar.",
        "We do not publish the results of this trajectory.",
    ),
    "loop.level_title": ("Wat u van ons mag verwachten", "What you may expect"),
    "loop.promise.raadplegen": (
        (
            "Raadplegen: we vroegen uw mening. De gemeente is er niet aan gebonden, "
            "maar weegt die mee."
        ),
        (
            "Consulting: we asked your opinion. The municipality is not bound by it, "
            "but takes it into account."
        ),
    ),
    "loop.promise.adviseren": (
        (
            "Adviseren: uw advies weegt zwaar. Kiest de gemeente iets anders, dan legt "
            "zij uit waarom."
        ),
        (
            "Advising: your advice weighs heavily. If the municipality chooses "
            "otherwise, it explains why."
        ),
    ),
    "loop.promise.co-produceren": (
        "Samen maken: wat we samen hebben afgesproken, geldt.",
        "Co-producing: what we agreed together is binding.",
    ),
    "loop.promise.meebeslissen": (
        "Meebeslissen: de keuze van de inwoners is het besluit.",
        "Deciding: the residents' choice is the decision.",
    ),
    "loop.answer_title": (
        "Wat de gemeente ermee doet",
        "What the municipality does with it",
    ),
    "loop.answer_date": ("Antwoord van {date}.", "Answer of {date}."),
    "loop.answer_items": ("Per onderdeel", "Item by item"),
    "loop.answer_missing.one": (
        "Het antwoord van de gemeente volgt nog. De inspraak is {count} dag gesloten.",
        (
            "The municipality's answer is still to come. The trajectory closed "
            "{count} day ago."
        ),
    ),
    "loop.answer_missing.other": (
        (
            "Het antwoord van de gemeente volgt nog. De inspraak is {count} dagen "
            "gesloten."
        ),
        (
            "The municipality's answer is still to come. The trajectory closed "
            "{count} days ago."
        ),
    ),
    "loop.answer_after_close": (
        "Het antwoord van de gemeente volgt na het sluiten op {date}.",
        "The municipality's answer follows after closing on {date}.",
    ),
    "loop.n.one": ("{count} inwoner deed mee.", "{count} resident took part."),
    "loop.n.other": ("{count} inwoners deden mee.", "{count} residents took part."),
    "loop.synthetic.one": (
        "{count} test- of demo-inzending telt niet mee.",
        "{count} test or demo entry is not counted.",
    ),
    "loop.synthetic.other": (
        "{count} test- of demo-inzendingen tellen niet mee.",
        "{count} test or demo entries are not counted.",
    ),
    "loop.suppressed": (
        "Te weinig deelnemers om cijfers te tonen. Zo beschermen we wie meedeed.",
        "Too few participants to show figures. This protects those who took part.",
    ),
    "loop.results_heading": ("De uitkomst", "The results"),
    "loop.who_title": ("Wie deden mee", "Who took part"),
    "loop.who_district": ("Stadsdeel", "District"),
    "loop.who_age": ("Leeftijd", "Age"),
    "loop.who_count": ("Aantal", "Number"),
    "loop.who_not_given": ("Niet ingevuld", "Not given"),
    "loop.hidden": (
        "verborgen (te klein, of om een kleine groep te beschermen)",
        "hidden (too small, or to protect a small group)",
    ),
    "loop.budget_intro": (
        "De begroting van de inwoners ({rule}) naast het gemiddelde en het plan.",
        "The residents' budget ({rule}) beside the mean and the plan.",
    ),
    "loop.rule.mean": ("het gemiddelde", "the mean"),
    "loop.rule.independent_markets": (
        "onafhankelijke markten",
        "independent markets",
    ),
    "loop.rule.welfare": ("de welvaartsregel", "the welfare rule"),
    "loop.rule_note.mean": (
        (
            "Het gemiddelde van alle inzendingen. Wie overdrijft, trekt het wat naar "
            "zich toe."
        ),
        "The mean of all entries. Someone who exaggerates pulls it a little their way.",
    ),
    "loop.rule_note.independent_markets": (
        (
            "Onafhankelijke markten: overdrijven helpt niemand, en elke inwoner heeft "
            "evenveel invloed op de verdeling."
        ),
        (
            "Independent markets: exaggerating helps nobody, and every resident has "
            "the same influence on the division."
        ),
    ),
    "loop.rule_note.welfare": (
        (
            "De welvaartsregel: overdrijven helpt niemand, en de verdeling ligt zo "
            "dicht mogelijk bij wat de meeste inwoners kozen."
        ),
        (
            "The welfare rule: exaggerating helps nobody, and the division lies as "
            "close as possible to what most residents chose."
        ),
    ),
    "loop.col.line": ("Onderdeel", "Item"),
    "loop.col.residents": ("Inwoners", "Residents"),
    "loop.col.mean": ("Gemiddelde", "Mean"),
    "loop.col.plan": ("Plan", "Plan"),
    "loop.col.choice": ("Keuze", "Choice"),
    "loop.col.votes": ("Stemmen", "Votes"),
    "loop.col.share": ("Aandeel", "Share"),
    "loop.n_ideas.one": ("{count} idee staat in de lijst.", "{count} idea is listed."),
    "loop.n_ideas.other": (
        "{count} ideeën staan in de lijst.",
        "{count} ideas are listed.",
    ),
    "loop.col.place": ("Plaats", "Place"),
    "loop.col.idea": ("Idee", "Idea"),
    "loop.col.support": ("Steun (95%-interval)", "Support (95% interval)"),
    "loop.col.ratings": ("Beoordelingen", "Ratings"),
    "loop.col.status": ("Stand van zaken", "Status"),
    "loop.col.answer": ("Antwoord van de gemeente", "The municipality's answer"),
    "loop.idea_share": ("{share} ({low} – {high})", "{share} ({low} – {high})"),
    "loop.ranking_intro": (
        "De ideeën op volgorde van steun. De plaats hangt af van de ondergrens van het 95%-interval: een idee met weinig beoordelingen staat niet bovenaan door toeval. Steun is het aandeel steunen van wie steunde of niet steunde; neutraal telt niet mee. Gelijke plaatsen staan er met (=). Test- en demobeoordelingen tellen niet mee.",
        "The ideas in order of support. The place depends on the lower end of the 95% interval: an idea with few ratings does not top the list by chance. Support is the share supporting among those who supported or opposed; neutral does not count. Shared places show (=). Test and demo ratings do not count.",
    ),
    "loop.conclusion_title": ("Wat we hiervan meenemen", "What we take from this"),
    "loop.stance_title": ("Waar uw keuze staat", "Where your choice stands"),
    "loop.stance_line": (
        (
            "{line}: u koos {amount}. Tussen {below_lo}% en {below_hi}% van de "
            "inzendingen koos minder, tussen {above_lo}% en {above_hi}% koos meer."
        ),
        (
            "{line}: you chose {amount}. Between {below_lo}% and {below_hi}% of the "
            "entries chose less, between {above_lo}% and {above_hi}% chose more."
        ),
    ),
    "loop.stance_small": (
        "Te weinig inzendingen om te laten zien waar uw keuze staat.",
        "Too few entries to show where your choice stands.",
    ),
    "loop.see_results": ("Bekijk de uitkomst", "See the results"),
    "loop.to_trajectory": ("Naar de inspraak", "To the trajectory"),
    "loop.preview_alt_votes": (
        "Uitkomst van “{title}”: {rows}.",
        "Results of “{title}”: {rows}.",
    ),
    "loop.preview_row": ("{label} {share}", "{label} {share}"),
    "loop.preview_alt_budget": (
        "Begroting van de inwoners naast het plan voor “{title}”: {rows}.",
        "Residents' budget beside the plan for “{title}”: {rows}.",
    ),
    "loop.preview_budget_row": (
        "{label} {amount} (plan {plan})",
        "{label} {amount} (plan {plan})",
    ),
    "loop.preview_none": (
        "“{title}”: nog geen uitkomst te tonen.",
        "“{title}”: no results to show yet.",
    ),
    "loop.preview_residents": ("Inwoners", "Residents"),
    "loop.preview_plan": ("Plan", "Plan"),
    "share.title": ("Delen", "Share"),
    "share.whatsapp": ("WhatsApp", "WhatsApp"),
    "share.facebook": ("Facebook", "Facebook"),
    "share.x": ("X", "X"),
    "share.linkedin": ("LinkedIn", "LinkedIn"),
    "share.email": ("E-mail", "E-mail"),
    "share.new_window": ("(opent een nieuw venster)", "(opens a new window)"),
    "share.copy": ("Link kopiëren", "Copy link"),
    "share.copied": ("De link is gekopieerd.", "The link has been copied."),
    "share.copy_failed": (
        "Kopiëren lukte niet. Selecteer de link hierboven en kopieer hem zelf.",
        "Copying did not work. Select the link above and copy it yourself.",
    ),
    "share.native": ("Delen via uw telefoon", "Share from your phone"),
    "share.link_label": ("Link naar deze pagina", "Link to this page"),
    "share.text_trajectory": ("Doe mee: {title}", "Take part: {title}"),
    "share.text_results": ("De uitkomst: {title}", "The results: {title}"),
    "video.title": ("Uitleg in een video", "Explained in a video"),
    "video.load": (
        "Video laden (YouTube plaatst dan cookies)",
        "Load video (YouTube then places cookies)",
    ),
    "video.note": (
        "De video staat op YouTube. We laden hem pas als u op de knop drukt.",
        "The video is on YouTube. We only load it when you press the button.",
    ),
    "video.frame_title": ("Uitlegvideo", "Explainer video"),
    "video.loaded": ("De video is geladen.", "The video has loaded."),
    "embed.take_part": ("Doe mee", "Take part"),
    "embed.open_full": (
        "Open de volledige pagina (nieuw venster)",
        "Open the full page (new window)",
    ),
    "feed.title": (
        "Den Haag doet mee: inspraak en uitkomsten",
        "Den Haag takes part: participation and results",
    ),
    "feed.subtitle": (
        "Nieuwe inspraak, sluitingen, uitkomsten en antwoorden van de gemeente.",
        "New trajectories, closings, results and the municipality's answers.",
    ),
    "feed.opened": ("Geopend: {title}", "Opened: {title}"),
    "feed.closed": ("Gesloten: {title}", "Closed: {title}"),
    "feed.results": ("Uitkomst gepubliceerd: {title}", "Results published: {title}"),
    "feed.answer": (
        "Antwoord van de gemeente: {title}",
        "Municipality's answer: {title}",
    ),
    "feed.opened_text": (
        "Doe mee tot en met {date}.",
        "Take part until {date}.",
    ),
    "feed.closed_text": (
        "Deze inspraak is gesloten.",
        "This trajectory has closed.",
    ),
    "feed.results_text": (
        "De uitkomst staat online.",
        "The results are online.",
    ),
    "error.idea_round_not_found": (
        "Deze ideeënronde bestaat niet.",
        "This idea round does not exist.",
    ),
    "error.idea_not_found": (
        "Dit idee bestaat niet.",
        "This idea does not exist.",
    ),
    "error.idea_item_not_found": (
        "Deze bijdrage bestaat niet (meer).",
        "This contribution does not exist (any more).",
    ),
    "error.idea_not_collecting": (
        "Nieuwe ideeën kunnen nu niet worden ingestuurd: de ronde verzamelt op dit moment geen ideeën. Er is niets opgeslagen.",
        "New ideas cannot be sent now: the round is not collecting ideas at the moment. Nothing was stored.",
    ),
    "error.idea_rating_closed": (
        "Waarderen kan nu niet: deze ronde is niet open voor waarderingen.",
        "Rating is not possible now: this round is not open for ratings.",
    ),
    "error.reactions_not_found": (
        "Reageren kan hier niet.",
        "Reacting is not possible here.",
    ),
    "error.reactions_closed": (
        "Reageren kan nu niet: dit traject is niet open.",
        "Reacting is not possible now: this trajectory is not open.",
    ),
    "error.idea_reactions_closed": (
        "Reageren kan nu niet: deze ronde is niet open.",
        "Reacting is not possible now: this round is not open.",
    ),
    "error.idea_empty": (
        "Vul dit in.",
        "Please fill this in.",
    ),
    "error.idea_picture_alt": (
        "Schrijf in een paar woorden wat er op de foto staat.",
        "Write in a few words what the picture shows.",
    ),
    "error.idea_alt_without_picture": (
        "U heeft een beschrijving gegeven, maar geen foto gekozen.",
        "You wrote a description but chose no picture.",
    ),
    "error.idea_picture_remove_only": (
        "U kunt de foto alleen weghalen, niet vervangen.",
        "You can only remove the picture, not replace it.",
    ),
    "error.idea_not_text": (
        "Dit moet tekst zijn.",
        "This must be text.",
    ),
    "error.idea_too_long": (
        "Te lang: maximaal {max} tekens.",
        "Too long: at most {max} characters.",
    ),
    "error.personal_data": (
        "Hierin staat {found}. Haal dat weg: we plaatsen geen persoonsgegevens. Er is niets opgeslagen.",
        "This contains {found}. Please remove it: we do not publish personal data. Nothing was stored.",
    ),
    "personal.email": (
        "een e-mailadres",
        "an e-mail address",
    ),
    "personal.phone": (
        "een telefoonnummer",
        "a phone number",
    ),
    "personal.iban": (
        "een rekeningnummer (IBAN)",
        "a bank account number (IBAN)",
    ),
    "personal.bsn": (
        "een burgerservicenummer",
        "a citizen service number (BSN)",
    ),
    "personal.address": (
        "een postcode met huisnummer",
        "a postcode with a house number",
    ),
    "personal.and": (
        " en ",
        " and ",
    ),
    "error.idea_bad_theme": (
        "Kies een thema uit de lijst, of laat het leeg.",
        "Choose a theme from the list, or leave it empty.",
    ),
    "error.idea_no_districts": (
        "In deze ronde kiest u geen stadsdeel.",
        "This round does not ask for a district.",
    ),
    "error.idea_bad_rating": (
        "Kies steunen, niet steunen of neutraal.",
        "Choose support, oppose or neutral.",
    ),
    "error.idea_bad_position": (
        "De plaats in de lijst moet een heel getal vanaf 1 zijn.",
        "The place in the list must be a whole number from 1.",
    ),
    "error.idea_bad_stance": (
        "Kies: argument voor, argument tegen, of vraag/opmerking.",
        "Choose: argument for, argument against, or question/remark.",
    ),
    "error.idea_bad_parent": (
        "U kunt alleen antwoorden op een reactie bij dit idee (niet op een antwoord).",
        "You can only reply to a reaction on this idea (not to a reply).",
    ),
    "error.idea_bad_item": (
        "Geef aan welk idee of welke reactie u bedoelt.",
        "Say which idea or reaction you mean.",
    ),
    "error.idea_bad_reason": (
        "Kies een reden uit de lijst.",
        "Choose a reason from the list.",
    ),
    "error.idea_bad_action": (
        "Kies: goedkeuren, verbergen, afwijzen of terugzetten.",
        "Choose: approve, hide, reject or restore.",
    ),
    "error.idea_bad_query": (
        "Deze zoekopdracht of bladzijde kennen we niet.",
        "This search or page is not known.",
    ),
    "error.idea_order_hidden": (
        "Sorteren op steun kan pas als de aantallen zichtbaar zijn.",
        "Sorting by support is possible only once the counts are visible.",
    ),
    "error.idea_same_moderator": (
        "Over dit bezwaar beslist een andere moderator dan wie het eerste besluit nam.",
        "A different moderator than the one who made the first decision decides this appeal.",
    ),
    "error.idea_not_yours": (
        "Dit kunt u alleen doen bij uw eigen bijdrage, in dezelfde browser.",
        "You can do this only for your own contribution, in the same browser.",
    ),
    "error.idea_edit_too_late": (
        "Aanpassen kan tot 15 minuten na het plaatsen. U kunt de bijdrage wel verwijderen.",
        "Editing is possible up to 15 minutes after posting. You can still delete the contribution.",
    ),
    "error.idea_appeal_not_possible": (
        "Bezwaar maken kan alleen bij een verborgen of afgewezen bijdrage, één keer.",
        "You can appeal only once, against a hidden or refused contribution.",
    ),
    "error.idea_bad_status": (
        "Kies een status uit de lijst; bij 'niet overgenomen' hoort een antwoord.",
        "Choose a status from the list; 'not adopted' needs an answer.",
    ),
    "moderation.reason.spam": (
        "Spam of reclame",
        "Spam or advertising",
    ),
    "moderation.reason.offensive": (
        "Beledigend",
        "Offensive",
    ),
    "moderation.reason.discrimination": (
        "Discriminerend",
        "Discriminatory",
    ),
    "moderation.reason.personal_data": (
        "Persoonsgegevens",
        "Personal data",
    ),
    "moderation.reason.off_topic": (
        "Gaat niet over het onderwerp",
        "Off topic",
    ),
    "moderation.reason.duplicate": (
        "Dubbel",
        "Duplicate",
    ),
    "moderation.reason.other": (
        "Anders",
        "Other",
    ),
    "ideas.all_themes": (
        "Alle thema's",
        "All themes",
    ),
    "ideas.anonymous": (
        "Zonder naam",
        "No name",
    ),
    "ideas.answer": (
        "Antwoord van de gemeente:",
        "The municipality's answer:",
    ),
    "ideas.appeal": (
        "Bezwaar maken",
        "Appeal",
    ),
    "ideas.appeal_label": (
        "Waarom vindt u dat dit wel mag? (mag leeg)",
        "Why do you think this is allowed? (may be empty)",
    ),
    "ideas.appealed": (
        "Uw bezwaar is ontvangen. Een andere moderator kijkt er opnieuw naar.",
        "Your appeal was received. Another moderator will look at it again.",
    ),
    "ideas.column.for": (
        "Argumenten voor",
        "Arguments for",
    ),
    "ideas.column.against": (
        "Argumenten tegen",
        "Arguments against",
    ),
    "ideas.column.question": (
        "Vragen en opmerkingen",
        "Questions and remarks",
    ),
    "ideas.counts": (
        "Steunen: {support} · Niet steunen: {oppose} · Neutraal: {neutral}",
        "Support: {support} · Oppose: {oppose} · Neutral: {neutral}",
    ),
    "ideas.counts_hidden_after_rating": (
        "U ziet hoeveel mensen dit steunen nadat u het zelf waardeerde.",
        "You see how many people support this after you rated it yourself.",
    ),
    "ideas.counts_hidden_after_close": (
        "Hoeveel mensen dit steunen, ziet u na het sluiten van de ronde.",
        "How many people support this is shown after the round closes.",
    ),
    "ideas.own_edit": (
        "Aanpassen",
        "Change",
    ),
    "ideas.own_delete": (
        "Verwijderen",
        "Delete",
    ),
    "ideas.own_cancel": (
        "Annuleren",
        "Cancel",
    ),
    "ideas.own_save": (
        "Opslaan",
        "Save",
    ),
    "ideas.own_yes": (
        "Ja, verwijderen",
        "Yes, delete",
    ),
    "ideas.own_delete_question": (
        "Wilt u dit echt verwijderen? Uw woorden verdwijnen. Op die plek staat dan 'Verwijderd door de schrijver'.",
        "Do you really want to delete this? Your words are removed. In their place it says 'Deleted by the writer'.",
    ),
    "ideas.own_editing_idea": (
        "U past uw idee aan. Dat kan tot {minutes} minuten na het plaatsen.",
        "You are changing your idea. You can do this up to {minutes} minutes after posting.",
    ),
    "ideas.own_editing_reaction": (
        "U past uw reactie aan. Dat kan tot {minutes} minuten na het plaatsen.",
        "You are changing your reaction. You can do this up to {minutes} minutes after posting.",
    ),
    "ideas.own_changed": (
        "Uw wijziging is opgeslagen.",
        "Your change was saved.",
    ),
    "ideas.own_deleted": (
        "Verwijderd.",
        "Deleted.",
    ),
    "ideas.reply": (
        "Reageer hierop",
        "Reply to this",
    ),
    "ideas.reply_cancel": (
        "Niet meer reageren hierop",
        "Stop replying",
    ),
    "ideas.replying_to": (
        "U reageert op de reactie van {name}.",
        "You are replying to the reaction by {name}.",
    ),
    "ideas.show_column": (
        "Welke reacties wilt u zien?",
        "Which reactions do you want to see?",
    ),
    "ideas.deleted_by_author": (
        "Verwijderd door de schrijver.",
        "Deleted by the writer.",
    ),
    "ideas.district_label": (
        "Stadsdeel (mag leeg)",
        "District (may be empty)",
    ),
    "ideas.edited": (
        "aangepast",
        "edited",
    ),
    "ideas.filter_theme": (
        "Thema",
        "Theme",
    ),
    "ideas.form_title": (
        "Deel uw idee",
        "Share your idea",
    ),
    "ideas.hidden_idea.one": (
        "{count} idee verborgen",
        "{count} idea hidden",
    ),
    "ideas.hidden_idea.other": (
        "{count} ideeën verborgen",
        "{count} ideas hidden",
    ),
    "ideas.hidden_reaction.one": (
        "{count} reactie verborgen",
        "{count} reaction hidden",
    ),
    "ideas.hidden_reaction.other": (
        "{count} reacties verborgen",
        "{count} reactions hidden",
    ),
    "ideas.house_rules_link": (
        "Lees de huisregels",
        "Read the house rules",
    ),
    "ideas.idea_count.one": (
        "{count} idee",
        "{count} idea",
    ),
    "ideas.idea_count.other": (
        "{count} ideeën",
        "{count} ideas",
    ),
    "ideas.idea_not_found": (
        "Dit idee bestaat niet, of is (nog) niet openbaar.",
        "This idea does not exist, or is not public (yet).",
    ),
    "ideas.idea_not_found_title": (
        "Idee niet gevonden",
        "Idea not found",
    ),
    "ideas.kind.idea": (
        "Idee",
        "Idea",
    ),
    "ideas.kind.reaction": (
        "Reactie",
        "Reaction",
    ),
    "ideas.list_title": (
        "Ideeën",
        "Ideas",
    ),
    "ideas.mine_intro": (
        "Wat u vanuit deze browser heeft ingestuurd, en wat ermee gebeurde. We hebben geen e-mailadres van u: hier leest u of iets wacht, openbaar is of verborgen, en waarom.",
        "What you sent from this browser, and what happened to it. We have no e-mail address of yours: here you read whether something waits, is public or hidden, and why.",
    ),
    "ideas.mine_link": (
        "Mijn bijdragen",
        "My contributions",
    ),
    "ideas.mine_none": (
        "U heeft vanuit deze browser nog niets ingestuurd.",
        "You have not sent anything from this browser yet.",
    ),
    "ideas.mine_title": (
        "Mijn bijdragen",
        "My contributions",
    ),
    "ideas.name_hint": (
        "Deze naam staat bij uw idee. Laat leeg om zonder naam mee te doen.",
        "This name is shown with your idea. Leave empty to take part without a name.",
    ),
    "ideas.name_label": (
        "Naam die anderen zien (mag leeg)",
        "Name others see (may be empty)",
    ),
    "ideas.next": (
        "Volgende bladzijde",
        "Next page",
    ),
    "ideas.no_district": (
        "Geen stadsdeel",
        "No district",
    ),
    "ideas.no_personal_data": (
        "Zet geen e-mailadres, telefoonnummer, rekeningnummer of adres in uw tekst: dan kunnen we hem niet plaatsen.",
        "Do not put an e-mail address, phone number, bank account or address in your text: then we cannot publish it.",
    ),
    "ideas.no_reactions": (
        "Nog geen reacties.",
        "No reactions yet.",
    ),
    "ideas.no_theme": (
        "Geen thema",
        "No theme",
    ),
    "ideas.none_yet": (
        "Er zijn nog geen ideeën.",
        "There are no ideas yet.",
    ),
    "ideas.not_found": (
        "Deze ideeënronde bestaat niet. Kijk op de startpagina wat er open staat.",
        "This idea round does not exist. See the home page for what is open.",
    ),
    "ideas.not_found_title": (
        "Ideeënronde niet gevonden",
        "Idea round not found",
    ),
    "ideas.order_label": (
        "Volgorde",
        "Order",
    ),
    "ideas.order_new": (
        "Nieuwste eerst",
        "Newest first",
    ),
    "ideas.order_old": (
        "Oudste eerst",
        "Oldest first",
    ),
    "ideas.order_random": (
        "Willekeurig (voor u steeds dezelfde)",
        "Random (always the same for you)",
    ),
    "ideas.order_ranked": (
        "Uitslag: meest gesteund",
        "Result: most supported",
    ),
    "ideas.order_top": (
        "Meest gesteund",
        "Most supported",
    ),
    "ideas.page_of": (
        "Bladzijde {page} van {pages}",
        "Page {page} of {pages}",
    ),
    "ideas.phase_upcoming": (
        "Deze ronde is nog niet open.",
        "This round is not open yet.",
    ),
    "ideas.phase_collect": (
        "U kunt nu ideeën insturen, ideeën waarderen en reageren.",
        "You can now send ideas, rate ideas and react.",
    ),
    "ideas.phase_rate": (
        "Nieuwe ideeën insturen kan niet meer. U kunt nog wel waarderen en reageren.",
        "Sending new ideas is closed. You can still rate and react.",
    ),
    "ideas.phase_closed": (
        "Deze ronde is gesloten. Hieronder de uitslag: gerangschikt op de ondergrens van het 95%-betrouwbaarheidsinterval (Wilson) van de steun.",
        "This round is closed. Below the result: ranked by the lower bound of the 95% confidence interval (Wilson) of support.",
    ),
    "ideas.posted": (
        "Bedankt! Uw idee staat op de lijst.",
        "Thank you! Your idea is on the list.",
    ),
    "ideas.posted_pending": (
        "Bedankt! Een moderator bekijkt uw bijdrage eerst. Onder 'Mijn bijdragen' ziet u wat ermee gebeurt.",
        "Thank you! A moderator looks at your contribution first. Under 'My contributions' you see what happens to it.",
    ),
    "ideas.previous": (
        "Vorige bladzijde",
        "Previous page",
    ),
    "ideas.queue.pre": (
        "wacht op een moderator",
        "waiting for a moderator",
    ),
    "ideas.queue.spam": (
        "wacht op een moderator (lijkt op spam)",
        "waiting for a moderator (looks like spam)",
    ),
    "ideas.queue.profanity": (
        "wacht op een moderator (woordgebruik)",
        "waiting for a moderator (language)",
    ),
    "ideas.queue.duplicate": (
        "wacht op een moderator (lijkt op een ander idee)",
        "waiting for a moderator (looks like another idea)",
    ),
    "ideas.queue.reports": (
        "verborgen na meldingen, een moderator kijkt ernaar",
        "hidden after reports, a moderator looks at it",
    ),
    "ideas.queue.appeal": (
        "uw bezwaar wacht op een moderator",
        "your appeal waits for a moderator",
    ),
    "ideas.queue.check": (
        "wacht op een moderator",
        "waiting for a moderator",
    ),
    "ideas.rate_support": (
        "Steunen",
        "Support",
    ),
    "ideas.rate_oppose": (
        "Niet steunen",
        "Oppose",
    ),
    "ideas.rate_neutral": (
        "Neutraal",
        "Neutral",
    ),
    "ideas.rate_group": (
        "Uw waardering van: {title}",
        "Your rating of: {title}",
    ),
    "ideas.react_hint": (
        "Een reactie is een argument of een vraag, geen stem. Steunen doet u met de knop bij het idee.",
        "A reaction is an argument or a question, not a vote. Support with the button at the idea.",
    ),
    "ideas.react_submit": (
        "Reactie plaatsen",
        "Post reaction",
    ),
    "reactions.react_hint": (
        "Een reactie is een argument of een vraag, geen stem. Uw stem geeft u hierboven.",
        "A reaction is an argument or a question, not a vote. You vote above.",
    ),
    "ideas.react_title": (
        "Reageer",
        "React",
    ),
    "ideas.reacted": (
        "Bedankt! Uw reactie staat erbij.",
        "Thank you! Your reaction has been added.",
    ),
    "ideas.reaction_count.one": (
        "{count} reactie",
        "{count} reaction",
    ),
    "ideas.reaction_count.other": (
        "{count} reacties",
        "{count} reactions",
    ),
    "ideas.reaction_label": (
        "Uw reactie (maximaal {max} tekens)",
        "Your reaction (at most {max} characters)",
    ),
    "ideas.reactions_title": (
        "Reacties",
        "Reactions",
    ),
    "ideas.reason_reports": (
        "Na meldingen",
        "After reports",
    ),
    "ideas.report": (
        "Melden",
        "Report",
    ),
    "ideas.report_reason": (
        "Waarom meldt u dit?",
        "Why do you report this?",
    ),
    "ideas.report_send": (
        "Melding versturen",
        "Send report",
    ),
    "ideas.reported": (
        "Bedankt voor uw melding. Een moderator kijkt ernaar.",
        "Thank you for your report. A moderator will look at it.",
    ),
    "ideas.reported_again": (
        "U had dit al gemeld. Bedankt.",
        "You had already reported this. Thank you.",
    ),
    "ideas.search_label": (
        "Zoeken in titels en teksten",
        "Search titles and texts",
    ),
    "ideas.similar": (
        "Lijkt op:",
        "Looks like:",
    ),
    "ideas.similar_hint": (
        "Is uw idee hetzelfde? Steun dan dat idee in plaats van een nieuw in te sturen.",
        "Is your idea the same? Then support that idea instead of sending a new one.",
    ),
    "ideas.stance.for": (
        "Argument voor",
        "Argument for",
    ),
    "ideas.stance.against": (
        "Argument tegen",
        "Argument against",
    ),
    "ideas.stance.question": (
        "Vraag of opmerking",
        "Question or remark",
    ),
    "ideas.stance_label": (
        "Soort reactie",
        "Kind of reaction",
    ),
    "ideas.state.published": (
        "Openbaar",
        "Public",
    ),
    "ideas.state.pending": (
        "Wacht op een moderator",
        "Waiting for a moderator",
    ),
    "ideas.state.hidden": (
        "Verborgen",
        "Hidden",
    ),
    "ideas.state.rejected": (
        "Niet geplaatst",
        "Not published",
    ),
    "ideas.state.deleted": (
        "Door u verwijderd",
        "Deleted by you",
    ),
    "ideas.status.nieuw": (
        "Nieuw",
        "New",
    ),
    "ideas.status.in_behandeling": (
        "In behandeling",
        "Being considered",
    ),
    "ideas.status.overgenomen": (
        "Overgenomen",
        "Adopted",
    ),
    "ideas.status.niet_overgenomen": (
        "Niet overgenomen",
        "Not adopted",
    ),
    "ideas.status.uitgevoerd": (
        "Uitgevoerd",
        "Carried out",
    ),
    "ideas.submit": (
        "Idee insturen",
        "Send idea",
    ),
    "ideas.text_label": (
        "Uw idee (maximaal {max} tekens)",
        "Your idea (at most {max} characters)",
    ),
    "ideas.theme_label": (
        "Thema (mag leeg)",
        "Theme (may be empty)",
    ),
    "ideas.title_label": (
        "Titel (maximaal {max} tekens)",
        "Title (at most {max} characters)",
    ),
    "ideas.field.title": (
        "Titel",
        "Title",
    ),
    "ideas.field.text": (
        "Tekst",
        "Text",
    ),
    "ideas.field.display_name": (
        "Naam",
        "Name",
    ),
    "ideas.field.picture": (
        "Foto",
        "Picture",
    ),
    "ideas.field.picture_alt": (
        "Beschrijving van de foto",
        "Description of the picture",
    ),
    "ideas.picture_label": (
        "Foto (niet verplicht)",
        "Picture (optional)",
    ),
    "ideas.picture_choose": (
        "Kies een foto",
        "Choose a picture",
    ),
    "ideas.picture_hint": (
        "PNG, JPEG of WebP, tot 8 MB. We halen gegevens uit de foto weg, zoals de plek waar hij is gemaakt. Zet geen mensen herkenbaar op de foto.",
        "PNG, JPEG or WebP, up to 8 MB. We remove data from the picture, such as where it was taken. Do not show people recognisably.",
    ),
    "ideas.picture_none": (
        "Geen foto gekozen.",
        "No picture chosen.",
    ),
    "ideas.picture_chosen": (
        "Gekozen foto: {name}",
        "Chosen picture: {name}",
    ),
    "ideas.picture_clear": (
        "Foto weghalen",
        "Remove picture",
    ),
    "ideas.picture_alt_label": (
        "Wat staat er op de foto? (nodig bij een foto, maximaal {max} tekens)",
        "What does the picture show? (needed with a picture, at most {max} characters)",
    ),
    "ideas.picture_alt_hint": (
        "Voor wie de foto niet kan zien, bijvoorbeeld: Kapotte stoeptegels bij de bushalte.",
        "For people who cannot see the picture, for example: Broken paving stones at the bus stop.",
    ),
    "ideas.field.theme": (
        "Thema",
        "Theme",
    ),
    "info.house_rules": (
        "Huisregels",
        "House rules",
    ),
}


def register(messages: Mapping[str, tuple[str, str]]) -> None:
    """Add another part's texts (the dashboard's: `dashboards/kernel/texts.py`) to
    MESSAGES. Raises ValueError for a key that is already there: one text per key."""
    clash = sorted(set(messages) & set(MESSAGES))
    if clash:
        raise ValueError(f"message keys defined twice: {', '.join(clash)}")
    MESSAGES.update(messages)


def normalize_language(value: object, default: str = DEFAULT_LANGUAGE) -> str:
    """A supported language code from untrusted input, else the default."""
    if isinstance(value, str):
        code = value.strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return default


def round_half_away(value: float) -> int:
    """Round to the nearest integer, halves away from zero (same as the browser's)."""
    return int(math.copysign(math.floor(abs(value) + 0.5), value))


def format_number(value: float, lang: str) -> str:
    """A whole number with thousands separators: 1.234.567 (nl) or 1,234,567 (en)."""
    number = round_half_away(value)
    digits = f"{abs(number):,}"
    if lang == "nl":
        digits = digits.replace(",", ".")
    return ("-" if number < 0 else "") + digits


def format_euro(value: float, lang: str) -> str:
    """An amount in whole euros as a resident reads it: '€ 40.000' or '€40,000'."""
    number = format_number(abs(value), lang)
    sign = "-" if round_half_away(value) < 0 else ""
    return f"{sign}€ {number}" if lang == "nl" else f"{sign}€{number}"


def format_decimal(value: float, digits: int, lang: str) -> str:
    """A number with `digits` decimals, halves away from zero: '-0,84' (nl) or
    '-0.84' (en); thousands separated ('1.234,5'). Never '-0,00'."""
    scale = 10**digits
    scaled = round_half_away(value * scale)
    whole, part = divmod(abs(scaled), scale)
    text = format_number(whole, lang)
    if digits:
        text += ("," if lang == "nl" else ".") + f"{part:0{digits}d}"
    return ("-" if scaled < 0 else "") + text


def format_euro_short(value: float, lang: str) -> str:
    """An amount for an axis, a slide or a headline, to a tenth of its unit:
    '€ 100 mln', '€ 574,6 mln', '€ 2,1 mld' (nl) or '€100 mln', '€2.1 bn' (en);
    below a million the full amount ('€ 540.000').
    Never plotly's SI '100M' or '100k', which Dutch readers misread."""
    size = abs(value)
    for limit, unit in ((1e9, "mld" if lang == "nl" else "bn"), (1e6, "mln")):
        if size >= limit:
            amount = size / limit
            digits = 0 if float(amount).is_integer() else 1
            number = format_decimal(amount, digits, lang)
            if number.endswith((",0", ".0")):
                number = number[:-2]
            sign = "-" if value < 0 else ""
            space = " " if lang == "nl" else ""
            return f"{sign}€{space}{number} {unit}"
    return format_euro(value, lang)


def format_share(share: float, lang: str) -> str:
    """One share in [0, 1] as a whole percentage, halves away from zero: '43%';
    '< 1%' for a share above 0 that would round to 0, '> 99%' for one below 1
    that would round to 100 (a reader must never see 0% of something that
    happened, or 100% when someone disagreed). NaN gives '–'."""
    if share != share:
        return "–"
    return _share_text(round_half_away(share * 100), share)


def largest_remainder(shares: list[float], total: int = 100) -> list[int]:
    """Whole numbers proportional to `shares` that add up to `total` (Hamilton's
    largest-remainder method): each gets the whole part of its quota, and the
    ones left go to the largest remainders (equal remainders: the larger share
    first). Equal shares always get equal numbers: where the ones left cannot go
    to all of a group of equal shares, each of the group is rounded to its
    nearest whole number, and the sum misses `total` by a little
    (`format_shares` then says so). All zero gives zeros."""
    whole = sum(shares)
    if whole <= 0:
        return [0] * len(shares)
    quotas = [total * share / whole for share in shares]
    counts = [math.floor(quota) for quota in quotas]
    left = total - sum(counts)
    order = sorted(
        range(len(shares)), key=lambda i: (-(quotas[i] - counts[i]), -shares[i])
    )
    given = 0
    while given < len(order) and left > 0:
        group = [j for j in order[given:] if shares[j] == shares[order[given]]]
        if len(group) > left:
            # Not enough for all of them: each is rounded to its nearest instead.
            if quotas[group[0]] - counts[group[0]] >= 0.5:
                for j in group:
                    counts[j] += 1
            break
        for j in group:
            counts[j] += 1
        left -= len(group)
        given += len(group)
    return counts


def _share_text(percent: int, share: float) -> str:
    if share > 0 and percent == 0:
        return "< 1%"
    if share < 1 and percent == 100:
        return "> 99%"
    return f"{percent}%"


def format_shares(shares: list[float], lang: str) -> tuple[list[str], str | None]:
    """Shares shown side by side, and the note to show under them (None when
    none is needed). Parts of one whole (they sum to 1) are rounded by
    `largest_remainder`, so the percentages shown add up to 100%; where equal
    shares cannot all get the same last percent, they are shown equal and the
    note gives the total shown (99% or 101%). Shares that are not parts of one whole
    (a poll where one may pick several answers) are each rounded on their own by
    `format_share`, and the note says they need not add up to 100%. A part above
    0 shows at least '< 1%'; a part below the whole at most '> 99%'."""
    if not shares:
        return [], None
    if abs(sum(shares) - 1) > 1e-9:
        return [format_share(share, lang) for share in shares], t(
            "share.note_several", lang
        )
    counts = largest_remainder(shares)
    texts = [
        _share_text(count, share) for count, share in zip(counts, shares, strict=True)
    ]
    note = None
    if sum(counts) != 100:
        note = t("share.note_rounded", lang, sum=f"{sum(counts)}%")
    return texts, note


def template(key: str, lang: str) -> str:
    nl, en = MESSAGES[key]
    return en if lang == "en" else nl


def fill(text: str, params: Mapping[str, object]) -> str:
    """Fill `{name}` fields; the browser's `fill` does exactly the same."""
    out = text
    for name, value in params.items():
        out = out.replace("{" + name + "}", str(value))
    return out


def t(key: str, lang: str, **params: object) -> str:
    """The message `key` in `lang`, with fields filled."""
    return fill(template(key, lang), params)


def t_count(key: str, lang: str, count: float, **params: object) -> str:
    """The message for `count` things: `key.one` for exactly one, `key.other`
    otherwise (Dutch and English both have these two plural forms, CLDR), with
    `{count}` filled in as a formatted whole number."""
    form = "one" if round_half_away(count) == 1 else "other"
    return t(f"{key}.{form}", lang, count=format_number(count, lang), **params)


MONTHS = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def format_date(value: dt.date, lang: str) -> str:
    """'31 december 2027' (nl) or '31 December 2027' (en)."""
    return f"{value.day} {MONTHS[lang][value.month - 1]} {value.year}"


# Every date and time a person reads is a Den Haag one.
LOCAL = ZoneInfo("Europe/Amsterdam")


def local_time(value: dt.datetime) -> dt.datetime:
    """A stored moment in Den Haag time (Europe/Amsterdam, with its offset); a
    naive datetime is taken as UTC, as the store writes them."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(LOCAL)


def format_moment_date(value: dt.datetime, lang: str) -> str:
    """The Den Haag calendar day of a stored moment: a ballot sent at 00:30 on
    29 November Den Haag time is '29 november 2026', not the UTC day before."""
    return format_date(local_time(value).date(), lang)


def format_day_short(value: dt.date, lang: str) -> str:
    """A chart tick: '29 nov' (nl) or '29 Nov' (en)."""
    return f"{value.day} {MONTHS[lang][value.month - 1][:3]}"
