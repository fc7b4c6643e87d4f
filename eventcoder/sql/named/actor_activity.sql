-- description: The most active actors, as source and as target
-- param limit: int = 20
-- param country: str = NULL
-- param since: date = NULL
-- param until: date = NULL
-- param count: str = 'events'
-- param window_days: int = NULL
-- count: 'events' counts real-world events (events_unique: reports of one event, within and across
-- articles, counted once; window_days NULL means the dedup_window_days setting, else 0 = same day),
-- 'reports' counts every report (the view events); the column counted says which.
-- country keeps actors of that country; ties are broken by actor code.
WITH sides AS (
    SELECT source_code AS actor_code, source_actor AS actor_name, source_country AS actor_country,
           goldstein, event_date, 1 AS as_source, 0 AS as_target
    FROM counted_events(CAST($count AS VARCHAR), CAST($window_days AS INTEGER))
    WHERE source_code IS NOT NULL
    UNION ALL
    SELECT target_code, target_actor, target_country, goldstein, event_date, 0, 1
    FROM counted_events(CAST($count AS VARCHAR), CAST($window_days AS INTEGER))
    WHERE target_code IS NOT NULL
)
SELECT
    actor_code,
    first(actor_name ORDER BY actor_name) FILTER (WHERE actor_name IS NOT NULL) AS actor_name,
    first(actor_country ORDER BY actor_country) FILTER (WHERE actor_country IS NOT NULL) AS actor_country,
    count(*) AS events,
    sum(as_source) AS as_source,
    sum(as_target) AS as_target,
    round(avg(goldstein) FILTER (WHERE as_source = 1), 3) AS goldstein_mean_as_source,
    round(avg(goldstein) FILTER (WHERE as_target = 1), 3) AS goldstein_mean_as_target,
    min(event_date) AS first_date,
    max(event_date) AS last_date,
    any_value(CAST($count AS VARCHAR)) AS counted
FROM sides
WHERE (CAST($country AS VARCHAR) IS NULL OR actor_country = CAST($country AS VARCHAR))
  AND (CAST($since AS DATE) IS NULL OR event_date >= CAST($since AS DATE))
  AND (CAST($until AS DATE) IS NULL OR event_date <= CAST($until AS DATE))
GROUP BY actor_code
ORDER BY events DESC, actor_code
LIMIT CAST($limit AS BIGINT);
