-- Staff in scope by counted JP in the period, in bins of $bin_width JP; staff with $top JP or more
-- share the last, open-ended bin (jp_to NULL). Staff with no counted JP are in the first bin.
WITH
-- @scope
, per_person AS (
    SELECT s.nip, coalesce(sum(r.jp), 0) AS jp
    FROM scope s
    LEFT JOIN rollup_pengembangan_bulanan r
      ON r.nip = s.nip AND r.tahun = $year AND r.bulan <= $end_month
    GROUP BY s.nip
),
binned AS (
    SELECT least(floor(jp / $bin_width) * $bin_width, $top)::INTEGER AS jp_from FROM per_person
)
SELECT
    b.jp_from,
    CASE WHEN b.jp_from < $top THEN b.jp_from + $bin_width END AS jp_to,
    count(p.jp_from) AS staff
FROM (SELECT unnest(range(0, $top + 1, $bin_width))::INTEGER AS jp_from) b
LEFT JOIN binned p USING (jp_from)
GROUP BY b.jp_from
ORDER BY b.jp_from
