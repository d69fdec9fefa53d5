"""The words of the report in Norwegian (Bokmål), Swedish and English.

Templates read them as ``t.key``; placeholders are filled with ``str.format``
by the template (``t.posts_in_week.format(...)``). Theme labels are not here:
they come from the taxonomy (``reports.formatting.theme_label``).
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "nb": {
        "html_lang": "nb",
        "report": "Ukerapport",
        "review_page": "Gjennomgang av avvik",
        "week": "Uke {number}",
        "lede": "{posts} innlegg fra {sources} kilder på {langs} språk. "
                "Normalnivå: {baseline} innlegg per uke (snitt av ukene {baseline_span}).",
        "nav_summary": "Kort fortalt",
        "nav_themes": "Temaer",
        "nav_movers": "Største endringer",
        "nav_alerts": "Avviksvarsler",
        "nav_phrases": "Nye uttrykk",
        "nav_sources": "Kilder",
        "nav_langs": "Språk",
        "nav_quotes": "Sitater",
        "nav_taxonomy": "Taksonomiendringer",
        "nav_review": "Gjennomgang av avvik →",
        "nav_report": "← Ukerapporten",
        "summary": "Kort fortalt",
        "s_volume": "{posts} innlegg, {change} mot normalnivået ({baseline} per uke).",
        "s_top": "Mest omtalt: {theme}, i {share} av innleggene.",
        "s_riser": "Størst økning: {theme}, fra {before} til {after} ({points}).",
        "s_faller": "Størst nedgang: {theme}, fra {before} til {after} ({points}).",
        "s_alerts": "Avviksvarsler denne uken: {n}, hvorav {open} ikke vurdert ennå.",
        "s_no_alerts": "Ingen avviksvarsler denne uken.",
        "s_earlier_open": "Varsler fra tidligere uker som fortsatt ikke er vurdert: {n}.",
        "s_phrases": "Nye uttrykk: {n}, tydeligst «{phrase}» ({lang}, {posts} innlegg).",
        "s_quiet": "{source}: {posts} innlegg mot normalt {baseline}; sjekk innhentingen.",
        "s_taxonomy": "Taksonomien ble endret {date} ({old} → {new}); endringen vises som egen diff, ikke som trend.",
        "themes": "Temaer denne uken",
        "themes_note": "Andel = innlegg som tar opp temaet, delt på alle innlegg i uken. Et innlegg kan ha "
                       "flere temaer, så andelene summeres ikke til 100 %. Normalnivå = samlet andel i "
                       "ukene {baseline_span}.",
        "theme": "Tema",
        "posts": "Innlegg",
        "share": "Andel",
        "baseline": "Normalnivå",
        "change": "Endring",
        "relative": "Relativt",
        "trend_caption": "Andel per uke, ukene {span}. Stiplet linje: normalnivå. Stor prikk: uke {number}."
                         " {markers}",
        "trend_markers": "Prikket loddrett linje: taksonomien endret.",
        "trend_alt": "Små diagrammer, ett per tema, med andelen per uke de siste {n} ukene.",
        "movers": "Største endringer mot normalnivået",
        "movers_note": "Endring i prosentpoeng fra normalnivået til denne uken. Beskrivende tall: hvilke "
                       "endringer som er mer enn tilfeldig variasjon, står under avviksvarsler.",
        "movers_alt": "Piler fra normalnivå til denne ukens andel for temaene som endret seg mest.",
        "alert_badge": "varsel",
        "no_movers": "Ingen temaer har endret andel denne uken.",
        "alerts": "Avviksvarsler",
        "alerts_note": "Et varsel betyr at et temas andel på én kilde avviker fra kildens normalnivå mer enn "
                       "tilfeldig variasjon forklarer, etter kontroll for mange samtidige tester "
                       "(q = justert p-verdi). Åpne dem i gjennomgangen for å se innleggene før og etter.",
        "source": "Kilde",
        "direction": "Retning",
        "up": "opp",
        "down": "ned",
        "n_of_total": "{n} av {total}",
        "method": "Metode",
        "statistic": "Statistikk",
        "status": "Status",
        "open": "Åpent",
        "decided": "Vurdert",
        "review_link": "Se innleggene",
        "no_alerts": "Ingen varsler denne uken.",
        "source_drift": "Endret temamiks per kilde",
        "source_drift_note": "Hvor mye hele fordelingen av temaer på en kilde har flyttet seg fra normalnivået "
                             "(Jensen–Shannon-divergens, PSI). Flagget kilder bør sjekkes.",
        "flagged": "flagget",
        "earlier_open": "Fortsatt åpne varsler fra tidligere uker: {n} (se gjennomgangen).",
        "phrases": "Nye uttrykk",
        "phrases_note": "Ord og uttrykk som plutselig går igjen og som ingen tema dekker. Løft = hvor mange "
                        "ganger oftere enn før.",
        "phrase": "Uttrykk",
        "language": "Språk",
        "lift": "Løft",
        "no_phrases": "Ingen nye uttrykk denne uken.",
        "sources": "Kilder",
        "languages": "Språk",
        "per_week": "Normalt per uke",
        "volume_change": "Mot normalt",
        "top_themes": "Mest omtalt",
        "drift": "Temamiks",
        "matrix_note": "Andel innlegg per tema, {dimension}. Mørkere = større andel.",
        "quotes": "Sitater",
        "quotes_note": "Ordrett fra innleggene slik de er lagret (e-post og telefonnummer fjernet). "
                       "Markert: setningen som ga temaet; fet: ordene den kjente igjen.",
        "open_post": "Åpne innlegget",
        "no_link": "ingen lenke",
        "no_quotes": "Ingen eksempler lagret for dette temaet denne uken.",
        "taxonomy": "Taksonomiendringer",
        "taxonomy_note": "Når taksonomien endres, merkes et utvalg innlegg på nytt med gammel og ny versjon. "
                         "Forskjellen per tema skyldes taksonomien, ikke det kundene skriver.",
        "taxonomy_change": "{date}: versjon {old} → {new}, utvalg på {n} innlegg",
        "old_count": "Gammel",
        "new_count": "Ny",
        "delta": "Forskjell",
        "taxonomy_alt": "Stolper per tema: forskjellen mellom ny og gammel taksonomiversjon.",
        "about": "Om tallene",
        "about_text": "Tallene kommer fra lageret (DuckDB) og kan gjenfinnes i CSV-filene ved siden av denne "
                      "rapporten. Uker går fra mandag til søndag (ISO-uker, UTC).",
        "provenance": "Taksonomiversjon {taxonomy}, pipeline {pipeline}, sist lastet {loaded}.",
        "rendered": "Laget {when} av themewatch {version}.",
        "files": "Filer",
        "no_data_title": "Ingen data for denne uken",
        "no_data": "Lageret har ingen innlegg for uke {number} ({span}).",
        "no_data_latest": "Siste uke med data er uke {number} ({span}).",
        "no_data_empty": "Lageret er tomt.",
        "no_data_hint": "Hvis uken nettopp er over, kan innhentingen fortsatt pågå; rapporten lages på nytt "
                        "når dataene er lastet.",
        "no_reviews_table": "Lageret mangler tabellen drift_reviews (migrering 0050): alle varsler vises som åpne.",
        # drift review page
        "review_lede": "Avviksvarsler: {alerts} ({open} åpne, {decided} vurdert) · nye uttrykk: {phrases} · "
                       "taksonomiendringer: {changes}.",
        "how_to": "Slik vurderer du",
        "how_to_text": "Les innleggene før og etter endringen. Reell: kundene skriver faktisk mer (eller "
                       "mindre) om dette. Taksonomi: endringen kommer av hvordan temaet er definert. Støy: "
                       "tilfeldig, spam eller én lang tråd. Registrer vurderingen med kommandoen under "
                       "hvert varsel; neste rapport viser den.",
        "open_alerts": "Åpne varsler",
        "decided_alerts": "Vurderte varsler",
        "earlier_open_title": "Fortsatt åpne fra tidligere uker",
        "none_open": "Ingen åpne varsler denne uken.",
        "none_decided": "Ingen vurderte varsler denne uken.",
        "alert_stat": "Andel {share} ({n} av {total} innlegg) mot normalnivå {baseline} ({weeks} uker før).",
        "test_stat": "Test: {method}, statistikk {statistic}, p {p}, q {q}.",
        "chart_caption": "Andel per uke på {source}. Skyggelagt: ukene normalnivået bygger på.",
        "chart_alt": "Linjediagram: andelen for {theme} på {source} per uke de siste {n} ukene.",
        "taxonomy_warning": "Taksonomien ble endret {date} ({old} → {new}) i denne perioden; i et utvalg på "
                            "{n} innlegg endret det antallet med dette temaet med {delta}. Vurder om varselet "
                            "skyldes det (se diff nederst).",
        "before": "Før (ukene {span})",
        "after": "Etter (uke {number})",
        "no_examples": "Ingen innlegg.",
        "record": "Registrer vurdering:",
        "verdict_line": "{verdict} – {reviewer}, {date}",
        "verdict_real": "Reell",
        "verdict_taxonomy": "Taksonomi",
        "verdict_noise": "Støy",
        "phrase_stat": "{n} innlegg denne uken, løft {lift}.",
        "phrase_caption": "Andel innlegg på {lang} som inneholder uttrykket, per uke.",
        "phrase_alt": "Linjediagram: andelen innlegg med «{phrase}» per uke de siste {n} ukene.",
        "phrase_unmatched": "Ingen innlegg inneholder uttrykket ordrett (det kan være en ordstamme); "
                            "søk etter det i lageret.",
        "week_col": "Uke",
        "no_taxonomy": "Ingen taksonomiendringer de siste {n} ukene.",
    },
}

STRINGS["sv"] = {
    **STRINGS["nb"],
    "html_lang": "sv",
    "report": "Veckorapport",
    "review_page": "Granskning av avvikelser",
    "week": "Vecka {number}",
    "lede": "{posts} inlägg från {sources} källor på {langs} språk. "
            "Normalnivå: {baseline} inlägg per vecka (snitt för veckorna {baseline_span}).",
    "nav_summary": "Kort sammanfattning",
    "nav_themes": "Teman",
    "nav_movers": "Största förändringar",
    "nav_alerts": "Avvikelselarm",
    "nav_phrases": "Nya uttryck",
    "nav_sources": "Källor",
    "nav_langs": "Språk",
    "nav_quotes": "Citat",
    "nav_taxonomy": "Taxonomiändringar",
    "nav_review": "Granskning av avvikelser →",
    "nav_report": "← Veckorapporten",
    "summary": "Kort sammanfattning",
    "s_volume": "{posts} inlägg, {change} jämfört med normalnivån ({baseline} per vecka).",
    "s_top": "Mest omtalat: {theme}, i {share} av inläggen.",
    "s_riser": "Störst ökning: {theme}, från {before} till {after} ({points}).",
    "s_faller": "Störst minskning: {theme}, från {before} till {after} ({points}).",
    "s_alerts": "Avvikelselarm denna vecka: {n}, varav {open} ännu inte bedömda.",
    "s_no_alerts": "Inga avvikelselarm denna vecka.",
    "s_earlier_open": "Larm från tidigare veckor som ännu inte är bedömda: {n}.",
    "s_phrases": "Nya uttryck: {n}, tydligast ”{phrase}” ({lang}, {posts} inlägg).",
    "s_quiet": "{source}: {posts} inlägg mot normalt {baseline}; kontrollera insamlingen.",
    "s_taxonomy": "Taxonomin ändrades {date} ({old} → {new}); ändringen visas som egen diff, inte som trend.",
    "themes": "Teman denna vecka",
    "themes_note": "Andel = inlägg som tar upp temat, delat med alla inlägg under veckan. Ett inlägg kan ha "
                   "flera teman, så andelarna summeras inte till 100 %. Normalnivå = sammanlagd andel under "
                   "veckorna {baseline_span}.",
    "theme": "Tema",
    "posts": "Inlägg",
    "share": "Andel",
    "baseline": "Normalnivå",
    "change": "Förändring",
    "relative": "Relativt",
    "trend_caption": "Andel per vecka, veckorna {span}. Streckad linje: normalnivå. Stor punkt: vecka {number}."
                     " {markers}",
    "trend_markers": "Prickad lodrät linje: taxonomin ändrad.",
    "trend_alt": "Små diagram, ett per tema, med andelen per vecka de senaste {n} veckorna.",
    "movers": "Största förändringar mot normalnivån",
    "movers_note": "Förändring i procentenheter från normalnivån till denna vecka. Beskrivande siffror: vilka "
                   "förändringar som är mer än slumpmässig variation står under avvikelselarm.",
    "movers_alt": "Pilar från normalnivå till veckans andel för de teman som förändrats mest.",
    "alert_badge": "larm",
    "no_movers": "Inga teman har ändrat andel denna vecka.",
    "alerts": "Avvikelselarm",
    "alerts_note": "Ett larm betyder att ett temas andel i en källa avviker från källans normalnivå mer än "
                   "slumpen förklarar, efter kontroll för många samtidiga test (q = justerat p-värde). "
                   "Öppna dem i granskningen för att se inläggen före och efter.",
    "source": "Källa",
    "direction": "Riktning",
    "up": "upp",
    "down": "ned",
    "n_of_total": "{n} av {total}",
    "method": "Metod",
    "statistic": "Statistika",
    "status": "Status",
    "open": "Öppet",
    "decided": "Bedömt",
    "review_link": "Se inläggen",
    "no_alerts": "Inga larm denna vecka.",
    "source_drift": "Förändrad temamix per källa",
    "source_drift_note": "Hur mycket hela fördelningen av teman i en källa har flyttat sig från normalnivån "
                         "(Jensen–Shannon-divergens, PSI). Flaggade källor bör kontrolleras.",
    "flagged": "flaggad",
    "earlier_open": "Fortfarande öppna larm från tidigare veckor: {n} (se granskningen).",
    "phrases": "Nya uttryck",
    "phrases_note": "Ord och uttryck som plötsligt återkommer och som inget tema täcker. Lyft = hur många "
                    "gånger oftare än tidigare.",
    "phrase": "Uttryck",
    "language": "Språk",
    "lift": "Lyft",
    "no_phrases": "Inga nya uttryck denna vecka.",
    "sources": "Källor",
    "languages": "Språk",
    "per_week": "Normalt per vecka",
    "volume_change": "Jämfört med normalt",
    "top_themes": "Mest omtalat",
    "drift": "Temamix",
    "matrix_note": "Andel inlägg per tema, {dimension}. Mörkare = större andel.",
    "quotes": "Citat",
    "quotes_note": "Ordagrant ur inläggen så som de är lagrade (e-post och telefonnummer borttagna). "
                   "Markerat: meningen som gav temat; fetstil: orden som kändes igen.",
    "open_post": "Öppna inlägget",
    "no_link": "ingen länk",
    "no_quotes": "Inga exempel sparade för detta tema denna vecka.",
    "taxonomy": "Taxonomiändringar",
    "taxonomy_note": "När taxonomin ändras märks ett urval inlägg om med gammal och ny version. Skillnaden "
                     "per tema beror på taxonomin, inte på vad kunderna skriver.",
    "taxonomy_change": "{date}: version {old} → {new}, urval på {n} inlägg",
    "old_count": "Gammal",
    "new_count": "Ny",
    "delta": "Skillnad",
    "taxonomy_alt": "Staplar per tema: skillnaden mellan ny och gammal taxonomiversion.",
    "about": "Om siffrorna",
    "about_text": "Siffrorna kommer från lagret (DuckDB) och finns i CSV-filerna bredvid denna rapport. "
                  "Veckor går från måndag till söndag (ISO-veckor, UTC).",
    "provenance": "Taxonomiversion {taxonomy}, pipeline {pipeline}, senast laddad {loaded}.",
    "rendered": "Skapad {when} av themewatch {version}.",
    "files": "Filer",
    "no_data_title": "Inga data för denna vecka",
    "no_data": "Lagret har inga inlägg för vecka {number} ({span}).",
    "no_data_latest": "Senaste vecka med data är vecka {number} ({span}).",
    "no_data_empty": "Lagret är tomt.",
    "no_data_hint": "Om veckan nyss tog slut kan insamlingen fortfarande pågå; rapporten skapas på nytt när "
                    "data har laddats.",
    "no_reviews_table": "Lagret saknar tabellen drift_reviews (migrering 0050): alla larm visas som öppna.",
    "review_lede": "Avvikelselarm: {alerts} ({open} öppna, {decided} bedömda) · nya uttryck: {phrases} · "
                   "taxonomiändringar: {changes}.",
    "how_to": "Så bedömer du",
    "how_to_text": "Läs inläggen före och efter förändringen. Verklig: kunderna skriver faktiskt mer (eller "
                   "mindre) om detta. Taxonomi: förändringen beror på hur temat är definierat. Brus: slump, "
                   "spam eller en lång tråd. Registrera bedömningen med kommandot under varje larm; nästa "
                   "rapport visar den.",
    "open_alerts": "Öppna larm",
    "decided_alerts": "Bedömda larm",
    "earlier_open_title": "Fortfarande öppna från tidigare veckor",
    "none_open": "Inga öppna larm denna vecka.",
    "none_decided": "Inga bedömda larm denna vecka.",
    "alert_stat": "Andel {share} ({n} av {total} inlägg) mot normalnivå {baseline} ({weeks} veckor före).",
    "test_stat": "Test: {method}, statistika {statistic}, p {p}, q {q}.",
    "chart_caption": "Andel per vecka i {source}. Skuggat: veckorna som normalnivån bygger på.",
    "chart_alt": "Linjediagram: andelen för {theme} i {source} per vecka de senaste {n} veckorna.",
    "taxonomy_warning": "Taxonomin ändrades {date} ({old} → {new}) under denna period; i ett urval på "
                        "{n} inlägg ändrade det antalet med detta tema med {delta}. Bedöm om larmet beror "
                        "på det (se diff längst ned).",
    "before": "Före (veckorna {span})",
    "after": "Efter (vecka {number})",
    "no_examples": "Inga inlägg.",
    "record": "Registrera bedömning:",
    "verdict_real": "Verklig",
    "verdict_taxonomy": "Taxonomi",
    "verdict_noise": "Brus",
    "phrase_stat": "{n} inlägg denna vecka, lyft {lift}.",
    "phrase_caption": "Andel inlägg på {lang} som innehåller uttrycket, per vecka.",
    "phrase_alt": "Linjediagram: andelen inlägg med ”{phrase}” per vecka de senaste {n} veckorna.",
    "phrase_unmatched": "Inget inlägg innehåller uttrycket ordagrant (det kan vara en ordstam); sök efter "
                        "det i lagret.",
    "week_col": "Vecka",
    "no_taxonomy": "Inga taxonomiändringar de senaste {n} veckorna.",
}

STRINGS["en"] = {
    **STRINGS["nb"],
    "html_lang": "en",
    "report": "Weekly report",
    "review_page": "Drift review",
    "week": "Week {number}",
    "lede": "{posts} posts from {sources} sources in {langs} languages. "
            "Usual level: {baseline} posts a week (average of weeks {baseline_span}).",
    "nav_summary": "In short",
    "nav_themes": "Themes",
    "nav_movers": "Biggest movers",
    "nav_alerts": "Drift alerts",
    "nav_phrases": "Emerging phrases",
    "nav_sources": "Sources",
    "nav_langs": "Languages",
    "nav_quotes": "Quotes",
    "nav_taxonomy": "Taxonomy changes",
    "nav_review": "Drift review →",
    "nav_report": "← Weekly report",
    "summary": "In short",
    "s_volume": "{posts} posts, {change} against the usual level ({baseline} a week).",
    "s_top": "Most talked about: {theme}, in {share} of posts.",
    "s_riser": "Biggest rise: {theme}, from {before} to {after} ({points}).",
    "s_faller": "Biggest fall: {theme}, from {before} to {after} ({points}).",
    "s_alerts": "Drift alerts this week: {n}, of which {open} not reviewed yet.",
    "s_no_alerts": "No drift alerts this week.",
    "s_earlier_open": "Alerts from earlier weeks still not reviewed: {n}.",
    "s_phrases": "Emerging phrases: {n}, most clearly “{phrase}” ({lang}, {posts} posts).",
    "s_quiet": "{source}: {posts} posts against a usual {baseline}; check the collection.",
    "s_taxonomy": "The taxonomy changed on {date} ({old} → {new}); shown as its own diff, not as a trend.",
    "themes": "Themes this week",
    "themes_note": "Share = posts that raise the theme, divided by all posts of the week. A post can carry "
                   "several themes, so shares do not add up to 100%. Usual level = the pooled share over "
                   "weeks {baseline_span}.",
    "theme": "Theme",
    "posts": "Posts",
    "share": "Share",
    "baseline": "Usual level",
    "change": "Change",
    "relative": "Relative",
    "trend_caption": "Share per week, weeks {span}. Dashed line: usual level. Large dot: week {number}."
                     " {markers}",
    "trend_markers": "Dotted vertical line: taxonomy changed.",
    "trend_alt": "Small charts, one per theme, with the share per week over the last {n} weeks.",
    "movers": "Biggest movers against the usual level",
    "movers_note": "Change in percentage points from the usual level to this week. Descriptive: which changes "
                   "are more than chance variation is under drift alerts.",
    "movers_alt": "Arrows from the usual level to this week's share for the themes that moved most.",
    "alert_badge": "alert",
    "no_movers": "No theme changed its share this week.",
    "alerts": "Drift alerts",
    "alerts_note": "An alert means a theme's share on one source differs from that source's usual level by "
                   "more than chance explains, after correcting for the many tests run at once (q = adjusted "
                   "p value). Open them in the drift review to see the posts before and after.",
    "source": "Source",
    "direction": "Direction",
    "up": "up",
    "down": "down",
    "n_of_total": "{n} of {total}",
    "method": "Method",
    "statistic": "Statistic",
    "status": "Status",
    "open": "Open",
    "decided": "Decided",
    "review_link": "See the posts",
    "no_alerts": "No alerts this week.",
    "source_drift": "Theme mix shift per source",
    "source_drift_note": "How far a source's whole distribution of themes moved from its usual level "
                         "(Jensen–Shannon divergence, PSI). Flagged sources deserve a look.",
    "flagged": "flagged",
    "earlier_open": "Alerts from earlier weeks still open: {n} (see the drift review).",
    "phrases": "Emerging phrases",
    "phrases_note": "Words and phrases that suddenly recur and that no theme covers. Lift = how many times "
                    "more often than before.",
    "phrase": "Phrase",
    "language": "Language",
    "lift": "Lift",
    "no_phrases": "No emerging phrases this week.",
    "sources": "Sources",
    "languages": "Languages",
    "per_week": "Usual per week",
    "volume_change": "Against usual",
    "top_themes": "Most talked about",
    "drift": "Theme mix",
    "matrix_note": "Share of posts per theme, {dimension}. Darker = larger share.",
    "quotes": "Quotes",
    "quotes_note": "Verbatim from the posts as stored (e-mail addresses and phone numbers removed). "
                   "Highlighted: the sentence that gave the theme; bold: the words it recognised.",
    "open_post": "Open the post",
    "no_link": "no link",
    "no_quotes": "No examples stored for this theme this week.",
    "taxonomy": "Taxonomy changes",
    "taxonomy_note": "When the taxonomy changes, a sample of posts is tagged again under the old and the new "
                     "version. The difference per theme comes from the taxonomy, not from what customers write.",
    "taxonomy_change": "{date}: version {old} → {new}, sample of {n} posts",
    "old_count": "Old",
    "new_count": "New",
    "delta": "Difference",
    "taxonomy_alt": "Bars per theme: the difference between the new and the old taxonomy version.",
    "about": "About these numbers",
    "about_text": "The numbers come from the warehouse (DuckDB) and are in the CSV files beside this report. "
                  "Weeks run Monday to Sunday (ISO weeks, UTC).",
    "provenance": "Taxonomy version {taxonomy}, pipeline {pipeline}, last loaded {loaded}.",
    "rendered": "Rendered {when} by themewatch {version}.",
    "files": "Files",
    "no_data_title": "No data for this week",
    "no_data": "The warehouse holds no posts for week {number} ({span}).",
    "no_data_latest": "The latest week with data is week {number} ({span}).",
    "no_data_empty": "The warehouse is empty.",
    "no_data_hint": "If the week has only just ended, collection may still be running; the report is "
                    "rendered again once the data is loaded.",
    "no_reviews_table": "The warehouse lacks the drift_reviews table (migration 0050): every alert shows as open.",
    "review_lede": "Drift alerts: {alerts} ({open} open, {decided} decided) · emerging phrases: {phrases} · "
                   "taxonomy changes: {changes}.",
    "how_to": "How to review",
    "how_to_text": "Read the posts before and after the change. Real: customers really write more (or less) "
                   "about this. Taxonomy: the change comes from how the theme is defined. Noise: chance, "
                   "spam or one long thread. Record your verdict with the command under each alert; the next "
                   "report shows it.",
    "open_alerts": "Open alerts",
    "decided_alerts": "Decided alerts",
    "earlier_open_title": "Still open from earlier weeks",
    "none_open": "No open alerts this week.",
    "none_decided": "No decided alerts this week.",
    "alert_stat": "Share {share} ({n} of {total} posts) against a usual level of {baseline} "
                  "(the {weeks} weeks before).",
    "test_stat": "Test: {method}, statistic {statistic}, p {p}, q {q}.",
    "chart_caption": "Share per week on {source}. Shaded: the weeks the usual level is built from.",
    "chart_alt": "Line chart: the share of {theme} on {source} per week over the last {n} weeks.",
    "taxonomy_warning": "The taxonomy changed on {date} ({old} → {new}) within this period; in a sample of "
                        "{n} posts it changed the count for this theme by {delta}. Consider whether the "
                        "alert comes from it (see the diff at the bottom).",
    "before": "Before (weeks {span})",
    "after": "After (week {number})",
    "no_examples": "No posts.",
    "record": "Record a verdict:",
    "verdict_real": "Real",
    "verdict_taxonomy": "Taxonomy",
    "verdict_noise": "Noise",
    "phrase_stat": "{n} posts this week, lift {lift}.",
    "phrase_caption": "Share of posts in {lang} that contain the phrase, per week.",
    "phrase_alt": "Line chart: the share of posts with “{phrase}” per week over the last {n} weeks.",
    "phrase_unmatched": "No post contains the phrase word for word (it may be a word stem); search the "
                        "warehouse for it.",
    "week_col": "Week",
    "no_taxonomy": "No taxonomy changes in the last {n} weeks.",
}


class Strings(dict):
    """Attribute access for templates (``t.summary``); a missing key fails loudly in tests."""

    def __getattr__(self, key: str) -> str:
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None


def strings(lang: str) -> Strings:
    return Strings(STRINGS[lang])
