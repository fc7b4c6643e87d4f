-- Display names behind plot labels: an actor code's most frequent name (or, failing that, the name of its
-- role code, such as 'Military'), and a category id's name.
SELECT 'actor' AS kind, actors.actor_code AS key, coalesce(actors.name, actor_roles.name) AS name
FROM actors
LEFT JOIN actor_roles ON actor_roles.code = actors.sector
UNION ALL
SELECT 'category', id, name
FROM categories
ORDER BY kind, key;
