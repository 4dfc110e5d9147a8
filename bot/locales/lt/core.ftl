start-greeting =
    Sveiki, { $name }! Aš esu <b>Jol</b>, pagalbininkas tiems, kurie atvyko gyventi ir dirbti į Lietuvą, Latviją ar Kazachstaną.

    Klauskite apie dokumentus, darbą, sveikatą, savo teises arba užsiregistruokite į apskritojo stalo diskusijas ir bendruomenės renginius. Parašykite klausimą savais žodžiais arba pasirinkite žemiau.
start-greeting-again = Sveiki sugrįžę, { $name }! Ką norėtumėte daryti?
menu-title = Ką norėtumėte daryti?
menu-ask = ❓ Užduoti klausimą
menu-topics = 📚 Temos
menu-events = 📅 Renginiai
menu-my-registrations = 🎫 Registracijos
menu-language = 🌐 Kalba
menu-privacy = 🔒 Privatumas
ask-prompt = Parašykite klausimą savais žodžiais, pavyzdžiui: <i>darbdavys nemoka atlyginimo</i>. Galite rašyti lietuviškai, rusiškai, kazachiškai arba angliškai.
help-text =
    <b>Kaip naudotis Jol</b>
    • Parašykite bet kokį klausimą, pavyzdžiui, „kaip gauti leidimą gyventi“.
    • /topics: atsakymai pagal temas
    • /events: apskritojo stalo diskusijos ir bendruomenės renginiai
    • /my: jūsų registracijos
    • /language: pakeisti kalbą
    • /settings: kalba ir šalis; /announcements: kokius pranešimus gaunate
    • /human: susisiekti su žmogumi
    • /sos: skubi pagalba, pagalbos numeriai iš karto
    • /privacy: kokius duomenis saugome; /mydata juos pamatyti, /forget ištrinti
    • /menu: pagrindinis meniu
feature-coming-soon = Ši Jol dalis dar neparuošta. Ačiū už kantrybę!
language-choose = Pasirinkite kalbą:
language-set = Gerai: kalbėsiu su jumis lietuviškai.
unknown-command = Tokios komandos nežinau. Štai ką galiu:
not-understood = Nesupratau žinutės. Parašykite klausimą žodžiais arba pasirinkite meniu.
button-expired = Šis mygtukas nebegalioja. Atidarykite meniu iš naujo: /menu
error-generic = Atsiprašome, kažkas nepavyko. Pabandykite dar kartą po minutės.
group-go-private = Pasikalbėkime privačiame pokalbyje, kad jūsų klausimai liktų privatūs: { $link }
cmd-start = Pradžia ir pagrindinis meniu
cmd-help = Kaip naudotis botu
cmd-menu = Pagrindinis meniu
cmd-language = Pakeisti kalbą
cmd-topics = Temos
cmd-events = Renginiai ir diskusijos
cmd-my = Mano registracijos
cmd-human = Susisiekti su žmogumi
cmd-privacy = Jūsų duomenys ir privatumas
cmd-cancel = Išeiti iš dabartinio klausimo
conversation-button-cancel = ✖️ Atšaukti
conversation-nothing-to-cancel = Nėra ko atšaukti: jokio atviro klausimo nėra.
conversation-cancelled = Atšaukta.
conversation-already-closed = Šis klausimas jau uždarytas.
menu-country = 🌍 Šalis
country-choose = Kurioje šalyje gyvenate? Atsakysiu pagal tos šalies įstatymus.
country-other = 🌍 Kita šalis
country-set = Gerai, jūsų šalis – { $country }: atsakysiu pagal jos įstatymus. Pakeisti galite bet kada: /settings
country-set-other = Gerai. Išsamią informaciją turiu tik apie Lietuvą, Latviją ir Kazachstaną; apie kitas šalis galiu pateikti bendrą informaciją ir sujungti jus su žmogumi. Pakeisti galite bet kada: /settings
settings-title =
    <b>Jūsų nustatymai</b>
    Kalba: { $language }
    Šalis: { $country }
settings-change-language = 🌐 Keisti kalbą
settings-change-country = 🌍 Keisti šalį
cmd-settings = Kalba ir šalis
country-other-name = kita šalis
list-previous = ◀️ Atgal
list-next = Toliau ▶️
flood-slow-down = Siunčiate labai daug žinučių: prašome šiek tiek palėtinti. Vėl atsakysiu po kelių sekundžių.
menu-home = 🏠 Meniu
bot-description = Jol padeda žmonėms, atvykusiems gyventi ir dirbti į Lietuvą, Latviją ar Kazachstaną: atsakymai apie dokumentus, darbą, sveikatą ir teises rusų, kazachų, lietuvių ar anglų kalba bei registracija į apskritus stalus ir bendruomenės renginius. Nemokamai, veikia nevyriausybinė organizacija.
bot-short-description = Atsakymai migrantams Lietuvoje, Latvijoje ir Kazachstane; renginiai ir apskritieji stalai.
