event-list-title = <b>Artimiausi renginiai</b>
event-list-empty = Šiuo metu renginių nenumatyta. Užsukite vėliau.
event-list-item = { $title }: { $when }
event-card-when = 🕒 { $when }, { $minutes } min.
event-card-venue = 📍 { $venue }, { $address }
event-card-seats = 🪑 Laisvų vietų: { $left } iš { $capacity }
event-card-online = 💻 Galima dalyvauti nuotoliu (Zoom).
event-card-livestream = 📺 Bus tiesioginė transliacija.
event-card-contact = Klausimai: { $contact }
event-card-deadline = ⏳ Registracija vyksta iki { $when }.
event-card-cancelled = ❌ Renginys atšauktas.
event-card-finished = Renginys baigėsi.
event-card-draft = 📝 Juodraštis: dar nepaskelbta.
event-button-seat = 🪑 Užimti vietą (liko { $left })
event-button-waitlist = 🕒 Į laukiančiųjų sąrašą
event-button-online = 💻 Dalyvauti nuotoliu
event-button-livestream = 📺 Žiūrėti transliaciją
event-button-open = { $title }
event-button-cancel = Atšaukti: { $title }
event-button-accept = ✅ Imu vietą
event-button-decline = Atsisakyti
event-button-consent = ✅ Sutinku
event-button-use-name = Įrašyti „{ $name }“
event-button-share-phone = 📱 Siųsti mano numerį
event-ask-consent =
    <b>Prieš registruojantis</b>
    Dalyvių sąrašui saugome tik jūsų nurodytą vardą, o kai kuriems renginiams ir telefono numerį. Jie naudojami tik šiam renginiui ir po jo ištrinami. Savo duomenis bet kada galite peržiūrėti arba ištrinti: /mydata ir /forget.
event-ask-name = Kokį vardą įrašyti į dalyvių sąrašą? Parašykite jį arba paspauskite mygtuką žemiau.
event-ask-phone = Vietai salėje šiame renginyje reikia telefono numerio. Pasidalykite juo mygtuku žemiau arba parašykite su šalies kodu, pvz., { $example }.
event-bad-phone = Tai nepanašu į telefono numerį. Parašykite jį su šalies kodu, pvz., { $example }.
event-bad-name = Parašykite iki 100 simbolių vardą.
event-registered-offline =
    ✅ <b>Vieta jūsų</b>: „{ $title }“, { $name }.
    🕒 { $when }
    Jūsų įėjimo kodas: <b>{ $code }</b>
event-registered-online =
    ✅ <b>Užsiregistravote nuotoliu</b>: „{ $title }“, { $name }.
    🕒 { $when }
event-waitlisted =
    🕒 Salėje vietų nebėra, todėl esate renginio „{ $title }“ <b>laukiančiųjų sąraše</b>: numeris { $position }.
    🕒 { $when }
    Jei vieta atsilaisvins, pasiūlysiu ją jums čia.
event-waitlisted-online = Kol kas galite dalyvauti nuotoliu:
event-offer-pending = 🎟 Renginyje „{ $title }“ jums laikoma vieta: atsakykite į pasiūlymą aukščiau.
event-online-zoom = 💻 Zoom ID: <code>{ $zoom_id }</code>, slaptažodis: <code>{ $passcode }</code>
event-online-link = 🔗 <a href="{ $url }">Prisijungti prie konferencijos</a>
event-livestream-link = 📺 <a href="{ $url }">Transliacija</a>
event-ics-caption = Įsidėkite į savo kalendorių.
event-already-registered = Jūs jau užsiregistravę į šį renginį. Žr. /my.
event-closed = Registracija į šį renginį baigta.
event-not-found = Šis renginys nebepasiekiamas.
event-no-offline = Šiame renginyje vietų salėje nėra; galite dalyvauti nuotoliu.
event-no-online = Šiame renginyje nuotolinio dalyvavimo nėra.
event-registration-cancelled = Registracija atšaukta. Ačiū, kad pranešėte: jūsų vieta atiteks kitam žmogui.
event-registration-already-cancelled = Ši registracija jau atšaukta.
event-my-title = <b>Jūsų registracijos</b>
event-my-empty = Registracijų kol kas neturite. Pasirinkite renginį žemiau.
event-my-item-confirmed-offline = • { $title }: { $when }, vieta salėje, kodas <b>{ $code }</b>
event-my-item-confirmed-online = • { $title }: { $when }, nuotoliu
event-my-item-waiting-offline = • { $title }: { $when }, laukiančiųjų sąrašas, numeris { $position }
event-my-item-offered-offline = • { $title }: { $when }, jums pasiūlyta vieta
event-reminder = ⏰ <b>Priminimas</b>: „{ $title }“ prasidės po { $hours } val.: { $when }.
event-reminder-code = Jūsų įėjimo kodas: <b>{ $code }</b>
event-offer =
    🎟 Renginyje „{ $title }“ <b>atsilaisvino vieta</b>, { $when }.
    Ar norite ją užimti? Pasiūlymas galioja iki { $until }.
event-offer-accepted = ✅ Vieta jūsų! Priminsime prieš pradžią.
event-offer-declined = Ačiū už atsakymą: vieta atiteks kitam žmogui.
event-offer-expired = Deja, šio pasiūlymo laikas baigėsi.
event-offer-lapsed = Vieta renginyje „{ $title }“ atiteko kitam žmogui, nes baigėsi pasiūlymo laikas.
event-changed = ℹ️ <b>Pakeitimas</b>: „{ $title }“ dabar vyks { $when }.
event-cancelled-notice = ❌ „{ $title }“, { $when }, atšauktas. Labai apgailestaujame.
event-mydata-title = <b>Registracijos į renginius</b>
event-mydata-item = • { $title }, { $when }: vardas „{ $name }“, telefonas { $phone }
event-prompt-cancelled = Registracija atšaukta: niekas neišsaugota. Užsiregistruoti vėl galite iš renginio kortelės.
event-reminder-soon = ⏰ <b>Priminimas</b>: „{ $title }“ prasidės { $minutes ->
    [one] po { $minutes } minutės
   *[other] po { $minutes } minučių
}: { $when }.
event-is-cancelled = ❌ Organizatoriai atšaukė šį renginį, todėl registruotis ar atšaukti registracijos nebegalima.
event-is-over = Šis renginys jau pasibaigė.
event-what-next = Ką darome toliau?
event-button-cancel-yes = Taip, atšaukti
event-button-cancel-keep = Ne, palikti
event-cancel-ask = Atšaukti jūsų registraciją į „{ $title }“, { $when }? Jei tai vieta salėje, ji atiteks kitam laukiančiam asmeniui ir jos atgauti galbūt nepavyks.
event-cancel-kept = Niekas nepasikeitė: jūsų registracija išlieka.
event-offer-was-declined = Anksčiau atsisakėte šios vietos, todėl ji atiteko kitam laukiančiam asmeniui.
event-offer-withdrawn = Šis pasiūlymas nebegalioja: jūsų registracija buvo atšaukta.
