cmd-newevent = Создать мероприятие (для организаторов)
cmd-checkin = Отметить гостя по коду (для организаторов)
org-not-allowed = Извините, это только для организаторов мероприятий.
org-new-intro = Создадим мероприятие. Ответьте на несколько вопросов; /cancel, чтобы прервать в любой момент.
org-ask-title = Как называется мероприятие? (до 200 символов)
org-ask-description = Короткое описание для карточки мероприятия или нажмите «Пропустить».
org-ask-timezone = В каком часовом поясе оно проходит? Нажмите кнопку или напишите город (Вильнюс, Рига, Алматы) или название IANA, например Europe/Vilnius.
org-ask-start = Когда начало? Напишите местное время в { $zone }, например 25.12.2026 17:00, 2026-12-25 17:00 или завтра 18:00.
org-ask-duration = Сколько оно длится, в минутах? «Пропустить» — 120.
org-ask-venue = Где оно проходит (название места)? Нажмите «Пропустить», если только онлайн.
org-ask-address = Адрес места?
org-ask-capacity = Сколько мест в зале? (целое число, не меньше 1)
org-ask-phone = Нужен ли гостям в зале номер телефона?
org-ask-zoom-id = Идентификатор конференции Zoom или «Пропустить», если Zoom не будет.
org-ask-zoom-passcode = Код доступа Zoom или «Пропустить».
org-ask-online-url = Ссылка для участия онлайн (http:// или https://) или «Пропустить».
org-ask-livestream-url = Ссылка на трансляцию (http:// или https://) или «Пропустить».
org-ask-deadline = Когда закрыть регистрацию (местное время в { $zone }, например 24.12.2026 18:00)? «Пропустить» — до начала.
org-ask-contact = Контакт для вопросов (телефон, e-mail или @имя) или «Пропустить».
org-zone = { $zone }
org-yes = Да
org-no = Нет
org-skip = Пропустить
org-invalid-text = Напишите, пожалуйста, текст не слишком длинный.
org-invalid-zone = Не знаю такого часового пояса. Напишите город (Вильнюс, Рига, Алматы) или название IANA, например Europe/Vilnius, Europe/Riga или Asia/Almaty.
org-invalid-date-format = Не получилось прочитать дату. Напишите её так: 25.12.2026 17:00, 2026-12-25 17:00 или завтра 18:00.
org-invalid-date-past = Это время уже прошло. Укажите время в будущем.
org-invalid-date-nonexistent = Такого времени в { $zone } не бывает (часы переводят на летнее время). Выберите другое время.
org-invalid-date-unknown-zone = Не знаю часового пояса мероприятия. Начните заново: /newevent.
org-invalid-deadline = Регистрация должна закрываться до начала мероприятия.
org-invalid-number = Напишите целое число от { $minimum } до { $maximum }, например 20.
org-invalid-url = Пришлите ссылку, которая начинается с http:// или https://.
org-preview = <b>Предпросмотр.</b> Так мероприятие увидят люди:
org-button-publish = 📢 Опубликовать
org-button-discard = 🗑 Удалить черновик
org-published = 📢 «{ $title }» опубликовано. Ссылка, чтобы поделиться: { $link }
org-discarded = Черновик удалён.
org-button-edit = ✏️ Изменить
org-button-cancel-event = ❌ Отменить мероприятие
org-button-registrations = 👥 Регистрации
org-edit-choose = Что изменить?
org-field-title = Название
org-field-start = Дату и время
org-field-venue = Место
org-field-address = Адрес
org-field-capacity = Места в зале
org-field-online-url = Ссылку для онлайн
org-field-livestream-url = Ссылку на трансляцию
org-edit-current = Сейчас: { $value }
org-edit-saved = { $count ->
    [0] Сохранено.
   *[other] Сохранено. Об изменении сообщим зарегистрированным: { $count }.
}
org-capacity-below = Уже занято мест: { $taken }, поэтому в зале не может быть меньше мест. Никто не удалён. Попросите людей сначала отменить регистрацию или укажите { $taken } или больше.
org-button-cancel-confirm = Да, отменить мероприятие
org-cancel-ask = Отменить «{ $title }»? Все зарегистрированные получат сообщение, напоминания будут остановлены.
org-cancelled = «{ $title }» отменено. Сообщение получат зарегистрированные: { $count }.
org-counts =
    <b>{ $title }</b>
    Занято мест: { $taken } из { $capacity }
    Лист ожидания: { $waiting }{ $waiting_online ->
        [0] {""}
       *[other] , из них { $waiting_online } пока онлайн
    }
    Онлайн: { $online }
    Отменили: { $cancelled }
    Пришли: { $checked_in }
org-button-checkin = ✅ { $name } ({ $code })
org-button-csv = 📄 Список участников (CSV)
org-button-report = 📊 Отчёт
org-csv-caption = Список участников: { $title }
org-report =
    <b>Отчёт: { $title }</b>, { $when }
    Зарегистрировано: { $registered } (в зале { $offline }, онлайн { $online })
    Пришли в зал: { $attended }
    Не пришли: { $no_shows }
    По языкам: { $languages }
org-checkin-usage = Отправьте код гостя так: /checkin K7M2QX
org-checkin-ok = ✅ { $name } отмечен(а).
org-checkin-already = { $name } уже отмечен(а).
org-checkin-not-found = Регистрации с таким кодом нет.
org-checkin-not-confirmed = У гостя { $name } нет подтверждённого места (лист ожидания или отмена).
org-wizard-cancelled = Остановлено. Ничего не сохранено.
org-nothing-to-cancel = Нечего отменять.
org-edit-cancelled = Изменение остановлено. Ничего не изменено.
org-invalid-range = Напишите целое число от { $minimum } до { $maximum }.
org-invalid-too-long = Здесь { $length } символов, а помещается не больше { $maximum }. Сократите, пожалуйста.
org-invalid-no-way-to-attend = На это мероприятие никто не сможет прийти: нет ни места, ни онлайн-ссылки, ни трансляции. Укажите место (или пропустите его и дайте онлайн-ссылку или трансляцию).
org-invalid-required = Этот ответ обязателен.
org-field-description = Описание
org-field-duration = Длительность
org-field-phone = Нужен ли телефон
org-field-zoom-id = Zoom ID
org-field-zoom-passcode = Код Zoom
org-field-deadline = Срок регистрации
org-field-contact = Контакт
cmd-broadcast = Отправить объявление (организаторам)
cmd-outbox = Что ждёт отправки (организаторам)
cmd-unanswered = Вопросы без ответа (организаторам)
cmd-reload = Обновить базу знаний (организаторам)
csv-name = Имя
csv-phone = Телефон
csv-mode = Участие
csv-status = Статус
csv-code = Код
csv-checked_in = Отметка о приходе
csv-mode-offline = в зале
csv-mode-online = онлайн
csv-status-confirmed = подтверждено
csv-status-waiting = лист ожидания
csv-status-offered = предложено место
csv-status-cancelled = отменено
csv-status-lapsed = предложение истекло
org-button-cancel-keep = Нет, оставить мероприятие
org-cancel-kept = «{ $title }» остаётся как было: ничего не изменено, никому ничего не отправлено.
org-button-checkin-undo = ↩️ Отменить отметку
org-checkin-undone = ↩️ Отметка гостя { $name } снята.
org-checkin-nothing-to-undo = Гость { $name } не отмечен: отменять нечего.
