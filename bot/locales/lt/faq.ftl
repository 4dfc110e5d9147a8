# Prierašas, kurį botas prideda prie kiekvieno žinių bazės atsakymo.
faq-sources = Šaltiniai
faq-reviewed = Paskutinį kartą patikrinta: { $date }
faq-disclaimer = Tai bendro pobūdžio informacija, o ne teisinė konsultacija. Jei norite pasikalbėti su žmogumi, parašykite /human arba kreipkitės į nevyriausybinę organizaciją.

# Klausimai ir temų naršymas
faq-not-sure = Nesu tikras, ar supratau jūsų klausimą. Gal tinka viena iš šių temų? Arba aprašykite situaciją vienu sakiniu, pavyzdžiui: <i>darbdavys jau du mėnesius nemoka atlyginimo</i>. Taip pat galite pasikalbėti su žmogumi.
faq-helpful-question = Ar atsakymas buvo naudingas?
faq-thanks-feedback = Ačiū už atsiliepimą!
faq-topics-title = Pasirinkite temą:
faq-category-documents = 📄 Dokumentai
faq-category-work = 💼 Darbas
faq-category-money = 💶 Pinigai ir mokesčiai
faq-category-health = 🏥 Sveikata
faq-category-education = 🎓 Švietimas
faq-category-rights = ⚖️ Teisės ir saugumas
faq-category-daily-life = 🧺 Kasdienis gyvenimas
faq-category-help = 🤝 Kur kreiptis pagalbos
faq-back = ⬅️ Atgal
faq-topic-not-found = Šios temos nebėra: ji galėjo būti pašalinta arba pervadinta. Atidarykite temų sąrašą iš naujo: /topics
faq-empty-question = Parašykite klausimą žodžiais, pavyzdžiui: <i>darbdavys nemoka atlyginimo</i>. Arba pasirinkite temą:
faq-answer-for-country = ℹ️ Klausėte apie kitą šalį: šis atsakymas skirtas šaliai: { $country }.
faq-no-country-info = Išsamią informaciją turiu tik apie Lietuvą, Latviją ir Kazachstaną, ne apie jūsų šalį. Jums gali padėti žmogus: { $contact }
faq-two-countries = Klausime minimos kelios šalys. Kurią turite omenyje? Paklauskite apie vieną šalį arba pasirinkite temą.
faq-numbers-only = Vien pagal skaičius ieškoti negaliu. Parašykite klausimą žodžiais (telefono ar dokumento numerio siųsti nereikia) arba pasirinkite temą:

# Small talk: a greeting, thanks, goodbye or "are you a bot?" instead of a question.
faq-smalltalk-greeting = Sveiki! Aš esu Jol: atsakau į klausimus apie dokumentus, darbą, sveikatą ir jūsų teises. Parašykite klausimą arba pasirinkite meniu.
faq-smalltalk-thanks = Prašom! Rašykite, kai turėsite klausimų.
faq-smalltalk-goodbye = Viso gero! Rašykite, kai prireiks pagalbos.
faq-smalltalk-bot = Aš esu Jol, botas, kurį prižiūri migrantams padedantys žmonės. Atsakau į dažnus klausimus pagal patikrintus šaltinius, o jei reikia žmogaus, padėsiu susisiekti: /human
faq-smalltalk-ok = Gerai! Jei kils klausimų, tiesiog parašykite.
