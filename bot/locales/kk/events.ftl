event-list-title = <b>Алдағы іс-шаралар</b>
event-list-empty = Қазір жоспарланған іс-шаралар жоқ. Кейінірек қараңыз.
event-list-item = { $title }: { $when }
event-card-when = 🕒 { $when }, { $minutes } мин
event-card-venue = 📍 { $venue }, { $address }
event-card-seats = 🪑 { $capacity } орынның { $left } орны бос
event-card-online = 💻 Онлайн қатысуға болады (Zoom).
event-card-livestream = 📺 Тікелей эфир болады.
event-card-contact = Сұрақтар бойынша: { $contact }
event-card-deadline = ⏳ Тіркеу { $when } дейін ашық.
event-card-cancelled = ❌ Іс-шара тоқтатылды.
event-card-finished = Іс-шара аяқталды.
event-card-draft = 📝 Жоба: әлі жарияланған жоқ.
event-button-seat = 🪑 Орын алу ({ $left } бос)
event-button-waitlist = 🕒 Күту тізіміне жазылу
event-button-online = 💻 Онлайн қатысу
event-button-livestream = 📺 Эфирді көру
event-button-open = { $title }
event-button-cancel = Бас тарту: { $title }
event-button-accept = ✅ Орынды аламын
event-button-decline = Бас тарту
event-button-consent = ✅ Келісемін
event-button-use-name = «{ $name }» деп жазу
event-button-share-phone = 📱 Нөмірімді жіберу
event-ask-consent =
    <b>Тіркелмес бұрын</b>
    Қатысушылар тізімі үшін біз тек сіз берген атты, ал кейбір іс-шараларға телефон нөмірін де сақтаймыз. Олар тек осы іс-шара үшін қолданылады және одан кейін өшіріледі. Деректеріңізді кез келген уақытта көруге не өшіруге болады: /mydata және /forget.
event-ask-name = Қатысушылар тізіміне қай атты жазайық? Жазыңыз немесе төмендегі батырманы басыңыз.
event-ask-phone = Бұл іс-шарада залдағы орын үшін телефон нөмірі керек. Төмендегі батырмамен жіберіңіз немесе ел кодымен жазыңыз, мысалы { $example }.
event-bad-phone = Бұл телефон нөміріне ұқсамайды. Ел кодымен жазыңыз, мысалы { $example }.
event-bad-name = 100 таңбаға дейінгі атты жазыңыз.
event-registered-offline =
    ✅ <b>Орын сіздікі</b>: «{ $title }», { $name }.
    🕒 { $when }
    Кіру коды: <b>{ $code }</b>
event-registered-online =
    ✅ <b>Онлайн тіркелдіңіз</b>: «{ $title }», { $name }.
    🕒 { $when }
event-waitlisted =
    🕒 Залда орын жоқ, сіз «{ $title }» іс-шарасының <b>күту тізіміндесіз</b>: нөміріңіз { $position }.
    🕒 { $when }
    Орын босаса, осында ұсынамын.
event-waitlisted-online = Әзірге онлайн қатыса аласыз:
event-offer-pending = 🎟 «{ $title }» іс-шарасында сізге орын сақталды: жоғарыдағы ұсынысқа жауап беріңіз.
event-online-zoom = 💻 Zoom ID: <code>{ $zoom_id }</code>, кіру коды: <code>{ $passcode }</code>
event-online-link = 🔗 <a href="{ $url }">Конференцияға қосылу</a>
event-livestream-link = 📺 <a href="{ $url }">Тікелей эфир</a>
event-ics-caption = Күнтізбеңізге қосыңыз.
event-already-registered = Сіз бұл іс-шараға тіркелгенсіз. /my қараңыз.
event-closed = Бұл іс-шараға тіркеу жабық.
event-not-found = Бұл іс-шара енді қолжетімсіз.
event-no-offline = Бұл іс-шарада залда орын жоқ; онлайн қатысуға болады.
event-no-online = Бұл іс-шараға онлайн қатысу қарастырылмаған.
event-registration-cancelled = Тіркеуіңіз тоқтатылды. Ескерткеніңізге рақмет: орныңыз келесі адамға беріледі.
event-registration-already-cancelled = Бұл тіркеу бұрын тоқтатылған.
event-my-title = <b>Сіздің тіркеулеріңіз</b>
event-my-empty = Сізде әзірге тіркелу жоқ. Төменнен іс-шараны таңдаңыз.
event-my-item-confirmed-offline = • { $title }: { $when }, залда орын, код <b>{ $code }</b>
event-my-item-confirmed-online = • { $title }: { $when }, онлайн
event-my-item-waiting-offline = • { $title }: { $when }, күту тізімі, нөмір { $position }
event-my-item-offered-offline = • { $title }: { $when }, сізге орын ұсынылды
event-reminder = ⏰ <b>Еске салу</b>: «{ $title }» { $hours } сағаттан кейін басталады: { $when }.
event-reminder-code = Кіру коды: <b>{ $code }</b>
event-offer =
    🎟 «{ $title }» іс-шарасында <b>орын босады</b>, { $when }.
    Аласыз ба? Ұсыныс { $until } дейін жарамды.
event-offer-accepted = ✅ Орын сіздікі! Басталар алдында еске саламыз.
event-offer-declined = Жауабыңызға рақмет: орын келесі адамға беріледі.
event-offer-expired = Өкінішке қарай, бұл ұсыныстың мерзімі өтті.
event-offer-lapsed = «{ $title }» іс-шарасындағы орын келесі адамға берілді: ұсыныстың мерзімі өтті.
event-changed = ℹ️ <b>Өзгеріс</b>: «{ $title }» енді { $when } өтеді.
event-cancelled-notice = ❌ «{ $title }», { $when }, тоқтатылды. Кешірім сұраймыз.
event-mydata-title = <b>Іс-шараларға тіркеулер</b>
event-mydata-item = • { $title }, { $when }: аты «{ $name }», телефоны { $phone }
event-prompt-cancelled = Тіркелу тоқтатылды: ештеңе сақталған жоқ. Іс-шара карточкасынан қайта тіркелуге болады.
event-reminder-soon = ⏰ <b>Еске салу</b>: «{ $title }» { $minutes } минуттан кейін басталады: { $when }.
event-is-cancelled = ❌ Ұйымдастырушылар бұл іс-шараны тоқтатты: енді тіркелуге де, тіркелуді болдырмауға да болмайды.
event-is-over = Бұл іс-шара өтіп кетті.
event-what-next = Әрі қарай не істейміз?
event-button-cancel-yes = Иә, болдырмау
event-button-cancel-keep = Жоқ, қалдыру
event-cancel-ask = «{ $title }», { $when } іс-шарасына тіркелуіңізді болдырмайсыз ба? Егер бұл залдағы орын болса, ол күту тізіміндегі келесі адамға өтеді және оны қайтару мүмкін болмауы ықтимал.
event-cancel-kept = Ештеңе өзгерген жоқ: тіркелуіңіз сақталды.
event-offer-was-declined = Сіз бұл орыннан бұрын бас тарттыңыз, ол күту тізіміндегі келесі адамға өтті.
event-offer-withdrawn = Бұл ұсыныс енді жарамсыз: тіркелуіңіз болдырылмады.
