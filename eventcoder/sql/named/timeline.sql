-- description: Events over time (day, week or month) for all events, a country or a country dyad, by QuadClass
-- param country: str = NULL
-- param dyad: str = NULL
-- param since: date = NULL
-- param until: date = NULL
-- param interval: str = 'week'
-- param all_modalities: bool = false
-- country matches either side of an event; dyad is two country codes joined by '-' ('USA-VEN') and matches
-- events between them in either direction; all_modalities also counts negated, intended, hypothetical,
-- conditional and denied events (from events_all instead of events); a title event that repeats a body event
-- (headline_repeat) is counted once either way.
WITH selected AS (
    SELECT event_date, quad_class, goldstein
    FROM events_all
    WHERE NOT headline_repeat
      AND (CAST($all_modalities AS BOOLEAN) OR (modality IN ('asserted', 'reported') AND NOT negated))
      AND in_scope(source_country, target_country, event_date, CAST($country AS VARCHAR),
                   CAST($dyad AS VARCHAR), CAST($since AS DATE), CAST($until AS DATE))
)
SELECT
    CAST(date_trunc(CAST($interval AS VARCHAR), event_date) AS DATE) AS period,
    count(*) AS events,
    count(*) FILTER (WHERE quad_class = 1) AS verbal_cooperation,
    count(*) FILTER (WHERE quad_class = 2) AS material_cooperation,
    count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
    count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
    round(avg(goldstein), 3) AS goldstein_mean
FROM selected
GROUP BY period
ORDER BY period;
