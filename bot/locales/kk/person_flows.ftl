# An online registrant asking for a seat in the room (issue 12, item 24).
person-seat-button-ask = 🪑 Залдан орын сұрау
person-seat-button-ask-for = 🪑 Залдағы орын: { $title }
person-seat-button-stop = Тек онлайн қалу
person-seat-button-stop-for = Тек онлайн: { $title }
person-seat-button-stay-online = Онлайн қалу
person-seat-queued =
    🕒 «{ $title }»: залдағы орынға кезекте сіздің нөміріңіз — { $position }.
    Әзірге онлайн орныңыз сізде қалады. Орын босағанда, оны осында ұсынамын.
person-seat-already-queued = Сіз залдағы орынға кезекте тұрсыз: нөміріңіз { $position }. Әзірге онлайн орныңыз сізде қалады.
person-seat-already-in-room = Бұл іс-шарада сізде залда орын бар.
person-seat-seated = 🪑 Бос орын бар еді: онлайн орныңыздың орнына енді залда орныңыз бар.
person-seat-stopped = Дайын: сіз енді орынға кезекте емессіз. Онлайн орныңыз сізде қалады.
person-seat-not-asking = Сіз залдағы орынға кезекте емессіз, ештеңе өзгерген жоқ.
person-seat-ask-phone = Залдағы орын үшін телефон нөмірі керек. Оны төмендегі батырмамен жіберіңіз немесе ел кодымен жазыңыз, мысалы { $example }. Әзірге онлайн орныңыз сізде қалады.
person-seat-waiting = 🕒 Сіз залдағы орынға да кезектесіз: нөміріңіз { $position }.
person-seat-offered = 🎟 Сізге залда орын сақталып тұр: ұсынысқа жауап беріңіз.
person-seat-offer =
    🎟 <b>Залда орын босады</b>: «{ $title }», { $when }.
    Келіссеңіз, онлайн орныңыздың орнына осы орын сіздікі болады. Онлайн қалсаңыз, басқа ештеңе өзгермейді. Ұсыныс { $until } дейін күшінде.
person-seat-kept-online = Жауабыңызға рақмет: онлайн орныңыз сізде қалады, ал залдағы орын келесі адамға беріледі.
person-seat-offer-lapsed = «{ $title }»: залдағы орын келесі адамға берілді, себебі ұсыныстың мерзімі өтті. Онлайн орныңыз сізде қалады.
person-my-item-online-seat-waiting = • { $title }: { $when }, онлайн; залдағы орынға кезекте, нөмір { $position }
person-my-item-online-seat-offered = • { $title }: { $when }, онлайн; сізге залдан орын ұсынылды
person-seat-prompt-cancelled = Ештеңе өзгерген жоқ: онлайн орныңыз сізде қалады.
person-button-accept-for = ✅ Орынды аламын: { $title }
# Sharing answers and events.
share-button = 📤 Бөлісу
person-shared-for-country = ℹ️ Бұл жауап мына елге арналған: { $country }. Сіздің еліңіз — { $yours }, ондағы ережелер басқаша болуы мүмкін.
person-shared-your-version = ℹ️ Сілтеме мына елге арналған жауаптан жіберілді: { $shared }. Міне, сіздің еліңізге арналған жауап: { $country }.
person-shared-button-original = Мына елге арналған жауап: { $country }
person-shared-choose-country = ℹ️ Бұл жауап мына елге арналған: { $country }. Басқа елде тұрсаңыз, қай елде екенін айтыңыз, сол ел бойынша жауап беремін.
person-shared-bad-link = Бұл сілтеме ешбір жауапқа апармайды: онда қате болуы немесе жауап жойылған болуы мүмкін. Төменнен тақырып таңдаңыз.
# What the walk through the person's flows found (issue 12).
person-topics-none = Сіздің еліңіз бойынша әзірге тақырып жоқ. Литвада, Латвияда немесе Қазақстанда тұрсаңыз, елді 🌍 Ел бөлімінде таңдаңыз немесе адаммен сөйлесіңіз.
person-registration-cancelled-online = Онлайн тіркелуіңіз тоқтатылды. Ескерткеніңізге рақмет.
person-registration-cancelled-waiting = Сіз күту тізімінен шықтыңыз. Ескерткеніңізге рақмет.
person-card-full = { $waiting ->
    [0] 🪑 Залда бос орын жоқ.
   *[other] 🪑 Залда бос орын жоқ; күту тізімінде { $waiting } адам.
}
