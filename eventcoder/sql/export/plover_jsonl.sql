-- The fields of a PLOVER record, for the events that map to a PLOVER event type; eventcoder.export
-- assembles the nested JSON.
SELECT
    event_id, event_date, source_code, source_sector, source_text, target_code, target_sector, target_text,
    plover_event, plover_mode, plover_context, sentence_text, sentence_index, trigger_start, trigger_end,
    article_title, url, publisher, codebook_version, coder_version, quad_class, location_text, location_country
FROM events
WHERE plover_event IS NOT NULL
ORDER BY event_date, event_id;
