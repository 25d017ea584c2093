-- Years with SKP ratings of staff in scope, and how many were rated (the level 3/4 proxy needs a year
-- and the next one).
WITH
-- @scope
SELECT k.tahun AS year, count(*) AS rated
FROM kinerja k
JOIN scope s USING (nip)
GROUP BY k.tahun
ORDER BY k.tahun
