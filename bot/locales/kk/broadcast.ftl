broadcast-not-allowed = Кешіріңіз, таратылымды тек ұйымдастырушылар жібере алады.
broadcast-choose-audience = <b>Жаңа таратылым.</b> Кімге жіберейік?
broadcast-audience-all = Барлығына ({ $count })
broadcast-audience-language = { $language } ({ $count })
broadcast-no-recipients = Бұл аудиторияда әзірге ешкім жоқ, жіберетін адам жоқ.
broadcast-audience-summary = Бұл аудиторияда <b>{ $total }</b> адам:
broadcast-count-line = • { $language }: { $count }
broadcast-choose-mode = Барлығына бір мәтін жібересіз бе, әлде әр тілге бөлек мәтін бе?
broadcast-mode-one = Барлығына бір мәтін
broadcast-mode-per-language = Әр тілге бөлек мәтін
broadcast-send-one = Хабарламаны жіберіңіз: мәтін, не болмаса жазуы бар фото немесе құжат. Қалың қаріп, курсив және сілтемелер сақталады.
broadcast-send-language = <b>{ $language }</b> тіліндегі нұсқаны жіберіңіз ({ $count } оқырман). Өткізіп жіберсеңіз, олар { $fallback } тіліндегі нұсқаны алады (егер оны жіберсеңіз), әйтпесе ештеңе алмайды.
broadcast-button-skip = Өткізу
broadcast-empty = Бос таратылымды жіберуге болмайды. Мәтін, фото немесе құжат жіберіңіз.
broadcast-nothing-provided = Сіз барлық тілді өткізіп жібердіңіз, жіберетін ештеңе жоқ. Қайта бастаңыз: /broadcast
broadcast-preview-title = <b>Алдын ала қарау.</b> Келесі хабарламаны алушылар дәл осылай көреді.
broadcast-preview-version = <b>Алдын ала қарау: { $language } тіліндегі нұсқа.</b>
broadcast-preview-failed = Telegram бұл хабарламаны қабылдамады: { $reason }. Қайта жіберіңіз.
broadcast-plan-line = • { $language } ({ $count }): { $version } тіліндегі нұсқаны алады
broadcast-plan-missing = • { $language } ({ $count }): ештеңе алмайды, өздері түсінетін нұсқа жоқ
broadcast-confirm-question = <b>{ $total }</b> адамға жіберу керек пе?
broadcast-button-confirm = ✅ Жіберу
broadcast-button-cancel = Бас тарту
broadcast-button-stop = ⏹ Тоқтату
broadcast-cancelled = Таратылым тоқтатылды. Ештеңе жіберілген жоқ.
broadcast-expired = Бұл таратылым жобасы енді ашық емес. Қайта бастаңыз: /broadcast
broadcast-progress =
    <b>№{ $id } таратылым</b> жіберіліп жатыр.
    Кезекте: { $total }
    Жіберілді: { $sent }
    Қателер: { $failed }
    Ботты бұғаттағандар: { $blocked }
broadcast-report =
    <b>№{ $id } таратылым аяқталды.</b>
    Кезекте: { $total }
    Жіберілді: { $sent }
    Қателер: { $failed }
    Ботты бұғаттағандар: { $blocked }
broadcast-report-stopped =
    <b>№{ $id } таратылым тоқтатылды.</b>
    Кезекте: { $total }
    Жіберілді: { $sent }
    Қателер: { $failed }
    Ботты бұғаттағандар: { $blocked }
    Жіберілмеді: { $cancelled }
broadcast-stopping = Таратылымды тоқтатып жатырмын…
outbox-title = <b>Жіберу кезегі</b>
outbox-counts =
    Күтіп тұр: { $pending }
    Қазір жіберілуде: { $sending }
    Жіберілді: { $sent }
    Қателер: { $failed }
    Ботты бұғаттағандар: { $blocked }
    Кеш қалғандықтан алынып тасталды: { $expired }
outbox-next-due = Келесі хабарлама: { $when } ({ $zone })
outbox-nothing-due = Жіберуді күтіп тұрған ештеңе жоқ.
outbox-last-errors = <b>Соңғы қателер:</b>
outbox-error-line = • { $when }, { $kind ->
    [broadcast] хабарлама тарату
    [kb-expiry] білім қоры туралы хабар
   *[other] хабарлама
}, адам { $chat }: { $error }
outbox-no-errors = Қате жоқ.
broadcast-audience-country = 🌍 { $country } ({ $count })
broadcast-send-language-only = <b>{ $language }</b> тіліндегі нұсқаны жіберіңіз ({ $count } оқырман). Өткізіп жіберсеңіз, олар ештеңе алмайды: өзге түсінікті нұсқа жоқ.
broadcast-choose-topic = Бұл хабарландыру не туралы? Оны мұндай хабарландыруларды қалайтындар ғана алады, әр көшірменің астында бас тарту батырмасы болады.
broadcast-no-subscribers = Бұл аудиториядағылардың бәрі мұндай хабарландыруларды өшірген, жіберетін ешкім жоқ.
broadcast-will-get = Хабарламаны <b>{ $total }</b> адам алады:
broadcast-will-miss = Тағы { $count } адам бұл тілдердің ешқайсысын оқымайды және ештеңе алмайды.
broadcast-audience-registrants = 👥 Тіркелгендер: { $title }, { $day }
broadcast-audience-waiting = ⏳ Күту тізімі: { $title }, { $day }
outbox-times-in = Уақыт: { $zone }.
outbox-error-chat-not-found = Telegram бұл чатты білмейді: адам ботты мұнда іске қоспаған немесе чатты жойған
outbox-error-blocked = адам ботты бұғаттады
outbox-error-deactivated = адам Telegram аккаунтын жойды
