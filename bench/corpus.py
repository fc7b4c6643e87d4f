"""Generate a reproducible benchmark corpus of synthetic news articles as JSONL (id, title, text, date).

Sentences are built from templates over the compiled codebook's actors (countries, capitals, people,
IGOs, armed groups, institutions) and event phrases across the CAMEO roots, mixed with sentences that hold
no event (background, figures, weather, economy, quotes). The same seed, size and codebook actors give a
byte-identical file; a sidecar `<corpus>.params.json` records the parameters so an existing corpus is
reused instead of regenerated.

    python bench/corpus.py                      # 100,000 sentences to bench/results/corpus.jsonl
    python bench/corpus.py --sentences 10000 -o /tmp/small.jsonl
    python bench/corpus.py --style news --sentences 10000 -o /tmp/news.jsonl --stats

Two styles: `short` (the default, the corpus every figure before 2026-11-30 was measured on: sentences of a
median 12 tokens, 1.9 mentions and 0.5 events each) and `news`, calibrated to real news sentences (a median
of 26 tokens, p90 39, p99 53; about 3.3 actor mentions and 0.7 events each; attributions, quotes, clauses
around the event, long paragraphs). `--stats` codes the corpus and prints those distributions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from eventcoder.text.tokenize import tokenize

GENERATOR_VERSION = 1
DEFAULT_SENTENCES = 100_000
DEFAULT_SEED = 20251130
DEFAULT_PATH = Path(__file__).resolve().parent / "results" / "corpus.jsonl"
EVENT_SHARE = 0.5
FIRST_DAY = dt.date(2023, 1, 1)
DAYS = (dt.date(2025, 12, 31) - FIRST_DAY).days + 1

# Slots: {A} source actor, {B} target actor, {C} a capital or city, {G} a group of people, {day} a weekday,
# {n} a count, {pct} a percentage, {month} a month name, {Q} a short quoted clause.
EVENT_TEMPLATES = (
    # 13 threaten
    "{A} threatened {B} with new sanctions over its nuclear programme.",
    "{A} has threatened military action against {B} if the shelling does not stop.",
    "{A} warned {B} that troops could cross the border within days.",
    "{B} was threatened with tariffs by {A} on {day}.",
    "{A} issued an ultimatum to {B}, giving it {n} hours to withdraw its forces.",
    "The ultimatum delivered by {A} to {B} expires at midnight.",
    "{A}, which has long opposed the deal, threatened to boycott the summit.",
    "In a statement, {A} threatened {B} with \"serious consequences\".",
    # 10 demand
    "{A} demanded that {B} release the detained journalists immediately.",
    "{A} is demanding the immediate resignation of {B}.",
    "{A} called for {B} to withdraw its troops from the disputed region.",
    "{A} insisted on guarantees from {B} before any talks resume.",
    "The demand by {A} for compensation was delivered to {B} on {day}.",
    # 16-17 sanction / coerce
    "{A} imposed sanctions on {B} over the disputed election.",
    "{A} slapped new sanctions on {B}, targeting its banks and oil exports.",
    "{B} has been hit with fresh sanctions by {A}.",
    "{A} closed its airspace to flights from {B}.",
    "{A} ordered all aircraft to avoid the airspace of {B}.",
    "{A} suspended aid to {B} after the coup.",
    "{A} expelled the ambassador of {B} and recalled its own envoy.",
    "{A} cut ties with {B} following the raid on its embassy.",
    "{A} revoked the operating rights of airlines from {B}.",
    "{A} froze the assets of {B} held in its banks.",
    # 12 reject
    "{A} rejected the proposal put forward by {B}.",
    "{B}'s offer of a ceasefire was rejected by {A}.",
    "{A} swiftly dismissed the demands made by {B}.",
    "{A} turned down an invitation from {B} to attend the conference.",
    "{A} refused to recognise the result announced by {B}.",
    "{A} vetoed a resolution drafted by {B}.",
    # 11 disapprove
    "{A} accused {B} of violating the truce.",
    "{A} condemned the strike by {B} as \"colonial aggression\".",
    "{A} has blamed {B} for the collapse of the negotiations.",
    "{A} sharply criticised {B} over its treatment of protesters.",
    "{A} denounced the decision by {B} to expel foreign reporters.",
    "{A} lodged a formal protest with {B} over the incident.",
    # 18-20 force
    "{A} launched air strikes on targets held by {B} near {C}.",
    "{A} attacked positions of {B} overnight, killing at least {n} people.",
    "Forces loyal to {A} shelled villages controlled by {B}.",
    "Fighting broke out between {A} and {B} on the outskirts of {C}.",
    "{A} seized control of two towns from {B}.",
    "{A} clashed with {B} along the border on {day}.",
    "A convoy was attacked by {A} near {C}, {attr}.",
    "{A} fired missiles at {B}, according to military sources.",
    "{A} abducted {n} aid workers in the north of {B}.",
    # 14 protest
    "Thousands of {G} protested against {A} in the streets of {C}.",
    "{G} rallied outside the embassy of {A} in {C} to denounce {B}.",
    "{G} went on strike to protest against {A}.",
    "A demonstration against {A} drew {n} people in {C}.",
    # 15 mobilize
    "{A} put its forces on high alert after the incident with {B}.",
    "{A} deployed warships off the coast of {B}.",
    "{A} held military exercises near the border with {B}.",
    # 04 consult
    "{A} met {B} in {C} on {day} to discuss the crisis.",
    "{A} held talks with {B} on trade and security.",
    "{A} spoke by phone with {B} about the hostages.",
    "{A} visited {B} for the first time since the war began.",
    "{A} hosted {B} for two days of talks in {C}.",
    "{A} and {B} agreed to meet again next month.",
    "{A} offered to mediate between {B} and its neighbours.",
    # 05-09 cooperate / aid / agree
    "{A} signed a trade agreement with {B} in {C}.",
    "{A} and {B} reached an agreement on prisoner exchanges.",
    "{A} sent humanitarian aid to {B} after the earthquake.",
    "{A} pledged {n} million dollars in aid to {B}.",
    "{A} has provided military equipment to {B}, {attr}.",
    "{A} praised {B} for its role in the negotiations.",
    "{A} agreed to cooperate with {B} on counterterrorism.",
    "{A} restored diplomatic relations with {B}.",
    "{A} released {n} prisoners held by {B}.",
    "{A} granted asylum to dissidents from {B}.",
    "{A} expressed support for {B} in the dispute.",
    # 02-03 appeal / intend
    "{A} urged {B} to show restraint.",
    "{A} appealed to {B} to reopen the border crossing.",
    "{A} asked {B} to extradite the suspects.",
    "{A} promised to send troops to help {B}.",
    "{A} offered {B} safe passage in exchange for a ceasefire.",
    # arrests / investigations / 01
    "Police in {C} arrested {n} suspects linked to {B}.",
    "{A} detained two citizens of {B} on espionage charges.",
    "{A} opened an investigation into the attack on {B}.",
    "{A} denied ordering the strike on {B}.",
    "{A} said that {B} had broken its commitments.",
    # attributions and quotes around events
    "\"We will not accept this,\" {A} told {B}, according to a transcript.",
    "{A}, who arrived in {C} on {day}, condemned the attacks by {B}.",
    "Officials said {A} had warned {B} against any military escalation.",
    "According to diplomats, {A} rejected a draft proposed by {B}.",
)

QUIET_TEMPLATES = (
    "The border region has been tense for months, with sporadic incidents reported.",
    "Inflation in {B} rose to {pct} percent in {month}, the statistics office said.",
    "Temperatures in {C} are expected to reach {n} degrees later this week.",
    "The talks are the first of their kind in nearly a decade.",
    "Analysts said the outcome remained uncertain.",
    "The currency has lost about {pct} percent of its value since {month}.",
    "Heavy rain caused flooding in parts of {C} on {day}.",
    "The report runs to {n} pages and includes detailed maps.",
    "Oil prices climbed {pct} percent in early trading.",
    "It was not immediately clear how many people were affected.",
    "The country of some {n} million people relies heavily on imports.",
    "Elections are scheduled for {month} next year.",
    "\"This is a difficult moment for everyone,\" one resident of {C} said.",
    "The stock exchange in {C} closed {pct} percent higher.",
    "{A} is expected to publish its budget in {month}.",
    "The region is home to about {n} thousand people, many of them farmers.",
    "Tourism revenue in {B} fell by {pct} percent last year.",
    "The ministry did not respond to a request for comment.",
    "Growth slowed to {pct} percent in the third quarter.",
    "The bridge, built in the 1960s, carries most of the traffic into {C}.",
    "Schools in {C} will reopen after the holiday on {day}.",
    "A spokesperson for {A} said the figures would be revised.",
    "Unemployment among young people stands at roughly {pct} percent.",
    "The festival in {C} attracted a record {n} thousand visitors.",
    "Snow is forecast across the north of {B} over the weekend.",
    "The harbour handles about {n} ships a month.",
    "Earlier this year, the parliament of {B} passed a new budget.",
    "Wheat harvests in {B} are expected to be {pct} percent below average.",
    "The meeting room was decorated with flags of both nations.",
    "Few details of the programme have been made public.",
    "\"We are watching the situation closely,\" a diplomat in {C} said.",
    "The population of {C} has grown by {pct} percent in a decade.",
    "Power cuts lasting up to {n} hours have become common in {C}.",
    "The agreement, if ratified, would run for {n} years.",
    "Fuel prices in {B} have doubled since {month}.",
    "Several roads into {C} remained closed because of landslides.",
    "The central bank of {B} kept its main interest rate at {pct} percent.",
    "Exports of copper account for nearly {pct} percent of revenue.",
    "A new airport terminal in {C} is due to open in {month}.",
    "The museum, founded in 1921, holds more than {n} thousand objects.",
    "Critics say the reforms have moved too slowly.",
    "Observers noted a sharp fall in turnout compared with the previous vote.",
    "The decision is likely to be appealed, lawyers said.",
    "Traffic on the main highway to {C} was lighter than usual on {day}.",
    "The government of {B} has changed four times since 2019.",
    "Rainfall in {month} was the lowest on record.",
    "Shares of state-owned companies in {B} fell {pct} percent.",
    "The survey of {n} households was carried out in {month}.",
    "Most shops in central {C} stayed open despite the holiday.",
    "The river rose by {n} centimetres overnight.",
)

HEADLINE_TEMPLATES = (
    "{A} Threatens {B} With Sanctions as Tensions Rise",
    "{A} Rejects {B} Proposal, Talks Collapse",
    "{A} Delivers Ultimatum to {B}",
    "{A} and {B} Sign Trade Deal in {C}",
    "Protests Erupt in {C} Against {A}",
    "{A} Accuses {B} of Violating Ceasefire",
    "{A} Closes Airspace to {B} Flights",
    "{A} Sends Aid to {B} After Floods",
    "Clashes Between {A} and {B} Leave Dozens Dead",
    "{A} Meets {B} in {C} Amid Border Dispute",
    "{A} Demands Release of Detained Citizens",
    "Economy of {B} Slows as Prices Climb",
    "{A} Expels {B} Diplomats Over Spy Row",
    "Talks Between {A} and {B} Resume in {C}",
)

HEADINGS = (
    "Background",
    "An Offer Refused",
    "Escalating Pressure",
    "Regional Reactions",
    "What Happens Next",
    "Economic Fallout",
    "A Long Dispute",
    "Diplomatic Efforts",
    "Humanitarian Situation",
    "Military Moves",
    "Reaction at Home",
    "The Road Ahead",
)

ATTRIBUTIONS = (
    "officials said on {day}",
    "the foreign ministry said in a statement",
    "according to state media",
    "diplomats told reporters",
    "a government spokesperson said",
    "witnesses said",
    "local media reported",
    "two people familiar with the matter said",
)

GROUPS = (
    "protesters", "students", "farmers", "workers", "opposition supporters", "teachers", "residents",
    "truck drivers", "doctors", "veterans",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)
ACTOR_TYPES = ("country", "capital", "person", "igo", "armed_group", "institution")
STYLES = ("short", "news")

# The news style builds each sentence around a clause of the short style (an event or a quiet one) and adds
# the material real news wraps around it until the sentence reaches a length drawn from a log-normal
# distribution fitted to news (median 26 tokens, p90 39, p99 53). Slots as above, plus {X} and {Y}, more
# actors named in passing.
NEWS_LENGTH_MU = 3.19  # ln 24.3: the clauses overshoot the drawn length by about 2 tokens
NEWS_LENGTH_SIGMA = 0.30  # with the overshoot, gives p90 about 39 and p99 about 53
NEWS_EVENT_SHARE = 0.4
NEWS_SLACK = 4  # stop adding clauses this many tokens short of the drawn length (a clause adds about 8)
NEWS_OPENERS = (
    "On {day}, ",
    "In {C}, ",
    "Earlier this month, ",
    "Late on {day}, ",
    "In a statement released on {day}, ",
    "Despite pressure from {X}, ",
    "For the second time in a week, ",
    "Speaking to reporters in {C}, ",
    "In a sharp escalation, ",
    "After a meeting of the cabinet in {C}, ",
)
NEWS_CLAUSES = (
    " after weeks of talks mediated by {X}",
    " amid rising tensions with {X} over the disputed border",
    ", a move that drew sharp criticism from {X}",
    " as {X} prepared for elections due in {month}",
    ", the latest in a series of incidents along the border with {X}",
    " in the town of {C}, about {n} kilometres from the capital",
    ", two days after {X} met {Y} in {C}",
    " despite repeated warnings from {X} and its allies",
    " in what analysts described as the most serious crisis between the two sides in years",
    ", a day after {X} accused {Y} of breaking the truce",
    " during a visit to {C} that had been planned for several months",
    " on the sidelines of a regional summit in {C}",
    " at a time of soaring food and fuel prices across the region",
    " for the first time since the end of the war in the early 1990s",
    ", a decision that could affect thousands of families in the north of the country",
    " before returning to {C} late in the evening",
    ", although the details of the arrangement have not been made public",
    " under a plan first proposed by {X} in {month}",
)
NEWS_ATTRIBUTION_SHARE = 0.35
NEWS_ATTRIBUTIONS = (
    ", officials said on {day}",
    ", {X} said in a statement",
    ", according to a spokesperson for {X}",
    ", diplomats in {C} told reporters on condition of anonymity",
    ", local media reported",
    ", the state news agency reported, citing a senior official",
    ", two people familiar with the matter said on {day}",
    ", a government spokesperson told a news conference in {C}",
)
NEWS_QUOTES = (
    "\"We will continue to defend our territory against any aggression, wherever it comes from,\" "
    "{A} told reporters in {C} on {day}.",
    "\"There can be no lasting peace without justice for the victims,\" said {A}, "
    "speaking at a news conference alongside {X}.",
    "\"This decision was not taken lightly, and we remain open to dialogue with {B},\" "
    "{A} said in a televised address.",
    "\"The situation on the ground is deteriorating every day, and the world is watching,\" "
    "a senior official of {X} said.",
    "\"We have made it very clear to {B} that any further escalation will have consequences,\" "
    "{A} said, according to a transcript.",
    "{A} told state television that the talks with {B} had been \"frank and constructive\" "
    "but that \"serious differences remain\".",
)


@dataclass(frozen=True)
class Actors:
    """Actor names by role in a sentence: `states` act and are acted on, `places` are capitals/cities."""

    states: tuple[str, ...]
    people: tuple[str, ...]
    others: tuple[str, ...]
    places: tuple[str, ...]

    def digest(self) -> str:
        """A short hash of every name used, so a changed codebook regenerates the corpus."""
        joined = "\n".join((*self.states, *self.people, *self.others, *self.places))
        return hashlib.sha256(joined.encode()).hexdigest()[:16]


def codebook_actors() -> Actors:
    """Read actor names from the compiled default codebook, sorted so the corpus does not depend on order."""
    import eventcoder

    codebook = eventcoder.load_codebook()
    by_type: dict[str, list[str]] = {kind: [] for kind in ACTOR_TYPES}
    for entry in codebook.actors.values():
        if entry.type in by_type and entry.name.isascii():
            by_type[entry.type].append(entry.name)
    names = {kind: tuple(sorted(set(values))) for kind, values in by_type.items()}
    return Actors(
        states=names["country"],
        people=names["person"],
        others=tuple(_with_article(name) for name in names["igo"] + names["armed_group"] + names["institution"]),
        places=names["capital"],
    )


def _with_article(name: str) -> str:
    """'International Court of Justice' reads as 'the International Court of Justice' in running text."""
    if " " in name and not name.startswith("The "):
        return f"the {name}"
    return name


class SentenceMaker:
    """Fills templates with actors and fillers drawn from one seeded random generator."""

    def __init__(self, actors: Actors, rng: random.Random) -> None:
        self.actors = actors
        self.rng = rng

    def actor(self) -> str:
        roll = self.rng.random()
        if roll < 0.45:
            return self.rng.choice(self.actors.states)
        if roll < 0.75:
            return self.rng.choice(self.actors.people)
        if roll < 0.9:
            return self.rng.choice(self.actors.others)
        return self.rng.choice(self.actors.places)

    def fill(self, template: str, *, event: bool = True) -> str:
        rng = self.rng
        source = self.actor()
        target = self.actor() if event else rng.choice(self.actors.states)
        while target == source:
            target = self.actor()
        extra = other = ""
        if "{X}" in template or "{Y}" in template:  # drawn only then: the short style's stream is unchanged
            extra, other = self.actor(), self.actor()
            while other == extra:
                other = self.actor()
        text = template.format(
            A=source,
            B=target,
            X=extra,
            Y=other,
            C=rng.choice(self.actors.places),
            G=rng.choice(GROUPS),
            day=rng.choice(WEEKDAYS),
            month=rng.choice(MONTHS),
            n=rng.choice((2, 3, 5, 7, 12, 15, 20, 24, 30, 48, 72, 100, 250, 1200)) + rng.randrange(10),
            pct=f"{rng.randrange(1, 40)}.{rng.randrange(10)}",
            attr=rng.choice(ATTRIBUTIONS).format(day=rng.choice(WEEKDAYS)),
        )
        return text[0].upper() + text[1:]

    def sentence(self) -> tuple[str, bool]:
        """One body sentence and whether it was built to carry an event."""
        rng = self.rng
        if rng.random() < EVENT_SHARE:
            text = self.fill(rng.choice(EVENT_TEMPLATES))
            if rng.random() < 0.25 and text.endswith(".") and not text.endswith('".'):
                attribution = rng.choice(ATTRIBUTIONS).format(day=rng.choice(WEEKDAYS))
                text = f"{text[:-1]}, {attribution}."
            return text, True
        return self.fill(rng.choice(QUIET_TEMPLATES), event=False), False

    def news_sentence(self) -> tuple[str, bool]:
        """One body sentence in the news style and whether its core clause was built to carry an event."""
        rng = self.rng
        target = round(rng.lognormvariate(NEWS_LENGTH_MU, NEWS_LENGTH_SIGMA))
        if rng.random() < 0.08:
            return self.fill(rng.choice(NEWS_QUOTES)), True
        event = rng.random() < NEWS_EVENT_SHARE
        template = rng.choice(EVENT_TEMPLATES if event else QUIET_TEMPLATES)
        core = self.fill(template, event=event)
        if core.endswith('".') or not core.endswith("."):
            return core, event
        body = core[:-1]
        if rng.random() < 0.3 and len(tokenize(body)) < target - 6:
            opener = self.fill(rng.choice(NEWS_OPENERS))
            body = opener + (body if template.startswith("{") else body[0].lower() + body[1:])
        attribution = ""
        if "{attr}" not in template and "according to" not in template and rng.random() < NEWS_ATTRIBUTION_SHARE:
            attribution = self.fill(rng.choice(NEWS_ATTRIBUTIONS))
        clauses = list(NEWS_CLAUSES)
        rng.shuffle(clauses)
        for clause in clauses:
            if len(tokenize(body + attribution)) >= target - NEWS_SLACK:
                break
            body += self.fill(clause)
        return body + attribution + ".", event

    def headline(self) -> str:
        return self.fill(self.rng.choice(HEADLINE_TEMPLATES))


@dataclass(frozen=True)
class CorpusInfo:
    """What was generated: counts that the benchmark reports next to its figures."""

    path: Path
    articles: int
    sentences: int
    event_sentences: int
    reused: bool


def _params(sentences: int, seed: int, actors: Actors, style: str = "short") -> dict[str, object]:
    params: dict[str, object] = {
        "generator": GENERATOR_VERSION, "sentences": sentences, "seed": seed, "actors": actors.digest()
    }
    if style != "short":  # a short corpus keeps the sidecar it had before there were styles
        params["style"] = style
    return params


def _article(
    maker: SentenceMaker, index: int, budget: int, seen: set[str], style: str = "short"
) -> tuple[dict[str, str], int, int]:
    rng = maker.rng
    news = style == "news"
    size = min(budget, rng.randint(10, 40) if news else rng.randint(8, 40))
    lines: list[str] = []
    events = written = 0
    while written < size:
        if lines and rng.random() < 0.08:
            lines.append(rng.choice(HEADINGS))
        length = min(size - written, rng.randint(2, 8) if news else rng.randint(1, 5))
        paragraph: list[str] = []
        carried = 0
        for _ in range(length):
            text, has_event = maker.news_sentence() if news else maker.sentence()
            paragraph.append(text)
            carried += has_event
        joined = " ".join(paragraph)
        digest = hashlib.blake2b(joined.encode(), digest_size=12).hexdigest()
        if digest in seen:  # never repeat a paragraph; draw again
            continue
        seen.add(digest)
        lines.append(joined)
        written += length
        events += carried
    day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
    record = {"id": f"bench-{index:06d}", "title": maker.headline(), "text": "\n".join(lines), "date": day.isoformat()}
    return record, written, events


def generate(path: Path, sentences: int = DEFAULT_SENTENCES, seed: int = DEFAULT_SEED,
             actors: Actors | None = None, style: str = "short") -> CorpusInfo:
    """Write a corpus of at least `sentences` body sentences to `path` (atomically) and its sidecar."""
    actors = actors or codebook_actors()
    maker = SentenceMaker(actors, random.Random(seed))
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(path.suffix + ".tmp")
    seen: set[str] = set()
    articles = written = events = 0
    with partial.open("w", encoding="utf-8") as handle:
        while written < sentences:
            record, count, carried = _article(maker, articles, max(sentences - written, 8), seen, style)
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            articles += 1
            written += count
            events += carried
    partial.replace(path)
    info = {**_params(sentences, seed, actors, style), "articles": articles, "written": written, "events": events}
    _sidecar(path).write_text(json.dumps(info, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return CorpusInfo(path, articles, written, events, reused=False)


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".params.json")


def ensure_corpus(path: Path = DEFAULT_PATH, sentences: int = DEFAULT_SENTENCES, seed: int = DEFAULT_SEED,
                  log: Callable[[str], None] | None = None, style: str = "short") -> CorpusInfo:
    """Reuse the corpus at `path` if it was generated with the same parameters, else generate it."""
    actors = codebook_actors()
    sidecar = _sidecar(path)
    if path.is_file() and sidecar.is_file():
        try:
            info = json.loads(sidecar.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            info = {}
        wanted = _params(sentences, seed, actors, style)
        if all(info.get(key) == value for key, value in wanted.items()) and info.get("style", "short") == style:
            return CorpusInfo(path, info["articles"], info["written"], info["events"], reused=True)
    if log is not None:
        log(f"generating {sentences:,} sentences to {path}")
    return generate(path, sentences, seed, actors, style)


def corpus_stats(path: Path) -> dict[str, float]:
    """Code the corpus and measure what `--style news` is calibrated on: tokens per sentence (median, p90,
    p99, with the coder's tokeniser), actor mentions and coded events (records) per sentence, and the share
    of sentences with an attribution or a quotation."""
    import datetime as dt_module

    import eventcoder
    from eventcoder.coder import analyse_article, code_article
    from eventcoder.inputs import Article

    codebook = eventcoder.load_codebook()
    lengths: list[int] = []
    mentions = events = attributed = quoted = 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            article = Article(
                record["id"], record["title"], record["text"], dt_module.date.fromisoformat(record["date"]),
                None, None, None, "",
            )
            for analysis in analyse_article(article, codebook):
                parse = analysis.parse
                lengths.append(len(parse.norms))
                mentions += len(analysis.mentions)
                attributed += parse.attribution_start < len(parse.norms)
                quoted += any(parse.quoted)
            events += len(code_article(article, codebook).rows)
    lengths.sort()
    count = len(lengths)
    return {
        "sentences": count,
        "tokens_median": lengths[count // 2],
        "tokens_p90": lengths[int(count * 0.9)],
        "tokens_p99": lengths[int(count * 0.99)],
        "tokens_mean": sum(lengths) / count,
        "mentions_per_sentence": mentions / count,
        "events_per_sentence": events / count,
        "attributed_share": attributed / count,
        "quoted_share": quoted / count,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=DEFAULT_SENTENCES, help="body sentences (default 100000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    parser.add_argument("--style", choices=STYLES, default="short", help="short (default) or news-like sentences")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_PATH, help="JSONL file to write")
    parser.add_argument("--force", action="store_true", help="regenerate even if the sidecar matches")
    parser.add_argument("--stats", action="store_true", help="code the corpus and print its distributions")
    args = parser.parse_args(argv)
    if args.force:
        info = generate(args.output, args.sentences, args.seed, style=args.style)
    else:
        info = ensure_corpus(args.output, args.sentences, args.seed, style=args.style)
    state = "reused" if info.reused else "wrote"
    print(
        f"{state} {info.path}: {info.articles:,} articles, {info.sentences:,} sentences, "
        f"{info.event_sentences:,} built with an event ({info.event_sentences / info.sentences:.0%})",
        file=sys.stderr,
    )
    if args.stats:
        figures = corpus_stats(info.path)
        print(
            f"{figures['sentences']:,} coded sentences: tokens median {figures['tokens_median']}, "
            f"p90 {figures['tokens_p90']}, p99 {figures['tokens_p99']} (mean {figures['tokens_mean']:.1f}); "
            f"{figures['mentions_per_sentence']:.2f} mentions and {figures['events_per_sentence']:.2f} events "
            f"per sentence; {figures['attributed_share']:.0%} attributed, {figures['quoted_share']:.0%} quoted",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
