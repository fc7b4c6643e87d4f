-- description: Weekly material conflict (QuadClass 4) count against the mean of the previous N weeks
-- param country: str = NULL
-- param since: date = NULL
-- param until: date = NULL
-- param baseline_weeks: int = 4
-- param count: str = 'events'
-- param window_days: int = NULL
-- count: 'events' counts real-world events (events_unique: reports of one event, within and across
-- articles, counted once; window_days NULL means the dedup_window_days setting, else 0 = same day),
-- 'reports' counts every report (the view events); the column counted says which.
-- Weeks run from the first to the last week with any event in the selection, weeks without material
-- conflict count as 0; the baseline is the mean over the previous weeks that exist (NULL for the first
-- week), and ratio is count / baseline (NULL when the baseline is NULL or 0).
WITH selected AS (
    SELECT CAST(date_trunc('week', event_date) AS DATE) AS week, quad_class
    FROM counted_events(CAST($count AS VARCHAR), CAST($window_days AS INTEGER))
    WHERE (CAST($country AS VARCHAR) IS NULL
           OR source_country = CAST($country AS VARCHAR) OR target_country = CAST($country AS VARCHAR))
      AND (CAST($since AS DATE) IS NULL OR event_date >= CAST($since AS DATE))
      AND (CAST($until AS DATE) IS NULL OR event_date <= CAST($until AS DATE))
),
weeks AS (
    SELECT CAST(unnest(generate_series(min(week), max(week), INTERVAL 7 DAY)) AS DATE) AS week
    FROM selected
    HAVING count(*) > 0
),
weekly AS (
    SELECT weeks.week, count(selected.quad_class) FILTER (WHERE selected.quad_class = 4) AS material_conflict
    FROM weeks
    LEFT JOIN selected ON selected.week = weeks.week
    GROUP BY weeks.week
),
baselines AS (
    SELECT
        current_week.week,
        avg(previous.material_conflict) AS baseline_mean,
        count(previous.week) AS baseline_weeks_available
    FROM weekly AS current_week
    LEFT JOIN weekly AS previous
        ON previous.week < current_week.week
       AND previous.week >= current_week.week - CAST($baseline_weeks AS INTEGER) * 7
    GROUP BY current_week.week
)
SELECT
    weekly.week,
    weekly.material_conflict,
    round(baselines.baseline_mean, 3) AS baseline_mean,
    baselines.baseline_weeks_available,
    round(weekly.material_conflict - baselines.baseline_mean, 3) AS change,
    round(weekly.material_conflict / nullif(baselines.baseline_mean, 0), 3) AS ratio,
    CAST($count AS VARCHAR) AS counted
FROM weekly
JOIN baselines ON baselines.week = weekly.week
ORDER BY weekly.week;
