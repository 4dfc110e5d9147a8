cmd-newevent = Іс-шара құру (ұйымдастырушыларға)
cmd-checkin = Қонақты код бойынша белгілеу (ұйымдастырушыларға)
org-not-allowed = Кешіріңіз, бұл тек іс-шара ұйымдастырушыларына арналған.
org-new-intro = Іс-шара құрайық. Бірнеше сұраққа жауап беріңіз; тоқтату үшін кез келген уақытта /cancel жіберіңіз.
org-ask-title = Іс-шара қалай аталады? (200 таңбаға дейін)
org-ask-description = Іс-шара карточкасына қысқаша сипаттама немесе «Өткізіп жіберу» батырмасын басыңыз.
org-ask-timezone = Қай уақыт белдеуінде өтеді? Батырманы басыңыз немесе қаланы (Вильнюс, Рига, Алматы) не IANA атауын жазыңыз, мысалы Europe/Vilnius.
org-ask-start = Қашан басталады? { $zone } бойынша жергілікті уақытты жазыңыз, мысалы 25.12.2026 17:00, 2026-12-25 17:00 немесе ертең 18:00.
org-ask-duration = Қанша минутқа созылады? «Өткізіп жіберу» — 120.
org-ask-venue = Қай жерде өтеді (орынның атауы)? Тек онлайн болса, «Өткізіп жіберу» басыңыз.
org-ask-address = Орынның мекенжайы?
org-ask-capacity = Залда қанша орын бар? (бүтін сан, кемінде 1)
org-ask-phone = Залдағы қонақтарға телефон нөмірі керек пе?
org-ask-zoom-id = Zoom конференциясының ID-і немесе Zoom болмаса, «Өткізіп жіберу».
org-ask-zoom-passcode = Zoom кіру коды немесе «Өткізіп жіберу».
org-ask-online-url = Онлайн қосылу сілтемесі (http:// немесе https://) немесе «Өткізіп жіберу».
org-ask-livestream-url = Тікелей эфир сілтемесі (http:// немесе https://) немесе «Өткізіп жіберу».
org-ask-deadline = Тіркеу қашан жабылады ({ $zone } бойынша, мысалы 24.12.2026 18:00)? «Өткізіп жіберу» — басталғанға дейін ашық.
org-ask-contact = Сұрақтар үшін байланыс (телефон, e-mail немесе @аты) немесе «Өткізіп жіберу».
org-zone = { $zone }
org-yes = Иә
org-no = Жоқ
org-skip = Өткізіп жіберу
org-invalid-text = Өтініш, тым ұзын емес мәтін жазыңыз.
org-invalid-zone = Мұндай уақыт белдеуін білмеймін. Қаланы (Вильнюс, Рига, Алматы) немесе IANA атауын жазыңыз, мысалы Europe/Vilnius, Europe/Riga немесе Asia/Almaty.
org-invalid-date-format = Күнді оқи алмадым. Былай жазыңыз: 25.12.2026 17:00, 2026-12-25 17:00 немесе ертең 18:00.
org-invalid-date-past = Бұл уақыт өтіп кетті. Болашақтағы уақытты көрсетіңіз.
org-invalid-date-nonexistent = { $zone } бойынша мұндай уақыт болмайды (сағат жазғы уақытқа ауысады). Басқа уақытты таңдаңыз.
org-invalid-date-unknown-zone = Іс-шараның уақыт белдеуі белгісіз. Қайтадан бастаңыз: /newevent.
org-invalid-deadline = Тіркеу іс-шара басталғанға дейін жабылуы керек.
org-invalid-number = { $minimum } мен { $maximum } аралығындағы бүтін сан жазыңыз, мысалы 20.
org-invalid-url = http:// немесе https:// деп басталатын сілтеме жіберіңіз.
org-preview = <b>Алдын ала қарау.</b> Адамдар іс-шараны осылай көреді:
org-button-publish = 📢 Жариялау
org-button-discard = 🗑 Жобаны жою
org-published = 📢 «{ $title }» жарияланды. Бөлісуге сілтеме: { $link }
org-discarded = Жоба жойылды.
org-button-edit = ✏️ Өзгерту
org-button-cancel-event = ❌ Іс-шараны тоқтату
org-button-registrations = 👥 Тіркеулер
org-edit-choose = Нені өзгертеміз?
org-field-title = Атауы
org-field-start = Күні мен уақыты
org-field-venue = Орны
org-field-address = Мекенжайы
org-field-capacity = Залдағы орындар
org-field-online-url = Онлайн сілтеме
org-field-livestream-url = Эфир сілтемесі
org-edit-current = Қазір: { $value }
org-edit-saved = { $count ->
    [0] Сақталды.
   *[other] Сақталды. Өзгеріс туралы тіркелгендерге хабарлаймыз: { $count }.
}
org-capacity-below = Қазірдің өзінде { $taken } орын алынған, сондықтан залдағы орын одан аз бола алмайды. Ешкім өшірілген жоқ. Алдымен адамдардан тіркеуден бас тартуды сұраңыз немесе { $taken } не одан көп сан жазыңыз.
org-button-cancel-confirm = Иә, іс-шараны тоқтату
org-cancel-ask = «{ $title }» тоқтатылсын ба? Барлық тіркелгендерге хабар барады, еске салулар тоқтатылады.
org-cancelled = «{ $title }» тоқтатылды. Хабар алатын тіркелгендер: { $count }.
org-counts =
    <b>{ $title }</b>
    Алынған орындар: { $taken } / { $capacity }
    Күту тізімі: { $waiting }{ $waiting_online ->
        [0] {""}
       *[other] , оның ішінде { $waiting_online } әзірге онлайн
    }
    Онлайн: { $online }
    Бас тартқандар: { $cancelled }
    Келгендер: { $checked_in }
org-button-checkin = ✅ { $name } ({ $code })
org-button-csv = 📄 Қатысушылар тізімі (CSV)
org-button-report = 📊 Есеп
org-csv-caption = Қатысушылар тізімі: { $title }
org-report =
    <b>Есеп: { $title }</b>, { $when }
    Тіркелді: { $registered } (залда { $offline }, онлайн { $online })
    Залға келді: { $attended }
    Келмеді: { $no_shows }
    Тілдер бойынша: { $languages }
org-checkin-usage = Қонақтың кодын былай жіберіңіз: /checkin K7M2QX
org-checkin-ok = ✅ { $name } белгіленді.
org-checkin-already = { $name } бұрын белгіленген.
org-checkin-not-found = Бұл кодпен тіркеу жоқ.
org-checkin-not-confirmed = { $name } үшін расталған орын жоқ (күту тізімі не бас тартқан).
org-wizard-cancelled = Тоқтатылды. Ештеңе сақталған жоқ.
org-nothing-to-cancel = Тоқтататын ештеңе жоқ.
org-edit-cancelled = Өзгерту тоқтатылды. Ештеңе өзгерген жоқ.
org-invalid-range = { $minimum } мен { $maximum } аралығындағы бүтін сан жазыңыз.
org-invalid-too-long = Мұнда { $length } таңба, ал ең көбі { $maximum } сыяды. Қысқартыңызшы.
org-invalid-no-way-to-attend = Бұл іс-шараға ешкім қатыса алмайды: орны да, онлайн сілтемесі де, эфирі де жоқ. Орнын көрсетіңіз (немесе өткізіп жіберіп, онлайн сілтеме не эфир беріңіз).
org-invalid-required = Бұл жауап міндетті.
org-field-description = Сипаттамасы
org-field-duration = Ұзақтығы
org-field-phone = Телефон керек пе
org-field-zoom-id = Zoom ID
org-field-zoom-passcode = Zoom коды
org-field-deadline = Тіркелу мерзімі
org-field-contact = Байланыс
cmd-broadcast = Хабарландыру жіберу (ұйымдастырушыларға)
cmd-outbox = Жіберуді күтіп тұрғандар (ұйымдастырушыларға)
cmd-unanswered = Жауапсыз сұрақтар (ұйымдастырушыларға)
cmd-reload = Білім базасын жаңарту (ұйымдастырушыларға)
csv-name = Аты
csv-phone = Телефон
csv-mode = Қатысу
csv-status = Күйі
csv-code = Код
csv-checked_in = Келгені белгіленді
csv-mode-offline = залда
csv-mode-online = онлайн
csv-status-confirmed = расталды
csv-status-waiting = күту тізімі
csv-status-offered = орын ұсынылды
csv-status-cancelled = болдырылмады
csv-status-lapsed = ұсыныс мерзімі өтті
org-button-cancel-keep = Жоқ, іс-шара қалсын
org-cancel-kept = «{ $title }» бұрынғыдай қалады: ештеңе өзгерген жоқ, ешкімге хабар жіберілмеді.
org-button-checkin-undo = ↩️ Белгіні алып тастау
org-checkin-undone = ↩️ { $name } белгісі алынды.
org-checkin-nothing-to-undo = { $name } белгіленбеген: алып тастайтын ештеңе жоқ.
