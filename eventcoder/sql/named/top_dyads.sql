-- description: The most active directed source-target actor pairs
-- param limit: int = 10
-- param country: str = NULL
-- param since: date = NULL
-- param until: date = NULL
-- param count: str = 'events'
-- param window_days: int = NULL
-- count: 'events' counts real-world events (events_unique: reports of one event, within and across
-- articles, counted once; window_days NULL means the dedup_window_days setting, else 0 = same day),
-- 'reports' counts every report (the view events); the column counted says which.
-- Ties are broken by source code, then target code.
SELECT
    source_code,
    target_code,
    count(*) AS events,
    min(event_date) AS first_date,
    max(event_date) AS last_date,
    round(avg(goldstein), 3) AS goldstein_mean,
    count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
    count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
    any_value(CAST($count AS VARCHAR)) AS counted
FROM counted_events(CAST($count AS VARCHAR), CAST($window_days AS INTEGER))
WHERE source_code IS NOT NULL AND target_code IS NOT NULL
  AND (CAST($country AS VARCHAR) IS NULL
       OR source_country = CAST($country AS VARCHAR) OR target_country = CAST($country AS VARCHAR))
  AND (CAST($since AS DATE) IS NULL OR event_date >= CAST($since AS DATE))
  AND (CAST($until AS DATE) IS NULL OR event_date <= CAST($until AS DATE))
GROUP BY source_code, target_code
ORDER BY events DESC, source_code, target_code
LIMIT CAST($limit AS BIGINT);
