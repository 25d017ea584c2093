-- The 20-JP pace month by month in one pass: for each month m = 1..$end_month, the staff in scope
-- whose JP completed (STATUS Selesai) from 1 January through the end of m reach 20 × m ÷ 12, and the
-- staff in scope. At m this is the registry's jp20_on_track_staff and asn_count for the year to
-- date through m (participation_staff.sql), without running that query once per month.
WITH
-- @scope
, months AS (
    SELECT unnest(range(1, $end_month + 1)) AS month
),
per_month AS (
    SELECT d.nip, month(d.tanggal_selesai) AS month, sum(d.jp) AS jp
    FROM pengembangan d
    JOIN scope s USING (nip)
    WHERE d.status = 'Selesai'
      AND d.tanggal_selesai BETWEEN $period_start::DATE AND $period_end::DATE
    GROUP BY ALL
),
cumulative AS (
    SELECT m.month, p.nip, sum(p.jp) AS jp
    FROM months m
    JOIN per_month p ON p.month <= m.month
    GROUP BY ALL
)
SELECT
    m.month::INTEGER AS month,
    (SELECT count(*) FROM scope)::DOUBLE AS asn_count,
    (count(c.nip) FILTER (c.jp >= 20.0 * m.month / 12))::DOUBLE AS jp20_on_track_staff
FROM months m
LEFT JOIN cumulative c USING (month)
GROUP BY m.month
ORDER BY m.month
