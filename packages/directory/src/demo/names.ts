// Word pools for fictional names. Every organisation name is built from an invented stem and
// carries "(fiktif)", so no name can be taken for a real organisation's.

export const FICTIONAL_MARK = '(fiktif)';

/** Invented two-word stems ("Pelita Rembulan"): pleasant, plausible, and not anyone's name. */
export const STEM_FIRST = [
  'Pelita', 'Cahaya', 'Embun', 'Tunas', 'Bintang', 'Lentera', 'Mentari', 'Samudra', 'Rimba', 'Pelangi',
  'Nirwana', 'Gemilang', 'Sentosa', 'Bahari', 'Teduh', 'Kencana', 'Padi', 'Bambu', 'Sekar', 'Cakrawala',
] as const;
export const STEM_SECOND = [
  'Rembulan', 'Fajar', 'Nusa', 'Asri', 'Lestari', 'Mandiri', 'Sejati', 'Permai', 'Bestari', 'Sejahtera',
  'Utama', 'Raya', 'Jaya', 'Makmur', 'Harapan', 'Pertiwi', 'Abadi', 'Kasih', 'Budi', 'Arunika',
] as const;

export const GIVEN_NAMES = [
  'Agus', 'Budi', 'Dewi', 'Eka', 'Fitri', 'Hendra', 'Indah', 'Joko', 'Kartika', 'Lina',
  'Made', 'Nur', 'Putu', 'Rahmat', 'Sari', 'Teguh', 'Wayan', 'Yohanes', 'Yuliana', 'Maria',
] as const;
export const FAMILY_NAMES = [
  'Santoso', 'Wibowo', 'Hidayat', 'Lestari', 'Saputra', 'Pratama', 'Siregar', 'Nainggolan', 'Manurung', 'Kurniawan',
  'Suryani', 'Rahayu', 'Setiawan', 'Wulandari', 'Halim', 'Pattiasina', 'Mandagi', 'Tanjung', 'Nasution', 'Permana',
] as const;

export const STREETS = ['Melati', 'Kenanga', 'Flamboyan', 'Cempaka', 'Anggrek', 'Mawar', 'Dahlia', 'Teratai', 'Kamboja', 'Seroja'] as const;
