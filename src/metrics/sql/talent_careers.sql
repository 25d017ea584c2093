-- Career events (karier: Rotasi, Promosi, Tugas Belajar, Mutasi Keluar) of the staff in scope, per
-- year up to $year, counting in every year only the months January..$end_month (the same part of
-- each year), grouped by $by (none, region or unit). Only staff in the current snapshot can have
-- events (the contract requires their NIP there).
WITH
-- @scope
SELECT
    s.grp AS "group",
    s.grp_region AS group_region,
    k.tahun AS year,
    k.jenis,
    count(*) AS events,
    count(DISTINCT k.nip) AS staff
FROM karier k
JOIN scope s USING (nip)
WHERE k.tahun <= $year AND month(k.tanggal) <= $end_month
GROUP BY ALL
ORDER BY ALL
