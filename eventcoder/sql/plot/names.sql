-- Names behind plot labels. actor rows: each actor code with its most frequent specific name (ties by name),
-- its country and its sector; a name is specific when it comes from a named entry (a person, group, IGO,
-- institution or the country itself), not from a generic agent ('army', 'protesters'), a place or a capital
-- standing for its government. role rows: role code -> role name. category rows: category id -> name.
WITH sides AS (
    SELECT source_code AS code, source_actor AS name, source_entry AS entry, source_country AS country,
           source_sector AS sector
    FROM events
    WHERE source_code IS NOT NULL
    UNION ALL
    SELECT target_code, target_actor, target_entry, target_country, target_sector
    FROM events
    WHERE target_code IS NOT NULL
),
specific AS (
    SELECT code, name, count(*) AS n
    FROM sides
    WHERE name IS NOT NULL AND entry IS NOT NULL
      AND NOT regexp_matches(split_part(entry, '+', 1), '^(agent|place|capital)\.')
      AND NOT (contains(entry, '+') AND NOT contains(split_part(entry, '+', 1), '.'))
    GROUP BY code, name
)
SELECT
    'actor' AS kind,
    sides.code AS key,
    (SELECT first(specific.name ORDER BY specific.n DESC, specific.name) FROM specific
     WHERE specific.code = sides.code) AS name,
    min(sides.country) AS country,
    min(sides.sector) AS sector
FROM sides
GROUP BY sides.code
UNION ALL
SELECT 'role', code, name, NULL, NULL FROM actor_roles
UNION ALL
SELECT 'category', id, name, NULL, NULL FROM categories
ORDER BY kind, key;
