broadcast-not-allowed = Atsiprašome, pranešimus visiems gali siųsti tik organizatoriai.
broadcast-choose-audience = <b>Naujas pranešimas.</b> Kam jį išsiųsti?
broadcast-audience-all = Visiems ({ $count })
broadcast-audience-language = { $language } ({ $count })
broadcast-no-recipients = Šioje auditorijoje dar nieko nėra, tad nėra kam siųsti.
broadcast-audience-summary = Pranešimą gaus <b>{ $total }</b> žm.:
broadcast-count-line = • { $language }: { $count }
broadcast-choose-mode = Siųsti visiems vieną tekstą ar atskirą tekstą kiekviena kalba?
broadcast-mode-one = Vienas tekstas visiems
broadcast-mode-per-language = Tekstas kiekviena kalba
broadcast-send-one = Atsiųskite pranešimą: tekstą arba nuotrauką ar dokumentą su aprašu. Paryškinimas, kursyvas ir nuorodos išliks.
broadcast-send-language = Atsiųskite versiją kalba <b>{ $language }</b> ({ $count } žm.) arba paspauskite „Praleisti“, kad jie gautų kitos kalbos versiją.
broadcast-button-skip = Praleisti
broadcast-empty = Tuščio pranešimo išsiųsti negalima. Atsiųskite tekstą, nuotrauką ar dokumentą.
broadcast-nothing-provided = Praleidote visas kalbas, tad nėra ką siųsti. Pradėkite iš naujo: /broadcast
broadcast-preview-title = <b>Peržiūra.</b> Kitą pranešimą gavėjai matys būtent taip.
broadcast-preview-version = <b>Peržiūra: versija kalba { $language }.</b>
broadcast-preview-failed = Telegram nepriėmė šio pranešimo: { $reason }. Atsiųskite jį dar kartą.
broadcast-plan-line = • { $language } ({ $count }): gaus versiją kalba { $version }
broadcast-plan-missing = • { $language } ({ $count }): nieko negaus, nėra jiems suprantamos versijos
broadcast-confirm-question = Siųsti tai <b>{ $total }</b> žm.?
broadcast-button-confirm = ✅ Siųsti
broadcast-button-cancel = Atšaukti
broadcast-button-stop = ⏹ Sustabdyti
broadcast-cancelled = Pranešimas atšauktas. Niekas neišsiųsta.
broadcast-expired = Šis pranešimo juodraštis jau uždarytas. Pradėkite iš naujo: /broadcast
broadcast-progress =
    <b>Pranešimas Nr. { $id }</b> siunčiamas.
    Eilėje: { $total }
    Išsiųsta: { $sent }
    Klaidos: { $failed }
    Užblokavo botą: { $blocked }
broadcast-report =
    <b>Pranešimas Nr. { $id } išsiųstas.</b>
    Eilėje: { $total }
    Išsiųsta: { $sent }
    Klaidos: { $failed }
    Užblokavo botą: { $blocked }
broadcast-report-stopped =
    <b>Pranešimas Nr. { $id } sustabdytas.</b>
    Eilėje: { $total }
    Išsiųsta: { $sent }
    Klaidos: { $failed }
    Užblokavo botą: { $blocked }
    Neišsiųsta: { $cancelled }
broadcast-stopping = Stabdau siuntimą…
outbox-title = <b>Siuntimo eilė</b>
outbox-counts =
    Laukia: { $pending }
    Siunčiama dabar: { $sending }
    Išsiųsta: { $sent }
    Klaidos: { $failed }
    Užblokavo botą: { $blocked }
    Atmesta, nes per vėlu: { $expired }
outbox-next-due = Kitas pranešimas: { $when }
outbox-nothing-due = Niekas nelaukia siuntimo.
outbox-last-errors = <b>Naujausios klaidos:</b>
outbox-error-line = • { $when }, { $kind } gavėjui { $chat }: { $error }
outbox-no-errors = Klaidų nėra.
broadcast-audience-country = 🌍 { $country } ({ $count })
