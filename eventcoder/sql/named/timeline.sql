-- description: Events over time (day, week, month, quarter or year) for all events, a country or a country dyad, by QuadClass
-- param country: str = NULL
-- param dyad: str = NULL
-- param since: date = NULL
-- param until: date = NULL
-- param interval: str = 'week'
-- param all_modalities: bool = false
-- param count: str = 'events'
-- param window_days: int = NULL
-- count: 'events' counts real-world events (events_unique: reports of one event, within and across
-- articles, counted once; window_days NULL means the dedup_window_days setting, else 0 = same day),
-- 'reports' counts every report (the view events); the column counted says which.
-- country matches either side of an event; dyad is two country codes joined by '-' ('USA-VEN') and matches
-- events between them in either direction; all_modalities counts the reports of every modality (negated,
-- intended, hypothetical, conditional and denied too, from events_all) and so counts reports whatever count
-- says; a title event that repeats a body event (headline_repeat) is counted once either way.
WITH candidates AS (
    SELECT event_date, quad_class, goldstein, source_country, target_country,
           CAST($count AS VARCHAR) AS counted
    FROM counted_events(CAST($count AS VARCHAR), CAST($window_days AS INTEGER))
    WHERE NOT CAST($all_modalities AS BOOLEAN)
    UNION ALL
    SELECT event_date, quad_class, goldstein, source_country, target_country, 'reports'
    FROM events_all
    WHERE CAST($all_modalities AS BOOLEAN) AND NOT headline_repeat
),
selected AS (
    SELECT *
    FROM candidates
    WHERE in_scope(source_country, target_country, event_date, CAST($country AS VARCHAR),
                   CAST($dyad AS VARCHAR), CAST($since AS DATE), CAST($until AS DATE))
)
SELECT
    CAST(date_trunc(CAST($interval AS VARCHAR), event_date) AS DATE) AS period,
    count(*) AS events,
    count(*) FILTER (WHERE quad_class = 1) AS verbal_cooperation,
    count(*) FILTER (WHERE quad_class = 2) AS material_cooperation,
    count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
    count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
    round(avg(goldstein), 3) AS goldstein_mean,
    first(counted) AS counted
FROM selected
GROUP BY period
ORDER BY period;
