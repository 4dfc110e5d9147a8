# Prierašas, kurį botas prideda prie kiekvieno žinių bazės atsakymo.
faq-sources = Šaltiniai
faq-reviewed = Paskutinį kartą patikrinta: { $date }
faq-disclaimer = Tai bendro pobūdžio informacija, o ne teisinė konsultacija. Jei norite pasikalbėti su žmogumi, parašykite /human arba kreipkitės į nevyriausybinę organizaciją.

# Klausimai ir temų naršymas
faq-not-sure = Nesu tikras, ar supratau jūsų klausimą. Gal tinka viena iš šių temų? Taip pat galite paklausti kitais žodžiais arba pasikalbėti su žmogumi.
faq-helpful-question = Ar atsakymas buvo naudingas?
faq-thanks-feedback = Ačiū už atsiliepimą!
faq-topics-title = Pasirinkite temą:
faq-category-documents = 📄 Dokumentai
faq-category-work = 💼 Darbas
faq-category-money = 💶 Pinigai ir mokesčiai
faq-category-health = 🏥 Sveikata
faq-category-education = 🎓 Švietimas
faq-category-rights = ⚖️ Teisės ir saugumas
faq-category-daily-life = 🏠 Kasdienis gyvenimas
faq-category-help = 🤝 Kur kreiptis pagalbos
faq-back = ⬅️ Atgal
faq-topic-not-found = Šios temos nebėra: ji galėjo būti pašalinta arba pervadinta. Atidarykite temų sąrašą iš naujo: /topics
faq-empty-question = Parašykite klausimą žodžiais, pavyzdžiui: <i>darbdavys nemoka atlyginimo</i>. Arba pasirinkite temą:
faq-answer-for-country = ℹ️ Klausėte apie { $country }: šis atsakymas skirtas šiai šaliai.
faq-no-country-info = Išsamią informaciją turiu tik apie Lietuvą, Latviją ir Kazachstaną, ne apie jūsų šalį. Jums gali padėti žmogus: { $contact }
faq-two-countries = Klausime minimos kelios šalys. Kurią turite omenyje? Paklauskite apie vieną šalį arba pasirinkite temą.
