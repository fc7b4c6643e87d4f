-- eventcoder DuckDB views over a dataset directory.
--
-- Each source placeholder (events_source, cameo_codes_source, categories_source, actor_roles_source,
-- written between double braces below) is replaced by eventcoder.query with a read_parquet(...) call on
-- the dataset's files (path quoted and escaped by the code), or with an empty typed SELECT when the files
-- are absent.

-- events_all: every coded event, plus the year and month hive partition keys.
CREATE OR REPLACE VIEW events_all AS
SELECT * EXCLUDE (year, month), CAST(year AS INTEGER) AS year, CAST(month AS INTEGER) AS month
FROM {{events_source}};

-- events: the default analysis view; events that were asserted or reported and not negated, each counted
-- once: a title event that repeats a body event (headline_repeat) is left out, the body's event stays.
CREATE OR REPLACE VIEW events AS
SELECT *
FROM events_all
WHERE modality IN ('asserted', 'reported') AND NOT negated AND NOT headline_repeat;

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
