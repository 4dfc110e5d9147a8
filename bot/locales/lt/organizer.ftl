cmd-newevent = Sukurti renginį (organizatoriams)
cmd-checkin = Pažymėti svečią pagal kodą (organizatoriams)
org-not-allowed = Atsiprašome, tai tik renginių organizatoriams.
org-new-intro = Sukurkime renginį. Atsakykite į kelis klausimus; bet kada galite sustoti su /cancel.
org-ask-title = Kaip vadinasi renginys? (iki 200 simbolių)
org-ask-description = Trumpas aprašymas renginio kortelei arba paspauskite „Praleisti“.
org-ask-timezone = Kurioje laiko juostoje jis vyksta? Paspauskite mygtuką arba parašykite miestą (Vilnius, Ryga, Almata) ar IANA pavadinimą, pvz., Europe/Vilnius.
org-ask-start = Kada pradžia? Parašykite vietos laiką ({ $zone }), pvz., 25.12.2026 17:00, 2026-12-25 17:00 arba rytoj 18:00.
org-ask-duration = Kiek trunka, minutėmis? „Praleisti“ – 120.
org-ask-venue = Kur vyksta (vietos pavadinimas)? Paspauskite „Praleisti“, jei tik nuotoliu.
org-ask-address = Vietos adresas?
org-ask-capacity = Kiek vietų salėje? (sveikasis skaičius, ne mažiau kaip 1)
org-ask-phone = Ar svečiams salėje reikia nurodyti telefono numerį?
org-ask-zoom-id = Zoom konferencijos ID arba „Praleisti“, jei Zoom nebus.
org-ask-zoom-passcode = Zoom slaptažodis arba „Praleisti“.
org-ask-online-url = Nuoroda prisijungti nuotoliu (http:// arba https://) arba „Praleisti“.
org-ask-livestream-url = Transliacijos nuoroda (http:// arba https://) arba „Praleisti“.
org-ask-deadline = Kada baigti registraciją (vietos laikas { $zone }, pvz., 24.12.2026 18:00)? „Praleisti“ – iki pradžios.
org-ask-contact = Kontaktas klausimams (telefonas, el. paštas ar @vardas) arba „Praleisti“.
org-zone = { $zone }
org-yes = Taip
org-no = Ne
org-skip = Praleisti
org-invalid-text = Parašykite tekstą, ne per ilgą.
org-invalid-zone = Tokios laiko juostos nežinau. Parašykite miestą (Vilnius, Ryga, Almata) arba IANA pavadinimą, pvz., Europe/Vilnius, Europe/Riga ar Asia/Almaty.
org-invalid-date-format = Nepavyko perskaityti datos. Parašykite taip: 25.12.2026 17:00, 2026-12-25 17:00 arba rytoj 18:00.
org-invalid-date-past = Šis laikas jau praėjo. Nurodykite būsimą laiką.
org-invalid-date-nonexistent = Tokio laiko { $zone } nebūna (laikrodžiai persukami į vasaros laiką). Pasirinkite kitą laiką.
org-invalid-date-unknown-zone = Nežinau renginio laiko juostos. Pradėkite iš naujo: /newevent.
org-invalid-deadline = Registracija turi baigtis prieš renginio pradžią.
org-invalid-number = Parašykite sveikąjį skaičių nuo { $minimum } iki { $maximum }, pvz., 20.
org-invalid-url = Atsiųskite nuorodą, prasidedančią http:// arba https://.
org-preview = <b>Peržiūra.</b> Taip renginį matys žmonės:
org-button-publish = 📢 Paskelbti
org-button-discard = 🗑 Išmesti juodraštį
org-published = 📢 „{ $title }“ paskelbtas. Nuoroda dalintis: { $link }
org-discarded = Juodraštis išmestas.
org-button-edit = ✏️ Keisti
org-button-cancel-event = ❌ Atšaukti renginį
org-button-registrations = 👥 Registracijos
org-edit-choose = Ką norite pakeisti?
org-field-title = Pavadinimą
org-field-start = Datą ir laiką
org-field-venue = Vietą
org-field-address = Adresą
org-field-capacity = Vietas salėje
org-field-online-url = Nuotolinio dalyvavimo nuorodą
org-field-livestream-url = Transliacijos nuorodą
org-edit-current = Dabar: { $value }
org-edit-saved = { $count ->
    [0] Išsaugota.
   *[other] Išsaugota. Apie pakeitimą pranešime užsiregistravusiems: { $count }.
}
org-capacity-below = Jau užimta vietų: { $taken }, todėl salėje negali būti mažiau vietų. Niekas nepašalintas. Pirmiausia paprašykite žmonių atšaukti registraciją arba nurodykite { $taken } ar daugiau.
org-button-cancel-confirm = Taip, atšaukti renginį
org-cancel-ask = Atšaukti „{ $title }“? Visiems užsiregistravusiems bus pranešta, priminimai sustabdyti.
org-cancelled = „{ $title }“ atšauktas. Pranešimą gaus užsiregistravusieji: { $count }.
org-counts =
    <b>{ $title }</b>
    Užimta vietų: { $taken } iš { $capacity }
    Laukiančiųjų sąrašas: { $waiting }{ $waiting_online ->
        [0] {""}
       *[other] , iš jų { $waiting_online } kol kas nuotoliu
    }
    Nuotoliu: { $online }
    Atšaukė: { $cancelled }
    Atvyko: { $checked_in }
org-button-checkin = ✅ { $name } ({ $code })
org-button-csv = 📄 Dalyvių sąrašas (CSV)
org-button-report = 📊 Ataskaita
org-csv-caption = Dalyvių sąrašas: { $title }
org-report =
    <b>Ataskaita: { $title }</b>, { $when }
    Užsiregistravo: { $registered } (salėje { $offline }, nuotoliu { $online })
    Atvyko į salę: { $attended }
    Neatvyko: { $no_shows }
    Pagal kalbą: { $languages }
org-checkin-usage = Atsiųskite svečio kodą taip: /checkin K7M2QX
org-checkin-ok = ✅ { $name } pažymėtas (-a).
org-checkin-already = { $name } jau pažymėtas (-a).
org-checkin-not-found = Registracijos su šiuo kodu nėra.
org-checkin-not-confirmed = { $name } neturi patvirtintos vietos (laukia sąraše arba atšaukė).
org-wizard-cancelled = Sustabdyta. Niekas neišsaugota.
org-nothing-to-cancel = Nėra ko atšaukti.
org-edit-cancelled = Keitimas sustabdytas. Niekas nepakeista.
org-invalid-range = Parašykite sveikąjį skaičių nuo { $minimum } iki { $maximum }.
org-invalid-too-long = Čia { $length } simbolių, o telpa ne daugiau kaip { $maximum }. Sutrumpinkite.
org-invalid-no-way-to-attend = Į šį renginį niekas negalėtų patekti: nėra nei vietos, nei nuotolinės nuorodos, nei transliacijos. Nurodykite vietą (arba praleiskite ją ir duokite nuotolinę nuorodą ar transliaciją).
org-invalid-required = Šis atsakymas būtinas.
org-field-description = Aprašymą
org-field-duration = Trukmę
org-field-phone = Ar reikia telefono
org-field-zoom-id = Zoom ID
org-field-zoom-passcode = Zoom kodą
org-field-deadline = Registracijos terminą
org-field-contact = Kontaktą
cmd-broadcast = Siųsti pranešimą (organizatoriams)
cmd-outbox = Kas laukia išsiuntimo (organizatoriams)
cmd-unanswered = Neatsakyti klausimai (organizatoriams)
cmd-reload = Atnaujinti žinių bazę (organizatoriams)
csv-name = Vardas
csv-phone = Telefonas
csv-mode = Dalyvavimas
csv-status = Būsena
csv-code = Kodas
csv-checked_in = Atvyko
csv-mode-offline = salėje
csv-mode-online = internetu
csv-status-confirmed = patvirtinta
csv-status-waiting = laukiančiųjų sąrašas
csv-status-offered = pasiūlyta vieta
csv-status-cancelled = atšaukta
csv-status-lapsed = pasiūlymas baigėsi
org-button-cancel-keep = Ne, palikti renginį
org-cancel-kept = „{ $title }“ lieka kaip buvo: niekas nepakeista, niekam nepranešta.
org-button-checkin-undo = ↩️ Atšaukti pažymėjimą
org-checkin-undone = ↩️ { $name } nebepažymėtas (-a).
org-checkin-nothing-to-undo = { $name } nepažymėtas (-a): nėra ko atšaukti.
