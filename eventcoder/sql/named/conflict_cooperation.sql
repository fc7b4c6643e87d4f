-- description: Goldstein and QuadClass balance of cooperation and conflict by week or month
-- param country: str = NULL
-- param since: date = NULL
-- param until: date = NULL
-- param interval: str = 'week'
-- balance is (cooperation - conflict) / events: +1 all cooperation, -1 all conflict.
WITH selected AS (
    SELECT event_date, quad_class, goldstein
    FROM events
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
    round(avg(goldstein), 3) AS goldstein_mean
FROM selected
GROUP BY period
ORDER BY period;
