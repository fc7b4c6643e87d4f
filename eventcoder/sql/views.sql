-- eventcoder DuckDB views over a dataset directory.
--
-- Each source placeholder (events_source, cameo_codes_source, categories_source, actor_roles_source,
-- written between double braces below) is replaced by eventcoder.query with a read_parquet(...) call on
-- the dataset's files (path quoted and escaped by the code), or with an empty typed SELECT when the files
-- are absent. events_filter is TRUE when the events are read from a list of committed files; views that
-- read the partition glob get a filter that leaves out the files _retired.json lists.

-- events_all: every coded event, plus the year and month hive partition keys.
CREATE OR REPLACE VIEW events_all AS
SELECT * EXCLUDE (year, month, filename), CAST(year AS INTEGER) AS year, CAST(month AS INTEGER) AS month
FROM {{events_source}}
WHERE {{events_filter}};

-- events: the default analysis view; events that were asserted or reported and not negated, each counted
-- once: a title event that repeats a body event (headline_repeat) is left out, the body's event stays.
CREATE OR REPLACE VIEW events AS
SELECT *
FROM events_all
WHERE modality IN ('asserted', 'reported') AND NOT negated AND NOT headline_repeat;

-- De-duplication. Every row stays in events_all; an event key clusters the reports of one real-world
-- event, and events_unique has one row per key. Two settings, read when a view is queried:
--   SET VARIABLE dedup_window_days = N;   -- 0 (default): Phoenix's one-a-day rule, same event_date;
--                                         -- N: reports at most N days after the previous one join it
--   SET VARIABLE dedup_family = 'root';   -- 'base' (default): same 3-digit CAMEO base code; 'root': same root

-- event_family: the part of a CAMEO code two reports of one event share under the family rule.
CREATE OR REPLACE MACRO event_family(code, family) AS
    CASE family
        WHEN 'base' THEN left(code, 3)
        WHEN 'root' THEN left(code, 2)
        ELSE error('dedup family must be ''base'' or ''root'', got ''' || family || '''')
    END;

-- event_clusters: the reports (asserted or reported, not negated) with their event_key. Reports are one
-- event when they have the same source and target codes, CAMEO family and place (location country and
-- admin1) and each is at most window_days after the previous one (a chain). A reciprocal event coded as
-- two mirror rows of one trigger (compound 'Sudan and Chad signed': SDN -> TCD and TCD -> SDN) has an
-- undirected dyad, so both rows, and the mirror rows of other reports, are one event. A report without a place
-- takes the place of the first report of its article with the same codes, family and date that has one
-- (a heading and its body sentence); otherwise an unknown place matches only an unknown place. A title
-- event that repeats a body event (headline_repeat) joins the first body report it repeats (same
-- article, CAMEO root and source; same target, or none in the title).
CREATE OR REPLACE MACRO event_clusters(window_days, family) AS TABLE
WITH reported AS (
    SELECT * FROM events_all WHERE modality IN ('asserted', 'reported') AND NOT negated
),
headline_links AS (
    SELECT
        title.event_id,
        first(body.event_id ORDER BY body.sentence_index, body.event_id) AS body_event_id
    FROM reported AS title
    JOIN reported AS body
      ON body.article_id = title.article_id
     AND NOT body.headline_repeat
     AND body.sentence_index > title.sentence_index
     AND body.cameo_root = title.cameo_root
     AND body.source_code IS NOT DISTINCT FROM title.source_code
     AND (title.target_code IS NULL OR body.target_code IS NOT DISTINCT FROM title.target_code)
    WHERE title.headline_repeat
    GROUP BY title.event_id
),
mirrors AS (
    SELECT DISTINCT one.event_id
    FROM reported AS one
    JOIN reported AS other
      ON other.article_id = one.article_id
     AND other.sentence_index = one.sentence_index
     AND other.trigger_start = one.trigger_start
     AND other.cameo_code = one.cameo_code
     AND other.source_code = one.target_code
     AND other.target_code = one.source_code
),
placed AS (
    SELECT
        reported.*,
        headline_links.body_event_id,
        CASE WHEN mirrors.event_id IS NOT NULL
             THEN least(reported.source_code, reported.target_code) || '<>'
                  || greatest(reported.source_code, reported.target_code)
             ELSE coalesce(reported.source_code, '') || '|' || coalesce(reported.target_code, '')
        END || '|' || event_family(reported.cameo_code, family) AS dyad_key,
        CASE WHEN reported.location_country IS NOT NULL
             THEN reported.location_country || '|' || coalesce(reported.admin1, '') END AS own_place
    FROM reported
    LEFT JOIN headline_links ON headline_links.event_id = reported.event_id
    LEFT JOIN mirrors ON mirrors.event_id = reported.event_id
),
keyed AS (
    SELECT
        * EXCLUDE (dyad_key, own_place),
        dyad_key || '|' || coalesce(
            own_place,
            arg_min(own_place, CASE WHEN own_place IS NOT NULL THEN sentence_index END)
                OVER (PARTITION BY article_id, dyad_key, event_date),
            '|') AS match_key
    FROM placed
),
chained AS (
    SELECT
        *,
        CASE WHEN date_diff('day', lag(event_date) OVER (PARTITION BY match_key ORDER BY event_date, event_id),
                            event_date) <= window_days
             THEN 0 ELSE 1 END AS starts_event
    FROM keyed
    WHERE body_event_id IS NULL
),
numbered AS (
    SELECT
        *,
        sum(starts_event) OVER (PARTITION BY match_key ORDER BY event_date, event_id
                                ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS event_number
    FROM chained
),
clustered AS (
    SELECT
        * EXCLUDE (body_event_id, starts_event, event_number),
        left(md5(match_key || '|' || CAST(min(event_date) OVER (PARTITION BY match_key, event_number) AS VARCHAR)),
             16) AS event_key
    FROM numbered
)
SELECT * FROM clustered
UNION ALL BY NAME
SELECT keyed.* EXCLUDE (body_event_id), clustered.event_key
FROM keyed
JOIN clustered ON clustered.event_id = keyed.body_event_id;

-- unique_events: one row per event_key, the columns of its first body report (by event_date, article
-- date, article, sentence, event id), the casualty counts the most conservative (lowest) stated by any
-- report, as ACLED does, and num_mentions (reports: distinct sentence triggers, so the two rows of a
-- reciprocal event are one mention), num_articles and num_sources (distinct publishers;
-- an article without a publisher counts as its own source), publishers ('; '-joined), first_date and
-- last_date of the reports.
CREATE OR REPLACE MACRO unique_events(window_days, family) AS TABLE
WITH reports AS (
    SELECT * FROM event_clusters(window_days, family)
),
ranked AS (
    SELECT
        *,
        row_number() OVER (PARTITION BY event_key ORDER BY headline_repeat, event_date, article_date,
                                                             article_id, sentence_index, event_id) AS report_rank
    FROM reports
),
counted AS (
    SELECT
        event_key,
        count(DISTINCT article_id || ':' || sentence_index || ':' || trigger_start) AS num_mentions,
        count(DISTINCT article_id) AS num_articles,
        count(DISTINCT coalesce(publisher, 'article:' || article_id)) AS num_sources,
        string_agg(DISTINCT publisher, '; ' ORDER BY publisher) AS publishers,
        min(event_date) AS first_date,
        max(event_date) AS last_date,
        min(fatalities) AS fatalities,
        arg_min(fatalities_precision, fatalities) AS fatalities_precision,
        min(injured) AS injured,
        arg_min(injured_precision, injured) AS injured_precision,
        min(arrested) AS arrested,
        arg_min(arrested_precision, arrested) AS arrested_precision,
        min(crowd_size) AS crowd_size,
        arg_min(crowd_size_precision, crowd_size) AS crowd_size_precision
    FROM reports
    GROUP BY event_key
)
SELECT
    ranked.* EXCLUDE (report_rank) REPLACE (
        counted.fatalities AS fatalities, counted.fatalities_precision AS fatalities_precision,
        counted.injured AS injured, counted.injured_precision AS injured_precision,
        counted.arrested AS arrested, counted.arrested_precision AS arrested_precision,
        counted.crowd_size AS crowd_size, counted.crowd_size_precision AS crowd_size_precision
    ),
    counted.num_mentions,
    counted.num_articles,
    counted.num_sources,
    counted.publishers,
    counted.first_date,
    counted.last_date
FROM ranked
JOIN counted ON counted.event_key = ranked.event_key
WHERE ranked.report_rank = 1;

-- event_reports: every report of the default analysis with its event_key, under the current settings.
CREATE OR REPLACE VIEW event_reports AS
SELECT * FROM event_clusters(coalesce(getvariable('dedup_window_days'), 0),
                             coalesce(getvariable('dedup_family'), 'base'));

-- events_unique: one row per real-world event (event_key), under the current settings.
CREATE OR REPLACE VIEW events_unique AS
SELECT * FROM unique_events(coalesce(getvariable('dedup_window_days'), 0),
                            coalesce(getvariable('dedup_family'), 'base'));

-- counted_events: what the named queries count. what = 'events' gives events_unique (window_days NULL:
-- the dedup_window_days setting, else 0); 'reports' gives the view events (every report once, title
-- repeats left out). Any other value is an error, raised from the 'reports' branch's filter: a branch of its own
-- bound the events view once more, 7 % of planning and running roots_summary on one article (14 M instructions).
CREATE OR REPLACE MACRO counted_events(what, window_days) AS TABLE
SELECT * FROM unique_events(coalesce(window_days, getvariable('dedup_window_days'), 0),
                            coalesce(getvariable('dedup_family'), 'base'))
WHERE what = 'events'
UNION ALL BY NAME
SELECT * FROM events
WHERE what = 'reports'
   OR (what NOT IN ('events', 'reports') AND error('count must be ''events'' or ''reports'', got ''' || what || ''''));

-- in_scope: the country / dyad / date filter of the named queries and plots. country matches either side;
-- dyad is two country codes joined by '-' ('USA-VEN') and matches events between them in either direction;
-- a NULL argument does not filter.
CREATE OR REPLACE MACRO in_scope(src, tgt, day, country, dyad, since, until) AS
    (country IS NULL OR src = country OR tgt = country)
    AND (dyad IS NULL
         OR (src = split_part(dyad, '-', 1) AND tgt = split_part(dyad, '-', 2))
         OR (src = split_part(dyad, '-', 2) AND tgt = split_part(dyad, '-', 1)))
    AND (since IS NULL OR day >= since)
    AND (until IS NULL OR day <= until);

-- dyads: one row per directed source-target actor pair (both codes known).
CREATE OR REPLACE VIEW dyads AS
SELECT
    source_code,
    target_code,
    min(source_country) AS source_country,
    min(target_country) AS target_country,
    count(*) AS events,
    min(event_date) AS first_date,
    max(event_date) AS last_date,
    sum(goldstein) AS goldstein_sum,
    avg(goldstein) AS goldstein_mean,
    count(*) FILTER (WHERE quad_class = 1) AS verbal_cooperation,
    count(*) FILTER (WHERE quad_class = 2) AS material_cooperation,
    count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
    count(*) FILTER (WHERE quad_class = 4) AS material_conflict
FROM events
WHERE source_code IS NOT NULL AND target_code IS NOT NULL
GROUP BY source_code, target_code;

-- actors: one row per actor code, with its most frequent name, country and sector
-- (ties broken by the alphabetically first value) and how often it was source and target.
CREATE OR REPLACE VIEW actors AS
WITH sides AS (
    SELECT source_code AS code, source_actor AS name, source_country AS country, source_sector AS sector,
           event_date, 1 AS as_source, 0 AS as_target
    FROM events
    WHERE source_code IS NOT NULL
    UNION ALL
    SELECT target_code, target_actor, target_country, target_sector,
           event_date, 0, 1
    FROM events
    WHERE target_code IS NOT NULL
),
names AS (
    SELECT code, name, count(*) AS n FROM sides WHERE name IS NOT NULL GROUP BY code, name
),
top_names AS (
    SELECT code, first(name ORDER BY n DESC, name) AS name FROM names GROUP BY code
)
SELECT
    sides.code AS actor_code,
    any_value(top_names.name) AS name,
    first(sides.country ORDER BY sides.country) FILTER (WHERE sides.country IS NOT NULL) AS country,
    first(sides.sector ORDER BY sides.sector) FILTER (WHERE sides.sector IS NOT NULL) AS sector,
    sum(sides.as_source) AS as_source,
    sum(sides.as_target) AS as_target,
    count(*) AS mentions,
    min(sides.event_date) AS first_date,
    max(sides.event_date) AS last_date
FROM sides
LEFT JOIN top_names ON top_names.code = sides.code
GROUP BY sides.code;

-- country_month: a country-by-month panel. An event counts once for every distinct country among its
-- source and target countries; month is the first day of the event's month.
CREATE OR REPLACE VIEW country_month AS
WITH involved AS (
    SELECT source_country AS country, event_date, quad_class, goldstein, category, TRUE AS is_source,
           coalesce(target_country = source_country, FALSE) AS is_target
    FROM events
    WHERE source_country IS NOT NULL
    UNION ALL
    SELECT target_country, event_date, quad_class, goldstein, category, FALSE, TRUE
    FROM events
    WHERE target_country IS NOT NULL AND target_country IS DISTINCT FROM source_country
)
SELECT
    country,
    CAST(date_trunc('month', event_date) AS DATE) AS month,
    count(*) AS events,
    count(*) FILTER (WHERE is_source) AS as_source,
    count(*) FILTER (WHERE is_target) AS as_target,
    count(*) FILTER (WHERE quad_class = 1) AS verbal_cooperation,
    count(*) FILTER (WHERE quad_class = 2) AS material_cooperation,
    count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
    count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
    sum(goldstein) AS goldstein_sum,
    avg(goldstein) AS goldstein_mean,
    histogram(category) AS categories
FROM involved
GROUP BY country, CAST(date_trunc('month', event_date) AS DATE);

-- dyad_month: a directed country-dyad-by-month panel (both countries known).
CREATE OR REPLACE VIEW dyad_month AS
SELECT
    source_country,
    target_country,
    CAST(date_trunc('month', event_date) AS DATE) AS month,
    count(*) AS events,
    count(*) FILTER (WHERE quad_class = 1) AS verbal_cooperation,
    count(*) FILTER (WHERE quad_class = 2) AS material_cooperation,
    count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
    count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
    sum(goldstein) AS goldstein_sum,
    avg(goldstein) AS goldstein_mean,
    histogram(category) AS categories
FROM events
WHERE source_country IS NOT NULL AND target_country IS NOT NULL
GROUP BY source_country, target_country, CAST(date_trunc('month', event_date) AS DATE);

-- cameo_codes: the CAMEO code table of the codebook that coded the dataset, with its crosswalks.
CREATE OR REPLACE VIEW cameo_codes AS
SELECT * FROM {{cameo_codes_source}};

-- categories: eventcoder's own categories and the CAMEO codes they cover.
CREATE OR REPLACE VIEW categories AS
SELECT * FROM {{categories_source}};

-- actor_roles: the actor role (sector) codes, such as GOV, MIL or REB.
CREATE OR REPLACE VIEW actor_roles AS
SELECT * FROM {{actor_roles_source}};
