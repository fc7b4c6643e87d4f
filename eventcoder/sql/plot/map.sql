-- Points of `eventcoder plot --kind map`: one row per coordinate (rounded to 0.01 degree, about 1 km) and
-- series (QuadClass or category), with its number of events, the fatalities they state, and a place name
-- (the alphabetically first, so the label is deterministic). Events without coordinates are left out.
-- $count is 'events' (events_unique: fatalities are the lowest any report states) or 'reports'.
SELECT
    round(latitude, 2) AS lat,
    round(longitude, 2) AS lon,
    CASE CAST($by AS VARCHAR) WHEN 'category' THEN coalesce(category, 'none')
         ELSE CAST(quad_class AS VARCHAR) END AS series,
    count(*) AS events,
    coalesce(sum(fatalities), 0) AS fatalities,
    min(coalesce(location_text, admin1)) AS place
FROM counted_events(CAST($count AS VARCHAR), NULL)
WHERE in_scope(source_country, target_country, event_date, CAST($country AS VARCHAR), CAST($dyad AS VARCHAR),
               CAST($since AS DATE), CAST($until AS DATE))
  AND latitude IS NOT NULL AND longitude IS NOT NULL
GROUP BY lat, lon, series
ORDER BY lat, lon, series;
