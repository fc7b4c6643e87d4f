-- The date range and number of the events a plot counts (same filter as series.sql): it picks the
-- `auto` interval and goes into the caption.
SELECT min(event_date) AS first_date, max(event_date) AS last_date, count(*) AS events
FROM events
WHERE in_scope(source_country, target_country, event_date, CAST($country AS VARCHAR), CAST($dyad AS VARCHAR),
               CAST($since AS DATE), CAST($until AS DATE));
