broadcast-not-allowed = Atsiprašome, pranešimus visiems gali siųsti tik organizatoriai.
broadcast-choose-audience = <b>Naujas pranešimas.</b> Kam jį išsiųsti?
broadcast-audience-all = Visiems ({ $count })
broadcast-audience-language = { $language } ({ $count })
broadcast-no-recipients = Šioje auditorijoje dar nieko nėra, tad nėra kam siųsti.
broadcast-audience-summary = Šioje auditorijoje { $total ->
    [one] <b>{ $total }</b> žmogus:
    [few] <b>{ $total }</b> žmonės:
   *[other] <b>{ $total }</b> žmonių:
}
broadcast-count-line = • { $language }: { $count }
broadcast-choose-mode = Siųsti visiems vieną tekstą ar atskirą tekstą kiekviena kalba?
broadcast-mode-one = Vienas tekstas visiems
broadcast-mode-per-language = Tekstas kiekviena kalba
broadcast-send-one = Atsiųskite pranešimą: tekstą arba nuotrauką ar dokumentą su aprašu. Paryškinimas, kursyvas ir nuorodos išliks.
broadcast-send-language = Atsiųskite versiją <b>{ $language }</b> kalba ({ $count ->
    [one] { $count } skaitytojas
    [few] { $count } skaitytojai
   *[other] { $count } skaitytojų
}). Jei praleisite, jie gaus versiją { $fallback } kalba, jei ją atsiųsite, kitaip nieko.
broadcast-button-skip = Praleisti
broadcast-empty = Tuščio pranešimo išsiųsti negalima. Atsiųskite tekstą, nuotrauką ar dokumentą.
broadcast-nothing-provided = Praleidote visas kalbas, tad nėra ką siųsti. Pradėkite iš naujo: /broadcast
broadcast-preview-title = <b>Peržiūra.</b> Kitą pranešimą gavėjai matys būtent taip.
broadcast-preview-version = <b>Peržiūra: versija kalba { $language }.</b>
broadcast-preview-failed = Telegram nepriėmė šio pranešimo: { $reason }. Atsiųskite jį dar kartą.
broadcast-plan-line = • { $language } ({ $count }): gaus versiją kalba { $version }
broadcast-plan-missing = • { $language } ({ $count }): nieko negaus, nėra jiems suprantamos versijos
broadcast-confirm-question = Siųsti { $total ->
    [one] <b>{ $total }</b> žmogui?
   *[other] <b>{ $total }</b> žmonėms?
}
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
outbox-next-due = Kita žinutė: { $when } ({ $zone })
outbox-nothing-due = Niekas nelaukia siuntimo.
outbox-last-errors = <b>Naujausios klaidos:</b>
outbox-error-line = • { $when }, { $kind ->
    [broadcast] pranešimas visiems
    [kb-expiry] žinių bazės pranešimas
   *[other] žinutė
} asmeniui { $chat }: { $error }
outbox-no-errors = Klaidų nėra.
broadcast-audience-country = 🌍 { $country } ({ $count })
broadcast-send-language-only = Atsiųskite versiją <b>{ $language }</b> kalba ({ $count ->
    [one] { $count } skaitytojas
    [few] { $count } skaitytojai
   *[other] { $count } skaitytojų
}). Jei praleisite, jie nieko negaus: kitos jiems suprantamos versijos nėra.
broadcast-choose-topic = Apie ką šis pranešimas? Jį gaus tik tie, kurie nori tokių pranešimų, o po kiekviena kopija bus mygtukas jų atsisakyti.
broadcast-no-subscribers = Visi šioje auditorijoje yra išjungę tokius pranešimus, siųsti nėra kam.
broadcast-will-get = Pranešimą gaus { $total ->
    [one] <b>{ $total }</b> žmogus:
    [few] <b>{ $total }</b> žmonės:
   *[other] <b>{ $total }</b> žmonių:
}
broadcast-will-miss = Dar { $count ->
    [one] { $count } žmogus neskaito
    [few] { $count } žmonės neskaito
   *[other] { $count } žmonių neskaito
} nė viena iš šių kalbų ir nieko negaus.
broadcast-audience-registrants = 👥 Užsiregistravę: { $title }, { $day }
broadcast-audience-waiting = ⏳ Laukiančiųjų sąrašas: { $title }, { $day }
outbox-times-in = Laikas: { $zone }.
outbox-error-chat-not-found = Telegram nežino šio pokalbio: asmuo čia nepaleido boto arba ištrynė pokalbį
outbox-error-blocked = asmuo užblokavo botą
outbox-error-deactivated = asmuo ištrynė Telegram paskyrą
