"""Every metric of shared/metrics.md, declared once: the app, the CLI and the tests read this list.

Each metric is a ratio of two components that the SQL files return per group (or a component on its
own when `denominator` is None). A zero denominator gives null ("–"), never 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Format(StrEnum):
    COUNT = "count"  # 1.234
    PERCENT = "percent"  # 87,5 %
    JP = "jp"  # 12,3 JP
    RUPIAH = "rupiah"  # Rp1,2 M
    SCORE = "score"  # 3,45
    INDEX = "index"  # 84,2 (JPM, 0–100)


class Source(StrEnum):
    """Which query computes a metric's components, and so which filters and dimensions apply."""

    PARTICIPATION = "participation"
    COMPETENCY = "competency"
    BUDGET = "budget"  # region and unit filters only
    TALENT = "talent"  # src/metrics/talent.py (TALENT_METRICS below)
    IP_ASN = "ip_asn"  # src/metrics/ip_asn.py (IP_ASN_METRICS below)


@dataclass(frozen=True)
class MetricSpec:
    id: str
    label_id: str
    label_en: str
    definition_id: str
    definition_en: str
    format: Format
    source: Source
    numerator: str
    denominator: str | None = None
    unit: str = ""
    # A count-over-count rate gets a 95 % Wilson interval.
    wilson: bool = False
    higher_is_better: bool = True
    # The value the rule asks for (20 JP rule: every ASN, so 100 %), where one exists.
    target: float | None = None

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_id

    def definition(self, lang: str) -> str:
        return self.definition_en if lang == "en" else self.definition_id


P, C, B = Source.PARTICIPATION, Source.COMPETENCY, Source.BUDGET

METRICS: tuple[MetricSpec, ...] = (
    MetricSpec(
        "asn_count", "Jumlah ASN", "ASN headcount",
        "Pegawai dalam data pegawai terkini yang lolos filter.",
        "Staff in the current snapshot that pass the filters.",
        Format.COUNT, P, "asn_count", unit="orang",
    ),
    MetricSpec(
        "participation_rate", "Tingkat partisipasi", "Participation rate",
        "Pegawai dengan sedikitnya satu kegiatan selesai (Selesai/Lulus) dalam periode ÷ jumlah ASN.",
        "Staff with at least one completed activity (Selesai/Lulus) in the period ÷ ASN headcount.",
        Format.PERCENT, P, "participants", "asn_count", wilson=True, target=1.0,
    ),
    MetricSpec(
        "jp_total", "Total JP", "Total JP",
        "Jumlah JP dari kegiatan yang dihitung (selesai dalam periode).",
        "Sum of JP over counted activities (completed in the period).",
        Format.JP, P, "jp_total", unit="JP",
    ),
    MetricSpec(
        "jp_per_asn", "JP per ASN", "JP per ASN",
        "Total JP ÷ jumlah ASN.", "Total JP ÷ ASN headcount.",
        Format.JP, P, "jp_total", "asn_count", unit="JP", target=20.0,
    ),
    MetricSpec(
        "jp20_rate", "Memenuhi 20 JP", "Meeting 20 JP",
        "Pegawai dengan JP terhitung ≥ 20 ÷ jumlah ASN (PP 17/2020: minimal 20 JP per tahun).",
        "Staff whose counted JP ≥ 20 ÷ ASN headcount (PP 17/2020: at least 20 JP a year).",
        Format.PERCENT, P, "jp20_staff", "asn_count", wilson=True, target=1.0,
    ),
    MetricSpec(
        "jp20_on_track_rate", "Sesuai laju 20 JP", "On track for 20 JP",
        "Pegawai dengan JP terhitung ≥ 20 × bulan ÷ 12 ÷ jumlah ASN.",
        "Staff whose counted JP ≥ 20 × month ÷ 12 ÷ ASN headcount.",
        Format.PERCENT, P, "jp20_on_track_staff", "asn_count", wilson=True, target=1.0,
    ),
    MetricSpec(
        "completion_rate", "Tingkat kelulusan", "Completion rate",
        "Kegiatan berakhir dalam periode dengan status Selesai/Lulus ÷ yang berstatus Selesai/Lulus, "
        "Tidak Lulus atau Mengundurkan Diri (Berjalan tidak dihitung).",
        "Records ending in the period with status Selesai/Lulus ÷ those with Selesai/Lulus, Tidak Lulus "
        "or Mengundurkan Diri (Berjalan left out).",
        Format.PERCENT, P, "records_completed", "records_ended", wilson=True,
    ),
    MetricSpec(
        "dropout_rate", "Tingkat mengundurkan diri", "Drop-out rate",
        "Kegiatan berakhir dalam periode dengan status Mengundurkan Diri ÷ yang berstatus Selesai/Lulus, "
        "Tidak Lulus atau Mengundurkan Diri.",
        "Records ending in the period with status Mengundurkan Diri ÷ those with Selesai/Lulus, Tidak "
        "Lulus or Mengundurkan Diri.",
        Format.PERCENT, P, "records_withdrawn", "records_ended", wilson=True, higher_is_better=False,
    ),
    MetricSpec(
        "no_development_count", "Belum pernah ikut", "No development yet",
        "Pegawai dalam cakupan tanpa satu pun kegiatan selesai dalam periode.",
        "Staff in scope without a single completed activity in the period.",
        Format.COUNT, P, "staff_without_activity", unit="orang", higher_is_better=False,
    ),
    MetricSpec(
        "nonclassical_share", "Porsi non-klasikal", "Non-classical share",
        "JP dari kegiatan terhitung berjalur Pelatihan Non-Klasikal ÷ total JP.",
        "JP of counted activities on the Pelatihan Non-Klasikal route ÷ total JP.",
        Format.PERCENT, P, "jp_nonclassical", "jp_total",
    ),
    MetricSpec(
        "cost_total", "Total biaya", "Total cost",
        "Jumlah BIAYA kegiatan terhitung yang biayanya diketahui (kosong bila tidak ada yang diketahui).",
        "Sum of BIAYA over counted activities whose cost is known (empty when none is known).",
        Format.RUPIAH, P, "cost_total", unit="Rp", higher_is_better=False,
    ),
    MetricSpec(
        "cost_per_jp", "Biaya per JP", "Cost per JP",
        "Total biaya ÷ jumlah JP dari kegiatan yang sama (yang biayanya diketahui).",
        "Total cost ÷ JP of those same activities (those whose cost is known).",
        Format.RUPIAH, P, "cost_total", "jp_costed", unit="Rp/JP", higher_is_better=False,
    ),
    MetricSpec(
        "cost_per_participant", "Biaya per peserta", "Cost per participant",
        "Total biaya ÷ jumlah keikutsertaan (kegiatan terhitung) yang biayanya diketahui.",
        "Total cost ÷ the number of participations (counted activities) whose cost is known.",
        Format.RUPIAH, P, "cost_total", "records_costed", unit="Rp", higher_is_better=False,
    ),
    MetricSpec(
        "budget_pagu", "Pagu", "Budget (pagu)",
        "Untuk tiap baris anggaran (wilayah, OPD, sub-kegiatan): PAGU baris terakhirnya pada tahun ini "
        "dengan BULAN ≤ bulan periode; dijumlahkan. Hanya filter wilayah dan OPD berlaku.",
        "For each budget line (region, unit, sub-activity): the PAGU of its latest row in the year with "
        "BULAN ≤ the period's month; summed. Only the region and unit filters apply.",
        Format.RUPIAH, B, "budget_pagu", unit="Rp",
    ),
    MetricSpec(
        "budget_realisasi", "Realisasi", "Spent (realisasi)",
        "Jumlah REALISASI baris anggaran tahun ini dengan BULAN ≤ bulan periode.",
        "Sum of REALISASI over budget rows of the year with BULAN ≤ the period's month.",
        Format.RUPIAH, B, "budget_realisasi", unit="Rp",
    ),
    MetricSpec(
        "absorption_rate", "Serapan anggaran", "Budget absorption",
        "Realisasi ÷ pagu.", "Spent ÷ budget (pagu).",
        Format.PERCENT, B, "budget_realisasi", "budget_pagu",
    ),
    MetricSpec(
        "assessed_rate", "Sudah diases", "Assessed",
        "Pegawai dengan sedikitnya satu asesmen kompetensi sampai akhir periode ÷ jumlah ASN.",
        "Staff with at least one competency assessment up to the period's end ÷ ASN headcount.",
        Format.PERCENT, C, "assessed_staff", "asn_count", wilson=True,
    ),
    MetricSpec(
        "competency_gap_mean", "Rata-rata kesenjangan", "Mean competency gap",
        "Rata-rata max(LEVEL_STANDAR − LEVEL_AKTUAL, 0) atas pasangan (pegawai, kompetensi), memakai "
        "asesmen terakhir tiap kompetensi sampai akhir periode.",
        "Mean of max(LEVEL_STANDAR − LEVEL_AKTUAL, 0) over (staff, competency) pairs, using each "
        "competency's latest assessment up to the period's end.",
        Format.SCORE, C, "gap_sum", "pairs", unit="level", higher_is_better=False,
    ),
    MetricSpec(
        "meets_standard_rate", "Memenuhi standar", "Meeting the standard",
        "Porsi pasangan (pegawai, kompetensi) dengan LEVEL_AKTUAL ≥ LEVEL_STANDAR.",
        "Share of (staff, competency) pairs with LEVEL_AKTUAL ≥ LEVEL_STANDAR.",
        Format.PERCENT, C, "pairs_meeting", "pairs", wilson=True, target=1.0,
    ),
    MetricSpec(
        "jpm_mean", "Rata-rata JPM", "Mean JPM",
        "Rata-rata JPM pegawai yang diases: Σ min(aktual, standar) ÷ Σ standar × 100 atas kompetensi "
        "Manajerial dan Sosial Kultural.",
        "Mean JPM of assessed staff: Σ min(actual, standard) ÷ Σ standard × 100 over Manajerial and "
        "Sosial Kultural competencies.",
        Format.INDEX, C, "jpm_sum", "jpm_staff", unit="%", target=90.0,
    ),
    MetricSpec(
        "jpm_optimal", "JPM Optimal", "JPM Optimal",
        "Jumlah pegawai dengan JPM ≥ 90.", "Staff with JPM ≥ 90.",
        Format.COUNT, C, "jpm_optimal", unit="orang",
    ),
    MetricSpec(
        "jpm_cukup", "JPM Cukup Optimal", "JPM Cukup Optimal",
        "Jumlah pegawai dengan 78 ≤ JPM < 90.", "Staff with 78 ≤ JPM < 90.",
        Format.COUNT, C, "jpm_cukup", unit="orang",
    ),
    MetricSpec(
        "jpm_kurang", "JPM Kurang Optimal", "JPM Kurang Optimal",
        "Jumlah pegawai dengan JPM < 78.", "Staff with JPM < 78.",
        Format.COUNT, C, "jpm_kurang", unit="orang", higher_is_better=False,
    ),
    MetricSpec(
        "satisfaction_mean", "Kepuasan peserta", "Participant satisfaction",
        "Rata-rata NILAI_KEPUASAN (1–5) kegiatan terhitung yang memilikinya.",
        "Mean NILAI_KEPUASAN (1–5) over counted activities that have one.",
        Format.SCORE, P, "satisfaction_sum", "satisfaction_n", unit="/5",
    ),
    MetricSpec(
        "learning_gain_mean", "Peningkatan nilai", "Learning gain",
        "Rata-rata (NILAI_POSTTEST − NILAI_PRETEST) kegiatan terhitung yang memiliki keduanya.",
        "Mean (NILAI_POSTTEST − NILAI_PRETEST) over counted activities that have both.",
        Format.SCORE, P, "gain_sum", "gain_n", unit="poin",
    ),
)  # fmt: skip

METRIC_BY_ID: dict[str, MetricSpec] = {m.id: m for m in METRICS}

# ---- issue 8: Karier & Talenta, IP ASN (kompetensi) ------------------------------------------------
# Computed by their own modules (src/metrics/talent.py talent_kpis, src/metrics/ip_asn.py
# ip_asn_kpis) with the same rules (a zero denominator gives null), not by compute.kpis: so they are
# not in METRICS, which the kpi command and Eksplorasi compute. They are view metrics (sections
# "talent" and "ip_asn" of VIEW_METRICS below), which the Definisi page lists.
TL, IP = Source.TALENT, Source.IP_ASN

TALENT_METRICS: tuple[MetricSpec, ...] = (
    MetricSpec(
        "talent_mapped_rate", "Terpetakan dalam 9-box", "Placed in the 9-box",
        "Pegawai yang penilaian kinerja terakhirnya (TAHUN ≤ tahun periode) memuat POTENSIAL ÷ jumlah ASN.",
        "Staff whose latest kinerja row (TAHUN ≤ the period's year) has a POTENSIAL ÷ ASN headcount.",
        Format.PERCENT, TL, "talent_mapped", "asn_count", wilson=True,
    ),
    MetricSpec(
        "succession_pool_count", "Kelompok suksesi", "Succession pool",
        "Pegawai di kotak 7, 8 atau 9 dari 9-box (kinerja × potensial, PermenPANRB 3/2020): kinerja di "
        "atas ekspektasi dengan potensial menengah atau tinggi, atau kinerja sesuai dengan potensial "
        "tinggi. Kinerja: Sangat Baik = di atas, Baik = sesuai, lainnya = di bawah.",
        "Staff in box 7, 8 or 9 of the 9-box (performance × potential, PermenPANRB 3/2020): performance "
        "above expectations with medium or high potential, or as expected with high potential. "
        "Performance: Sangat Baik = above, Baik = as expected, the rest = below.",
        Format.COUNT, TL, "succession_pool", unit="orang",
    ),
    MetricSpec(
        "succession_pool_share", "Porsi kelompok suksesi", "Succession pool share",
        "Kelompok suksesi ÷ pegawai yang terpetakan dalam 9-box.",
        "Succession pool ÷ staff placed in the 9-box.",
        Format.PERCENT, TL, "succession_pool", "talent_mapped", wilson=True,
    ),
    MetricSpec(
        "pool_trained_rate", "Suksesi ikut pelatihan", "Pool in training",
        "Anggota kelompok suksesi dengan sedikitnya satu kegiatan selesai dalam 12 bulan sampai akhir "
        "periode ÷ kelompok suksesi.",
        "Succession pool members with at least one completed activity in the 12 months up to the "
        "period's end ÷ succession pool.",
        Format.PERCENT, TL, "pool_trained", "succession_pool", wilson=True, target=1.0,
    ),
    MetricSpec(
        "pool_jp20_rate", "Suksesi ≥ 20 JP", "Pool with ≥ 20 JP",
        "Anggota kelompok suksesi dengan JP kegiatan selesai ≥ 20 dalam 12 bulan sampai akhir periode ÷ "
        "kelompok suksesi.",
        "Succession pool members whose completed activities add up to ≥ 20 JP in the 12 months up to "
        "the period's end ÷ succession pool.",
        Format.PERCENT, TL, "pool_jp20", "succession_pool", wilson=True, target=1.0,
    ),
    MetricSpec(
        "rotation_count", "Rotasi", "Rotations",
        "Peristiwa karier berjenis Rotasi dengan TANGGAL dalam periode, pegawai dalam cakupan.",
        "Career events of kind Rotasi dated in the period, staff in scope.",
        Format.COUNT, TL, "rotations",
    ),
    MetricSpec(
        "promotion_count", "Promosi", "Promotions",
        "Peristiwa karier berjenis Promosi dengan TANGGAL dalam periode, pegawai dalam cakupan.",
        "Career events of kind Promosi dated in the period, staff in scope.",
        Format.COUNT, TL, "promotions",
    ),
    MetricSpec(
        "study_leave_count", "Mulai tugas belajar", "Study leave started",
        "Peristiwa karier berjenis Tugas Belajar dengan TANGGAL dalam periode, pegawai dalam cakupan.",
        "Career events of kind Tugas Belajar dated in the period, staff in scope.",
        Format.COUNT, TL, "study_leaves",
    ),
    MetricSpec(
        "mentee_count", "Peserta mentoring/coaching", "Mentees and coachees",
        "Pegawai dengan sedikitnya satu kegiatan berbentuk Mentoring atau Coaching yang selesai dalam "
        "periode (sebagai yang dibimbing; data tidak mencatat pembimbing).",
        "Staff with at least one completed Mentoring or Coaching activity in the period (as the one "
        "mentored or coached; the data does not record mentors).",
        Format.COUNT, TL, "mentees", unit="orang",
    ),
    MetricSpec(
        "mentee_rate", "Ikut mentoring/coaching", "Mentored or coached",
        "Peserta mentoring/coaching ÷ jumlah ASN.", "Mentees and coachees ÷ ASN headcount.",
        Format.PERCENT, TL, "mentees", "asn_count", wilson=True,
    ),
    MetricSpec(
        "mentee_improved_rate", "Predikat naik: peserta mentoring", "Rating up: mentees",
        "Untuk tahun kohort terakhir C (predikat C dan C+1 sudah ada): pegawai yang menyelesaikan "
        "Mentoring atau Coaching pada tahun C dan predikat SKP C+1 lebih tinggi dari C ÷ peserta itu "
        "yang memiliki kedua predikat.",
        "For the latest cohort year C (ratings of C and C+1 known): staff who completed Mentoring or "
        "Coaching in C whose SKP rating of C+1 is higher than that of C ÷ those of them with both "
        "ratings.",
        Format.PERCENT, TL, "mentee_improved", "mentee_rated", wilson=True,
    ),
    MetricSpec(
        "others_improved_rate", "Predikat naik: bukan peserta", "Rating up: others",
        "Sama seperti di atas untuk pegawai yang tidak menyelesaikan Mentoring atau Coaching pada tahun C "
        "(pembanding).",
        "As above for staff who completed no Mentoring or Coaching in C (the comparison).",
        Format.PERCENT, TL, "other_improved", "other_rated", wilson=True,
    ),
)  # fmt: skip

IP_ASN_METRICS: tuple[MetricSpec, ...] = (
    MetricSpec(
        "ip_asn_kompetensi_mean", "Nilai kompetensi", "Competency score",
        "Perkiraan dimensi kompetensi Indeks Profesionalitas ASN (0–40 poin) dari riwayat pengembangan: "
        "pelatihan kepemimpinan sesuai jabatan, pelatihan fungsional, pelatihan teknis ≥ 20 JP, seminar. "
        "Rata-rata pegawai dalam cakupan. Nilai poin adalah asumsi (data/ip_asn_kompetensi.toml) yang "
        "harus dikonfirmasi dengan PermenPANRB 38/2018.",
        "Estimate of the competency dimension of the ASN professionalism index (0–40 points) from the "
        "development history: leadership training matching the position, functional training, technical "
        "training ≥ 20 JP, seminars. Mean over staff in scope. The point values are assumptions "
        "(data/ip_asn_kompetensi.toml) to be confirmed against PermenPANRB 38/2018.",
        Format.INDEX, IP, "ip_points", "ip_staff", unit="poin",
    ),
    MetricSpec(
        "ip_asn_kompetensi_share", "Capaian kompetensi", "Competency attained",
        "Jumlah poin dimensi kompetensi ÷ (pegawai × poin maksimal dimensi).",
        "Sum of competency-dimension points ÷ (staff × the dimension's maximum points).",
        Format.PERCENT, IP, "ip_points", "ip_points_max", target=1.0,
    ),
    MetricSpec(
        "ip_asn_lead_rate", "Pelatihan kepemimpinan", "Leadership training",
        "Pejabat struktural yang pernah menyelesaikan pelatihan kepemimpinan setingkat jabatannya atau "
        "lebih tinggi (menurut data) ÷ pejabat struktural.",
        "Structural officials who completed leadership training at their post's level or higher (as "
        "recorded) ÷ structural officials.",
        Format.PERCENT, IP, "lead_met", "lead_app", wilson=True, target=1.0,
    ),
    MetricSpec(
        "ip_asn_func_rate", "Pelatihan fungsional", "Functional training",
        "Pejabat fungsional yang pernah menyelesaikan pelatihan fungsional (menurut data) ÷ pejabat "
        "fungsional.",
        "Functional officials who completed functional training (as recorded) ÷ functional officials.",
        Format.PERCENT, IP, "func_met", "func_app", wilson=True, target=1.0,
    ),
    MetricSpec(
        "ip_asn_tech_rate", "Pelatihan teknis ≥ 20 JP", "Technical training ≥ 20 JP",
        "Pegawai dengan JP pelatihan teknis (Pelatihan Teknis, Bimtek, Kursus) selesai ≥ 20 dalam 12 bulan "
        "sampai akhir periode ÷ jumlah ASN (bentuk, batas JP dan rentang: data/ip_asn_kompetensi.toml).",
        "Staff whose completed technical training (Pelatihan Teknis, Bimtek, Kursus) adds up to ≥ 20 JP "
        "in the 12 months up to the period's end ÷ ASN headcount (forms, JP threshold and window: "
        "data/ip_asn_kompetensi.toml).",
        Format.PERCENT, IP, "tech_met", "tech_app", wilson=True, target=1.0,
    ),
    MetricSpec(
        "ip_asn_seminar_rate", "Seminar/workshop", "Seminars and workshops",
        "Pegawai dengan sedikitnya satu seminar, workshop, konferensi atau kuliah umum selesai dalam 12 "
        "bulan sampai akhir periode ÷ jumlah ASN.",
        "Staff with at least one completed seminar, workshop, conference or public lecture in the 12 "
        "months up to the period's end ÷ ASN headcount.",
        Format.PERCENT, IP, "sem_met", "sem_app", wilson=True, target=1.0,
    ),
)  # fmt: skip

PAGE_METRIC_BY_ID: dict[str, MetricSpec] = {m.id: m for m in (*TALENT_METRICS, *IP_ASN_METRICS)}


@dataclass(frozen=True)
class Dimension:
    id: str
    label_id: str
    label_en: str
    sources: frozenset[Source]  # which metric sources can be grouped by it

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_id


_ALL = frozenset(Source)
_PERSON = frozenset({P, C})
DIMENSIONS: dict[str, Dimension] = {
    d.id: d
    for d in (
        Dimension("region", "Wilayah", "Region", _ALL),
        Dimension("unit", "OPD", "OPD (unit)", _ALL),
        Dimension("jenis_pegawai", "Jenis pegawai", "Employment type", _PERSON),
        Dimension("jenis_jabatan", "Jenis jabatan", "Position type", _PERSON),
        Dimension("golongan_group", "Golongan", "Grade group", _PERSON),
        Dimension("gender", "Jenis kelamin", "Gender", _PERSON),
        Dimension("age_band", "Kelompok usia", "Age band", _PERSON),
        Dimension("education", "Pendidikan", "Education", _PERSON),
        Dimension("position_level", "Tingkat jabatan", "Position level", _PERSON),
        Dimension("method", "Bentuk kegiatan", "Method", frozenset({P})),
        Dimension("jalur", "Jalur", "Route", frozenset({P})),
        Dimension("topic", "Topik", "Topic", frozenset({P})),
        Dimension("provider", "Penyelenggara", "Provider", frozenset({P})),
        Dimension("funding", "Sumber dana", "Funding source", frozenset({P})),
        Dimension("month", "Bulan", "Month", frozenset({P})),
        Dimension("competency", "Kompetensi", "Competency", frozenset({C})),
        Dimension("competency_type", "Jenis kompetensi", "Competency type", frozenset({C})),
        Dimension("sub_kegiatan", "Sub-kegiatan", "Sub-activity", frozenset({B})),
    )
}
PERSON_DIMENSIONS = (
    "region", "unit", "jenis_pegawai", "jenis_jabatan", "golongan_group", "gender", "age_band",
    "education", "position_level",
)  # fmt: skip

# ---- Metrics of the pages' own views (issue 8) ------------------------------------------------------
# Figures that are not a ratio of the kpis components (a matched comparison, a ranking score, a cost
# estimate). Each section's view module computes them (evaluation: src/metrics/evaluation.py, needs:
# src/metrics/needs.py), so they stay out of METRICS, and so out of kpis, the kpi command and the
# explorer. The Definisi page lists them by section; the pages format them through these specs like any
# other metric. `numerator` and `denominator` name the columns of the view's frame. Add a section with
# its own `VIEW_METRICS["…"] = (…)` line.
VIEW_METRICS: dict[str, tuple[MetricSpec, ...]] = {}


def view_metric(metric_id: str) -> MetricSpec:
    """A view metric's spec by id, whatever its section."""
    for specs in VIEW_METRICS.values():
        for spec in specs:
            if spec.id == metric_id:
                return spec
    raise KeyError(metric_id)


VIEW_METRICS["evaluation"] = (
    MetricSpec(
        "gain_per_jp", "Peningkatan nilai per JP", "Learning gain per JP",
        "Σ (NILAI_POSTTEST − NILAI_PRETEST) ÷ Σ JP atas kegiatan terhitung yang memiliki kedua nilai.",
        "Σ (NILAI_POSTTEST − NILAI_PRETEST) ÷ Σ JP over counted activities that have both scores.",
        Format.SCORE, P, "gain_sum", "jp_tested", unit="poin",
    ),
    MetricSpec(
        "gain_per_million", "Peningkatan nilai per Rp1 juta", "Learning gain per Rp1 million",
        "Σ (NILAI_POSTTEST − NILAI_PRETEST) ÷ Σ BIAYA × 1.000.000 atas kegiatan terhitung yang memiliki "
        "kedua nilai dan biaya yang diketahui; kosong bila biaya itu nol (kegiatan tanpa biaya).",
        "Σ (NILAI_POSTTEST − NILAI_PRETEST) ÷ Σ BIAYA × 1,000,000 over counted activities that have both "
        "scores and a known cost; empty when that cost is zero (free activities).",
        Format.SCORE, P, "gain_sum_costed", "cost_tested", unit="poin",
    ),
    MetricSpec(
        "rating_change_trained", "Perubahan predikat: yang berlatih", "Rating change: trained",
        "Predikat kinerja SKP sebagai skala 1–5 (Sangat Kurang = 1 … Sangat Baik = 5). Rata-rata "
        "predikat tahun Y+1 − predikat tahun Y bagi pegawai dalam cakupan yang menyelesaikan sedikitnya "
        "satu kegiatan pada tahun Y dan punya pembanding (lihat di bawah). Y = tahun terakhir sampai "
        "tahun filter yang predikat tahun berikutnya sudah ada.",
        "SKP performance rating as a 1–5 scale (Sangat Kurang = 1 … Sangat Baik = 5). Mean rating of "
        "year Y+1 − rating of year Y for staff in scope who completed at least one activity in year Y and "
        "have a comparison group (see below). Y = the latest year up to the filter's year whose next-year "
        "rating is in.",
        Format.SCORE, P, "trained_change_sum", "trained_n", unit="level",
    ),
    MetricSpec(
        "rating_change_comparison", "Perubahan predikat: pembanding", "Rating change: comparison",
        "Rata-rata perubahan predikat Y → Y+1 pegawai tanpa kegiatan selesai pada tahun Y, dalam "
        "kelompok yang sama (wilayah, jenis jabatan, predikat tahun Y), dibobot menurut jumlah pegawai "
        "yang berlatih per kelompok.",
        "Mean rating change Y → Y+1 of staff with no completed activity in year Y, in the same group "
        "(region, position type, rating in year Y), weighted by the number of trained staff per group.",
        Format.SCORE, P, "comparison_change_weighted", "trained_n", unit="level",
    ),
    MetricSpec(
        "rating_uplift", "Selisih perubahan predikat", "Rating change difference",
        "Perubahan predikat yang berlatih − pembandingnya (proksi level 3/4 Kirkpatrick). Interval 95 %: "
        "pendekatan normal dengan ragam dalam-kelompok gabungan. Bukan bukti sebab-akibat: yang memilih "
        "berlatih bisa berbeda dari yang tidak.",
        "Rating change of the trained − that of their comparison group (a proxy for Kirkpatrick levels "
        "3/4). 95 % interval: normal approximation with the pooled within-group variance. Not proof of "
        "cause: those who choose to train may differ from those who do not.",
        Format.SCORE, P, "uplift_sum", "trained_n", unit="level",
    ),
)  # fmt: skip

VIEW_METRICS["needs"] = (
    MetricSpec(
        "needs_requests", "Peminat pelatihan", "Training requests",
        "Σ JUMLAH_PEMINAT survei kebutuhan pelatihan tahun filter, per OPD dan topik. Hanya filter "
        "wilayah dan OPD berlaku (survei dijawab per OPD).",
        "Σ JUMLAH_PEMINAT of the training-needs survey of the filter's year, per OPD and topic. Only the "
        "region and OPD filters apply (the survey is answered per OPD).",
        Format.COUNT, P, "requested", unit="orang",
    ),
    MetricSpec(
        "needs_met_rate", "Kebutuhan terlayani", "Needs met",
        "Untuk tiap OPD dan topik yang diminta: pegawai OPD itu yang menyelesaikan kegiatan bertopik itu "
        "dalam periode, paling banyak JUMLAH_PEMINAT; dijumlahkan ÷ Σ JUMLAH_PEMINAT. Kebutuhan yang "
        "bernama kompetensi dicocokkan ke topik pelatihan lewat data/kompetensi_topik.csv.",
        "For each OPD and requested topic: the OPD's staff who completed an activity on that topic in the "
        "period, at most JUMLAH_PEMINAT; summed ÷ Σ JUMLAH_PEMINAT. A need named by a competency is "
        "matched to the training topic that addresses it (data/kompetensi_topik.csv).",
        Format.PERCENT, P, "met", "requested", target=1.0,
    ),
    MetricSpec(
        "needs_unmet", "Peminat belum terlayani", "Requests not yet met",
        "Σ max(JUMLAH_PEMINAT − pegawai terlayani, 0) atas OPD dan topik.",
        "Σ max(JUMLAH_PEMINAT − staff served, 0) over OPD and topics.",
        Format.COUNT, P, "unmet", unit="orang", higher_is_better=False,
    ),
    MetricSpec(
        "topic_service_ratio", "Rasio JP terhadap permintaan", "JP to demand ratio",
        "Porsi topik dari JP yang diselesaikan dalam periode ÷ porsinya dari peminat. Di atas 1,5: "
        "terlayani berlebih; di bawah 0,67: kurang terlayani.",
        "A topic's share of the JP completed in the period ÷ its share of the requests. Above 1.5: "
        "over-served; below 0.67: under-served.",
        Format.SCORE, P, "jp_share", "request_share",
    ),
    MetricSpec(
        "programme_score", "Skor prioritas program", "Programme priority score",
        "Peminat belum terlayani berbobot prioritas (Tinggi × 3, Sedang × 2, Rendah atau kosong × 1) × "
        "(1 + rata-rata kesenjangan kompetensi yang dijawab topik itu).",
        "Requests not yet met, weighted by priority (Tinggi × 3, Sedang × 2, Rendah or empty × 1) × "
        "(1 + the mean competency gap of the competencies the topic addresses).",
        Format.SCORE, P, "weighted_unmet", None,
    ),
    MetricSpec(
        "programme_cost", "Perkiraan biaya program", "Programme cost estimate",
        "Untuk tiap topik: peminat belum terlayani × rata-rata JP per keikutsertaan pada topik itu tahun "
        "ini × biaya per JP topik itu tahun ini (tanpa data topik: angka seluruh cakupan); dijumlahkan.",
        "For each topic: requests not yet met × this year's mean JP per participation on the topic × "
        "this year's cost per JP of the topic (without data for the topic: the whole scope's); summed.",
        Format.RUPIAH, P, "cost_estimate", unit="Rp", higher_is_better=False,
    ),
)  # fmt: skip

VIEW_METRICS["talent"] = TALENT_METRICS
VIEW_METRICS["ip_asn"] = IP_ASN_METRICS
