faq-admin-only = Ši komanda skirta organizatoriams.
faq-ask-human = 🙋 Susisiekti su žmogumi
faq-unanswered-title = <b>Klausimai be tikslaus atsakymo</b> (dažniausi pirmiau, per 90 dienų)
faq-unanswered-none = Kol kas nėra.
faq-feedback-title = <b>Ar atsakymas buvo naudingas?</b>
faq-reload-done = Turinys atnaujintas: paskelbta temų: { $count }.
faq-reload-failed = Naujame turinyje rasta problemų: { $count }, todėl paliktas ankstesnis turinys. Ištaisykite ir vėl paleiskite /reload:
faq-expiring = ⏳ { $count ->
    [one] Vienas žinių bazės faktas netrukus pasens arba jau paseno. Patikrinkite ir atnaujinkite failą:
   *[other] Žinių bazės faktų, kurie netrukus pasens arba jau paseno: { $count }. Patikrinkite ir atnaujinkite failus:
}
