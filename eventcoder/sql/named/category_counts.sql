-- description: Events by eventcoder category, with the category name and share of all selected events
-- param country: str = NULL
-- param since: date = NULL
-- param until: date = NULL
-- param count: str = 'events'
-- param window_days: int = NULL
-- count: 'events' counts real-world events (events_unique: reports of one event, within and across
-- articles, counted once; window_days NULL means the dedup_window_days setting, else 0 = same day),
-- 'reports' counts every report (the view events); the column counted says which.
WITH selected AS (
    SELECT category
    FROM counted_events(CAST($count AS VARCHAR), CAST($window_days AS INTEGER))
    WHERE (CAST($country AS VARCHAR) IS NULL
           OR source_country = CAST($country AS VARCHAR) OR target_country = CAST($country AS VARCHAR))
      AND (CAST($since AS DATE) IS NULL OR event_date >= CAST($since AS DATE))
      AND (CAST($until AS DATE) IS NULL OR event_date <= CAST($until AS DATE))
),
counted AS (
    SELECT category, count(*) AS events FROM selected GROUP BY category
)
SELECT
    counted.category,
    categories.name AS category_name,
    counted.events,
    round(counted.events / sum(counted.events) OVER (), 4) AS share,
    CAST($count AS VARCHAR) AS counted
FROM counted
LEFT JOIN categories ON categories.id = counted.category
ORDER BY counted.events DESC, counted.category;
