-- The 61 GDELT 2.0 event table columns, in order, one row per event (events_unique); fields eventcoder does
-- not know are NULL (empty). Needs the views and an `export_countries` relation (alpha_3, acled_name,
-- acled_region, fips) registered by eventcoder.export.
WITH located AS (
    SELECT
        events_unique.*,
        countries.fips AS location_fips,
        countries.acled_name AS location_country_name,
        CASE
            WHEN events_unique.location_country IS NULL THEN NULL
            WHEN coalesce(events_unique.geo_precision, 3) = 3 AND events_unique.admin1 IS NULL THEN 1
            WHEN coalesce(events_unique.geo_precision, 3) = 3
                THEN CASE WHEN events_unique.location_country = 'USA' THEN 2 ELSE 5 END
            ELSE CASE WHEN events_unique.location_country = 'USA' THEN 3 ELSE 4 END
        END AS geo_type
    FROM events_unique
    LEFT JOIN export_countries AS countries ON countries.alpha_3 = events_unique.location_country
)
SELECT
    CAST(('0x' || left(md5(event_id), 15)) AS BIGINT) AS GLOBALEVENTID,
    strftime(event_date, '%Y%m%d') AS SQLDATE,
    strftime(event_date, '%Y%m') AS MonthYear,
    strftime(event_date, '%Y') AS "Year",
    printf('%.4f', year(event_date) + dayofyear(event_date) / 365) AS FractionDate,
    source_code AS Actor1Code,
    upper(coalesce(source_actor, source_text)) AS Actor1Name,
    source_country AS Actor1CountryCode,
    CASE WHEN left(source_code, 3) IN ('IGO', 'NGO', 'IMG', 'MNC') AND length(source_code) >= 6
         THEN substr(source_code, 4, 3) END AS Actor1KnownGroupCode,
    CAST(NULL AS VARCHAR) AS Actor1EthnicCode,
    CAST(NULL AS VARCHAR) AS Actor1Religion1Code,
    CAST(NULL AS VARCHAR) AS Actor1Religion2Code,
    source_sector AS Actor1Type1Code,
    CAST(NULL AS VARCHAR) AS Actor1Type2Code,
    CAST(NULL AS VARCHAR) AS Actor1Type3Code,
    target_code AS Actor2Code,
    upper(coalesce(target_actor, target_text)) AS Actor2Name,
    target_country AS Actor2CountryCode,
    CASE WHEN left(target_code, 3) IN ('IGO', 'NGO', 'IMG', 'MNC') AND length(target_code) >= 6
         THEN substr(target_code, 4, 3) END AS Actor2KnownGroupCode,
    CAST(NULL AS VARCHAR) AS Actor2EthnicCode,
    CAST(NULL AS VARCHAR) AS Actor2Religion1Code,
    CAST(NULL AS VARCHAR) AS Actor2Religion2Code,
    target_sector AS Actor2Type1Code,
    CAST(NULL AS VARCHAR) AS Actor2Type2Code,
    CAST(NULL AS VARCHAR) AS Actor2Type3Code,
    CASE WHEN sentence_index <= 1 THEN 1 ELSE 0 END AS IsRootEvent,
    cameo_code AS EventCode,
    left(cameo_code, 3) AS EventBaseCode,
    cameo_root AS EventRootCode,
    quad_class AS QuadClass,
    goldstein AS GoldsteinScale,
    CAST(num_mentions AS INTEGER) AS NumMentions,
    CAST(num_sources AS INTEGER) AS NumSources,
    CAST(num_articles AS INTEGER) AS NumArticles,
    CAST(NULL AS DOUBLE) AS AvgTone,
    CAST(NULL AS INTEGER) AS Actor1Geo_Type,
    CAST(NULL AS VARCHAR) AS Actor1Geo_FullName,
    CAST(NULL AS VARCHAR) AS Actor1Geo_CountryCode,
    CAST(NULL AS VARCHAR) AS Actor1Geo_ADM1Code,
    CAST(NULL AS VARCHAR) AS Actor1Geo_ADM2Code,
    CAST(NULL AS DOUBLE) AS Actor1Geo_Lat,
    CAST(NULL AS DOUBLE) AS Actor1Geo_Long,
    CAST(NULL AS VARCHAR) AS Actor1Geo_FeatureID,
    CAST(NULL AS INTEGER) AS Actor2Geo_Type,
    CAST(NULL AS VARCHAR) AS Actor2Geo_FullName,
    CAST(NULL AS VARCHAR) AS Actor2Geo_CountryCode,
    CAST(NULL AS VARCHAR) AS Actor2Geo_ADM1Code,
    CAST(NULL AS VARCHAR) AS Actor2Geo_ADM2Code,
    CAST(NULL AS DOUBLE) AS Actor2Geo_Lat,
    CAST(NULL AS DOUBLE) AS Actor2Geo_Long,
    CAST(NULL AS VARCHAR) AS Actor2Geo_FeatureID,
    CAST(geo_type AS INTEGER) AS ActionGeo_Type,
    -- GDELT's "place, admin1, country"; a country-level place is the country's name alone
    CASE WHEN geo_type = 1 THEN coalesce(location_country_name, location_text)
         ELSE nullif(concat_ws(', ', location_text, CASE WHEN admin1 IS DISTINCT FROM location_text THEN admin1 END,
                               location_country_name), '') END AS ActionGeo_FullName,
    location_fips AS ActionGeo_CountryCode,
    CASE WHEN geo_type = 1 THEN location_fips END AS ActionGeo_ADM1Code,
    CAST(NULL AS VARCHAR) AS ActionGeo_ADM2Code,
    latitude AS ActionGeo_Lat,
    longitude AS ActionGeo_Long,
    coalesce(CAST(geonames_id AS VARCHAR), CASE WHEN geo_type = 1 THEN location_fips END) AS ActionGeo_FeatureID,
    strftime(article_date, '%Y%m%d') || '000000' AS DATEADDED,
    url AS SOURCEURL
FROM located
ORDER BY event_date, event_id;
