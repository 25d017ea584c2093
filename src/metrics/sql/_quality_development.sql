-- Development records of year $year (the slice an import replaces) in the chosen regions, each with
-- the two plausibility checks of src/metrics/quality.py:
--   too_many_jp:  more than $max_jp_per_day JP per calendar day of the course (TANGGAL_MULAI to
--                 TANGGAL_SELESAI, both counted);
--   cost_outlier: BIAYA above $cost_factor × the usual BIAYA of the same BENTUK, the usual being the
--                 median over every stored record of that BENTUK with a known, non-zero BIAYA (free
--                 courses are left out of it: most e-learning is free, and a median of zero would
--                 flag every paid course).
-- Parameters: $year, $regions, $max_jp_per_day, $cost_factor.
usual_cost AS (
    SELECT bentuk, median(biaya) AS usual_cost
    FROM pengembangan
    WHERE biaya > 0
    GROUP BY bentuk
), development AS (
    SELECT d.*,
        date_diff('day', d.tanggal_mulai, d.tanggal_selesai) + 1 AS days,
        u.usual_cost,
        d.jp > $max_jp_per_day * (date_diff('day', d.tanggal_mulai, d.tanggal_selesai) + 1) AS too_many_jp,
        coalesce(d.biaya > $cost_factor * u.usual_cost, false) AS cost_outlier
    FROM pengembangan d
    LEFT JOIN usual_cost u USING (bentuk)
    WHERE d.tahun = $year
      AND (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], d.wilayah))
)
