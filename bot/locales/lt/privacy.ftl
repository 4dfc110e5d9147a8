privacy-summary =
    <b>Jūsų duomenys Jol</b>
    Saugome tik tai, ko reikia: jūsų Telegram id ir pasirinktą kalbą; renginiui – vardą dalyvių sąrašui ir, tik jei to reikalauja vieta, telefono numerį. Niekada neklausiame apie jūsų migracinį statusą.
    Klausimai, į kuriuos botas neatsakė, saugomi be jūsų id { $days ->
        [one] { $days } dieną
        [few] { $days } dienas
       *[other] { $days } dienų
    }, kad atsakymai gerėtų.
    Registracijos į renginius nuasmeninamos praėjus { $days ->
        [one] { $days } dienai
        [few] { $days } dienoms
       *[other] { $days } dienų
    } po renginio.
    /mydata parodys viską, ką apie jus saugome; /forget tai ištrins.
privacy-mydata-title = <b>Ką Jol saugo apie jus</b>
privacy-mydata-user = Telegram id: { $id }
    Kalba: { $language }
    Pirmas kontaktas: { $first_seen }
    Paskutinis kontaktas: { $last_seen }
privacy-mydata-consent = Privatumo sąlygos priimtos: { $when }
privacy-mydata-none = Apie jus nieko nesaugome.
privacy-forget-confirm = Bus ištrinta pasirinkta kalba, registracijos į renginius ir jūsų klausimai konsultantams (jų temos darbuotojų grupėje taip pat ištrinamos), o jums suplanuotos žinutės atšauktos. Ištrinti viską?
privacy-forget-yes = Taip, ištrinti
privacy-forget-no = Ne, palikti
privacy-forgotten = Atlikta: viskas, ką apie jus saugojome, ištrinta. Jei parašysite vėl, pradėsime iš naujo.
    Ko ištrinti negalime: žinutės šiame pokalbyje lieka jūsų telefone, kol pokalbio neištrinsite, o pats Telegram gali kurį laiką saugoti žinučių kopijas pagal savo taisykles.
privacy-forget-kept = Niekas neištrinta.
human-admin-request = Žmogus prašo susisiekti: <a href="tg://user?id={ $id }">atidaryti pokalbį</a> (kalba: { $language }).
privacy-mydata-country = Šalis: { $country }
