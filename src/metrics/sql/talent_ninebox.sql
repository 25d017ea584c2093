-- The 9-box of the staff in scope (kinerja × potensial, PermenPANRB 3/2020), grouped by $by (none,
-- region or unit), from each person's latest kinerja row with TAHUN <= $year. Kinerja: Sangat Baik =
-- di atas ekspektasi, Baik = sesuai, the rest = di bawah. Boxes as numbered in shared/domain.md:
-- 1 bawah/rendah, 2 sesuai/rendah, 3 bawah/menengah, 4 atas/rendah, 5 sesuai/menengah,
-- 6 bawah/tinggi, 7 atas/menengah, 8 sesuai/tinggi, 9 atas/tinggi. `box` is NULL for staff with no
-- kinerja row, or whose latest row has no POTENSIAL ("not mapped"). `trained` counts staff with at
-- least one counted activity (STATUS Selesai) ending after $since and by $period_end, `jp20` those
-- whose JP there add up to 20 or more.
WITH
-- @scope
, latest AS (
    SELECT nip, tahun, predikat_kinerja, potensial
    FROM kinerja
    WHERE tahun <= $year AND nip IN (SELECT nip FROM scope)
    QUALIFY row_number() OVER (PARTITION BY nip ORDER BY tahun DESC) = 1
),
placed AS (
    SELECT s.nip, s.grp, s.grp_region, l.tahun AS rating_year,
        CASE
            WHEN l.potensial IS NULL THEN NULL
            ELSE [[1, 3, 6], [2, 5, 8], [4, 7, 9]][
                CASE l.predikat_kinerja WHEN 'Sangat Baik' THEN 3 WHEN 'Baik' THEN 2 ELSE 1 END
            ][
                CASE l.potensial WHEN 'Tinggi' THEN 3 WHEN 'Menengah' THEN 2 ELSE 1 END
            ]
        END AS box
    FROM scope s
    LEFT JOIN latest l USING (nip)
),
activity AS (
    SELECT nip, sum(jp) AS jp
    FROM pengembangan
    WHERE status = 'Selesai'
      AND tanggal_selesai > $since::DATE AND tanggal_selesai <= $period_end::DATE
      AND nip IN (SELECT nip FROM scope)
    GROUP BY nip
)
SELECT
    p.grp AS "group",
    p.grp_region AS group_region,
    p.rating_year,
    p.box,
    count(*) AS staff,
    count(a.nip) AS trained,
    count(*) FILTER (a.jp >= 20) AS jp20
FROM placed p
LEFT JOIN activity a USING (nip)
GROUP BY ALL
ORDER BY ALL
