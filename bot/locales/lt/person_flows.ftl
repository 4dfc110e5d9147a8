# An online registrant asking for a seat in the room (issue 12, item 24).
person-seat-button-ask = 🪑 Prašyti vietos salėje
person-seat-button-ask-for = 🪑 Vieta salėje: { $title }
person-seat-button-stop = Likti tik nuotoliu
person-seat-button-stop-for = Tik nuotoliu: { $title }
person-seat-button-stay-online = Likti nuotoliu
person-seat-queued =
    🕒 „{ $title }“: jūsų numeris eilėje vietai salėje – { $position }.
    Nuotolinė vieta kol kas lieka jūsų. Kai vieta atsilaisvins, pasiūlysiu ją jums čia.
person-seat-already-queued = Jūs jau esate eilėje vietai salėje: numeris { $position }. Nuotolinė vieta kol kas lieka jūsų.
person-seat-already-in-room = Šiame renginyje jau turite vietą salėje.
person-seat-seated = 🪑 Buvo laisva vieta: vietoj nuotolinės dabar turite vietą salėje.
person-seat-stopped = Atlikta: nebesate eilėje vietai salėje. Nuotolinė vieta lieka jūsų.
person-seat-not-asking = Nesate eilėje vietai salėje, todėl niekas nepasikeitė.
person-seat-ask-phone = Vietai salėje reikia telefono numerio. Pasidalykite juo mygtuku apačioje arba įrašykite su šalies kodu, pavyzdžiui, { $example }. Nuotolinė vieta kol kas lieka jūsų.
person-seat-waiting = 🕒 Taip pat esate eilėje vietai salėje: numeris { $position }.
person-seat-offered = 🎟 Jums laikoma vieta salėje: atsakykite į pasiūlymą.
person-seat-offer =
    🎟 <b>Atsilaisvino vieta salėje</b> renginyje „{ $title }“, { $when }.
    Jei sutiksite, vietoj nuotolinės vietos gausite šią vietą. Jei liksite nuotoliu, daugiau niekas nepasikeis. Pasiūlymas galioja iki { $until }.
person-seat-kept-online = Ačiū, kad atsakėte: nuotolinė vieta lieka jūsų, o vieta salėje atiteks kitam žmogui.
person-seat-offer-lapsed = Vieta salėje renginyje „{ $title }“ atiteko kitam žmogui, nes pasiūlymo laikas baigėsi. Nuotolinė vieta lieka jūsų.
person-my-item-online-seat-waiting = • { $title }: { $when }, nuotoliu; eilėje vietai salėje, numeris { $position }
person-my-item-online-seat-offered = • { $title }: { $when }, nuotoliu; jums siūloma vieta salėje
person-seat-prompt-cancelled = Niekas nepasikeitė: nuotolinė vieta lieka jūsų.
person-button-accept-for = ✅ Imu vietą: { $title }
# Sharing answers and events.
share-button = 📤 Dalintis
person-shared-for-country = ℹ️ Šis atsakymas skirtas šaliai: { $country }. Jūsų šalis – { $yours }, ten taisyklės gali skirtis.
person-shared-your-version = ℹ️ Nuoroda pasidalyta iš atsakymo šaliai: { $shared }. Štai atsakymas jūsų šaliai: { $country }.
person-shared-button-original = Atsakymas šaliai: { $country }
person-shared-choose-country = ℹ️ Šis atsakymas skirtas šaliai: { $country }. Jei gyvenate kitoje šalyje, nurodykite kurioje, ir atsakysiu jai.
person-shared-bad-link = Ši nuoroda neveda į jokį atsakymą: joje gali būti klaida arba atsakymas pašalintas. Pasirinkite temą žemiau.
# What the walk through the person's flows found (issue 12).
person-topics-none = Jūsų šaliai temų kol kas neturiu. Jei gyvenate Lietuvoje, Latvijoje ar Kazachstane, pasirinkite šalį skiltyje 🌍 Šalis arba pasikalbėkite su žmogumi.
person-registration-cancelled-online = Jūsų nuotolinė registracija atšaukta. Ačiū, kad pranešėte.
person-registration-cancelled-waiting = Išėjote iš laukiančiųjų sąrašo. Ačiū, kad pranešėte.
person-card-full = { $waiting ->
    [0] 🪑 Salėje vietų nebėra.
    [one] 🪑 Salėje vietų nebėra; laukia { $waiting } žmogus.
    [few] 🪑 Salėje vietų nebėra; laukia { $waiting } žmonės.
   *[other] 🪑 Salėje vietų nebėra; laukia { $waiting } žmonių.
}
