-- ACLED-style rows for the events that map to an ACLED event type, in ACLED's column order.
-- Needs the views and an `iso3166` relation (alpha_3, numeric, name) registered by eventcoder.export.
WITH coded AS (
    SELECT
        *,
        CASE
            WHEN source_sector IN ('GOV', 'MIL', 'COP', 'SPY') THEN 1
            WHEN source_sector IN ('REB', 'INS') THEN 2
            WHEN source_sector = 'UAF' THEN 3
            WHEN source_sector = 'CVL' THEN 7
            WHEN source_code IS NOT NULL THEN 8
        END AS inter_source,
        CASE
            WHEN target_sector IN ('GOV', 'MIL', 'COP', 'SPY') THEN 1
            WHEN target_sector IN ('REB', 'INS') THEN 2
            WHEN target_sector = 'UAF' THEN 3
            WHEN target_sector = 'CVL' THEN 7
            WHEN target_code IS NOT NULL THEN 8
        END AS inter_target,
        coalesce(location_country, source_country) AS iso_alpha_3
    FROM events
    WHERE acled_event_type IS NOT NULL
)
SELECT
    coded.event_id AS event_id_cnty,
    coded.event_date,
    year(coded.event_date) AS year,
    CASE coded.date_precision WHEN 'day' THEN 1 WHEN 'week' THEN 2 WHEN 'article' THEN 2 ELSE 3 END
        AS time_precision,
    coded.acled_disorder_type AS disorder_type,
    coded.acled_event_type AS event_type,
    coded.acled_sub_event_type AS sub_event_type,
    -- actor1 is the source; an event without a source has its target as sole actor1.
    CASE WHEN coded.inter_source IS NOT NULL
         THEN coalesce(coded.source_actor, coded.source_text, coded.source_code)
         ELSE coalesce(coded.target_actor, coded.target_text, coded.target_code) END AS actor1,
    CAST(NULL AS VARCHAR) AS assoc_actor_1,
    coalesce(coded.inter_source, coded.inter_target) AS inter1,
    CASE WHEN coded.inter_source IS NOT NULL
         THEN coalesce(coded.target_actor, coded.target_text, coded.target_code) END AS actor2,
    CAST(NULL AS VARCHAR) AS assoc_actor_2,
    CASE WHEN coded.inter_source IS NOT NULL THEN coalesce(coded.inter_target, 0) ELSE 0 END AS inter2,
    -- the two inter codes, lower first; a sole actor gives its code followed by 0 (ACLED's convention)
    CASE
        WHEN coded.inter_source IS NULL AND coded.inter_target IS NULL THEN NULL
        WHEN coded.inter_source IS NULL OR coded.inter_target IS NULL
            THEN CAST(coalesce(coded.inter_source, coded.inter_target) AS VARCHAR) || '0'
        ELSE CAST(least(coded.inter_source, coded.inter_target) AS VARCHAR)
             || CAST(greatest(coded.inter_source, coded.inter_target) AS VARCHAR)
    END AS interaction,
    CASE WHEN coded.target_sector = 'CVL' THEN 'Civilian targeting' END AS civilian_targeting,
    CAST(iso3166.numeric AS INTEGER) AS iso,
    CAST(NULL AS VARCHAR) AS region,
    iso3166.name AS country,
    CAST(NULL AS VARCHAR) AS admin1,
    CAST(NULL AS VARCHAR) AS admin2,
    CAST(NULL AS VARCHAR) AS admin3,
    coded.location_text AS location,
    CAST(NULL AS DOUBLE) AS latitude,
    CAST(NULL AS DOUBLE) AS longitude,
    CAST(NULL AS INTEGER) AS geo_precision,
    coded.publisher AS source,
    CAST(NULL AS VARCHAR) AS source_scale,
    coded.sentence_text AS notes,
    CAST(NULL AS INTEGER) AS fatalities,
    CAST(NULL AS VARCHAR) AS tags,
    CAST(epoch(coded.article_date) AS BIGINT) AS timestamp
FROM coded
LEFT JOIN iso3166 ON iso3166.alpha_3 = coded.iso_alpha_3
ORDER BY coded.event_date, coded.event_id;
