-- The date range and number of the events a plot counts (same filter as series.sql): it picks the
-- `auto` interval and goes into the caption. $count is 'events' (events_unique: the reports of one
-- real-world event once) or 'reports' (the view events), as in the named queries.
SELECT min(event_date) AS first_date, max(event_date) AS last_date, count(*) AS events
FROM counted_events(CAST($count AS VARCHAR), NULL)
WHERE in_scope(source_country, target_country, event_date, CAST($country AS VARCHAR), CAST($dyad AS VARCHAR),
               CAST($since AS DATE), CAST($until AS DATE));
