-- Counts behind `eventcoder plot`: one row per (x, series) with the number of events, where x is the
-- period (timeline), the directed actor pair (dyads) or the category (categories), and series is the
-- QuadClass or the category ('none' for an event without one). country matches either side; dyad
-- ('USA-VEN') matches either direction. $count is 'events' (events_unique) or 'reports' (the view events).
WITH selected AS (
    SELECT *
    FROM counted_events(CAST($count AS VARCHAR), NULL)
    WHERE in_scope(source_country, target_country, event_date, CAST($country AS VARCHAR),
                   CAST($dyad AS VARCHAR), CAST($since AS DATE), CAST($until AS DATE))
      AND (CAST($kind AS VARCHAR) <> 'dyads' OR (source_code IS NOT NULL AND target_code IS NOT NULL))
)
SELECT
    CASE CAST($kind AS VARCHAR)
        WHEN 'timeline' THEN strftime(date_trunc(CAST($interval AS VARCHAR), event_date), '%Y-%m-%d')
        WHEN 'dyads' THEN source_code || ' -> ' || target_code
        ELSE coalesce(category, 'none')
    END AS x,
    CASE CAST($by AS VARCHAR) WHEN 'category' THEN coalesce(category, 'none')
         ELSE CAST(quad_class AS VARCHAR) END AS series,
    count(*) AS events
FROM selected
GROUP BY x, series
ORDER BY x, series;
