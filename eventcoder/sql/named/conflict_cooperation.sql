-- description: Goldstein and QuadClass balance of cooperation and conflict by week or month
-- param country: str = NULL
-- param since: date = NULL
-- param until: date = NULL
-- param interval: str = 'week'
-- param count: str = 'events'
-- param window_days: int = NULL
-- count: 'events' counts real-world events (events_unique: reports of one event, within and across
-- articles, counted once; window_days NULL means the dedup_window_days setting, else 0 = same day),
-- 'reports' counts every report (the view events); the column counted says which.
-- balance is (cooperation - conflict) / events: +1 all cooperation, -1 all conflict.
WITH selected AS (
    SELECT event_date, quad_class, goldstein
    FROM counted_events(CAST($count AS VARCHAR), CAST($window_days AS INTEGER))
    WHERE (CAST($country AS VARCHAR) IS NULL
           OR source_country = CAST($country AS VARCHAR) OR target_country = CAST($country AS VARCHAR))
      AND (CAST($since AS DATE) IS NULL OR event_date >= CAST($since AS DATE))
      AND (CAST($until AS DATE) IS NULL OR event_date <= CAST($until AS DATE))
)
SELECT
    CAST(date_trunc(CAST($interval AS VARCHAR), event_date) AS DATE) AS period,
    count(*) AS events,
    count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
    count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
    round((count(*) FILTER (WHERE quad_class IN (1, 2)) - count(*) FILTER (WHERE quad_class IN (3, 4)))
          / count(*), 3) AS balance,
    round(sum(goldstein), 3) AS goldstein_sum,
    round(avg(goldstein), 3) AS goldstein_mean,
    any_value(CAST($count AS VARCHAR)) AS counted
FROM selected
GROUP BY period
ORDER BY period;
