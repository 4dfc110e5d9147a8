## Žmogus ir NVO konsultantai (kreipimaisi), SOS

menu-human = 👤 Konsultantas
menu-sos = 🆘 Skubi pagalba
cmd-sos = Skubi pagalba: pagalbos numeriai ir žmogus
cmd-cases = Atviri kreipimaisi į konsultantus

case-staff-name = Konsultantas
case-notice =
    <b>Pokalbis su žmogumi</b>
    Jūsų žinutes gaus { $org } konsultantai. Jie mato, ką rašote ir siunčiate, jūsų kalbą ir šalį — bet ne vardą, naudotojo vardą ar telefono numerį, nebent juos parašytumėte patys.
    Kreipimasis saugomas { $days } d. po jo uždarymo; /forget jį ištrina bet kada.
case-notice-ok = ✍️ Rašyti konsultantui
case-prompt = Parašykite klausimą viena žinute, kaip papasakotumėte žmogui: kas nutiko, kur, nuo kada. Taip pat galite atsiųsti nuotrauką, dokumentą ar balso žinutę.
case-prompt-priority = 🔴 Parašykite, kas vyksta. Žinutė bus pažymėta kaip skubi, konsultantas ją pamatys pirmas. Konsultantai mato, ką rašote, jūsų kalbą ir šalį — bet ne vardą ar telefono numerį.
case-unsupported = Tokios žinutės perduoti negalima. Parašykite tekstą arba atsiųskite nuotrauką, dokumentą ar balso žinutę.
case-cancelled = Konsultantui nieko neišsiųsta.
case-received =
    ✅ Jūsų klausimas perduotas konsultantui (kreipimasis Nr. { $case }).
    { $when }
    Jei norite ką nors pridurti, tiesiog rašykite čia.
case-when-open = Konsultantai paprastai atsako per { $hours } val. Atsakymas ateis čia, į šį pokalbį.
case-when-closed = Biuras dabar uždarytas; jis atsidaro { $opening }. Atsakymas ateis čia, į šį pokalbį.
case-when-unknown = Konsultantas atsakys čia, šiame pokalbyje, kai tik galės; tai gali užtrukti iki { $hours } val.
case-already-open = Jūsų klausimas Nr. { $case } perduotas konsultantui. Jei norite ką nors pridurti, tiesiog rašykite čia.
case-added = ✓ Pridėta prie jūsų klausimo Nr. { $case }.
case-reopened =
    ↩️ Jūsų klausimas Nr. { $case } vėl atidarytas ir perduotas konsultantui.
    { $when }
case-button-leave = ✖️ Baigti
case-button-menu = 🏠 Meniu
case-left = Pokalbis Nr. { $case } su konsultantu baigtas. Norėdami pradėti iš naujo, siųskite /human.
case-reply-header = 💬 <b>{ $org }</b> · Nr. { $case }
case-closed-person =
    ✅ Konsultantas uždarė jūsų klausimą Nr. { $case }. Jei parašysite čia per { $days } d., jis vėl atsidarys.
    Kiek mes padėjome? (1 — visai ne, 5 — labai)
case-rate-thanks = Ačiū už įvertinimą.
case-overdue-person = ⏳ Į jūsų klausimą Nr. { $case } dar neatsakyta. Priminėme konsultantams; klausimas tebėra eilėje.
case-help-contact = Jei negalite laukti: { $contact }. Jei jums gresia pavojus, skambinkite 112.
case-help-112 = Jei jums gresia pavojus, skambinkite 112.
case-staff-unreachable = ⚠️ Nepavyko perduoti jūsų klausimo konsultantams: botas nebeturi prieigos prie jų grupės. Per botą niekam nepranešta.
case-mydata-title = <b>Klausimai konsultantams</b>
case-mydata-item = Nr. { $case }, atidarytas { $opened }, { $status ->
        [open] atviras
       *[closed] uždarytas
    }, jūsų žinučių: { $messages }

human-notified = Organizatoriui pranešėme, kad norite pasikalbėti su žmogumi; jums parašys čia, kai tik galės.
human-notified-contact = Organizatoriui pranešėme, kad norite pasikalbėti su žmogumi. Taip pat galite rašyti: { $contact }
human-nobody-contact = Per botą niekam nepranešta. Norėdami pasikalbėti su žmogumi, rašykite: { $contact }
human-nobody = Šiuo metu per botą susisiekti su žmogumi negalima, ir niekam nepranešta. Jei jums gresia pavojus, skambinkite 112. Atsakymuose skyriuje 📚 Temos nurodytos įstaigos, kurios gali padėti.

case-privacy-summary = Klausimai konsultantams: tai, ką rašote ir siunčiate, kartu su jūsų kalba ir šalimi mato NVO konsultantai; tai saugoma { $days } d. po klausimo uždarymo.

sos-now = 🆘 <b>Jei jums ar kitam žmogui pavojus gresia dabar, skambinkite 112.</b>
sos-offer = Jums gali padėti ir konsultantas. Spustelėkite žemiau ir parašykite, kas vyksta: žinutė bus pažymėta kaip skubi.
sos-button-case = 🔴 Kalbėti su žmogumi dabar

## Darbuotojų grupė (diegimo kalba)

staff-case-card =
    <b>Kreipimasis Nr. { $case }</b>{ $priority ->
        [yes] {" "}🔴 skubu
       *[no] {""}
    }
    Kalba: { $language }
    Šalis: { $country }
    Iš atsakymo: { $topic }
    Atidarytas: { $opened }
    Rašykite šioje temoje, kad atsakytumėte: žmogus jūsų žinutes gaus „{ $org }“ vardu, ne jūsų.
    /close uždaro kreipimąsi · /note … lieka tik čia · /kb TEMA siunčia atsakymą iš žinių bazės
staff-button-info = ℹ️ Išsamiau
staff-button-close = ✅ Uždaryti
staff-button-stale = Šis mygtukas nebegalioja.
staff-info = Kreipimasis Nr. { $case }: { $language }, { $country }. Atidarytas { $opened }. { $status ->
        [open] Atviras.
       *[closed] Uždarytas.
    }
staff-not-staff = Žmogui perduodamos tik darbuotojų žinutės; ši neišsiųsta.
staff-not-a-case = Tai ne kreipimosi tema: niekam nieko neišsiųsta. /cases — atvirų kreipimųsi sąrašas.
staff-person-blocked = ⛔ Žmogus užblokavo botą: atsakymai jo nepasieks.
staff-closed = ✅ Kreipimasis Nr. { $case } uždarytas; žmogui pranešta ir paprašyta įvertinimo.
staff-already-closed = Kreipimasis Nr. { $case } jau uždarytas.
staff-reopened = ↩️ Žmogus parašė vėl: kreipimasis Nr. { $case } atviras.
staff-person-left = ✖️ Žmogus baigė pokalbį.
staff-note-kept = 📝 Pastaba liko šioje temoje; žmogus jos nemato.
staff-kb-usage = Parašykite /kb ir temos id, pavyzdžiui, /kb { $ids }
staff-kb-unknown = Temos „{ $id }“ šaliai { $country } nėra. Temos: { $ids }
staff-kb-sent = 📚 Išsiųsta žmogui: { $title }
staff-rating = ⭐ Žmogus pagalbą įvertino { $stars } iš 5.
staff-overdue = ⏰ Į kreipimąsi Nr. { $case } niekas neatsakė { $hours } val. Žmogui pranešta, kad klausimas tebelaukia.
staff-cases-title = <b>Atvirų kreipimųsi: { $count }</b> (pirmiausia skubūs, tada ilgiausiai laukiantys)
staff-cases-line = { $mark } Nr. { $case } · { $lang } · { $country } · { $waiting } · <a href="{ $link }">atidaryti</a>
staff-cases-none = Atvirų kreipimųsi nėra.
staff-waiting-staff = laukia darbuotojų nuo { $since }
staff-waiting-person = laukia žmogaus atsakymo
staff-priority-alert = 🔴 Skubus kreipimasis Nr. { $case } ({ $language }, { $country }): žmogui gali grėsti pavojus. <a href="{ $link }">Atidaryti temą</a>
staff-unreachable-organizer = ⚠️ Botas nebegali rašyti darbuotojų grupėje (STAFF_CHAT_ID), todėl klausimai nepasiekia konsultantų. Vėl pridėkite botą į grupę kaip administratorių, galintį tvarkyti temas. Besikreipusiems tai sąžiningai pasakyta.
staff-report = <b>Kreipimaisi į konsultantus per { $days } d.</b>
    Atidaryta: { $opened } · atsakyta: { $answered } · uždaryta: { $closed } · skubių: { $priority }
    Laiko iki pirmo atsakymo mediana: { $hours } val.
staff-report-languages = Pagal kalbą: { $list }
staff-report-topics = Pagal temą: { $list }
staff-report-ratings = Įvertinimų: { $count }, vidutiniškai { $average } iš 5
staff-group-id = Šios grupės id: <code>{ $id }</code>. Kad čia atsakytumėte į žmonių klausimus, nustatykite STAFF_CHAT_ID={ $id } ir paleiskite Jol iš naujo; paskirkite botą administratoriumi, galinčiu tvarkyti temas.
staff-group-id-no-topics = Šios grupės id: <code>{ $id }</code>. Kad ji taptų darbuotojų grupe, pirmiausia grupės nustatymuose įjunkite „Temas“, tada nustatykite STAFF_CHAT_ID={ $id } ir paleiskite Jol iš naujo.
