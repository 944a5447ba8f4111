<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en_US">
<context>
    <name>App</name>
    <message>
        <source>Airforce Studio is already open</source>
        <translation>Airforce Studio sudah terbuka</translation>
    </message>
</context>
<context>
    <name>ClipActions</name>
    <message numerus="yes">
        <source>Queued %n clip(s) (%1)</source>
        <translation>
            <numerusform>%n klip masuk antrean (%1)</numerusform>
        </translation>
    </message>
    <message>
        <source>the usual price</source>
        <translation>harga biasa</translation>
    </message>
    <message>
        <source>Retry as a new task</source>
        <translation>Coba lagi sebagai tugas baru</translation>
    </message>
    <message>
        <source>Retrying “%1” sends a new, paid task (%2). Continue?</source>
        <translation>Mencoba lagi “%1” berarti mengirim tugas baru yang berbayar (%2). Lanjutkan?</translation>
    </message>
    <message>
        <source>Cannot retry: %1</source>
        <translation>Tidak bisa mencoba lagi: %1</translation>
    </message>
    <message>
        <source>This deletes the task “%1” and its video at the provider. There is NO refund, and the link stops working. Your local copy stays. Continue?</source>
        <translation>Ini menghapus tugas “%1” beserta videonya di penyedia. TIDAK ada pengembalian dana, dan tautannya tidak berfungsi lagi. Salinan lokal Anda tetap ada. Lanjutkan?</translation>
    </message>
    <message>
        <source>“%1” is rendering at the provider. A started task cannot be cancelled; deleting it stops it, and the charge stays (NO refund). Continue?</source>
        <translation>“%1” sedang dirender di penyedia. Tugas yang sudah dimulai tidak bisa dibatalkan; menghapusnya akan menghentikannya, dan biayanya tetap ditagih (TIDAK ada pengembalian dana). Lanjutkan?</translation>
    </message>
    <message>
        <source>Delete at the provider</source>
        <translation>Hapus di penyedia</translation>
    </message>
    <message>
        <source>Could not delete at the provider: %1</source>
        <translation>Gagal menghapus di penyedia: %1</translation>
    </message>
    <message>
        <source>Deleted at the provider (no refund).</source>
        <translation>Dihapus di penyedia (tanpa pengembalian dana).</translation>
    </message>
    <message>
        <source>An input image could not be restored: %1</source>
        <translation>Gambar masukan tidak dapat dipulihkan: %1</translation>
    </message>
    <message>
        <source>Could not take the last frame: %1</source>
        <translation>Gagal mengambil frame terakhir: %1</translation>
    </message>
    <message>
        <source>The file is missing: %1</source>
        <translation>File tidak ditemukan: %1</translation>
    </message>
</context>
<context>
    <name>ClipDetails</name>
    <message>
        <source>Clip details</source>
        <translation>Detail klip</translation>
    </message>
    <message>
        <source>Select a clip to see its seed, settings and cost.</source>
        <translation>Pilih klip untuk melihat seed, pengaturan, dan biayanya.</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Variation</source>
        <translation>Variasi</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durasi</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Biaya</translation>
    </message>
    <message>
        <source>Input images</source>
        <translation>Gambar masukan</translation>
    </message>
    <message>
        <source>Task id</source>
        <translation>ID tugas</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Dibuat</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Diarsipkan</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Ukuran</translation>
    </message>
    <message>
        <source>Aspect ratio</source>
        <translation>Rasio aspek</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Kualitas</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>Suara</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Negative prompt</source>
        <translation>Prompt negatif</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ya</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Tidak</translation>
    </message>
</context>
<context>
    <name>ClipExportDialog</name>
    <message>
        <source>Animation of %1</source>
        <translation>Animasi dari %1</translation>
    </message>
    <message>
        <source>GIF (a palette made for this clip)</source>
        <translation>GIF (palet dibuat khusus untuk klip ini)</translation>
    </message>
    <message>
        <source>Animated WebP</source>
        <translation>WebP beranimasi</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Pilih…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Ekspor</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Rentang</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Frames per second</source>
        <translation>Frame per detik</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Lebar</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Simpan sebagai</translation>
    </message>
    <message>
        <source>Save the animation as</source>
        <translation>Simpan animasi sebagai</translation>
    </message>
    <message>
        <source>Animations (*.gif *.webp)</source>
        <translation>Animasi (*.gif *.webp)</translation>
    </message>
    <message>
        <source>Cancelled; nothing was written.</source>
        <translation>Dibatalkan; tidak ada yang ditulis.</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>Ekspor gagal: %1</translation>
    </message>
    <message>
        <source>Saved %1 (%2 frames).</source>
        <translation>Tersimpan %1 (%2 frame).</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Play / pause every view</source>
        <translation>Putar / jeda semua tampilan</translation>
    </message>
    <message>
        <source>Next frame (every view)</source>
        <translation>Frame berikutnya (semua tampilan)</translation>
    </message>
    <message>
        <source>Previous frame (every view)</source>
        <translation>Frame sebelumnya (semua tampilan)</translation>
    </message>
    <message>
        <source>Keep the selected take</source>
        <translation>Pertahankan take yang dipilih</translation>
    </message>
    <message>
        <source>Reject the selected take</source>
        <translation>Tolak take yang dipilih</translation>
    </message>
    <message>
        <source>★ Favourite the selected take</source>
        <translation>★ Jadikan favorit take yang dipilih</translation>
    </message>
    <message>
        <source>A/B wipe on / off (two takes)</source>
        <translation>Wipe A/B nyala / mati (dua take)</translation>
    </message>
    <message>
        <source>Select view A</source>
        <translation>Pilih tampilan A</translation>
    </message>
    <message>
        <source>Select view B</source>
        <translation>Pilih tampilan B</translation>
    </message>
    <message>
        <source>Select view C</source>
        <translation>Pilih tampilan C</translation>
    </message>
    <message>
        <source>Select view D</source>
        <translation>Pilih tampilan D</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Putar</translation>
    </message>
    <message>
        <source>Previous frame</source>
        <translation>Frame sebelumnya</translation>
    </message>
    <message>
        <source>Next frame</source>
        <translation>Frame berikutnya</translation>
    </message>
    <message>
        <source>A/B wipe</source>
        <translation>Wipe A/B</translation>
    </message>
    <message>
        <source>Selected take:</source>
        <translation>Take yang dipilih:</translation>
    </message>
    <message>
        <source>Keep (P)</source>
        <translation>Pertahankan (P)</translation>
    </message>
    <message>
        <source>Reject (X)</source>
        <translation>Tolak (X)</translation>
    </message>
    <message>
        <source>★ Favourite (S)</source>
        <translation>★ Favorit (S)</translation>
    </message>
    <message>
        <source>frame %1 / %2</source>
        <translation>frame %1 / %2</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Jeda</translation>
    </message>
</context>
<context>
    <name>CountSpin</name>
    <message numerus="yes">
        <source>%n variation(s)</source>
        <translation>
            <numerusform>%n variasi</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Airforce Studio hit a problem</source>
        <translation>Airforce Studio mengalami masalah</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>Terjadi kesalahan: %1</translation>
    </message>
    <message>
        <source>Your queue and library are safe: every task is journaled. You can keep working; if this repeats, please report it with the details below.</source>
        <translation>Antrean dan pustaka Anda aman: setiap tugas tercatat di jurnal. Anda dapat terus bekerja; jika ini terulang, laporkan beserta rincian di bawah.</translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 jam %2 mnt</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 mnt %2 dtk</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 mnt</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 dtk</translation>
    </message>
</context>
<context>
    <name>EditorExtras</name>
    <message>
        <source>%1 / %2 characters: long prompts are often cut; put what matters first</source>
        <translation>%1 / %2 karakter: prompt yang panjang sering terpotong; taruh yang penting di awal</translation>
    </message>
    <message numerus="yes">
        <source>%n character(s)</source>
        <translation>
            <numerusform>%n karakter</numerusform>
        </translation>
    </message>
    <message>
        <source>The first frame is %1×%2, not %3: the provider fits it to the clip, cropping what falls outside the frame (shaded). Crop the image yourself to choose the framing, or pick another aspect.</source>
        <translation>Frame pertama berukuran %1×%2, bukan %3: penyedia menyesuaikannya ke klip dan memotong bagian di luar bingkai (yang diarsir). Potong sendiri gambarnya untuk memilih bingkai, atau pilih rasio aspek lain.</translation>
    </message>
</context>
<context>
    <name>EditorModel</name>
    <message>
        <source>Text → video</source>
        <translation>Teks → video</translation>
    </message>
    <message>
        <source>Animate a first frame</source>
        <translation>Animasikan frame pertama</translation>
    </message>
    <message>
        <source>Style from references</source>
        <translation>Gaya dari referensi</translation>
    </message>
    <message>
        <source>Loading models…</source>
        <translation>Memuat model…</translation>
    </message>
    <message>
        <source>No video models are available for this key.</source>
        <translation>Tidak ada model video yang tersedia untuk kunci ini.</translation>
    </message>
    <message>
        <source>mode %1 is not offered</source>
        <translation>mode %1 tidak tersedia</translation>
    </message>
    <message>
        <source>duration %1 s → %2 s</source>
        <translation>durasi %1 dtk → %2 dtk</translation>
    </message>
    <message>
        <source>aspect</source>
        <translation>rasio</translation>
    </message>
    <message>
        <source>quality</source>
        <translation>kualitas</translation>
    </message>
    <message>
        <source>Changed for %1: </source>
        <translation>Diubah untuk %1: </translation>
    </message>
    <message>
        <source>No model is available yet.</source>
        <translation>Belum ada model yang tersedia.</translation>
    </message>
    <message>
        <source>Choose a model.</source>
        <translation>Pilih model.</translation>
    </message>
    <message>
        <source>Preparing the image…</source>
        <translation>Menyiapkan gambar…</translation>
    </message>
    <message>
        <source>Write a prompt to generate.</source>
        <translation>Tulis prompt untuk membuat video.</translation>
    </message>
    <message>
        <source>Add a first-frame image: drop, paste or browse for one.</source>
        <translation>Tambahkan gambar frame pertama: letakkan, tempel, atau pilih file.</translation>
    </message>
    <message>
        <source>Add at least one reference image.</source>
        <translation>Tambahkan minimal satu gambar referensi.</translation>
    </message>
    <message>
        <source>Remove reference images: at most %n can be sent.</source>
        <translation>Kurangi gambar referensi: paling banyak %n yang bisa dikirim.</translation>
    </message>
    <message>
        <source>Choose a duration from %1 to %2 s.</source>
        <translation>Pilih durasi %1 sampai %2 dtk.</translation>
    </message>
    <message>
        <source>Choose another aspect ratio</source>
        <translation>Pilih rasio aspek lain</translation>
    </message>
    <message>
        <source>Choose another quality</source>
        <translation>Pilih kualitas lain</translation>
    </message>
    <message>
        <source>Choose another mode</source>
        <translation>Pilih mode lain</translation>
    </message>
    <message>
        <source>Choose another value</source>
        <translation>Pilih nilai lain</translation>
    </message>
    <message>
        <source>%1: this model offers %2.</source>
        <translation>%1: model ini menawarkan %2.</translation>
    </message>
    <message>
        <source>This model makes no sound: turn sound off.</source>
        <translation>Model ini tidak menghasilkan suara: matikan suara.</translation>
    </message>
    <message>
        <source>This model takes no seed: use a random seed.</source>
        <translation>Model ini tidak memakai seed: gunakan seed acak.</translation>
    </message>
    <message>
        <source>Check the settings: %1</source>
        <translation>Periksa pengaturan: %1</translation>
    </message>
    <message>
        <source>Cost: —</source>
        <translation>Biaya: —</translation>
    </message>
    <message>
        <source>Cost: %1</source>
        <translation>Biaya: %1</translation>
    </message>
    <message>
        <source>This model cannot animate a first frame; pick one that can.</source>
        <translation>Model ini tidak bisa menganimasikan frame pertama; pilih model yang bisa.</translation>
    </message>
</context>
<context>
    <name>EditorPanel</name>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Prompt length</source>
        <translation>Panjang prompt</translation>
    </message>
    <message>
        <source>Search the prompt history</source>
        <translation>Cari di riwayat prompt</translation>
    </message>
    <message>
        <source>Prompt history (%1); Alt+Up / Alt+Down in the prompt recall past prompts</source>
        <translation>Riwayat prompt (%1); Alt+Atas / Alt+Bawah di kotak prompt memanggil prompt sebelumnya</translation>
    </message>
    <message>
        <source>Presets</source>
        <translation>Preset</translation>
    </message>
    <message>
        <source>Describe the scene: subject, action, camera, light…</source>
        <translation>Gambarkan adegannya: subjek, aksi, kamera, cahaya…</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Duration in seconds</source>
        <translation>Durasi dalam detik</translation>
    </message>
    <message>
        <source> s</source>
        <translation> dtk</translation>
    </message>
    <message>
        <source>Aspect ratio</source>
        <translation>Rasio aspek</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Kualitas</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Kunci</translation>
    </message>
    <message>
        <source>Lock the seed</source>
        <translation>Kunci seed</translation>
    </message>
    <message>
        <source>Unlocked: a new random seed for every clip. Locked: reuse this seed (reproducible).</source>
        <translation>Tidak dikunci: seed acak baru untuk setiap klip. Dikunci: seed ini dipakai lagi (hasil bisa diulang).</translation>
    </message>
    <message>
        <source>Native sound</source>
        <translation>Suara bawaan</translation>
    </message>
    <message>
        <source>Generate sound</source>
        <translation>Buat suara</translation>
    </message>
    <message>
        <source>Number of variations</source>
        <translation>Jumlah variasi</translation>
    </message>
    <message>
        <source>Generate (%1)</source>
        <translation>Buat (%1)</translation>
    </message>
    <message>
        <source>Text → video takes no image: choose another mode to add one.</source>
        <translation>Teks → video tidak memakai gambar: pilih mode lain untuk menambahkannya.</translation>
    </message>
    <message>
        <source>First frame</source>
        <translation>Frame pertama</translation>
    </message>
    <message>
        <source>First frame image</source>
        <translation>Gambar frame pertama</translation>
    </message>
    <message>
        <source>Reference images</source>
        <translation>Gambar referensi</translation>
    </message>
    <message>
        <source>Cost of the next submission</source>
        <translation>Biaya pengiriman berikutnya</translation>
    </message>
    <message>
        <source>Why Generate is disabled</source>
        <translation>Mengapa Buat tidak aktif</translation>
    </message>
    <message>
        <source>What changed with the model</source>
        <translation>Yang berubah karena model</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Buat</translation>
    </message>
    <message>
        <source>Models loading</source>
        <translation>Memuat model</translation>
    </message>
    <message>
        <source>This model takes no seed</source>
        <translation>Model ini tidak memakai seed</translation>
    </message>
    <message>
        <source>Seed not supported</source>
        <translation>Seed tidak didukung</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Preset</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durasi</translation>
    </message>
    <message>
        <source>Aspect</source>
        <translation>Rasio</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Jumlah</translation>
    </message>
    <message>
        <source>&amp;Prompt</source>
        <translation>&amp;Prompt</translation>
    </message>
    <message>
        <source>%1  ·  %2¢/s</source>
        <translation>%1  ·  %2¢/dtk</translation>
    </message>
    <message>
        <source>This model does not say whether it makes sound; it may be ignored.</source>
        <translation>Model ini tidak menyebutkan apakah ia membuat suara; pilihan ini mungkin diabaikan.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export %1</source>
        <translation>Ekspor %1</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Pilih…</translation>
    </message>
    <message>
        <source>Export MP4</source>
        <translation>Ekspor MP4</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Simpan sebagai</translation>
    </message>
    <message>
        <source>No take yet: render the film first.</source>
        <translation>Belum ada take: render film terlebih dahulu.</translation>
    </message>
    <message>
        <source>Trim</source>
        <translation>Pangkas</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>Cut (langsung)</translation>
    </message>
    <message>
        <source>Crossfade</source>
        <translation>Crossfade</translation>
    </message>
    <message>
        <source> s</source>
        <translation> dtk</translation>
    </message>
    <message>
        <source>Into this shot</source>
        <translation>Masuk ke shot ini</translation>
    </message>
    <message>
        <source>GIF / WebP of this take…</source>
        <translation>GIF / WebP dari take ini…</translation>
    </message>
    <message>
        <source>No take yet for %1: render the film first.</source>
        <translation>Belum ada take untuk %1: render film terlebih dahulu.</translation>
    </message>
    <message>
        <source>Stale (their takes are from before a change): %1.</source>
        <translation>Usang (take-nya dari sebelum ada perubahan): %1.</translation>
    </message>
    <message>
        <source>Export the film</source>
        <translation>Ekspor film</translation>
    </message>
    <message>
        <source>MP4 video (*.mp4)</source>
        <translation>Video MP4 (*.mp4)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Mengekspor…</translation>
    </message>
    <message>
        <source>Cancelled; nothing was written.</source>
        <translation>Dibatalkan; tidak ada yang ditulis.</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>Ekspor gagal: %1</translation>
    </message>
    <message>
        <source>Saved %1 (%2).%3</source>
        <translation>Tersimpan %1 (%2).%3</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Membatalkan…</translation>
    </message>
</context>
<context>
    <name>FilmDocument</name>
    <message>
        <source>Wait for the render to finish before changing the order of shots.</source>
        <translation>Tunggu render selesai sebelum mengubah urutan shot.</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to Airforce Studio</source>
        <translation>Selamat datang di Airforce Studio</translation>
    </message>
    <message>
        <source>Make video clips with the Airforce API</source>
        <translation>Buat klip video dengan API Airforce</translation>
    </message>
    <message>
        <source>Paste your API key to start, or try everything first in the demo: a simulated provider, nothing is paid.</source>
        <translation>Tempel kunci API Anda untuk mulai, atau coba semuanya dulu di demo: penyedia simulasi, tanpa biaya apa pun.</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Kunci API</translation>
    </message>
    <message>
        <source>Check key and start</source>
        <translation>Periksa kunci dan mulai</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Coba demo</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <source>Paste a key first.</source>
        <translation>Tempel kunci terlebih dahulu.</translation>
    </message>
    <message>
        <source>Checking the key…</source>
        <translation>Memeriksa kunci…</translation>
    </message>
    <message>
        <source>No system keyring: the key is kept for this session only.</source>
        <translation>Tidak ada keyring sistem: kunci hanya disimpan untuk sesi ini.</translation>
    </message>
    <message>
        <source>No system keyring: your API key is kept for this session only, and the next start asks for it again.</source>
        <translation>Tidak ada keyring sistem: kunci API Anda hanya disimpan untuk sesi ini, dan akan diminta lagi saat aplikasi dibuka berikutnya.</translation>
    </message>
</context>
<context>
    <name>FitWarning</name>
    <message>
        <source>How the first frame will be fitted</source>
        <translation>Cara frame pertama akan disesuaikan</translation>
    </message>
</context>
<context>
    <name>FramePane</name>
    <message>
        <source>%1  ◂ A | B ▸</source>
        <translation>%1  ◂ A | B ▸</translation>
    </message>
    <message>
        <source>KEEP</source>
        <translation>PERTAHANKAN</translation>
    </message>
    <message>
        <source>REJECT</source>
        <translation>TOLAK</translation>
    </message>
</context>
<context>
    <name>FramePicker</name>
    <message>
        <source>Continue from which frame?</source>
        <translation>Lanjutkan dari frame yang mana?</translation>
    </message>
    <message>
        <source>Last frame</source>
        <translation>Frame terakhir</translation>
    </message>
    <message>
        <source>Loading the filmstrip…</source>
        <translation>Memuat filmstrip…</translation>
    </message>
    <message>
        <source>The new shot starts from the frame you pick (sent as its first frame).</source>
        <translation>Shot baru dimulai dari frame yang Anda pilih (dikirim sebagai frame pertamanya).</translation>
    </message>
    <message>
        <source>No filmstrip: %1</source>
        <translation>Tidak ada filmstrip: %1</translation>
    </message>
    <message>
        <source>No filmstrip for this take; the last frame is used.</source>
        <translation>Tidak ada filmstrip untuk take ini; frame terakhir yang dipakai.</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 dtk</translation>
    </message>
    <message>
        <source>Click a frame, or keep the last one.</source>
        <translation>Klik sebuah frame, atau biarkan frame terakhir.</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Created</source>
        <translation>Dibuat</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tugas</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Biaya</translation>
    </message>
    <message>
        <source>Expires in</source>
        <translation>Kedaluwarsa</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>Di komputer ini</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>kedaluwarsa</translation>
    </message>
    <message>
        <source>In the library</source>
        <translation>Di pustaka</translation>
    </message>
    <message>
        <source>In the queue</source>
        <translation>Di antrean</translation>
    </message>
    <message>
        <source>Not downloaded</source>
        <translation>Belum diunduh</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Queued</source>
        <translation>Dalam antrean</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Sedang dirender</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Gagal</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Kedaluwarsa</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>Saring menurut status</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Semua status</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Muat ulang</translation>
    </message>
    <message>
        <source>Refresh the provider&apos;s history</source>
        <translation>Muat ulang riwayat penyedia</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Unduh</translation>
    </message>
    <message>
        <source>Download into the library</source>
        <translation>Unduh ke pustaka</translation>
    </message>
    <message>
        <source>Download the selected clip into the library (double-click a row does the same)</source>
        <translation>Unduh klip yang dipilih ke pustaka (bisa juga klik dua kali pada barisnya)</translation>
    </message>
    <message>
        <source>Delete at provider…</source>
        <translation>Hapus di penyedia…</translation>
    </message>
    <message>
        <source>Delete at the provider, no refund</source>
        <translation>Hapus di penyedia, tanpa pengembalian dana</translation>
    </message>
    <message>
        <source>Tasks at the provider</source>
        <translation>Tugas di penyedia</translation>
    </message>
    <message>
        <source>Loading the provider&apos;s history…</source>
        <translation>Memuat riwayat penyedia…</translation>
    </message>
    <message>
        <source>Cannot reach the server ({0}). The list below may be out of date; press Refresh to try again.</source>
        <translation>Server tidak dapat dihubungi ({0}). Daftar di bawah mungkin sudah usang; tekan Muat ulang untuk mencoba lagi.</translation>
    </message>
    <message>
        <source>The provider did not give its history: {0}</source>
        <translation>Penyedia tidak memberikan riwayatnya: {0}</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) at the provider, as of {0}.</source>
        <translation>
            <numerusform>%n tugas di penyedia, per {0}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Downloading {0} into the library…</source>
        <translation>Mengunduh {0} ke pustaka…</translation>
    </message>
    <message>
        <source>Delete at the provider</source>
        <translation>Hapus di penyedia</translation>
    </message>
    <message>
        <source>Delete task {0} and its video at the provider? There is NO refund, and its link stops working. A copy in your library stays.</source>
        <translation>Hapus tugas {0} beserta videonya di penyedia? TIDAK ada pengembalian dana, dan tautannya tidak berfungsi lagi. Salinan di pustaka Anda tetap ada.</translation>
    </message>
    <message>
        <source>Could not delete {0}: {1}</source>
        <translation>Gagal menghapus {0}: {1}</translation>
    </message>
    <message>
        <source>Deleted {0} at the provider (no refund).</source>
        <translation>{0} dihapus di penyedia (tanpa pengembalian dana).</translation>
    </message>
</context>
<context>
    <name>ImageDropZone</name>
    <message>
        <source>%1 is empty</source>
        <translation>%1 kosong</translation>
    </message>
    <message>
        <source>%1 is larger than %2 MB</source>
        <translation>%1 lebih besar dari %2 MB</translation>
    </message>
    <message>
        <source>%1 has too many pixels</source>
        <translation>%1 memiliki terlalu banyak piksel</translation>
    </message>
    <message>
        <source>%1 is not an image (or not a format we can read)</source>
        <translation>%1 bukan gambar (atau formatnya tidak dapat kami baca)</translation>
    </message>
    <message>
        <source>%1 is damaged or truncated: %3</source>
        <translation>%1 rusak atau terpotong: %3</translation>
    </message>
    <message>
        <source>%1 is a folder, not an image</source>
        <translation>%1 adalah folder, bukan gambar</translation>
    </message>
    <message>
        <source>%1 is not a regular file; give an image file</source>
        <translation>%1 bukan file biasa; berikan file gambar</translation>
    </message>
    <message>
        <source>%1 does not exist</source>
        <translation>%1 tidak ada</translation>
    </message>
    <message>
        <source>%1 cannot be read (permission denied)</source>
        <translation>%1 tidak dapat dibaca (izin ditolak)</translation>
    </message>
    <message>
        <source>%1 cannot be read: %3</source>
        <translation>%1 tidak dapat dibaca: %3</translation>
    </message>
    <message>
        <source>%1 could not be fetched: %3</source>
        <translation>%1 tidak dapat diambil: %3</translation>
    </message>
    <message>
        <source>The clipboard holds no readable image</source>
        <translation>Papan klip tidak berisi gambar yang dapat dibaca</translation>
    </message>
    <message>
        <source>Click to browse, drop an image or an image link here, or paste one (%1).</source>
        <translation>Klik untuk memilih file, letakkan gambar atau tautan gambar di sini, atau tempel (%1).</translation>
    </message>
    <message>
        <source>Click to browse, or drop or paste (%1) up to %2 images. Drag to reorder; Delete removes.</source>
        <translation>Klik untuk memilih file, atau letakkan atau tempel (%1) hingga %2 gambar. Seret untuk mengurutkan; Delete menghapus.</translation>
    </message>
    <message>
        <source>A clip dragged from the library gives its last frame.</source>
        <translation>Klip yang diseret dari pustaka memberikan frame terakhirnya.</translation>
    </message>
    <message>
        <source>%1: images</source>
        <translation>%1: gambar</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Pilih file…</translation>
    </message>
    <message>
        <source>Browse for %1</source>
        <translation>Pilih file untuk %1</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>Hapus %1</translation>
    </message>
    <message>
        <source>Choose images</source>
        <translation>Pilih gambar</translation>
    </message>
    <message>
        <source>Choose an image</source>
        <translation>Pilih gambar</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>Gambar (%1)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Semua file (*)</translation>
    </message>
    <message>
        <source>%1 is not a file or a web link.</source>
        <translation>%1 bukan file atau tautan web.</translation>
    </message>
    <message>
        <source>the pasted image</source>
        <translation>gambar yang ditempel</translation>
    </message>
    <message numerus="yes">
        <source>“%1” was not added: at most %n reference images can be used. Remove one to add another.</source>
        <translation>
            <numerusform>“%1” tidak ditambahkan: paling banyak %n gambar referensi yang bisa dipakai. Hapus satu untuk menambah yang lain.</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Memuat…</translation>
    </message>
    <message>
        <source>Could not load that image (%1). Try another file.</source>
        <translation>Gambar itu tidak bisa dimuat (%1). Coba file lain.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source> (downscaled)</source>
        <translation> (diperkecil)</translation>
    </message>
</context>
<context>
    <name>KeyDialog</name>
    <message>
        <source>API key</source>
        <translation>Kunci API</translation>
    </message>
    <message>
        <source>Check and save</source>
        <translation>Periksa dan simpan</translation>
    </message>
    <message>
        <source>Check and save the key</source>
        <translation>Periksa dan simpan kunci</translation>
    </message>
    <message>
        <source>Remove key</source>
        <translation>Hapus kunci</translation>
    </message>
    <message>
        <source>Remove the stored key</source>
        <translation>Hapus kunci yang tersimpan</translation>
    </message>
    <message>
        <source>Paste a new key to set or replace the current one:</source>
        <translation>Tempel kunci baru untuk memasang atau mengganti kunci yang sekarang:</translation>
    </message>
    <message>
        <source>Keys are kept in your system keyring (%1), never in a file.</source>
        <translation>Kunci disimpan di keyring sistem Anda (%1), tidak pernah di dalam file.</translation>
    </message>
    <message>
        <source>No system keyring is available on this computer. A key you enter is kept for this session only and must be entered again next time. It is never written to disk.</source>
        <translation>Keyring sistem tidak tersedia di komputer ini. Kunci yang Anda masukkan hanya disimpan untuk sesi ini dan harus dimasukkan lagi lain kali. Kunci tidak pernah ditulis ke disk.</translation>
    </message>
    <message>
        <source>Checking the key with the provider…</source>
        <translation>Memeriksa kunci ke penyedia…</translation>
    </message>
    <message>
        <source>That key did not work: %1</source>
        <translation>Kunci itu tidak berfungsi: %1</translation>
    </message>
    <message>
        <source>Could not reach the provider, so the key was not checked: %1. Check your connection and try again.</source>
        <translation>Penyedia tidak dapat dihubungi, jadi kunci belum diperiksa: %1. Periksa koneksi Anda lalu coba lagi.</translation>
    </message>
    <message>
        <source>The provider could not check the key right now: %1. Try again in a minute.</source>
        <translation>Penyedia belum bisa memeriksa kunci saat ini: %1. Coba lagi sebentar lagi.</translation>
    </message>
    <message>
        <source>Saved in the system keyring.</source>
        <translation>Tersimpan di keyring sistem.</translation>
    </message>
    <message>
        <source>Key accepted — kept for this session only (no keyring).</source>
        <translation>Kunci diterima — hanya disimpan untuk sesi ini (tanpa keyring).</translation>
    </message>
    <message>
        <source>No key is stored, so there is nothing to remove.</source>
        <translation>Tidak ada kunci yang tersimpan, jadi tidak ada yang perlu dihapus.</translation>
    </message>
    <message>
        <source>The key was removed.</source>
        <translation>Kunci telah dihapus.</translation>
    </message>
    <message>
        <source>No key was stored.</source>
        <translation>Tidak ada kunci yang tersimpan.</translation>
    </message>
</context>
<context>
    <name>Keymap</name>
    <message>
        <source>Generate</source>
        <translation>Buat</translation>
    </message>
    <message>
        <source>Focus the prompt</source>
        <translation>Fokus ke prompt</translation>
    </message>
    <message>
        <source>Paste an image into the visible drop zone</source>
        <translation>Tempel gambar ke kotak gambar yang terlihat</translation>
    </message>
    <message>
        <source>Browse for an image for the visible drop zone</source>
        <translation>Pilih file gambar untuk area letak yang terlihat</translation>
    </message>
    <message>
        <source>Search the prompt history</source>
        <translation>Cari di riwayat prompt</translation>
    </message>
    <message>
        <source>Save the settings as a preset</source>
        <translation>Simpan pengaturan sebagai preset</translation>
    </message>
    <message>
        <source>Show the queue</source>
        <translation>Tampilkan antrean</translation>
    </message>
    <message>
        <source>Show the library</source>
        <translation>Tampilkan pustaka</translation>
    </message>
    <message>
        <source>Show the history</source>
        <translation>Tampilkan riwayat</translation>
    </message>
    <message>
        <source>Show the storyboard</source>
        <translation>Tampilkan storyboard</translation>
    </message>
    <message>
        <source>Search the library</source>
        <translation>Cari di pustaka</translation>
    </message>
    <message>
        <source>Pause / resume sending the queue</source>
        <translation>Jeda / lanjutkan pengiriman antrean</translation>
    </message>
    <message>
        <source>Clear finished clips from the queue</source>
        <translation>Bersihkan klip yang selesai dari antrean</translation>
    </message>
    <message>
        <source>Show / hide the notices</source>
        <translation>Tampilkan / sembunyikan pemberitahuan</translation>
    </message>
    <message>
        <source>Reload models</source>
        <translation>Muat ulang model</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Kunci API</translation>
    </message>
    <message>
        <source>Settings: budget cap, tasks in flight</source>
        <translation>Pengaturan: batas anggaran, tugas berjalan</translation>
    </message>
    <message>
        <source>This list</source>
        <translation>Daftar ini</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <source>Recall the previous prompt</source>
        <translation>Panggil prompt sebelumnya</translation>
    </message>
    <message>
        <source>Recall the next prompt</source>
        <translation>Panggil prompt berikutnya</translation>
    </message>
    <message>
        <source>Play the selected clip</source>
        <translation>Putar klip yang dipilih</translation>
    </message>
    <message>
        <source>Remove a waiting clip</source>
        <translation>Keluarkan klip yang menunggu</translation>
    </message>
    <message>
        <source>Move a waiting clip up (sent sooner)</source>
        <translation>Naikkan klip yang menunggu (dikirim lebih awal)</translation>
    </message>
    <message>
        <source>Move a waiting clip down (sent later)</source>
        <translation>Turunkan klip yang menunggu (dikirim belakangan)</translation>
    </message>
    <message>
        <source>Retry a failed clip (a new paid task)</source>
        <translation>Coba lagi klip yang gagal (tugas baru berbayar)</translation>
    </message>
    <message>
        <source>Copy the prompt</source>
        <translation>Salin prompt</translation>
    </message>
    <message>
        <source>Anywhere</source>
        <translation>Di mana saja</translation>
    </message>
    <message>
        <source>Prompt focused</source>
        <translation>Saat kotak prompt aktif</translation>
    </message>
    <message>
        <source>Queue focused</source>
        <translation>Fokus di antrean</translation>
    </message>
    <message>
        <source>Player focused</source>
        <translation>Fokus di pemutar</translation>
    </message>
    <message>
        <source>Compare view focused</source>
        <translation>Tampilan perbandingan aktif</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Pintasan keyboard</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <source>Any time</source>
        <translation>Kapan saja</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hari ini</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 hari terakhir</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 hari terakhir</translation>
    </message>
    <message>
        <source>Search clips by prompt</source>
        <translation>Cari klip menurut prompt</translation>
    </message>
    <message>
        <source>Search prompts…  (Ctrl+F)</source>
        <translation>Cari prompt…  (Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter by model</source>
        <translation>Saring menurut model</translation>
    </message>
    <message>
        <source>Filter by date</source>
        <translation>Saring menurut tanggal</translation>
    </message>
    <message>
        <source>Only favourites</source>
        <translation>Hanya favorit</translation>
    </message>
    <message>
        <source>Sort clips</source>
        <translation>Urutkan klip</translation>
    </message>
    <message>
        <source>Newest</source>
        <translation>Terbaru</translation>
    </message>
    <message>
        <source>Oldest</source>
        <translation>Terlama</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Clip library</source>
        <translation>Pustaka klip</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Hapus saringan</translation>
    </message>
    <message>
        <source>Clear the search and filters</source>
        <translation>Kosongkan pencarian dan saringan</translation>
    </message>
    <message>
        <source>All models</source>
        <translation>Semua model</translation>
    </message>
    <message numerus="yes">
        <source>%1+ of %n clip(s)</source>
        <translation>
            <numerusform>%1+ dari %n klip</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n clip(s)</source>
        <translation>
            <numerusform>%1 dari %n klip</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s)</source>
        <translation>
            <numerusform>%n klip</numerusform>
        </translation>
    </message>
    <message>
        <source>No clips yet.
Write a prompt and press Ctrl+Enter: finished clips are saved here, and stay playable offline.</source>
        <translation>Belum ada klip.
Tulis prompt lalu tekan Ctrl+Enter: klip yang selesai disimpan di sini dan tetap bisa diputar tanpa internet.</translation>
    </message>
    <message>
        <source>No clip matches “%1”.</source>
        <translation>Tidak ada klip yang cocok dengan “%1”.</translation>
    </message>
    <message>
        <source>No clip matches these filters.</source>
        <translation>Tidak ada klip yang cocok dengan saringan ini.</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Putar</translation>
    </message>
    <message>
        <source>Reveal in file manager</source>
        <translation>Tampilkan di pengelola file</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>Salin jalur</translation>
    </message>
    <message>
        <source>Re-run with these settings</source>
        <translation>Jalankan lagi dengan pengaturan ini</translation>
    </message>
    <message>
        <source>Use last frame as first frame</source>
        <translation>Pakai frame terakhir sebagai frame pertama</translation>
    </message>
    <message>
        <source>Remove from favourites</source>
        <translation>Hapus dari favorit</translation>
    </message>
    <message>
        <source>Add to favourites</source>
        <translation>Tambahkan ke favorit</translation>
    </message>
    <message>
        <source>Delete local copy…</source>
        <translation>Hapus salinan lokal…</translation>
    </message>
    <message>
        <source>Delete from provider…</source>
        <translation>Hapus dari penyedia…</translation>
    </message>
    <message>
        <source>No file manager could be opened. The clip is in %1 (Copy path puts it on the clipboard).</source>
        <translation>Pengelola file tidak dapat dibuka. Klip ada di %1 (Salin jalur menaruhnya di papan klip).</translation>
    </message>
    <message>
        <source>Delete local copy</source>
        <translation>Hapus salinan lokal</translation>
    </message>
    <message>
        <source>Delete the local files of this clip?

%1

The provider&apos;s copy (if not yet expired) is not touched.</source>
        <translation>Hapus file lokal klip ini?

%1

Salinan di penyedia (jika belum kedaluwarsa) tidak diubah.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Tampilan</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>&amp;Antrean</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ba&amp;ntuan</translation>
    </message>
    <message>
        <source>Airforce Studio — Demo (simulated, nothing is paid)</source>
        <translation>Airforce Studio — Demo (simulasi, tidak ada yang dibayar)</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Antrean</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Pustaka</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Riwayat</translation>
    </message>
    <message>
        <source>The demo needs no key. Start Airforce Studio without --demo to use yours.</source>
        <translation>Demo tidak memerlukan kunci. Jalankan Airforce Studio tanpa --demo untuk memakai kunci Anda.</translation>
    </message>
    <message>
        <source>Cannot play this clip: %1</source>
        <translation>Klip ini tidak bisa diputar: %1</translation>
    </message>
    <message>
        <source>API key…</source>
        <translation>Kunci API…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Pengaturan…</translation>
    </message>
    <message>
        <source>Reload models</source>
        <translation>Muat ulang model</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <source>Focus prompt</source>
        <translation>Fokus ke prompt</translation>
    </message>
    <message>
        <source>Search library</source>
        <translation>Cari di pustaka</translation>
    </message>
    <message>
        <source>Paste image</source>
        <translation>Tempel gambar</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>Pemberitahuan</translation>
    </message>
    <message>
        <source>Pause / resume sending</source>
        <translation>Jeda / lanjutkan pengiriman</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>Bersihkan yang selesai</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Pintasan keyboard</translation>
    </message>
    <message>
        <source>About Airforce Studio</source>
        <translation>Tentang Airforce Studio</translation>
    </message>
    <message>
        <source>Loading models…</source>
        <translation>Memuat model…</translation>
    </message>
    <message>
        <source>Could not load models: %1 Trying again by itself; &lt;a href=&apos;retry&apos;&gt;Retry now&lt;/a&gt; (F5)</source>
        <translation>Gagal memuat model: %1 Mencoba lagi dengan sendirinya; &lt;a href=&apos;retry&apos;&gt;Coba sekarang&lt;/a&gt; (F5)</translation>
    </message>
    <message>
        <source>Could not load models: %1 &lt;a href=&apos;retry&apos;&gt;Retry&lt;/a&gt; (F5)</source>
        <translation>Gagal memuat model: %1 &lt;a href=&apos;retry&apos;&gt;Coba lagi&lt;/a&gt; (F5)</translation>
    </message>
    <message>
        <source>paused by you</source>
        <translation>dijeda oleh Anda</translation>
    </message>
    <message>
        <source>Could not save settings: %1</source>
        <translation>Gagal menyimpan pengaturan: %1</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Pengaturan disimpan.</translation>
    </message>
    <message>
        <source>Airforce Studio %1&lt;br&gt;Video clips from the Airforce API, archived locally before they expire.</source>
        <translation>Airforce Studio %1&lt;br&gt;Klip video dari API Airforce, diarsipkan di komputer Anda sebelum kedaluwarsa.</translation>
    </message>
    <message>
        <source>Switch to an image mode and copy an image first.</source>
        <translation>Pindah ke mode gambar dan salin gambar terlebih dahulu.</translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) keep rendering at the provider; the next start downloads them. Closing…</source>
        <translation>
            <numerusform>%n klip masih dirender di penyedia; klip itu diunduh saat aplikasi dibuka lagi. Menutup…</numerusform>
        </translation>
    </message>
    <message>
        <source>Storyboard</source>
        <translation>Storyboard</translation>
    </message>
    <message>
        <source>New film…</source>
        <translation>Film baru…</translation>
    </message>
    <message>
        <source>Open film…</source>
        <translation>Buka film…</translation>
    </message>
    <message>
        <source>Recent films</source>
        <translation>Film terbaru</translation>
    </message>
    <message>
        <source>Export selected clip as GIF / WebP…</source>
        <translation>Ekspor klip terpilih sebagai GIF / WebP…</translation>
    </message>
    <message>
        <source>Compare selected clips…</source>
        <translation>Bandingkan klip terpilih…</translation>
    </message>
    <message>
        <source>Select 2 to 4 clips in the library to compare them.</source>
        <translation>Pilih 2 sampai 4 klip di pustaka untuk membandingkannya.</translation>
    </message>
    <message>
        <source>Select one clip in the library first.</source>
        <translation>Pilih satu klip di pustaka terlebih dahulu.</translation>
    </message>
</context>
<context>
    <name>NoticeArea</name>
    <message>
        <source>Notice action</source>
        <translation>Tindakan pemberitahuan</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Show every notice</source>
        <translation>Tampilkan semua pemberitahuan</translation>
    </message>
    <message>
        <source>Dismiss this notice</source>
        <translation>Tutup pemberitahuan ini</translation>
    </message>
    <message>
        <source>Dismiss (it stays in the list)</source>
        <translation>Tutup (tetap ada di daftar)</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>Pemberitahuan</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Coba lagi sekarang</translation>
    </message>
    <message>
        <source>Resume sending</source>
        <translation>Lanjutkan pengiriman</translation>
    </message>
    <message>
        <source>Change API key…</source>
        <translation>Ganti kunci API…</translation>
    </message>
    <message numerus="yes">
        <source>All notices (%n)</source>
        <translation>
            <numerusform>Semua pemberitahuan (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Notices (%n)</source>
        <translation>
            <numerusform>Pemberitahuan (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message numerus="yes">
        <source>%n clip(s) wait in the local queue.</source>
        <translation>
            <numerusform>%n klip menunggu di antrean lokal.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) already sent are kept at the provider until they can be downloaded.</source>
        <translation>
            <numerusform>%n klip yang sudah terkirim disimpan di penyedia sampai bisa diunduh.</numerusform>
        </translation>
    </message>
    <message>
        <source>Free space and resume.</source>
        <translation>Kosongkan ruang disk lalu lanjutkan.</translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) re-attached</source>
        <translation>
            <numerusform>%n klip tersambung kembali</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sent again (never reached the provider)</source>
        <translation>
            <numerusform>%n dikirim ulang (tidak pernah sampai ke penyedia)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n gagal</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n paid twice</source>
        <translation>
            <numerusform>%n dibayar dua kali</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n need(s) attention</source>
        <translation>
            <numerusform>%n perlu perhatian</numerusform>
        </translation>
    </message>
    <message>
        <source>clip #%1</source>
        <translation>klip #%1</translation>
    </message>
    <message>
        <source>clip #%1 “%2”</source>
        <translation>klip #%1 “%2”</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>an HTML page</source>
        <translation>halaman HTML</translation>
    </message>
    <message>
        <source>not JSON</source>
        <translation>bukan JSON</translation>
    </message>
    <message>
        <source>The server&apos;s answers cannot be read (%1).</source>
        <translation>Jawaban server tidak bisa dibaca (%1).</translation>
    </message>
    <message>
        <source>The server is not answering (%1).</source>
        <translation>Server tidak menjawab (%1).</translation>
    </message>
    <message>
        <source>The server is not answering.</source>
        <translation>Server tidak menjawab.</translation>
    </message>
    <message>
        <source>Next try in %1 s.</source>
        <translation>Dicoba lagi dalam %1 dtk.</translation>
    </message>
    <message>
        <source>Trying again now…</source>
        <translation>Mencoba lagi sekarang…</translation>
    </message>
    <message>
        <source>New clips wait in the local queue.</source>
        <translation>Klip baru menunggu di antrean lokal.</translation>
    </message>
    <message>
        <source>%1 is lost at the provider (not refunded): %2</source>
        <translation>%1 hilang di penyedia (dana tidak dikembalikan): %2</translation>
    </message>
    <message>
        <source>%1 failed; the provider keeps the charge: %2</source>
        <translation>%1 gagal; penyedia tetap menagih biayanya: %2</translation>
    </message>
    <message>
        <source>%1 failed (refunded): %2</source>
        <translation>%1 gagal (dana dikembalikan): %2</translation>
    </message>
    <message>
        <source>Clip #%1 was paid twice (one send reached the provider twice). Both clips are kept; the second is #%2.</source>
        <translation>Klip #%1 dibayar dua kali (satu pengiriman sampai ke penyedia dua kali). Kedua klip disimpan; yang kedua adalah #%2.</translation>
    </message>
    <message>
        <source>Clip #%1 needs attention (%2): %3. Retry runs it again.</source>
        <translation>Klip #%1 perlu perhatian (%2): %3. Coba lagi akan menjalankannya kembali.</translation>
    </message>
    <message>
        <source>The server answers again.</source>
        <translation>Server menjawab lagi.</translation>
    </message>
    <message>
        <source>The disk is full</source>
        <translation>Disk penuh</translation>
    </message>
    <message>
        <source>The data folder cannot be written</source>
        <translation>Folder data tidak dapat ditulisi</translation>
    </message>
    <message>
        <source>%1 (%2).</source>
        <translation>%1 (%2).</translation>
    </message>
    <message>
        <source>The provider refused the API key: %1. Sending is paused; clips wait in the local queue until a working key is set.</source>
        <translation>Penyedia menolak kunci API: %1. Pengiriman dijeda; klip menunggu di antrean lokal sampai kunci yang berfungsi dipasang.</translation>
    </message>
    <message>
        <source>Sending is paused: %1</source>
        <translation>Pengiriman dijeda: %1</translation>
    </message>
    <message>
        <source>%1 was unreadable (%2). It was moved to %3; recovered what could be read.</source>
        <translation>%1 tidak terbaca (%2). File itu dipindahkan ke %3; bagian yang masih terbaca dipulihkan.</translation>
    </message>
    <message>
        <source>Could not yet check whether %1 was paid twice: the server did not answer. The next start checks again.</source>
        <translation>Belum bisa memeriksa apakah %1 dibayar dua kali: server tidak menjawab. Pemeriksaan diulang saat aplikasi dibuka lagi.</translation>
    </message>
    <message>
        <source>Could not look for clips made elsewhere with this key: the server did not answer. The next start looks again.</source>
        <translation>Tidak bisa mencari klip yang dibuat di tempat lain dengan kunci ini: server tidak menjawab. Pencarian diulang saat aplikasi dibuka lagi.</translation>
    </message>
    <message>
        <source>The last session was picked up: %1.</source>
        <translation>Sesi terakhir dilanjutkan: %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) from the last session are lost at the provider (not refunded).</source>
        <translation>
            <numerusform>%n klip dari sesi terakhir hilang di penyedia (dana tidak dikembalikan).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlayerPanel</name>
    <message>
        <source>Play / pause</source>
        <translation>Putar / jeda</translation>
    </message>
    <message>
        <source>Back 5 seconds</source>
        <translation>Mundur 5 detik</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Jeda</translation>
    </message>
    <message>
        <source>Play; again for 2× and 4× speed</source>
        <translation>Putar; tekan lagi untuk kecepatan 2× dan 4×</translation>
    </message>
    <message>
        <source>Previous frame (pauses)</source>
        <translation>Frame sebelumnya (berhenti sejenak)</translation>
    </message>
    <message>
        <source>Next frame (pauses)</source>
        <translation>Frame berikutnya (berhenti sejenak)</translation>
    </message>
    <message>
        <source>Full screen on / off</source>
        <translation>Layar penuh aktif / nonaktif</translation>
    </message>
    <message>
        <source>Leave full screen</source>
        <translation>Keluar dari layar penuh</translation>
    </message>
    <message>
        <source>Mute / unmute</source>
        <translation>Bisukan / bunyikan</translation>
    </message>
    <message>
        <source>Loop on / off</source>
        <translation>Putar berulang aktif / nonaktif</translation>
    </message>
    <message>
        <source>Nothing playing.
Double-click a clip in the library or the queue to play it here.
Space plays, F goes full screen.</source>
        <translation>Tidak ada yang diputar.
Klik dua kali klip di pustaka atau antrean untuk memutarnya di sini.
Space memutar, F untuk layar penuh.</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>seed %1</translation>
    </message>
    <message>
        <source>variation #%1</source>
        <translation>variasi #%1</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>Nothing playing — double-click a clip in the library or queue</source>
        <translation>Tidak ada yang diputar — klik dua kali klip di pustaka atau antrean</translation>
    </message>
    <message>
        <source>this clip cannot be played</source>
        <translation>klip ini tidak bisa diputar</translation>
    </message>
    <message>
        <source>Play or pause (Space)</source>
        <translation>Putar atau jeda (Space)</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Posisi</translation>
    </message>
    <message>
        <source>Mute (M)</source>
        <translation>Bisukan (M)</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>Ulang</translation>
    </message>
    <message>
        <source>Loop playback (O)</source>
        <translation>Putar berulang (O)</translation>
    </message>
    <message>
        <source>Full screen (F; Esc leaves)</source>
        <translation>Layar penuh (F; Esc untuk keluar)</translation>
    </message>
    <message>
        <source>Unmute (M)</source>
        <translation>Bunyikan (M)</translation>
    </message>
</context>
<context>
    <name>PresetBar</name>
    <message>
        <source>Presets</source>
        <translation>Preset</translation>
    </message>
    <message>
        <source>Load saved settings</source>
        <translation>Muat pengaturan yang disimpan</translation>
    </message>
    <message>
        <source>Save these settings as a preset</source>
        <translation>Simpan pengaturan ini sebagai preset</translation>
    </message>
    <message>
        <source>Save these settings as a preset…</source>
        <translation>Simpan pengaturan ini sebagai preset…</translation>
    </message>
    <message>
        <source>Delete the chosen preset</source>
        <translation>Hapus preset yang dipilih</translation>
    </message>
    <message>
        <source>Presets…</source>
        <translation>Preset…</translation>
    </message>
    <message>
        <source>No presets yet</source>
        <translation>Belum ada preset</translation>
    </message>
    <message>
        <source>Save preset</source>
        <translation>Simpan preset</translation>
    </message>
    <message>
        <source>Name of the preset (an existing name is replaced):</source>
        <translation>Nama preset (nama yang sudah ada akan diganti):</translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation>“%1” disimpan.</translation>
    </message>
</context>
<context>
    <name>PromptHistoryDialog</name>
    <message>
        <source>Prompt history</source>
        <translation>Riwayat prompt</translation>
    </message>
    <message>
        <source>Search past prompts</source>
        <translation>Cari prompt sebelumnya</translation>
    </message>
    <message>
        <source>Search past prompts…</source>
        <translation>Cari prompt sebelumnya…</translation>
    </message>
    <message>
        <source>Past prompts, newest first</source>
        <translation>Prompt sebelumnya, terbaru di atas</translation>
    </message>
    <message>
        <source>Use this prompt</source>
        <translation>Pakai prompt ini</translation>
    </message>
    <message>
        <source>No prompt matches. Clear the search to see them all.</source>
        <translation>Tidak ada prompt yang cocok. Kosongkan pencarian untuk melihat semuanya.</translation>
    </message>
    <message>
        <source>No prompts yet: the prompts you send appear here.</source>
        <translation>Belum ada prompt: prompt yang Anda kirim akan muncul di sini.</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Durasi</translation>
    </message>
    <message>
        <source>Aspect</source>
        <translation>Rasio</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Kualitas</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progres</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>Berlalu</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Biaya</translation>
    </message>
    <message>
        <source>Expires in</source>
        <translation>Kedaluwarsa</translation>
    </message>
    <message>
        <source>Paused (#%1)</source>
        <translation>Dijeda #%1</translation>
    </message>
    <message>
        <source>Waiting (#%1)</source>
        <translation>Menunggu #%1</translation>
    </message>
    <message>
        <source>Rendering %1%</source>
        <translation>Dirender %1%</translation>
    </message>
    <message>
        <source>Queued at provider</source>
        <translation>Antre di penyedia</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Gagal</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Kedaluwarsa</translation>
    </message>
    <message>
        <source>Lost at the provider: %1</source>
        <translation>Hilang di penyedia: %1</translation>
    </message>
    <message>
        <source>Needs attention: %1</source>
        <translation>Perlu perhatian: %1</translation>
    </message>
    <message>
        <source>Downloading — %1</source>
        <translation>Mengunduh — %1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Mengirim…</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Terkirim</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>Mengunduh…</translation>
    </message>
    <message>
        <source>In library</source>
        <translation>Di pustaka</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Dikeluarkan</translation>
    </message>
    <message>
        <source>retried as #%1</source>
        <translation>dicoba lagi sebagai #%1</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>dana dikembalikan</translation>
    </message>
    <message>
        <source>not charged</source>
        <translation>tidak ditagih</translation>
    </message>
    <message>
        <source>charged %1</source>
        <translation>ditagih %1</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Queue of clips</source>
        <translation>Antrean klip</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Putar</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Keluarkan</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Naikkan</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Turunkan</translation>
    </message>
    <message>
        <source>Retry…</source>
        <translation>Coba lagi…</translation>
    </message>
    <message>
        <source>Copy prompt</source>
        <translation>Salin prompt</translation>
    </message>
    <message>
        <source>Send to editor</source>
        <translation>Kirim ke editor</translation>
    </message>
    <message>
        <source>Reveal file</source>
        <translation>Tampilkan file</translation>
    </message>
    <message>
        <source>Delete at provider…</source>
        <translation>Hapus di penyedia…</translation>
    </message>
    <message>
        <source>Pause queue</source>
        <translation>Jeda antrean</translation>
    </message>
    <message>
        <source>Stop sending new clips; clips already sent keep rendering (Ctrl+P)</source>
        <translation>Berhenti mengirim klip baru; klip yang sudah terkirim tetap dirender (Ctrl+P)</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>Bersihkan yang selesai</translation>
    </message>
    <message>
        <source>Hide finished rows; the library and the journal keep them</source>
        <translation>Sembunyikan baris yang selesai; pustaka dan jurnal tetap menyimpannya</translation>
    </message>
    <message>
        <source>Queue actions</source>
        <translation>Tindakan antrean</translation>
    </message>
    <message>
        <source>Resume queue</source>
        <translation>Lanjutkan antrean</translation>
    </message>
    <message>
        <source>Remove this clip before it is sent (nothing is charged)</source>
        <translation>Keluarkan klip ini sebelum dikirim (tidak ada biaya)</translation>
    </message>
    <message>
        <source>Only clips still waiting here can be removed; a sent clip is paid for — see Delete at provider in the row&apos;s menu</source>
        <translation>Hanya klip yang masih menunggu di sini yang bisa dikeluarkan; klip yang sudah terkirim sudah dibayar — lihat Hapus di penyedia di menu baris</translation>
    </message>
    <message>
        <source>Retried as #%1</source>
        <translation>Dicoba lagi sebagai #%1</translation>
    </message>
    <message>
        <source>Delete at provider (no refund)…</source>
        <translation>Hapus di penyedia (tanpa pengembalian dana)…</translation>
    </message>
    <message>
        <source>A task the provider has started cannot be cancelled; deleting it stops it, and the charge stays.</source>
        <translation>Tugas yang sudah dimulai penyedia tidak bisa dibatalkan; menghapusnya akan menghentikannya, dan biayanya tetap ditagih.</translation>
    </message>
    <message>
        <source>Deletes the task and its video at the provider; your local copy stays.</source>
        <translation>Menghapus tugas beserta videonya di penyedia; salinan lokal Anda tetap ada.</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <source>Review takes of %1</source>
        <translation>Tinjau take dari %1</translation>
    </message>
    <message>
        <source>Compare clips</source>
        <translation>Bandingkan klip</translation>
    </message>
    <message>
        <source>Select a view (click or 1–4); P keeps, X rejects, S stars. ← → step every view one frame; Shift+Space plays them all.</source>
        <translation>Pilih tampilan (klik atau 1–4); P mempertahankan, X menolak, S memberi bintang. ← → menggeser semua tampilan satu frame; Shift+Spasi memutar semuanya.</translation>
    </message>
    <message>
        <source>Clean up rejected…</source>
        <translation>Bersihkan yang ditolak…</translation>
    </message>
    <message>
        <source>No takes to compare: render the shot first (set count above 1 for several takes).</source>
        <translation>Tidak ada take untuk dibandingkan: render shot terlebih dahulu (atur jumlah di atas 1 untuk beberapa take).</translation>
    </message>
    <message>
        <source>A take could not be decoded: %1</source>
        <translation>Sebuah take tidak dapat didekode: %1</translation>
    </message>
    <message>
        <source>%1 is now the take of shot %2.</source>
        <translation>%1 sekarang menjadi take dari shot %2.</translation>
    </message>
    <message>
        <source>No rejected take has a local copy.</source>
        <translation>Tidak ada take yang ditolak dengan salinan lokal.</translation>
    </message>
    <message>
        <source>Clean up rejected takes</source>
        <translation>Bersihkan take yang ditolak</translation>
    </message>
    <message>
        <source>Delete the local copies of %1 rejected take(s)? This frees %2. The provider&apos;s copies are untouched.</source>
        <translation>Hapus salinan lokal dari %1 take yang ditolak? Ini membebaskan %2. Salinan di penyedia tidak disentuh.</translation>
    </message>
    <message>
        <source>Freed %1.</source>
        <translation>Dibebaskan %1.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <source>Budget cap in US dollars, 0 for none</source>
        <translation>Batas anggaran dalam dolar AS, 0 berarti tanpa batas</translation>
    </message>
    <message>
        <source>No cap</source>
        <translation>Tanpa batas</translation>
    </message>
    <message>
        <source>Tasks in flight at once</source>
        <translation>Tugas yang berjalan bersamaan</translation>
    </message>
    <message>
        <source>Archive tasks of this key made in other tools</source>
        <translation>Arsipkan tugas kunci ini yang dibuat di aplikasi lain</translation>
    </message>
    <message>
        <source>Adopt tasks made elsewhere</source>
        <translation>Ambil alih tugas yang dibuat di tempat lain</translation>
    </message>
    <message>
        <source>Language of the window</source>
        <translation>Bahasa tampilan</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Sama dengan sistem</translation>
    </message>
    <message>
        <source>Takes effect the next time Airforce Studio starts.</source>
        <translation>Berlaku saat Airforce Studio dijalankan lagi.</translation>
    </message>
    <message>
        <source>Colour theme of the window</source>
        <translation>Tema warna jendela</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Terang</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Gelap</translation>
    </message>
    <message>
        <source>The cap counts everything spent in this profile (refunds deducted) plus what is waiting in the queue. Tasks in flight: the provider allows 4; lower it to leave room for other tools using the same key. A new language takes effect the next time Airforce Studio starts.</source>
        <translation>Batas menghitung semua yang sudah dibelanjakan di profil ini (dikurangi pengembalian dana) ditambah yang masih menunggu di antrean. Tugas berjalan: penyedia mengizinkan 4; turunkan untuk menyisakan ruang bagi aplikasi lain yang memakai kunci yang sama. Bahasa baru berlaku saat Airforce Studio dijalankan lagi.</translation>
    </message>
    <message>
        <source>Budget cap</source>
        <translation>Batas anggaran</translation>
    </message>
    <message>
        <source>Tasks in flight</source>
        <translation>Tugas berjalan</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
</context>
<context>
    <name>Storyboard</name>
    <message>
        <source>Ready</source>
        <translation>Siap</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>Usang</translation>
    </message>
    <message>
        <source>Needs a take</source>
        <translation>Perlu take</translation>
    </message>
    <message>
        <source>Rendering…</source>
        <translation>Sedang dirender…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Dijeda</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Gagal</translation>
    </message>
    <message>
        <source>+ Chain from this shot</source>
        <translation>+ Sambung dari shot ini</translation>
    </message>
    <message>
        <source>No take yet</source>
        <translation>Belum ada take</translation>
    </message>
</context>
<context>
    <name>StoryboardView</name>
    <message>
        <source>No film open. Make one from the editor&apos;s settings, or open a shot list (*.afilm.json).</source>
        <translation>Belum ada film yang terbuka. Buat dari pengaturan editor, atau buka daftar shot (*.afilm.json).</translation>
    </message>
    <message>
        <source>New film…</source>
        <translation>Film baru…</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Buka…</translation>
    </message>
    <message>
        <source>Add shot from editor</source>
        <translation>Tambah shot dari editor</translation>
    </message>
    <message>
        <source>Update shot from editor</source>
        <translation>Perbarui shot dari editor</translation>
    </message>
    <message>
        <source>Render…</source>
        <translation>Render…</translation>
    </message>
    <message>
        <source>Regenerate stale…</source>
        <translation>Buat ulang yang usang…</translation>
    </message>
    <message>
        <source>Review takes…</source>
        <translation>Tinjau take…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Ekspor…</translation>
    </message>
    <message>
        <source>Remove shot</source>
        <translation>Hapus shot</translation>
    </message>
    <message>
        <source>Shots of the film</source>
        <translation>Shot dari film</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Tersimpan %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2</translation>
    </message>
    <message>
        <source>Regenerate stale (%1)…</source>
        <translation>Buat ulang yang usang (%1)…</translation>
    </message>
    <message>
        <source>Shot %1 has no take yet: render it first, then chain from a frame of it.</source>
        <translation>Shot %1 belum punya take: render dulu, lalu sambung dari salah satu frame-nya.</translation>
    </message>
    <message>
        <source>the last frame</source>
        <translation>frame terakhir</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 dtk</translation>
    </message>
    <message>
        <source>Shot %1 continues from %2 of shot %3.</source>
        <translation>Shot %1 berlanjut dari %2 pada shot %3.</translation>
    </message>
    <message>
        <source>Choose a model and write a prompt in the editor first: it becomes the first shot.</source>
        <translation>Pilih model dan tulis prompt di editor terlebih dahulu: itu menjadi shot pertama.</translation>
    </message>
    <message>
        <source>New film</source>
        <translation>Film baru</translation>
    </message>
    <message>
        <source>Shot lists (*.afilm.json)</source>
        <translation>Daftar shot (*.afilm.json)</translation>
    </message>
    <message>
        <source>Open a film</source>
        <translation>Buka film</translation>
    </message>
    <message>
        <source>Choose a model and write a prompt in the editor first.</source>
        <translation>Pilih model dan tulis prompt di editor terlebih dahulu.</translation>
    </message>
    <message>
        <source>Select a shot, and set the editor first.</source>
        <translation>Pilih sebuah shot, dan atur editor terlebih dahulu.</translation>
    </message>
    <message>
        <source>Every shot has a valid take: nothing to make.</source>
        <translation>Setiap shot punya take yang valid: tidak ada yang perlu dibuat.</translation>
    </message>
    <message>
        <source>%1: %2, %3 s × %4 — %5</source>
        <translation>%1: %2, %3 dtk × %4 — %5</translation>
    </message>
    <message>
        <source>Regenerate stale shots</source>
        <translation>Buat ulang shot yang usang</translation>
    </message>
    <message>
        <source>Render the film</source>
        <translation>Render film</translation>
    </message>
    <message>
        <source>Shots to make: %1, for %2 in all:&lt;ul&gt;%3&lt;/ul&gt;Shots chained after a changed shot are made again too.</source>
        <translation>Shot yang akan dibuat: %1, total %2:&lt;ul&gt;%3&lt;/ul&gt;Shot yang tersambung setelah shot yang berubah juga dibuat ulang.</translation>
    </message>
    <message>
        <source>Every shot has its take.</source>
        <translation>Setiap shot sudah punya take.</translation>
    </message>
</context>
<context>
    <name>TrimStrip</name>
    <message>
        <source>Trim: in and out points</source>
        <translation>Pangkas: titik masuk dan keluar</translation>
    </message>
    <message>
        <source>cannot read: %1</source>
        <translation>tidak dapat dibaca: %1</translation>
    </message>
    <message>
        <source>%1–%2 s</source>
        <translation>%1–%2 dtk</translation>
    </message>
</context>
<context>
    <name>WindowStatus</name>
    <message>
        <source>Spent today %1 · this month %2</source>
        <translation>Terpakai hari ini %1 · bulan ini %2</translation>
    </message>
    <message>
        <source>(demo: simulated, nothing is paid)</source>
        <translation>(demo: simulasi, tidak ada yang dibayar)</translation>
    </message>
    <message>
        <source>Every clip in the queue is done.</source>
        <translation>Semua klip di antrean sudah selesai.</translation>
    </message>
</context>
</TS>
