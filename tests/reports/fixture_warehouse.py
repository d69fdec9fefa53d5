"""A realistic warehouse for the report's tests, built from the warehouse contract alone.

Until warehouse/ lands, the relations of /work/notes/warehouse-contract.md are
created here as plain DuckDB tables with the contract's columns, filled from a
seeded synthetic corpus: 20 weeks (2026-W28 .. 2026-W47), six sources in five
languages, about 700 posts a week. Built in:

- queue_wait rises on ``hjelpeforumet`` from 2026-W46 (about twice its share);
- praise drops on ``kundtjanstforum`` in 2026-W47;
- extra_cost spikes on ``bloggen`` in 2026-W41 only (one long thread);
- ``kundeservice_dk`` nearly goes quiet in 2026-W47 (a scraper in trouble);
- emerging phrases: "nye appen" (nb, from W46), "bankid strular" (sv, W47), and
  "faktura feil" (nb), a stemmed phrase that no post contains word for word;
- a taxonomy change 1 -> 2 detected on 2026-10-21 (W43);
- reviews: W47's praise drop decided (real), W41's extra_cost spike decided
  (noise); the rise of queue_wait stays open in W46 and W47.

theme_weekly, theme_drift (a one-week test against a pooled 8-week baseline,
Benjamini-Hochberg per week), source_drift, theme_examples and emerging_phrases
are computed from the posts, so every number the report shows can be checked
against ``documents`` and ``document_themes``.

``python tests/reports/fixture_warehouse.py PATH`` writes one to PATH.
"""

from __future__ import annotations

import hashlib
import math
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
from scipy import stats

from warehouse.connection import connect

PROJECT_ROOT = Path(__file__).resolve().parents[2]

REPORT_WEEK = "2026-W47"
REPORT_MONDAY = date(2026, 11, 16)
FIRST_MONDAY = REPORT_MONDAY - timedelta(weeks=19)
MONDAYS = [FIRST_MONDAY + timedelta(weeks=i) for i in range(20)]
BASELINE_WEEKS = 8
EMPTY_WEEK = "2026-W50"

RISING = ("hjelpeforumet", "queue_wait", MONDAYS[-2])
FALLING = ("kundtjanstforum", "praise", MONDAYS[-1])
SPIKE = ("bloggen", "extra_cost", MONDAYS[13])  # one week only: 2026-W41
QUIET_SOURCE = "kundeservice_dk"

THEME_RATES = {
    "queue_wait": 0.12, "no_response": 0.08, "blame_shifting": 0.04, "broken_promise": 0.06,
    "rude_staff": 0.05, "incompetence": 0.07, "runaround": 0.05, "extra_cost": 0.04,
    "not_listening": 0.03, "customer_abuse": 0.02, "compensation": 0.05, "praise": 0.10,
}
THEMES = list(THEME_RATES)


@dataclass(frozen=True)
class Source:
    name: str
    platform: str
    langs: dict[str, float]
    weekly: int
    url: str | None  # with {thread} and {post}


SOURCES = [
    Source("hjelpeforumet", "phpbb", {"nb": 0.85, "nn": 0.15}, 210,
           "https://hjelpeforumet.example/viewtopic.php?t={thread}#p{post}"),
    Source("kundtjanstforum", "discourse", {"sv": 1.0}, 260,
           "https://kundtjanstforum.example/t/{thread}/{post}"),
    Source("bloggen", "blogg_se", {"sv": 1.0}, 60,
           "https://bloggen.example/{thread}.html#comment-{post}"),
    Source("samtaler", "transcript", {"nb": 0.6, "sv": 0.4}, 120, None),
    Source(QUIET_SOURCE, "ipb", {"da": 1.0}, 45,
           "https://kundeservice.example/topic/{thread}/?do=findComment&comment={post}"),
    Source("support_community", "discourse", {"en": 1.0}, 65,
           "https://community.example/t/{thread}/{post}"),
]

# (sentence, cue) per language and theme; nynorsk borrows bokmål where it has none.
CUES: dict[str, dict[str, list[tuple[str, str]]]] = {
    "nb": {
        "queue_wait": [("Jeg ventet i kø i over en time før noen tok telefonen.", "ventet i kø"),
                       ("Telefonkøen var på 45 minutter igjen i dag.", "Telefonkøen"),
                       ("Det tok tre uker før noen svarte på henvendelsen min.",
                        "tok tre uker før noen svarte")],
        "no_response": [("Jeg har sendt tre e-poster og fikk aldri svar.", "fikk aldri svar"),
                        ("De gidder ikke å svare på chatten.", "gidder ikke å svare")],
        "blame_shifting": [("Kundeservice skylder på leverandøren og sier det ikke er deres ansvar.",
                            "skylder på leverandøren")],
        "broken_promise": [("De skulle ringe tilbake innen en time, men ingen ringte.",
                            "skulle ringe tilbake"),
                           ("De holder ikke det de lover.", "holder ikke det de lover")],
        "rude_staff": [("Hun var frekk og nedlatende i telefonen.", "nedlatende"),
                       ("Fikk et uhøflig svar i chatten.", "uhøflig")],
        "incompetence": [("Han visste ikke hva han drev med.", "visste ikke hva han drev med"),
                         ("Jeg fikk feil opplysninger om fakturaen.", "feil opplysninger")],
        "runaround": [("Jeg ble satt over til en annen avdeling fire ganger.",
                       "satt over til en annen avdeling"),
                      ("Måtte forklare alt på nytt for hver ny person.", "forklare alt på nytt")],
        "extra_cost": [("Minuttprisen på supportnummeret er helt vill.", "Minuttprisen"),
                       ("Jeg fikk et gebyr for å ringe kundeservice.", "gebyr")],
        "not_listening": [("Hun hørte ikke på hva jeg sa.", "hørte ikke på hva jeg sa")],
        "customer_abuse": [("Kunden kjeftet på meg i ti minutter.", "kjeftet på meg")],
        "compensation": [("Jeg ba om kompensasjon for nedetiden.", "kompensasjon"),
                         ("Fikk refusjon etter to uker.", "refusjon")],
        "praise": [("Fikk veldig god hjelp i chatten, anbefales!", "veldig god hjelp"),
                   ("Rask og hyggelig kundeservice denne gangen.", "hyggelig kundeservice")],
    },
    "nn": {
        "queue_wait": [("Eg venta i kø i over ein time.", "venta i kø")],
        "no_response": [("Eg fekk aldri svar på e-posten.", "fekk aldri svar")],
        "praise": [("Eg fekk svært god hjelp av dei.", "svært god hjelp")],
    },
    "sv": {
        "queue_wait": [("Satt i kö i 40 minuter innan någon svarade.", "Satt i kö"),
                       ("Väntetiden i telefonkön var över en timme.", "telefonkön")],
        "no_response": [("Jag fick inget svar på mailet.", "fick inget svar")],
        "blame_shifting": [("De säger att det inte är deras fel och skyller på leverantören.",
                            "skyller på leverantören")],
        "broken_promise": [("De lovade att återkomma samma dag men hörde aldrig av sig.",
                            "lovade att återkomma")],
        "rude_staff": [("Killen i kundtjänst var otrevlig och himlade med ögonen.", "otrevlig")],
        "incompetence": [("Jag fick fel besked två gånger.", "fel besked")],
        "runaround": [("Blev skickad runt mellan tre avdelningar.", "skickad runt")],
        "extra_cost": [("Det är dyrt att ringa deras kundtjänst.", "dyrt att ringa")],
        "not_listening": [("Hon lyssnar inte på vad man säger.", "lyssnar inte")],
        "customer_abuse": [("En kund svor åt personalen i kassan.", "svor åt personalen")],
        "compensation": [("Jag begärde återbetalning för månaden.", "återbetalning")],
        "praise": [("Riktigt bra bemötande i chatten idag!", "Riktigt bra bemötande")],
    },
    "da": {
        "queue_wait": [("Jeg ventede i telefonkø i over en time.", "ventede i telefonkø")],
        "no_response": [("Jeg har aldrig fået svar på min mail.", "aldrig fået svar")],
        "blame_shifting": [("De skyder skylden på underleverandøren.", "skyder skylden")],
        "broken_promise": [("De lovede at ringe tilbage, men det skete aldrig.",
                            "lovede at ringe tilbage")],
        "rude_staff": [("Medarbejderen var uhøflig og nedladende.", "uhøflig")],
        "incompetence": [("Hun vidste ikke hvad hun snakkede om.", "vidste ikke hvad hun snakkede om")],
        "runaround": [("Jeg blev stillet videre fem gange.", "stillet videre")],
        "extra_cost": [("De tager et gebyr for at ringe til kundeservice.", "gebyr")],
        "not_listening": [("Han lyttede slet ikke til mig.", "lyttede slet ikke")],
        "customer_abuse": [("En kunde råbte ad medarbejderen.", "råbte ad medarbejderen")],
        "compensation": [("Jeg fik en kompensation på 200 kr.", "kompensation")],
        "praise": [("Fik rigtig god hjælp i dag.", "rigtig god hjælp")],
    },
    "en": {
        "queue_wait": [("I was on hold for an hour before anyone picked up.", "on hold for an hour")],
        "no_response": [("Never heard back after three emails.", "Never heard back")],
        "blame_shifting": [("They blamed the supplier and said it was not their problem.",
                            "blamed the supplier")],
        "broken_promise": [("They promised a callback that never came.", "promised a callback")],
        "rude_staff": [("The agent was rude and dismissive.", "rude")],
        "incompetence": [("The first line agent was clueless.", "clueless")],
        "runaround": [("I was transferred again and again.", "transferred again and again")],
        "extra_cost": [("They charged a fee just to talk to support.", "charged a fee")],
        "not_listening": [("He just didn't listen to what I said.", "didn't listen")],
        "customer_abuse": [("A customer yelled at the agent for ten minutes.", "yelled at the agent")],
        "compensation": [("I asked for a refund for the outage.", "refund")],
        "praise": [("Great support from the chat team today.", "Great support")],
    },
}

FILLERS = {
    "nb": ["Hei alle sammen.", "Har noen andre opplevd det samme?", "Dette gjelder mobilabonnementet mitt.",
           "Jeg har vært kunde i ti år.", "Oppdatering: saken er fortsatt ikke løst.",
           "Ring meg gjerne på [phone] hvis du vet noe.", "Send en melding til [e-mail]."],
    "nn": ["Hei alle saman.", "Er det fleire som har opplevd dette?", "Dette gjeld breibandet mitt."],
    "sv": ["Hej!", "Någon som känner igen sig?", "Gäller mitt bredband.", "Ring mig på [phone].",
           "Uppdatering: fortfarande inget löst.", "Jag har varit kund i åtta år."],
    "da": ["Hej.", "Er der andre der har oplevet det?", "Det drejer sig om mit mobilabonnement."],
    "en": ["Hi all.", "Anyone else seeing this?", "This is about my broadband contract.",
           "Email me at [e-mail] if you know more."],
}

TITLES = {
    "nb": ["Elendig kundeservice", "Noen som har fått svar?", "Problemer med fakturaen",
           "Nettet nede igjen", "Erfaringer med kundeservice"],
    "nn": ["Dårleg kundeservice", "Nokon som har fått svar?"],
    "sv": ["Usel kundtjänst", "Någon som fått svar?", "Problem med fakturan", "Bredbandet nere"],
    "da": ["Dårlig kundeservice", "Problemer med regningen"],
    "en": ["Terrible support experience", "Anyone got a reply?", "Billing problems"],
}

PHRASES = [  # (lang, phrase, sentence, source, first week index, share of that source's posts)
    ("nb", "nye appen", "Etter at de lanserte den nye appen får jeg ikke logget inn.",
     "hjelpeforumet", 18, 0.08),
    ("sv", "bankid strular", "BankID strular hela tiden sedan uppdateringen.",
     "kundtjanstforum", 19, 0.10),
]
UNMATCHED_PHRASE = ("nb", "faktura feil", 14, 3.1)

TAXONOMY_CHANGE_AT = datetime(2026, 10, 21, 9, 12, tzinfo=UTC)
TAXONOMY_DIFF = {  # theme: (n_old, n_new) in a re-tagged sample of 2,000 posts
    "runaround": (88, 131), "extra_cost": (70, 92), "queue_wait": (240, 236),
    "incompetence": (131, 119), "praise": (205, 205),
}

EVIDENCE_TYPE = pa.list_(pa.struct([("sentence_idx", pa.int32()), ("sentence", pa.string()),
                                    ("cue", pa.string())]))


def _hash(*parts: object, length: int = 16) -> str:
    return hashlib.md5("|".join(str(p) for p in parts).encode()).hexdigest()[:length]


def alert_id(monday: date, source: str, theme: str) -> str:
    return _hash(monday.isoformat(), source, theme)


def _rate(source: str, theme: str, monday: date) -> float:
    rate = THEME_RATES[theme]
    if (source, theme) == RISING[:2] and monday >= RISING[2]:
        rate *= 2.0
    if (source, theme) == FALLING[:2] and monday >= FALLING[2]:
        rate *= 0.2
    if (source, theme) == SPIKE[:2] and monday == SPIKE[2]:
        rate *= 5.0
    return rate


def generate_posts(seed: int = 47) -> tuple[list[dict], list[dict]]:
    """Posts (contract columns of documents) and their theme tags (document_themes)."""
    rng = np.random.default_rng(seed)
    documents: list[dict] = []
    tags: list[dict] = []
    post_counter = 1000
    for week_index, monday in enumerate(MONDAYS):
        for source in SOURCES:
            volume = source.weekly
            if source.name == QUIET_SOURCE and monday == REPORT_MONDAY:
                volume = 8
            n_posts = int(rng.poisson(volume))
            langs = list(source.langs)
            weights = np.array([source.langs[lang] for lang in langs])
            for _ in range(n_posts):
                post_counter += 1
                lang = str(rng.choice(langs, p=weights / weights.sum()))
                sentences = [str(rng.choice(FILLERS[lang]))]
                evidence_by_theme: dict[str, dict] = {}
                for theme in THEMES:
                    if rng.random() < _rate(source.name, theme, monday):
                        options = CUES[lang].get(theme) or CUES["nb" if lang == "nn" else "en"][theme]
                        sentence, cue = options[int(rng.integers(len(options)))]
                        evidence_by_theme[theme] = {"sentence_idx": len(sentences),
                                                    "sentence": sentence, "cue": cue}
                        sentences.append(sentence)
                for p_lang, _, p_sentence, p_source, first, share in PHRASES:
                    if (p_lang == lang and p_source == source.name and week_index >= first
                            and rng.random() < share):
                        sentences.insert(1, p_sentence)
                        for item in evidence_by_theme.values():
                            item["sentence_idx"] += 1
                if rng.random() < 0.3:
                    sentences.append(str(rng.choice(FILLERS[lang])))
                text = " ".join(sentences)
                published = datetime.combine(monday, datetime.min.time(), UTC) + timedelta(
                    seconds=int(rng.integers(0, 7 * 24 * 3600)))
                thread = int(rng.integers(1, 400))
                doc_id = _hash(source.name, post_counter)
                url = source.url.format(thread=thread, post=post_counter) if source.url else None
                documents.append({
                    "doc_id": doc_id, "source": source.name, "platform": source.platform,
                    "url": url, "thread_id": f"{source.name}-{thread}",
                    "thread_title": str(rng.choice(TITLES[lang])) if source.url else
                    f"Samtale {published:%Y-%m-%d} #{post_counter}",
                    "post_id": str(post_counter), "parent_id": None, "quoted_ids": [],
                    "author_hash": _hash("author", int(rng.integers(0, 3000))),
                    "author_role": "customer" if source.url else str(rng.choice(["customer", "agent"])),
                    "published_at": published, "week": monday, "edited_at": None, "lang": lang,
                    "n_tokens": len(text.split()), "text": text, "content_hash": _hash(text, length=32),
                    "taxonomy_version": "2", "pipeline_version": "0.1.0",
                    "fetched_at": published + timedelta(hours=1),
                    "loaded_at": published + timedelta(hours=2),
                    "version_key": _hash(text, length=32), "row_hash": _hash(text, length=32),
                })
                for theme, evidence in evidence_by_theme.items():
                    tags.append({"doc_id": doc_id, "theme": theme,
                                 "score": round(float(rng.uniform(0.5, 1.0)), 3),
                                 "evidence": [evidence], "taxonomy_version": "2"})
    return documents, tags


def _create(con: duckdb.DuckDBPyConnection, name: str, rows: list[dict], schema: pa.Schema) -> None:
    """Fill one of the warehouse's own tables (made by its migrations) by column name."""
    table = pa.Table.from_pylist(rows, schema=schema)
    con.register("incoming", table)
    con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM incoming")
    con.unregister("incoming")


DOCUMENT_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("source", pa.string()), ("platform", pa.string()), ("url", pa.string()),
    ("thread_id", pa.string()), ("thread_title", pa.string()), ("post_id", pa.string()),
    ("parent_id", pa.string()), ("quoted_ids", pa.list_(pa.string())), ("author_hash", pa.string()),
    ("author_role", pa.string()), ("published_at", pa.timestamp("us", tz="UTC")),
    ("week", pa.date32()), ("edited_at", pa.timestamp("us", tz="UTC")), ("lang", pa.string()),
    ("n_tokens", pa.int32()), ("text", pa.string()), ("content_hash", pa.string()),
    ("taxonomy_version", pa.string()), ("pipeline_version", pa.string()),
    ("fetched_at", pa.timestamp("us", tz="UTC")), ("loaded_at", pa.timestamp("us", tz="UTC")),
    ("version_key", pa.string()), ("row_hash", pa.string()),
])
TAG_SCHEMA = pa.schema([("doc_id", pa.string()), ("theme", pa.string()), ("score", pa.float64()),
                        ("evidence", EVIDENCE_TYPE), ("taxonomy_version", pa.string())])


def _drift_rows(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Binomial test of each source x theme share against its pooled 8-week baseline, BH per week."""
    cells = con.execute("""
        SELECT week, source, theme, sum(n_docs) AS n, sum(n_docs_total) AS total
        FROM theme_weekly GROUP BY ALL ORDER BY week, source, theme""").fetchall()
    by_key: dict[tuple[str, str], dict[date, tuple[int, int]]] = {}
    for week, source, theme, n, total in cells:
        by_key.setdefault((source, theme), {})[week] = (int(n), int(total))
    rows: list[dict] = []
    for monday in MONDAYS[BASELINE_WEEKS:]:
        week_rows = []
        for (source, theme), series in sorted(by_key.items()):
            if monday not in series:
                continue
            n, total = series[monday]
            base = [series[m] for m in (monday - timedelta(weeks=k) for k in range(1, 9)) if m in series]
            base_n, base_total = sum(b[0] for b in base), sum(b[1] for b in base)
            if base_total == 0:
                continue
            p0 = max(base_n / base_total, 1e-6)
            test = stats.binomtest(n, total, p0)
            z = (n - total * p0) / math.sqrt(total * p0 * (1 - p0))
            week_rows.append({
                "alert_id": alert_id(monday, source, theme), "week": monday, "source": source,
                "theme": theme, "n_docs": n, "n_docs_total": total, "share": n / total,
                "baseline_share": base_n / base_total, "baseline_weeks": len(base),
                "baseline_n_docs_total": base_total, "taxonomy_changed": False,
                "method": "weekly", "statistic": z, "p_value": float(test.pvalue),
                "direction": "up" if n / total > base_n / base_total else "down"})
        q_values = stats.false_discovery_control([r["p_value"] for r in week_rows])
        for row, q in zip(week_rows, q_values):
            row["q_value"] = float(q)
            row["flag"] = bool(q < 0.05 and row["n_docs_total"] >= 30)
        rows.extend(week_rows)
    return rows


def _source_drift_rows(con: duckdb.DuckDBPyConnection) -> list[dict]:
    counts = con.execute("""
        SELECT week, source, theme, sum(n_docs) FROM theme_weekly GROUP BY ALL""").fetchall()
    table: dict[tuple[str, date], dict[str, int]] = {}
    for week, source, theme, n in counts:
        table.setdefault((source, week), {})[theme] = int(n)
    rows = []
    for monday in MONDAYS[BASELINE_WEEKS:]:
        for source in SOURCES:
            now = table.get((source.name, monday))
            if not now:
                continue
            base = {t: sum(table.get((source.name, monday - timedelta(weeks=k)), {}).get(t, 0)
                           for k in range(1, 9)) for t in THEMES}
            p = np.array([now.get(t, 0) for t in THEMES], float) + 0.5
            q = np.array([base[t] for t in THEMES], float) + 0.5
            p, q = p / p.sum(), q / q.sum()
            m = (p + q) / 2
            jsd = float(0.5 * np.sum(p * np.log2(p / m)) + 0.5 * np.sum(q * np.log2(q / m)))
            psi = float(np.sum((p - q) * np.log(p / q)))
            rows.append({"week": monday, "source": source.name, "jsd": jsd, "psi": psi,
                         "flag": psi > 0.25, "n_docs_total": sum(now.values()),
                         "baseline_weeks": BASELINE_WEEKS, "taxonomy_changed": False})
    return rows


def build_warehouse(path: Path, seed: int = 47) -> Path:
    """Write the fixture warehouse to ``path`` (replacing it) and return the path."""
    path = Path(path)
    path.unlink(missing_ok=True)
    documents, tags = generate_posts(seed)
    con = connect(read_only=False, path=path)
    try:
        con.execute("SET TimeZone = 'UTC'")
        _create(con, "documents", documents, DOCUMENT_SCHEMA)
        _create(con, "document_themes", tags, TAG_SCHEMA)
        con.execute("CREATE TABLE taxonomy_themes AS SELECT unnest($themes) AS theme", {"themes": THEMES})
        con.execute("""
            INSERT INTO theme_weekly BY NAME
            WITH cells AS (SELECT week, source, lang, count(*) AS n_docs_total FROM documents GROUP BY ALL)
            SELECT *, n_docs / n_docs_total AS share FROM (
                SELECT c.week, c.source, c.lang, t.theme, count(dt.doc_id)::BIGINT AS n_docs,
                       c.n_docs_total::BIGINT AS n_docs_total
                FROM cells c CROSS JOIN taxonomy_themes t
                LEFT JOIN (SELECT d.week, d.source, d.lang, dt.theme, dt.doc_id
                           FROM documents d JOIN document_themes dt USING (doc_id)) dt
                  ON dt.week = c.week AND dt.source = c.source AND dt.lang = c.lang
                 AND dt.theme = t.theme
                GROUP BY c.week, c.source, c.lang, t.theme, c.n_docs_total)""")
        con.execute("""
            INSERT INTO theme_monthly BY NAME
            WITH cells AS (SELECT date_trunc('month', published_at)::DATE AS month, source, lang,
                                  count(*) AS n_docs_total FROM documents GROUP BY ALL),
                 tagged AS (SELECT date_trunc('month', d.published_at)::DATE AS month, d.source, d.lang,
                                   dt.theme, count(*) AS n FROM documents d JOIN document_themes dt
                                   USING (doc_id) GROUP BY ALL)
            SELECT c.month, c.source, c.lang, t.theme, coalesce(g.n, 0)::BIGINT AS n_docs,
                   c.n_docs_total::BIGINT AS n_docs_total, coalesce(g.n, 0) / c.n_docs_total AS share
            FROM cells c CROSS JOIN taxonomy_themes t
            LEFT JOIN tagged g ON g.month = c.month AND g.source = c.source AND g.lang = c.lang
                              AND g.theme = t.theme""")
        drift_schema = pa.schema([
            ("alert_id", pa.string()), ("week", pa.date32()), ("source", pa.string()),
            ("theme", pa.string()), ("n_docs", pa.int64()), ("n_docs_total", pa.int64()),
            ("share", pa.float64()), ("baseline_share", pa.float64()), ("baseline_weeks", pa.int32()),
            ("baseline_n_docs_total", pa.int64()), ("taxonomy_changed", pa.bool_()),
            ("method", pa.string()), ("statistic", pa.float64()), ("p_value", pa.float64()),
            ("q_value", pa.float64()), ("flag", pa.bool_()), ("direction", pa.string())])
        _create(con, "theme_drift", _drift_rows(con), drift_schema)
        _create(con, "source_drift", _source_drift_rows(con), pa.schema([
            ("week", pa.date32()), ("source", pa.string()), ("jsd", pa.float64()),
            ("psi", pa.float64()), ("flag", pa.bool_()), ("n_docs_total", pa.int64()),
            ("baseline_weeks", pa.int32()), ("taxonomy_changed", pa.bool_())]))
        con.execute("""
            INSERT INTO theme_examples BY NAME
            SELECT d.week, dt.theme,
                   row_number() OVER (PARTITION BY d.week, dt.theme
                                      ORDER BY dt.score DESC, d.doc_id)::INTEGER AS rank,
                   d.doc_id, d.source, d.lang, d.url, d.published_at, d.text, dt.evidence
            FROM documents d JOIN document_themes dt USING (doc_id)
            QUALIFY rank <= 5""")
        _create_emerging_phrases(con)
        _create(con, "taxonomy_changes", [
            {"detected_at": TAXONOMY_CHANGE_AT, "old_version": "1", "new_version": "2", "theme": theme,
             "n_sample": 2000, "n_old": old, "n_new": new, "delta": new - old,
             "n_gained": max(new - old, 0), "n_lost": max(old - new, 0), "origin": "sample"}
            for theme, (old, new) in TAXONOMY_DIFF.items()], pa.schema([
                ("detected_at", pa.timestamp("us", tz="UTC")), ("old_version", pa.string()),
                ("new_version", pa.string()), ("theme", pa.string()), ("n_sample", pa.int64()),
                ("n_old", pa.int64()), ("n_new", pa.int64()), ("delta", pa.int64()),
                ("n_gained", pa.int64()), ("n_lost", pa.int64()), ("origin", pa.string())]))
        _add_reviews(con)
        _add_lineage(con)
        con.execute("DROP TABLE taxonomy_themes")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return path


def _create_emerging_phrases(con: duckdb.DuckDBPyConnection) -> None:
    rows = []
    for lang, phrase, _, _, first, _ in PHRASES:
        counts = con.execute("""
            SELECT week, count(*) FILTER (WHERE contains(lower(text), $phrase)), count(*)
            FROM documents WHERE lang = $lang GROUP BY week ORDER BY week""",
                             {"phrase": phrase, "lang": lang}).fetchall()
        for i, (week, n, total) in enumerate(counts):
            if i < first:
                continue
            before = [c for c in counts if c[0] < week][-BASELINE_WEEKS:]
            base_rate = (sum(c[1] for c in before) + 1) / (sum(c[2] for c in before) + 1)
            rows.append({"week": week, "lang": lang, "phrase": phrase, "n": int(n),
                         "lift": round((n / total) / base_rate, 2)})
    lang, phrase, n, lift = UNMATCHED_PHRASE
    rows.append({"week": REPORT_MONDAY, "lang": lang, "phrase": phrase, "n": n, "lift": lift})
    _create(con, "emerging_phrases", rows, pa.schema([
        ("week", pa.date32()), ("lang", pa.string()), ("phrase", pa.string()), ("n", pa.int64()),
        ("lift", pa.float64())]))


def _add_lineage(con: duckdb.DuckDBPyConnection) -> None:
    """The Monday-morning ingest of every source and the load after it: the report week is loaded."""
    monday_after = REPORT_MONDAY + timedelta(days=7)
    ingest_at = datetime.combine(monday_after, datetime.min.time(), tzinfo=UTC) + timedelta(hours=3)
    for source in SOURCES:
        con.execute(
            "INSERT INTO runs (run_id, stage, source, run_date, started_at, finished_at, status, "
            "items_seen, items_stored, items_duplicate, items_rejected) "
            "VALUES (?, 'ingest', ?, ?, ?, ?, 'success', 0, 0, 0, 0)",
            [f"ingest:{source.name}:{monday_after}", source.name, monday_after, ingest_at,
             ingest_at + timedelta(minutes=5)])
    con.execute(
        "INSERT INTO loads (load_id, started_at, finished_at, status) VALUES (?, ?, ?, 'success')",
        [f"load-{monday_after}", ingest_at + timedelta(minutes=10), ingest_at + timedelta(minutes=12)])


def _add_reviews(con: duckdb.DuckDBPyConnection) -> None:
    """Decide W47's praise drop and W41's spike; leave the queue_wait rise open."""
    reviews = [
        (alert_id(FALLING[2], FALLING[0], FALLING[1]), "real",
         "Confirmed with the Stockholm team: chat staffing was halved.", "kari.q",
         datetime(2026, 11, 23, 8, 30, tzinfo=UTC)),
        (alert_id(SPIKE[2], SPIKE[0], SPIKE[1]), "noise",
         "One long thread with the same complaint repeated.", "ola.q",
         datetime(2026, 10, 12, 9, 0, tzinfo=UTC)),
    ]
    for row in reviews:
        con.execute("INSERT INTO drift_reviews VALUES (?, ?, ?, ?, ?)", list(row))


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "data/warehouse.duckdb")
    target.parent.mkdir(parents=True, exist_ok=True)
    print(build_warehouse(target))
