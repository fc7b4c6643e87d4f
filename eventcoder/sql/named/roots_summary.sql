-- description: Events by CAMEO root (01-20) with the root's name, count and share of all selected events
-- param country: str = NULL
-- param since: date = NULL
-- param until: date = NULL
-- param count: str = 'events'
-- param window_days: int = NULL
-- count: 'events' counts real-world events (events_unique: reports of one event, within and across
-- articles, counted once; window_days NULL means the dedup_window_days setting, else 0 = same day),
-- 'reports' counts every report (the view events); the column counted says which.
-- The root name comes from the dataset's cameo_codes label table, else from an event's own code name.
WITH selected AS (
    SELECT cameo_root, cameo_code, cameo_name
    FROM counted_events(CAST($count AS VARCHAR), CAST($window_days AS INTEGER))
    WHERE (CAST($country AS VARCHAR) IS NULL
           OR source_country = CAST($country AS VARCHAR) OR target_country = CAST($country AS VARCHAR))
      AND (CAST($since AS DATE) IS NULL OR event_date >= CAST($since AS DATE))
      AND (CAST($until AS DATE) IS NULL OR event_date <= CAST($until AS DATE))
),
counted AS (
    SELECT
        cameo_root,
        count(*) AS events,
        first(cameo_name ORDER BY cameo_code) FILTER (WHERE cameo_code = cameo_root || '0') AS fallback_name
    FROM selected
    GROUP BY cameo_root
)
SELECT
    counted.cameo_root,
    coalesce(cameo_codes.name, counted.fallback_name) AS root_name,
    counted.events,
    round(counted.events / sum(counted.events) OVER (), 4) AS share,
    CAST($count AS VARCHAR) AS counted
FROM counted
LEFT JOIN cameo_codes ON cameo_codes.code = counted.cameo_root
ORDER BY counted.cameo_root;
