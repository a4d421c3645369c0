"""The dashboard's texts in Dutch and English: login, the dashboard pages, the
presentation and the picture upload. Registered into `budgetschuiver.kernel.i18n`
when the dashboard package loads, so `i18n.t` finds them like any other text."""

from __future__ import annotations

from budgetschuiver.kernel import i18n

MESSAGES: dict[str, tuple[str, str]] = {
    # -- dashboard login -------------------------------------------------------------
    "auth.title": ("Inloggen voor het dashboard", "Log in to the dashboard"),
    "auth.intro": (
        "Het dashboard is voor beleidsadviseurs en raadsleden. Inwoners hoeven niet in te loggen.",
        "The dashboard is for policy advisors and council members. Residents do not need to log in.",
    ),
    "auth.name": ("Gebruikersnaam", "User name"),
    "auth.password": ("Wachtwoord", "Password"),
    "auth.submit": ("Inloggen", "Log in"),
    "auth.logout": ("Uitloggen", "Log out"),
    "auth.logged_in_as": ("U bent ingelogd als", "You are logged in as"),
    "auth.failed": (
        "Deze gebruikersnaam en dit wachtwoord horen niet bij elkaar.",
        "This user name and password do not match.",
    ),
    "auth.too_many": (
        "Te veel pogingen. Wacht een kwartier en probeer het dan opnieuw.",
        "Too many attempts. Wait fifteen minutes and try again.",
    ),
    "auth.csrf": (
        "Het formulier was verlopen. Probeer het nog een keer.",
        "The form had expired. Please try again.",
    ),
    "auth.required": ("Log eerst in.", "Please log in first."),
    "auth.sso": (
        "Inloggen met uw account van de gemeente",
        "Log in with your municipal account",
    ),
    "auth.sso_refused": (
        "Uw account van de gemeente heeft geen toegang tot het dashboard.",
        "Your municipal account has no access to the dashboard.",
    ),
    # -- dashboard -------------------------------------------------------------------
    "db.title": ("Dashboard", "Dashboard"),
    "db.nav_label": ("Dashboard", "Dashboard"),
    "db.nav_overview": ("Overzicht", "Overview"),
    "db.nav_polls": ("Peilingen", "Polls"),
    "db.nav_moodboards": ("Moodboards", "Moodboards"),
    "db.nav_ideas": ("Ideeën", "Ideas"),
    "db.nav_moderation": ("Moderatie", "Moderation"),
    "db.filter_district": ("Stadsdeel", "District"),
    "db.filter_age_band": ("Leeftijdsgroep", "Age band"),
    "db.filters": ("Filters", "Filters"),
    "db.everyone": ("Iedereen", "Everyone"),
    "db.since": ("Vanaf", "From"),
    "db.until": ("Tot en met", "Up to and including"),
    "db.dates_whole": (
        "Datums tellen per hele week, van maandag tot en met zondag (Nederlandse tijd). Elke uitkomst noemt de weken die echt zijn gebruikt.",
        "Dates count in whole weeks, Monday to Sunday (Dutch time). Every result names the weeks actually used.",
    ),
    "db.period_used": (
        "Cijfers over {since} tot en met {until}.",
        "Figures for {since} up to and including {until}.",
    ),
    "db.weighted": ("Gewogen naar de bevolking", "Weighted to the population"),
    "db.weighted_short": ("gewogen", "weighted"),
    "db.per_day": ("Per dag", "Per day"),
    "db.per_week": ("Per week", "Per week"),
    "db.week_of": ("Week van maandag", "Week starting Monday"),
    "db.submissions": ("Inzendingen", "Submissions"),
    "db.plan": ("Plan gemeente", "City plan"),
    "db.median_iqr": ("Mediaan en middelste helft", "Median and middle half"),
    "db.mean_ci": ("Gemiddelde en 95%-interval", "Mean and 95% interval"),
    "db.share": ("Aandeel stemmers", "Share of voters"),
    "share.note_rows": (
        "Afgerond op hele procenten; gelijke aandelen houden hetzelfde percentage, daarom tellen verhoogd, verlaagd en gelijk bij sommige posten op tot 99% of 101%.",
        "Rounded to whole percentages; equal shares keep the same percentage, so raised, lowered and unchanged add up to 99% or 101% for some lines.",
    ),
    "db.population": ("Bevolking", "Population"),
    "db.participants": ("Deelnemers", "Participants"),
    "db.synthetic": (
        "waarvan {count} synthetisch (test of demo)",
        "of which {count} synthetic (test or demo)",
    ),
    "db.synthetic_excluded.one": (
        "{count} synthetische inzending (test of demo) niet meegeteld",
        "{count} synthetic submission (test or demo) left out",
    ),
    "db.synthetic_excluded.other": (
        "{count} synthetische inzendingen (test of demo) niet meegeteld",
        "{count} synthetic submissions (test or demo) left out",
    ),
    "db.include_synthetic": (
        "Synthetische inzendingen (test of demo) meetellen",
        "Count synthetic submissions (test or demo)",
    ),
    "db.present_synthetic": (
        "Waarvan {count} synthetisch (test of demo): dat zijn geen inwoners.",
        "Of which {count} synthetic (test or demo): these are not residents.",
    ),
    "db.present_synthetic_excluded.one": (
        "{count} synthetische inzending (test of demo) telt niet mee.",
        "{count} synthetic submission (test or demo) is not counted.",
    ),
    "db.present_synthetic_excluded.other": (
        "{count} synthetische inzendingen (test of demo) tellen niet mee.",
        "{count} synthetic submissions (test or demo) are not counted.",
    ),
    "db.with_synthetic": (
        "met synthetische inzendingen",
        "with synthetic submissions",
    ),
    "db.suppressed": (
        "Te weinig deelnemers in deze groep om cijfers te tonen, ook niet afgeleid. We tonen geen cijfers over groepen kleiner dan {min}, ook niet als ze uit andere cijfers te berekenen zouden zijn.",
        "Too few participants in this group to show figures, not even derived ones. We show no figures about groups smaller than {min}, also where they could be worked out from other figures.",
    ),
    "db.versions_mixed": (
        (
            "Let op: de regels zijn veranderd terwijl mensen meededen. Inzendingen "
            "onder een eerdere versie van de regels: {earlier}. Die tellen mee als ze "
            "nog passen. Passen niet meer en tellen niet mee: {outdated}."
        ),
        (
            "Note: the rules changed while people took part. Submissions under an "
            "earlier version of the rules: {earlier}. They count where they still "
            "fit. No longer fit and not counted: {outdated}."
        ),
    ),
    "db.indicative": (
        "Indicatief: iedereen kon meedoen, één keer per browser. Dit is geen steekproef.",
        "Indicative: anyone could take part, once per browser. This is not a sample.",
    ),
    "db.surge_district": (
        "{date}: {share} uit {district}",
        "{date}: {share} from {district}",
    ),
    "db.surges_week": ("Opvallende weken", "Unusual weeks"),
    "db.surge_week.one": (
        "Week van {date}: {count} inzending, veel meer dan de weken ervoor",
        "Week of {date}: {count} submission, far more than the weeks before",
    ),
    "db.surge_week.other": (
        "Week van {date}: {count} inzendingen, veel meer dan de weken ervoor",
        "Week of {date}: {count} submissions, far more than the weeks before",
    ),
    "db.no_surges_week": ("Geen opvallende weken.", "No unusual weeks."),
    "db.makeup": ("Wie deed mee?", "Who took part?"),
    "db.makeup_district": ("Naar stadsdeel", "By district"),
    "db.makeup_age": ("Naar leeftijd", "By age"),
    "db.unknown": ("Niet ingevuld", "Not given"),
    "db.participants_answered": (
        "Deelnemers die dit invulden",
        "Participants who answered",
    ),
    "db.share_ci": ("95%-interval van het aandeel", "95% interval of the share"),
    "db.makeup_how": (
        "Aandelen onder de deelnemers die dit invulden, met 95%-interval, naast de bevolking.",
        "Shares among the participants who answered, with 95% interval, beside the population.",
    ),
    "db.makeup_unknown.one": (
        "{count} deelnemer ({share} van alle deelnemers) vulde dit niet in en telt hier niet mee.",
        "{count} participant ({share} of all participants) did not answer this and is not counted here.",
    ),
    "db.makeup_unknown.other": (
        "{count} deelnemers ({share} van alle deelnemers) vulden dit niet in en tellen hier niet mee.",
        "{count} participants ({share} of all participants) did not answer this and are not counted here.",
    ),
    "db.makeup_unknown_hidden": (
        "Een klein aantal deelnemers vulde dit niet in; dat aantal tonen we niet.",
        "A small number of participants did not answer this; we do not show that number.",
    ),
    "db.hidden": (
        "verborgen (te klein, of om een kleine groep te beschermen)",
        "hidden (too small, or to protect a small group)",
    ),
    "db.details": ("Bekijk de uitkomst", "See the results"),
    "db.present": ("Presentatie", "Presentation"),
    "db.line": ("Post", "Line"),
    "db.mean": ("Gemiddelde", "Mean"),
    "db.median": ("Mediaan", "Median"),
    "db.iqr": ("Middelste helft", "Middle half"),
    "db.ci": ("95%-interval gemiddelde", "95% interval of the mean"),
    "db.ci_share": (
        "95%-interval van het aandeel (Wilson)",
        "95% interval of the share (Wilson)",
    ),
    "db.raised": ("Hoger", "Raised"),
    "db.lowered": ("Lager", "Lowered"),
    "db.unchanged": ("Gelijk", "Unchanged"),
    "db.spread": ("Eensgezind?", "Agreement"),
    "db.spread.contested": ("Verdeeld", "Contested"),
    "db.spread.consensus": ("Eensgezind", "Consensus"),
    "db.spread.mixed": ("Gemengd", "Mixed"),
    "db.raw_mean": ("Ongewogen gemiddelde", "Unweighted mean"),
    "db.range": ("Bedrag", "Amount"),
    "db.distribution_title": (
        "Hoe verdeeld zijn de keuzes?",
        "How are the choices spread?",
    ),
    "db.distribution_help": (
        "Per post: hoeveel inwoners welk bedrag kozen (in groepen). Grijs is de groep met het plan van de gemeente.",
        "Per line: how many residents chose which amount (in groups). Grey is the group holding the city's plan.",
    ),
    "db.lines_title": (
        "Wat kozen de inwoners per post?",
        "What did residents choose per line?",
    ),
    "db.aggregates_title": (
        "De begroting van alle inwoners samen",
        "The budget of all residents together",
    ),
    "db.agg.mean": ("Gemiddelde", "Mean"),
    "db.agg.mean_note": (
        "Het gemiddelde van alle begrotingen. Eenvoudig, maar wie overdrijft trekt het gemiddelde naar zich toe.",
        "The average of all budgets. Simple, but whoever exaggerates pulls the average towards themselves.",
    ),
    "db.agg.im": ("Onafhankelijke markten", "Independent Markets"),
    "db.agg.im_note": (
        "Overdrijven helpt niemand: wie eerlijk zijn voorkeur geeft, staat er nooit slechter voor. En elke groep inwoners die hetzelfde wil, krijgt een deel dat past bij haar grootte (Freeman e.a., 2021).",
        "Exaggerating helps nobody: giving your true preference never leaves you worse off. And every group of like-minded residents gets a share in proportion to its size (Freeman et al., 2021).",
    ),
    "db.agg.welfare": ("Grootste tevredenheid", "Welfare maximising"),
    "db.agg.welfare_note": (
        "Ook bestand tegen overdrijven, en zo gekozen dat de inwoners samen zo dicht mogelijk bij hun eigen begroting uitkomen (Freeman e.a., 2021).",
        "Also proof against exaggeration, and chosen so residents together end up as close as possible to their own budgets (Freeman et al., 2021).",
    ),
    "db.agg.total_fixed": (
        "Alle drie verdelen {amount}: het bedrag dat inwoners te verdelen hadden.",
        "All three divide {amount}: the amount residents had to divide.",
    ),
    "db.agg.total_mean": (
        "Alle drie geven {amount} uit, evenveel als de gemiddelde inzending: te verdelen {fixed} plus gemiddeld {revenue} aan inkomsten, {rest}; zo houden ze zich aan de begrotingsregel.",
        "All three spend {amount}, as much as the average submission: {fixed} to divide plus {revenue} of revenue on average, {rest}; so they keep the balance rule.",
    ),
    "db.agg.total_surplus": (
        "met gemiddeld {amount} over",
        "with {amount} left over on average",
    ),
    "db.agg.total_deficit": (
        "met gemiddeld {amount} tekort",
        "with {amount} short on average",
    ),
    "db.agg.locked": (
        "Vastgelegde posten ({lines}) staan overal op hun plan.",
        "Locked lines ({lines}) stay at their plan everywhere.",
    ),
    "db.tradeoffs_title": (
        "Wat ruilen inwoners tegen elkaar?",
        "What do residents trade off?",
    ),
    "db.tradeoff": (
        "Wie meer geeft aan {a}, geeft vaak minder aan {b} (samenhang {r}, n = {n}).",
        "Who gives more to {a} often gives less to {b} (correlation {r}, n = {n}).",
    ),
    "db.no_tradeoffs": (
        "Geen duidelijke ruil tussen posten.",
        "No clear trade-offs between lines.",
    ),
    "db.comments_title": ("Toelichtingen (waarom?)", "Explanations (why?)"),
    "db.comments_search": ("Zoek in toelichtingen", "Search explanations"),
    "db.comments_count.one": ("{count} toelichting", "{count} explanation"),
    "db.comments_count.other": ("{count} toelichtingen", "{count} explanations"),
    "db.comment_hide": ("Verbergen", "Hide"),
    "db.comment_show": ("Weer tonen", "Show again"),
    "db.comment_hidden": ("(verborgen door moderator)", "(hidden by a moderator)"),
    "db.exports": ("Downloaden", "Download"),
    "db.reactions_title": ("Reacties van bewoners", "Residents' reactions"),
    "db.reactions_note": (
        "Gepubliceerde reacties op dit traject, per soort. Filters gelden hier niet.",
        "Published reactions on this trajectory, by kind. Filters do not apply here.",
    ),
    "db.export_aggregates": ("Uitkomsten per post", "Results per line"),
    "db.export_submissions": (
        "Alle inzendingen (alleen beheerders)",
        "All submissions (administrators only)",
    ),
    "db.export_reactions": (
        "Alle reacties (alleen beheerders)",
        "All reactions (administrators only)",
    ),
    "db.export_csv_spreadsheet": (
        "CSV voor Excel of LibreOffice in het Nederlands (; tussen velden, komma in getallen, afgerond zoals getoond)",
        "CSV for spreadsheets with Dutch settings (; between fields, decimal comma, rounded as shown)",
    ),
    "db.export_csv_tool": (
        "CSV voor software (, tussen velden, punt in getallen, volledige precisie)",
        "CSV for software (, between fields, decimal point, full precision)",
    ),
    "db.export_xlsx": ("Excel-bestand (XLSX)", "Excel file (XLSX)"),
    "db.print": ("Afdrukken", "Print"),
    "db.weighting": (
        "Gewogen door poststratificatie op stadsdeel × leeftijd naar de bevolkingstabel (illustratieve cijfers). Effectieve steekproefgrootte {neff}: de gewogen cijfers zijn zo nauwkeurig als een aselecte steekproef van die omvang. {excluded}",
        "Weighted by post-stratification on district × age band to the population table (illustrative figures). Effective sample size {neff}: the weighted figures are as precise as a random sample of that size. {excluded}",
    ),
    "db.weighting_excluded.one": (
        "{count} deelnemer zonder stadsdeel of leeftijd telt niet mee.",
        "{count} participant without district or age band is left out.",
    ),
    "db.weighting_excluded.other": (
        "{count} deelnemers zonder stadsdeel of leeftijd tellen niet mee.",
        "{count} participants without district or age band are left out.",
    ),
    "db.weighted_n": (
        "n = {used} gewogen (van {n}) · effectieve n = {neff}",
        "n = {used} weighted (of {n}) · effective n = {neff}",
    ),
    "db.table_alt": ("Toon als tabel", "Show as a table"),
    "db.option": ("Antwoord", "Answer"),
    "db.place": ("{place}e plaats", "Place {place}"),
    "db.place_shared": ("Gedeelde {place}e plaats", "Shared place {place}"),
    "db.ranking_note": (
        "Van meest naar minst gekozen. Evenveel stemmen: dezelfde plaats, en de volgende plaats wordt overgeslagen.",
        "From most to least chosen. The same number of votes: the same place, and the next place is skipped.",
    ),
    "db.vote_count.one": ("{count} stem", "{count} vote"),
    "db.vote_count.other": ("{count} stemmen", "{count} votes"),
    "db.votes": ("Stemmen", "Votes"),
    "db.picture": ("Plaatje", "Picture"),
    "db.other_answers": (
        "Eigen antwoorden (anders, namelijk)",
        "Own answers (other, namely)",
    ),
    "db.qr_alt": ("QR-code naar {url}", "QR code to {url}"),
    "db.prev": ("Vorige", "Previous"),
    "db.next": ("Volgende", "Next"),
    "db.fullscreen": ("Volledig scherm", "Full screen"),
    "db.freeze": ("Bevries deze cijfers", "Freeze these figures"),
    "db.present_n.one": ("{count} inwoner deed mee", "{count} resident took part"),
    "db.present_n.other": ("{count} inwoners deden mee", "{count} residents took part"),
    "db.present_n_mixed.one": ("{count} inzending", "{count} submission"),
    "db.present_n_mixed.other": ("{count} inzendingen", "{count} submissions"),
    "db.present_join": ("Doe ook mee:", "Take part too:"),
    "db.present_rises": (
        "Hier willen inwoners meer geld voor",
        "Residents want more money for",
    ),
    "db.present_cuts": (
        "Hier willen inwoners minder geld voor",
        "Residents want less money for",
    ),
    "db.present_none": ("Geen duidelijke verschuiving.", "No clear shift."),
    "db.present_change": (
        "gemiddeld {change} dan het plan (95%-interval: {low} tot {high})",
        "on average {change} than the plan (95% interval: {low} to {high})",
    ),
    "db.present_more": ("{amount} meer", "{amount} more"),
    "db.present_less": ("{amount} minder", "{amount} less"),
    "db.present_sides": (
        "{raised} wil meer, {lowered} minder, {unchanged} laat het zo",
        "{raised} want more, {lowered} less, {unchanged} leave it",
    ),
    "db.present_shift_rule": (
        "Alleen posten waarbij het 95%-interval van het gemiddelde het plan uitsluit en het verschil minstens één stap en 2% van het plan is; hoogstens de drie duidelijkste.",
        "Only lines where the 95% interval of the mean excludes the plan and the difference is at least one step and 2% of the plan; at most the three clearest.",
    ),
    "db.present_contested_rule": (
        "Alleen posten waarbij zeker een kwart meer wil en zeker een kwart minder (95%-interval), en een kwart of meer minstens één stap en 2% van het plan naar elke kant; hoogstens de drie duidelijkste.",
        "Only lines where surely a quarter want more and surely a quarter want less (95% interval), with a quarter or more at least one step and 2% of the plan each way; at most the three clearest.",
    ),
    "db.present_contested": (
        "Hierover zijn inwoners het oneens",
        "Residents disagree about",
    ),
    "db.snapshot_missing": (
        "Deze momentopname bestaat niet.",
        "This snapshot does not exist.",
    ),
    "db.snapshot_status": (
        "Momentopname van {date} om {time} · controlecode {hash}",
        "Snapshot of {date} at {time} · check code {hash}",
    ),
    "db.updated": ("Bijgewerkt om {time}", "Updated at {time}"),
    "db.frozen": (
        "Bevroren (controlecode {hash}). Vaste link:",
        "Frozen (check code {hash}). Permanent link:",
    ),
    "db.groups_title": ("Soorten inwoners", "Kinds of residents"),
    "db.groups_how": (
        "Hoe lees je dit? De computer zoekt begrotingen die op elkaar lijken en maakt daar groepen van. Zo zie je of inwoners verschillende dingen willen, wat een gemiddelde verbergt. Een groep is een samenvatting, geen feit over mensen: veel inwoners zitten tussen twee groepen in. Groepen van minder dan {k} inwoners tonen we niet. De groepen gaan over alle begrotingen; de filters hierboven gelden hier niet.",
        "How to read this: the computer looks for budgets that are alike and makes groups of them. That shows whether residents want different things, which an average hides. A group is a summary, not a fact about people: many residents sit between two groups. Groups of fewer than {k} residents are not shown. The groups cover all budgets; the filters above do not apply here.",
    ),
    "db.groups_name_first": ("{line} eerst", "{line} first"),
    "db.groups_name_less": ("Minder {line}", "Less {line}"),
    "db.groups_name_plan": ("Dicht bij het plan", "Close to the plan"),
    "db.groups_computed.one": (
        "Berekend op {date} om {time} over {count} begroting, in {k} groepen: de computer kiest het aantal waarbij de groepen het duidelijkst verschillen (silhouetscore).",
        "Computed on {date} at {time} from {count} budget, in {k} groups: the computer picks the number at which the groups differ most clearly (silhouette score).",
    ),
    "db.groups_computed.other": (
        "Berekend op {date} om {time} over {count} begrotingen, in {k} groepen: de computer kiest het aantal waarbij de groepen het duidelijkst verschillen (silhouetscore).",
        "Computed on {date} at {time} from {count} budgets, in {k} groups: the computer picks the number at which the groups differ most clearly (silhouette score).",
    ),
    "db.groups_synthetic.one": (
        "Daarvan is {count} synthetisch (test of demo): geen inwoner.",
        "Of these, {count} is synthetic (test or demo): not a resident.",
    ),
    "db.groups_synthetic.other": (
        "Daarvan zijn {count} synthetisch (test of demo): geen inwoners.",
        "Of these, {count} are synthetic (test or demo): not residents.",
    ),
    "db.groups_stale": (
        "Er zijn sindsdien nieuwe begrotingen. De groepen worden opnieuw berekend.",
        "New budgets have arrived since. The groups are being computed again.",
    ),
    "db.groups_pending": (
        "De groepen worden berekend. Dit kan een minuut duren; de pagina werkt ze vanzelf bij.",
        "The groups are being computed. This can take a minute; the page updates by itself.",
    ),
    "db.groups_none": (
        "Er is geen groep van minstens {k} inwoners.",
        "There is no group of at least {k} residents.",
    ),
    "db.groups_unassigned.one": (
        "{count} begroting valt in een groep van minder dan {k} inwoners; die tonen we niet.",
        "{count} budget falls in a group of fewer than {k} residents; it is not shown.",
    ),
    "db.groups_unassigned.other": (
        "{count} begrotingen vallen in groepen van minder dan {k} inwoners; die tonen we niet.",
        "{count} budgets fall in groups of fewer than {k} residents; those are not shown.",
    ),
    "db.groups_group": ("Groep", "Group"),
    "db.groups_size": ("Aantal inwoners", "Residents"),
    "db.groups_moves": (
        "Wat de groep anders doet dan het plan (gemiddeld)",
        "What the group does differently from the plan (on average)",
    ),
    "db.groups_no_moves": ("Niets duidelijk anders", "Nothing clearly different"),
    "db.groups_where": (
        "Waar wonen ze, hoe oud zijn ze?",
        "Where do they live, how old are they?",
    ),
    "db.groups_agree": (
        "Waar alle groepen het over eens zijn",
        "What all groups agree on",
    ),
    "db.groups_agree_up": (
        "{line}: alle groepen meer geld",
        "{line}: all groups more money",
    ),
    "db.groups_agree_down": (
        "{line}: alle groepen minder geld",
        "{line}: all groups less money",
    ),
    "db.groups_agree_none": (
        "Er is geen post die alle groepen dezelfde kant op schuiven.",
        "No line is moved the same way by all groups.",
    ),
    "db.groups_map": (
        "Kaart van de begrotingen: elk vakje telt minstens {k} begrotingen",
        "Map of the budgets: every square holds at least {k} budgets",
    ),
    "db.groups_map_help": (
        "Begrotingen die op elkaar lijken staan dicht bij elkaar. Hoe groter het bolletje, hoe meer begrotingen; de kleur is de grootste groep in dat vakje. Vakjes met minder dan {k} begrotingen tekenen we niet, zodat niemand los te zien is.",
        "Budgets that are alike sit close together. The bigger the dot, the more budgets; the colour is the largest group in that square. Squares with fewer than {k} budgets are not drawn, so no one can be picked out.",
    ),
    "db.groups_axis": ("vooral {line}", "mostly {line}"),
    "db.groups_axis_x": ("Eerste richting", "First direction"),
    "db.groups_axis_y": ("Tweede richting", "Second direction"),
    "db.groups_drawn": (
        "Begrotingen in getekende vakjes",
        "Budgets in the squares drawn",
    ),
    "db.groups_bins.one": (
        "{count} begroting in dit vakje",
        "{count} budget in this square",
    ),
    "db.groups_bins.other": (
        "{count} begrotingen in dit vakje",
        "{count} budgets in this square",
    ),
    "db.present_groups.one": ("{count} soort inwoners", "{count} kind of residents"),
    "db.present_groups.other": (
        "{count} soorten inwoners",
        "{count} kinds of residents",
    ),
    "db.present_group.one": (
        "{label}: {count} inwoner ({share})",
        "{label}: {count} resident ({share})",
    ),
    "db.present_group.other": (
        "{label}: {count} inwoners ({share})",
        "{label}: {count} residents ({share})",
    ),
    # -- picture upload (administrators) ---------------------------------------------
    "upload.title": (
        "Plaatje toevoegen aan een moodboard",
        "Add a picture to a moodboard",
    ),
    "upload.intro": (
        "PNG, JPEG of WebP, hoogstens 8 MB. We maken er een WebP-bestand van zonder metadata (zoals locatie of camera).",
        "PNG, JPEG or WebP, at most 8 MB. We turn it into a WebP file without metadata (such as location or camera).",
    ),
    "upload.moodboard": ("Moodboard", "Moodboard"),
    "upload.id": ("Korte naam van het plaatje", "Short name of the picture"),
    "upload.id_help": (
        "Kleine letters, cijfers en streepjes, bijvoorbeeld schommels-2.",
        "Lower-case letters, digits and dashes, for example swings-2.",
    ),
    "upload.title_nl": ("Titel (Nederlands)", "Title (Dutch)"),
    "upload.alt_nl": (
        "Wat is er te zien? (Nederlands, voor wie niet kan zien)",
        "What does it show? (Dutch, for people who cannot see it)",
    ),
    "upload.title_en": ("Titel (Engels, niet verplicht)", "Title (English, optional)"),
    "upload.alt_en": (
        "Wat is er te zien? (Engels, niet verplicht)",
        "What does it show? (English, optional)",
    ),
    "upload.file": ("Bestand", "File"),
    "upload.submit": ("Toevoegen", "Add"),
    "upload.done": ("Het plaatje is toegevoegd.", "The picture has been added."),
    "upload.bad_fields": (
        "Vul een moodboard, een korte naam, een titel, een beschrijving en een bestand in.",
        "Fill in a moodboard, a short name, a title, a description and a file.",
    ),
    "upload.taken": (
        "Deze korte naam bestaat al in dit moodboard. Kies een andere naam; er is niets veranderd.",
        "This short name already exists in this moodboard. Choose another name; nothing was changed.",
    ),
    "upload.has_votes": (
        "{title} heeft al stemmen: {count}. Wie al koos, heeft een nieuw plaatje niet gezien.",
        "{title} already has votes: {count}. People who already chose did not see a new picture.",
    ),
    "upload.despite_votes": (
        "Ik weet dat dit moodboard al stemmen heeft en voeg het plaatje toch toe.",
        "I know this moodboard already has votes and add the picture anyway.",
    ),
    "upload.confirm_needed": (
        "Dit moodboard heeft al stemmen. Vink het vakje onder het bestand aan als u het plaatje toch wilt toevoegen. Er is niets veranderd.",
        "This moodboard already has votes. Tick the box below the file if you want to add the picture anyway. Nothing was changed.",
    ),
    "upload.file_again": (
        "Uw tekst staat er nog. Kies het bestand opnieuw: een browser bewaart dat niet.",
        "Your text is still there. Choose the file again: a browser does not keep it.",
    ),
    "upload.nav_pictures": ("Plaatjes", "Pictures"),
    "db.date_format": (
        "Typ een datum als dag-maand-jaar, bijvoorbeeld 29-11-2026.",
        "Type a date as day-month-year (the Dutch order), for example 29-11-2026.",
    ),
    "db.date_placeholder": (
        "dd-mm-jjjj",
        "dd-mm-yyyy",
    ),
    "db.date_malformed": (
        "Dit is geen datum die we kunnen lezen. Typ dag-maand-jaar, bijvoorbeeld 29-11-2026.",
        "This is not a date we can read. Type day-month-year, for example 29-11-2026.",
    ),
    "db.date_impossible": (
        "Deze dag bestaat niet. Kijk de dag en de maand na.",
        "This day does not exist. Check the day and the month.",
    ),
    "db.date_before_since": (
        "Deze datum ligt vóór de datum bij ‘Vanaf’.",
        "This date is before the ‘From’ date.",
    ),
    # -- closing the loop: answer status, report, embed (issue 16) ------------------
    "report.title": ("Participatieverslag", "Participation report"),
    "report.made": ("Gemaakt op {date}.", "Made on {date}."),
    "report.question": ("Vraag", "Question"),
    "report.level": ("Soort inspraak", "Level of participation"),
    "report.dates": ("Looptijd", "Period"),
    "report.dates_text": ("{opens} tot en met {closes}", "{opens} to {closes}"),
    "report.channels": ("Kanalen", "Channels"),
    "report.channel_web": (
        "Online: {url} (ook in te sluiten op de website van de gemeente)",
        "Online: {url} (can also be embedded on the municipality's website)",
    ),
    "report.channel_codes": (
        "Met persoonlijke stemcodes",
        "With personal voting codes",
    ),
    "report.who": ("Wie deden mee", "Who took part"),
    "report.population": ("Bevolking", "Population"),
    "report.results": ("Uitkomst", "Results"),
    "report.moderation": ("Moderatie", "Moderation"),
    "report.moderation_text": (
        (
            "Toelichtingen bij begrotingen: {comments}, waarvan {hidden} verborgen "
            "door een beheerder."
        ),
        (
            "Comments on budgets: {comments}, of which {hidden} hidden by an "
            "administrator."
        ),
    ),
    "report.moderation_none": (
        "Deze inspraak kent geen vrije tekst om te modereren.",
        "This trajectory has no free text to moderate.",
    ),
    "report.answer": ("Antwoord van de gemeente", "The municipality's answer"),
    "report.answer_draft": (
        "Concept (nog niet gepubliceerd), {date}.",
        "Draft (not yet published), {date}.",
    ),
    "db.answer": ("Antwoord: {status}", "Answer: {status}"),
    "db.answer.missing": ("ontbreekt", "missing"),
    "db.answer.draft": ("concept", "draft"),
    "db.answer.published": ("gepubliceerd", "published"),
    "db.answer_closed.one": (
        "{count} dag gesloten",
        "closed {count} day ago",
    ),
    "db.answer_closed.other": (
        "{count} dagen gesloten",
        "closed {count} days ago",
    ),
    "db.report": ("Participatieverslag (pdf)", "Participation report (PDF)"),
    "db.public_results": ("Openbare uitkomst", "Public results"),
    "db.embed_snippet": (
        "Insluitcode voor de website van de gemeente",
        "Embed code for the municipality's website",
    ),
    "mod.title": (
        "Moderatie",
        "Moderation",
    ),
    "mod.intro": (
        "Oudste eerst. Kies bij elk besluit een reden; alles komt in het logboek.",
        "Oldest first. Choose a reason with every decision; everything goes into the log.",
    ),
    "mod.log_link": (
        "Logboek (CSV)",
        "Log (CSV)",
    ),
    "mod.empty": (
        "Er wacht niets op een besluit.",
        "Nothing is waiting for a decision.",
    ),
    "mod.waiting.one": (
        "{count} bijdrage wacht op een besluit.",
        "{count} contribution is waiting for a decision.",
    ),
    "mod.waiting.other": (
        "{count} bijdragen wachten op een besluit.",
        "{count} contributions are waiting for a decision.",
    ),
    "mod.why": (
        "In de wachtrij om:",
        "In the queue because of:",
    ),
    "mod.reports.one": (
        "{count} melding",
        "{count} report",
    ),
    "mod.reports.other": (
        "{count} meldingen",
        "{count} reports",
    ),
    "mod.action": (
        "Besluit",
        "Decision",
    ),
    "mod.reason": (
        "Reden",
        "Reason",
    ),
    "mod.note": (
        "Toelichting (mag leeg)",
        "Note (may be empty)",
    ),
    "mod.decide": (
        "Vastleggen",
        "Record",
    ),
    "mod.done": (
        "Vastgelegd: {action}.",
        "Recorded: {action}.",
    ),
    "mod.review_here": (
        "Beoordelen als moderator",
        "Review as a moderator",
    ),
    "mod.focus_title": (
        "De bijdrage die u opende",
        "The contribution you opened",
    ),
    "mod.state_now": (
        "Nu:",
        "Now:",
    ),
    "mod.pick": (
        "Kiezen voor een besluit over meer tegelijk",
        "Pick for one decision on several at once",
    ),
    "mod.bulk_title": (
        "Eén besluit voor alle gekozen bijdragen",
        "One decision for all picked contributions",
    ),
    "mod.bulk_decide": (
        "Vastleggen voor de gekozen bijdragen",
        "Record for the picked contributions",
    ),
    "mod.bulk_none": (
        "Kies eerst een of meer bijdragen met het vakje 'Kiezen'.",
        "First pick one or more contributions with their 'Pick' box.",
    ),
    "mod.bulk_done.one": (
        "Vastgelegd voor {count} bijdrage: {action}.",
        "Recorded for {count} contribution: {action}.",
    ),
    "mod.bulk_done.other": (
        "Vastgelegd voor {count} bijdragen: {action}.",
        "Recorded for {count} contributions: {action}.",
    ),
    "mod.action.approve": (
        "Goedkeuren",
        "Approve",
    ),
    "mod.action.hide": (
        "Verbergen",
        "Hide",
    ),
    "mod.action.reject": (
        "Afwijzen",
        "Reject",
    ),
    "mod.action.restore": (
        "Terugzetten",
        "Restore",
    ),
    "dbi.title": (
        "Ideeën",
        "Ideas",
    ),
    "dbi.raters.one": (
        "{count} inwoner waardeerde ideeën (gesimuleerde waarderingen niet meegeteld).",
        "{count} resident rated ideas (simulated ratings not counted).",
    ),
    "dbi.raters.other": (
        "{count} inwoners waardeerden ideeën (gesimuleerde waarderingen niet meegeteld).",
        "{count} residents rated ideas (simulated ratings not counted).",
    ),
    "dbi.raters_all.one": (
        "{count} beoordelaar waardeerde ideeën, synthetische (test of demo) meegeteld.",
        "{count} rater rated ideas, synthetic ones (test or demo) counted.",
    ),
    "dbi.raters_all.other": (
        "{count} beoordelaars waardeerden ideeën, synthetische (test of demo) meegeteld.",
        "{count} raters rated ideas, synthetic ones (test or demo) counted.",
    ),
    "dbi.ranking": (
        "Rangorde",
        "Ranking",
    ),
    "dbi.ranking_rule": (
        "Gerangschikt op de ondergrens van het 95%-interval (Wilson) van steun tegenover niet steunen; neutraal telt niet mee in n. Gelijke ondergrens: gedeelde plaats (=).",
        "Ranked by the lower bound of the 95% (Wilson) interval of support against oppose; neutral is not in n. Equal lower bound: shared place (=).",
    ),
    "dbi.audit": (
        "Controle op volgorde-effect",
        "Position-bias audit",
    ),
    "dbi.audit_rule": (
        "Steun naar de plaats waarop een idee in de lijst stond toen het werd gewaardeerd. Ongeveer gelijk over de plaatsen: de willekeurige volgorde werkte.",
        "Support by the place an idea had in the list when rated. About equal across places: the random order worked.",
    ),
    "dbi.moderation": (
        "Moderatie",
        "Moderation",
    ),
    "dbi.col.rank": (
        "Plaats",
        "Place",
    ),
    "dbi.col.idea": (
        "Idee",
        "Idea",
    ),
    "dbi.col.support": (
        "Steunen",
        "Support",
    ),
    "dbi.col.oppose": (
        "Niet steunen",
        "Oppose",
    ),
    "dbi.col.neutral": (
        "Neutraal",
        "Neutral",
    ),
    "dbi.col.n": (
        "n (steun + niet)",
        "n (support + oppose)",
    ),
    "dbi.col.ci": (
        "95%-interval steun",
        "95% interval support",
    ),
    "dbi.col.position": (
        "Plaats in de lijst",
        "Place in the list",
    ),
    "dbi.col.rate": (
        "Aandeel steun",
        "Share support",
    ),
    # -- idea groups (dashboards/ideas/groups_section.py) ------------------------------
    "dbi.groups_how": (
        "Hoe lees je dit? De computer zoekt inwoners die ideeën op dezelfde manier beoordelen (steunen, niet steunen, neutraal) en maakt daar groepen van, zoals Pol.is doet. Zo zie je of er kampen zijn, wat een gewone ranglijst verbergt. Een groep is een samenvatting, geen feit over mensen: veel inwoners zitten tussen twee groepen in. Alleen wie minstens {min} ideeën beoordeelde, krijgt een plek. Groepen van minder dan {k} inwoners tonen we niet. Test- en demobeoordelingen tellen alleen mee als u synthetische beoordelingen meetelt.",
        "How to read this: the computer looks for residents who rate ideas the same way (support, oppose, neutral) and makes groups of them, as Pol.is does. That shows whether there are camps, which a plain ranking hides. A group is a summary, not a fact about people: many residents sit between two groups. Only those who rated at least {min} ideas get a place. Groups of fewer than {k} residents are not shown. Test and demo ratings count only when you count synthetic ratings.",
    ),
    "dbi.groups_name": ("Groep {id}", "Group {id}"),
    "dbi.groups_residents": (
        "Alleen beoordelingen van inwoners; test- en demobeoordelingen tellen niet mee.",
        "Residents' ratings only; test and demo ratings are not counted.",
    ),
    "dbi.groups_synthetic": (
        "Met synthetische beoordelingen (test of demo): {count} van de beoordelaars zijn synthetisch, dat zijn geen inwoners.",
        "With synthetic ratings (test or demo): {count} of the raters are synthetic, not residents.",
    ),
    # -- the idea dashboard's filters (dashboards/ideas/scope.py) ----------------------
    "dbi.filter_district": ("Stadsdeel van het idee", "District of the idea"),
    "dbi.filter_theme": ("Thema", "Theme"),
    "dbi.synthetic_excluded.one": (
        "{count} synthetische beoordelaar (test of demo) niet meegeteld",
        "{count} synthetic rater (test or demo) left out",
    ),
    "dbi.synthetic_excluded.other": (
        "{count} synthetische beoordelaars (test of demo) niet meegeteld",
        "{count} synthetic raters (test or demo) left out",
    ),
    "dbi.dates_days": (
        "Datums tellen per kalenderdag (Nederlandse tijd): een beoordeling op de dag dat hij voor het eerst is gegeven, een idee op de dag dat het is geplaatst.",
        "Dates count by calendar day (Dutch time): a rating on the day it was first given, an idea on the day it was posted.",
    ),
    "dbi.groups_computed_all.one": (
        "Berekend op {date} om {time} over {count} beoordelaar, in {k} groepen (de computer kiest het aantal waarbij de groepen het duidelijkst verschillen: silhouetscore).",
        "Computed on {date} at {time} from {count} rater, in {k} groups (the computer picks the number at which the groups differ most clearly: silhouette score).",
    ),
    "dbi.groups_computed_all.other": (
        "Berekend op {date} om {time} over {count} beoordelaars, in {k} groepen (de computer kiest het aantal waarbij de groepen het duidelijkst verschillen: silhouetscore).",
        "Computed on {date} at {time} from {count} raters, in {k} groups (the computer picks the number at which the groups differ most clearly: silhouette score).",
    ),
    "dbi.no_age": (
        "Leeftijd en weging: niet mogelijk. Wie ideeën beoordeelt, geeft geen leeftijd of stadsdeel op; het stadsdeel hier is dat van het idee.",
        "Age and weighting: not possible. People who rate ideas give no age or district; the district here is the idea's.",
    ),
    "dbi.honours": (
        "Filters die hier gelden: {filters}. {n}",
        "Filters applied here: {filters}. {n}",
    ),
    "dbi.honours_none": (
        "Geen filter geldt hier: dit zijn de cijfers van de hele ronde.",
        "No filter applies here: these are the figures of the whole round.",
    ),
    "dbi.f.period_rated": (
        "periode (dag van beoordelen; het idee geplaatst in die periode)",
        "period (day of rating; the idea posted in that period)",
    ),
    "dbi.f.period_posted": (
        "periode (dag waarop het idee is geplaatst)",
        "period (day the idea was posted)",
    ),
    "dbi.f.district": ("stadsdeel van het idee", "district of the idea"),
    "dbi.f.theme": ("thema", "theme"),
    "dbi.f.synthetic": (
        "synthetische beoordelingen (alleen als u ze meetelt)",
        "synthetic ratings (only when you count them)",
    ),
    # -- the ideas presentation's groups slide (dashboards/ideas/presentation.py) ------
    "dbi.present_groups_title": ("Groepen beoordelaars", "Groups of raters"),
    "dbi.present_groups_none": (
        "Er zijn (nog) geen groepen om te tonen: te weinig beoordelaars in een groep van minstens {k}.",
        "There are no groups to show (yet): too few raters in a group of at least {k}.",
    ),
    "dbi.present_next": ("Volgende dia", "Next slide"),
    "dbi.present_group.one": (
        "{label}: {count} beoordelaar ({share})",
        "{label}: {count} rater ({share})",
    ),
    "dbi.present_group.other": (
        "{label}: {count} beoordelaars ({share})",
        "{label}: {count} raters ({share})",
    ),
    "dbi.present_slide": ("Dia {n} van {total}", "Slide {n} of {total}"),
    "dbi.present_with_synthetic.one": (
        "Met synthetische beoordelingen (test of demo): {count} beoordelaar is synthetisch, dat is geen inwoner.",
        "With synthetic ratings (test or demo): {count} rater is synthetic, not a resident.",
    ),
    "dbi.present_with_synthetic.other": (
        "Met synthetische beoordelingen (test of demo): {count} beoordelaars zijn synthetisch, dat zijn geen inwoners.",
        "With synthetic ratings (test or demo): {count} raters are synthetic, not residents.",
    ),
    "dbi.groups_computed.one": (
        "Berekend op {date} om {time} over {count} inwoner die ideeën beoordeelde, in {k} groepen (de computer kiest het aantal waarbij de groepen het duidelijkst verschillen: silhouetscore).",
        "Computed on {date} at {time} from {count} resident who rated ideas, in {k} groups (the computer picks the number at which the groups differ most clearly: silhouette score).",
    ),
    "dbi.groups_computed.other": (
        "Berekend op {date} om {time} over {count} inwoners die ideeën beoordeelden, in {k} groepen (de computer kiest het aantal waarbij de groepen het duidelijkst verschillen: silhouetscore).",
        "Computed on {date} at {time} from {count} residents who rated ideas, in {k} groups (the computer picks the number at which the groups differ most clearly: silhouette score).",
    ),
    "dbi.groups_stale": (
        "Er zijn sindsdien nieuwe beoordelingen. De groepen worden opnieuw berekend.",
        "New ratings have arrived since. The groups are being computed again.",
    ),
    "dbi.groups_unassigned.one": (
        "{count} inwoner heeft te weinig ideeën beoordeeld of valt in een groep van minder dan {k} inwoners; die tonen we niet.",
        "{count} resident rated too few ideas or falls in a group of fewer than {k} residents; they are not shown.",
    ),
    "dbi.groups_unassigned.other": (
        "{count} inwoners hebben te weinig ideeën beoordeeld of vallen in groepen van minder dan {k} inwoners; die tonen we niet.",
        "{count} residents rated too few ideas or fall in groups of fewer than {k} residents; those are not shown.",
    ),
    "dbi.groups_distinctive": (
        "Waarin de groep verschilt van de anderen",
        "Where the group differs from the others",
    ),
    "dbi.groups_for": (
        "meer steun dan bij de anderen (steun in de groep: {share})",
        "more support than among the others (support in the group: {share})",
    ),
    "dbi.groups_against": (
        "meer tegen dan bij de anderen (steun in de groep: {share})",
        "more opposition than among the others (support in the group: {share})",
    ),
    "dbi.groups_nothing": ("Niets duidelijk anders", "Nothing clearly different"),
    "dbi.groups_consensus": (
        "Gesteund door alle groepen",
        "Supported across groups",
    ),
    "dbi.groups_consensus_rule": (
        "Een idee staat hier alleen hoog als elke groep het steunt: per groep (steun + 1) / (beoordelingen + 2), vermenigvuldigd over de groepen. Daarnaast de gewone plaats: (steun + 1) / (beoordelingen + 2) over iedereen, op dezelfde beoordelingen. Steun per groep als aandeel van wie in die groep het idee beoordeelde; verborgen bij minder dan {k}. De eerste {top} ideeën.",
        "An idea ranks high here only if every group supports it: per group (support + 1) / (ratings + 2), multiplied over the groups. Beside it the plain place: (support + 1) / (ratings + 2) over everyone, on the same ratings. Support per group as a share of those in the group who rated the idea; hidden below {k}. The first {top} ideas.",
    ),
    "dbi.groups_col_consensus": ("Plaats (alle groepen)", "Place (all groups)"),
    "dbi.groups_col_plain": ("Plaats (iedereen)", "Place (everyone)"),
    "dbi.groups_map": (
        "Kaart van de inwoners: elk vakje telt minstens {k} inwoners",
        "Map of the residents: every square holds at least {k} residents",
    ),
    "dbi.groups_map_help": (
        "Inwoners die ideeën op dezelfde manier beoordelen, staan dicht bij elkaar (de twee belangrijkste richtingen van een hoofdcomponentenanalyse). Hoe groter het bolletje, hoe meer inwoners; de kleur is de grootste groep in dat vakje. Vakjes met minder dan {k} inwoners tekenen we niet, zodat niemand los te zien is.",
        "Residents who rate ideas the same way sit close together (the two main directions of a principal component analysis). The bigger the dot, the more residents; the colour is the largest group in that square. Squares with fewer than {k} residents are not drawn, so no one can be picked out.",
    ),
    "dbi.groups_drawn": (
        "Inwoners in getekende vakjes",
        "Residents in the squares drawn",
    ),
    "dbi.groups_bins.one": (
        "{count} inwoner in dit vakje",
        "{count} resident in this square",
    ),
    "dbi.groups_bins.other": (
        "{count} inwoners in dit vakje",
        "{count} residents in this square",
    ),
    "dbf.title": ("Forum", "Forum"),
    "dbf.intro": (
        "Hier spreekt u namens de gemeente: berichten krijgen het label ‘Gemeente Den Haag’. Sluit een onderwerp of het forum met wat we hiervan meenemen; dat staat dan bovenaan.",
        "Here you speak for the municipality: posts carry the label ‘Municipality of The Hague’. Close a topic or the forum with what we take from it; it is then shown at the top.",
    ),
    "dbf.new_topic": (
        "Onderwerp beginnen als gemeente",
        "Start a topic as the municipality",
    ),
    "dbf.topic_title": ("Titel", "Title"),
    "dbf.topic_text": ("Tekst", "Text"),
    "dbf.topic_send": ("Onderwerp plaatsen", "Post topic"),
    "dbf.topics": ("Onderwerpen", "Topics"),
    "dbf.post_text": (
        "Bericht namens de gemeente bij ‘{title}’",
        "Post for the municipality in ‘{title}’",
    ),
    "dbf.post_send": ("Bericht plaatsen", "Post"),
    "dbf.topic_conclusion": (
        "Wat we hiervan meenemen (‘{title}’)",
        "What we take from this (‘{title}’)",
    ),
    "dbf.topic_close": ("Onderwerp sluiten", "Close topic"),
    "dbf.close_forum": ("Forum sluiten", "Close the forum"),
    "dbf.close_forum_send": (
        "Forum sluiten met deze conclusie",
        "Close the forum with this conclusion",
    ),
    "dbf.closed": (
        "Gesloten. De conclusie staat bovenaan.",
        "Closed. The conclusion is shown at the top.",
    ),
    "dbf.done": ("Geplaatst.", "Posted."),
    "dbf.not_allowed": (
        "Alleen adviseurs en beheerders spreken hier namens de gemeente.",
        "Only advisors and admins speak for the municipality here.",
    ),
    "db.answers_elsewhere": (
        "Antwoord van de gemeente bij ideeënrondes, fora en vragenuren",
        "The municipality's answer for idea rounds, forums and question hours",
    ),
    "dba.title": ("Status en antwoord", "Status and answer"),
    "dba.intro": (
        "Geef per idee aan wat de gemeente ermee doet. Het antwoord staat openbaar bij het idee. Bij 'niet overgenomen' is een antwoord verplicht.",
        "Say per idea what the municipality does with it. The answer is public beside the idea. With 'not adopted' an answer is required.",
    ),
    "dba.pick": ("Idee", "Idea"),
    "dba.no_answer": ("nog geen antwoord", "no answer yet"),
    "dba.none": ("Kies een idee.", "Pick an idea."),
    "dba.status": ("Status", "Status"),
    "dba.answer": (
        "Antwoord van de gemeente (openbaar)",
        "The municipality's answer (public)",
    ),
    "dba.answer_hint": (
        "Gewone tekst, geen opmaak. Schrijf in eenvoudige taal (B1).",
        "Plain text, no formatting. Write in plain language (B1).",
    ),
    "dba.link": (
        "Link naar waar het idee is overgenomen (mag leeg)",
        "Link to where the idea was taken up (may be empty)",
    ),
    "dba.link_hint": (
        "Een adres op deze site, bijvoorbeeld /begroting/begroting-2027.",
        "An address on this site, for example /begroting/begroting-2027.",
    ),
    "dba.save": ("Opslaan", "Save"),
    "dba.saved": ("Opgeslagen: {status}.", "Saved: {status}."),
    "dba.admins_only": (
        "Alleen beheerders geven de status en het antwoord.",
        "Only admins set the status and the answer.",
    ),
    "dba.bad_status": ("Deze status kennen we niet.", "We do not know this status."),
    "dba.bad_answer": ("Het antwoord moet tekst zijn.", "The answer must be text."),
    "dba.bad_answer_link": (
        "De link moet een adres op deze site zijn (begint met /, hoogstens 300 tekens).",
        "The link must be an address on this site (starts with /, at most 300 characters).",
    ),
    "dba.bad_answer_needed": (
        "Bij 'niet overgenomen' hoort een antwoord: schrijf waarom niet.",
        "'Not adopted' needs an answer: write why not.",
    ),
    "dba.give_answer": ("Status en antwoord geven", "Give status and answer"),
    "dbi.by_theme": ("Per thema", "By theme"),
    "dbi.by_district": ("Per stadsdeel", "By district"),
    "dbi.groups_rule": (
        "Alleen waarderingen van inwoners. Een groep met minder dan {min} ideeën tonen we niet, en ook niet de groep waaruit die zou zijn af te leiden.",
        "Residents' ratings only. A group with fewer than {min} ideas is not shown, nor any group it could be worked out from.",
    ),
    "dbi.not_given": ("Niet opgegeven", "Not given"),
    "dbi.suppressed_cell": ("niet getoond", "not shown"),
    "dbi.col.group": ("Groep", "Group"),
    "dbi.col.ideas": ("Ideeën", "Ideas"),
    "dbi.col.day": ("Dag", "Day"),
    "dbi.col.for": ("Argumenten voor", "Arguments for"),
    "dbi.col.against": ("Argumenten tegen", "Arguments against"),
    "dbi.col.question": ("Vragen en opmerkingen", "Questions and remarks"),
    "dbi.col.status": ("Status", "Status"),
    "dbi.per_day": ("Steun per dag", "Support per day"),
    "dbi.per_day_rule": (
        "Waarderingen van inwoners per dag (tijd in Den Haag) waarop ze voor het eerst gaven, met hun waardering van nu.",
        "Residents' ratings per day (Den Haag time) on which they were first given, with their current value.",
    ),
    "dbi.no_ratings": (
        "Nog geen waarderingen van inwoners.",
        "No ratings by residents yet.",
    ),
    "dbi.reactions": ("Reacties voor en tegen", "Reactions for and against"),
    "dbi.reactions_rule.one": (
        "Gepubliceerde reacties per idee, het {count} idee met de meeste argumenten voor en tegen eerst. Een reactie is geen stem.",
        "Published reactions per idea, the {count} idea with the most arguments for and against first. A reaction is not a vote.",
    ),
    "dbi.reactions_rule.other": (
        "Gepubliceerde reacties per idee, de {count} ideeën met de meeste argumenten voor en tegen eerst. Een reactie is geen stem.",
        "Published reactions per idea, the {count} ideas with the most arguments for and against first. A reaction is not a vote.",
    ),
    "dbi.no_reactions": ("Nog geen reacties.", "No reactions yet."),
    "dbi.coverage": ("Status en antwoorden", "Status and answers"),
    "dbi.answered": (
        "{answered} van {ideas} ideeën hebben een antwoord van de gemeente: {share} (95%-interval {interval}).",
        "{answered} of {ideas} ideas have an answer from the municipality: {share} (95% interval {interval}).",
    ),
    "dbi.median_days": (
        "Mediaan tijd tot een antwoord: {days} dagen.",
        "Median time to an answer: {days} days.",
    ),
    "dbi.no_answers": ("Nog geen antwoorden.", "No answers yet."),
    "dbi.by_status": ("Ideeën per status", "Ideas by status"),
    "dbi.other_rounds": ("Andere ideeënrondes", "Other idea rounds"),
    "dbi.exports": ("Exporteren", "Export"),
    "dbi.present_title": ("Ideeën: presentatie", "Ideas: presentation"),
    "dbi.present_top": ("Meest gesteund", "Most supported"),
    "dbi.present_idea": (
        "{share} steun (95%-interval {low} – {high}, n = {n})",
        "{share} support (95% interval {low} – {high}, n = {n})",
    ),
    "dbi.present_answered": (
        "{answered} van {ideas} ideeën hebben een antwoord van de gemeente.",
        "{answered} of {ideas} ideas have an answer from the municipality.",
    ),
    "dbi.present_synthetic": (
        "Alleen waarderingen van inwoners; gesimuleerde (voorbeeld)waarderingen tellen niet mee.",
        "Residents' ratings only; simulated (example) ratings are not counted.",
    ),
    "dbi.present": ("Presentatie", "Presentation"),
    "dbi.export_ideas": (
        "Ideeën met aantallen, status en antwoord",
        "Ideas with counts, status and answer",
    ),
    "dbi.export_reactions": ("Reacties (alleen beheerders)", "Reactions (admins only)"),
}

i18n.register(MESSAGES)
