-- The fields of PLOVER records: every report (the view events) that maps to a PLOVER event type, ordered
-- so that the rows of one coded event (one sentence, trigger and CAMEO code; several rows when an actor is
-- compound) are adjacent. eventcoder.export assembles one nested JSON record per coded event.
SELECT
    event_id, event_date, article_id, source_code, source_country, source_sector, source_text, source_actor,
    source_entry, target_code, target_country, target_sector, target_text, target_actor, target_entry,
    cameo_code, plover_event, plover_mode, plover_context, sentence_text, sentence_index, trigger_text, trigger_start,
    trigger_end, article_title, url, publisher, codebook_version, coder_version, quad_class, location_text,
    location_country, geonames_id, latitude, longitude, admin1, admin2, geo_precision, fatalities, injured,
    arrested
FROM events
WHERE plover_event IS NOT NULL
ORDER BY event_date, article_id, sentence_index, trigger_start, trigger_end, cameo_code, event_id;
