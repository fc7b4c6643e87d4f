-- description: Threats and ultimatums (category threat or CAMEO root 13), one row per event
-- param country: str = NULL
-- param since: date = NULL
-- param until: date = NULL
-- param count: str = 'events'
-- param window_days: int = NULL
-- count: 'events' counts real-world events (events_unique: reports of one event, within and across
-- articles, counted once; window_days NULL means the dedup_window_days setting, else 0 = same day),
-- 'reports' counts every report (the view events); the column counted says which.
-- ultimatum is true for CAMEO 139 (give ultimatum).
SELECT
    event_date,
    source_code,
    source_actor,
    target_code,
    target_actor,
    cameo_code,
    cameo_name,
    cameo_code = '139' AS ultimatum,
    modality,
    sentence_text,
    publisher,
    url,
    event_id,
    num_mentions,
    num_articles,
    CAST($count AS VARCHAR) AS counted
FROM counted_events(CAST($count AS VARCHAR), CAST($window_days AS INTEGER))
WHERE (category = 'threat' OR cameo_root = '13')
  AND (CAST($country AS VARCHAR) IS NULL
       OR source_country = CAST($country AS VARCHAR) OR target_country = CAST($country AS VARCHAR))
  AND (CAST($since AS DATE) IS NULL OR event_date >= CAST($since AS DATE))
  AND (CAST($until AS DATE) IS NULL OR event_date <= CAST($until AS DATE))
ORDER BY event_date, event_id;
