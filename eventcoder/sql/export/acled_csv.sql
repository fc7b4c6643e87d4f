-- The fields behind an ACLED row: one row per event (events_unique) that maps to an ACLED event type;
-- eventcoder.export_acled names the actors and codes them (docs/exports.md).
SELECT
    event_id, event_date, date_precision, article_date, acled_disorder_type, acled_event_type,
    acled_sub_event_type, source_code, source_country, source_sector, source_actor, source_entry, target_code,
    target_country, target_sector, target_actor, target_entry, location_text, location_country, admin1, admin2,
    latitude, longitude, geo_precision, publisher, publishers, sentence_text, fatalities, crowd_size,
    crowd_size_precision
FROM events_unique
WHERE acled_event_type IS NOT NULL
ORDER BY event_date, event_id;
