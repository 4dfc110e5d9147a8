# Renginio vedlys ir „Keisti“: tekstai kiekviena kalba, „Atgal“, vieta žemėlapyje.
wiz-ask-title = ✏️ Rašote kalba: <b>{ $language }</b>. Kaip vadinasi renginys? (iki { $maximum } simbolių)
wiz-ask-description = ✏️ Rašote kalba: <b>{ $language }</b>. Trumpas aprašymas renginio kortelei, arba spauskite „Praleisti“.
wiz-now = Jūsų atsakymas dabar: { $value }
wiz-editing = ✏️ Keičiate tekstą kalba: <b>{ $language }</b>.
wiz-button-keep = ✓ Palikti
wiz-button-clear = 🗑 Pašalinti
wiz-button-back = ⬅️ Atgal
wiz-button-continue = Toliau ➡️
wiz-button-add = ➕ { $language }
wiz-button-change = ✏️ { $language }
wiz-languages =
    <b>Pavadinimas ir aprašymas kiekviena kalba</b>
    { $lines }

    Tie, kurių kalba teksto nėra, mato tekstą kalba, nurodyta šalia jos. Pridėkite dar vieną kalbą arba spauskite „Toliau“.
wiz-language-filled = ✅ { $language }: { $title }
wiz-language-missing = ➖ { $language }: teksto nėra, žmonės matys: { $shown }
wiz-languages-tap = Spauskite kalbą, kad ją pridėtumėte, arba „Toliau“.
wiz-languages-summary =
    <b>Kalbos</b>
    { $lines }
wiz-edit-languages =
    <b>Pavadinimas ir aprašymas kiekviena kalba</b>
    { $lines }

    Spauskite kalbą, kad pakeistumėte jos tekstą arba jį pridėtumėte.
wiz-field-texts = 🌐 Pavadinimas ir aprašymas (kalbos)
wiz-first-question = Tai pirmas klausimas: prieš jį nieko nėra. Norėdami baigti, siųskite /cancel.
wiz-invalid-location = Nepavyko perskaityti šios vietos. Atsiųskite ją per 📎 → Vieta arba įrašykite platumą ir ilgumą, pavyzdžiui, 54.6872, 25.2797.
wiz-invalid-needs = Tai nedera su kitais atsakymais: vietai žemėlapyje reikia adreso, o vietoms salėje — renginio vietos. Pirmiausia pakeiskite kitą atsakymą.
org-ask-location = 📍 Kur tai žemėlapyje? Atsiųskite renginio vietą (📎 → Vieta, tada pasirinkite tašką) arba įrašykite platumą ir ilgumą, pavyzdžiui, 54.6872, 25.2797. Spauskite „Praleisti“, jei be taško žemėlapyje.
org-field-location = 📍 Vieta žemėlapyje
event-map-link = 📍 Žemėlapyje: { $url }
wiz-edit-title = Įrašykite pavadinimą šia kalba (iki { $maximum } simbolių).
wiz-edit-description = Įrašykite aprašymą šia kalba.
wiz-invalid-too-long = { $length ->
    [one] Čia { $length } simbolis
    [few] Čia { $length } simboliai
   *[other] Čia { $length } simbolių
}, o telpa ne daugiau kaip { $maximum }. Sutrumpinkite.
wiz-check-pin = Vieta žemėlapyje liko ta pati. Jei renginio vieta pasikeitė, pakeiskite ir ją.

# Edit asks the same as the wizard, without its Skip (Edit offers Keep, Remove, Cancel).
org-edit-ask-duration = Kiek trunka, minutėmis?
org-edit-ask-venue = Kur vyksta (vietos pavadinimas)?
org-edit-ask-zoom-id = Zoom konferencijos ID?
org-edit-ask-zoom-passcode = Zoom slaptažodis?
org-edit-ask-online-url = Nuoroda prisijungti nuotoliu (http:// arba https://)?
org-edit-ask-livestream-url = Transliacijos nuoroda (http:// arba https://)?
org-edit-ask-deadline = Kada baigti registraciją? Vietos laikas { $zone }, pvz., 24.12.2026 18:00.
org-edit-ask-contact = Kontaktas klausimams (telefonas, el. paštas ar @vardas)?
org-edit-ask-location = 📍 Kur tai žemėlapyje? Atsiųskite renginio vietą (📎 → Vieta, tada pasirinkite tašką) arba įrašykite platumą ir ilgumą, pavyzdžiui, 54.6872, 25.2797.
