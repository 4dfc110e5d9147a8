# Мастер мероприятия и «Изменить»: тексты на каждом языке, «Назад», точка на карте.
wiz-ask-title = ✏️ Вы пишете на языке: <b>{ $language }</b>. Как называется мероприятие? (до { $maximum } символов)
wiz-ask-description = ✏️ Вы пишете на языке: <b>{ $language }</b>. Короткое описание для карточки мероприятия или нажмите «Пропустить».
wiz-now = Ваш ответ сейчас: { $value }
wiz-editing = ✏️ Вы меняете текст на языке: <b>{ $language }</b>.
wiz-button-keep = ✓ Оставить
wiz-button-clear = 🗑 Убрать
wiz-button-back = ⬅️ Назад
wiz-button-continue = Дальше ➡️
wiz-button-add = ➕ { $language }
wiz-button-change = ✏️ { $language }
wiz-languages =
    <b>Название и описание на разных языках</b>
    { $lines }

    Кто читает на языке без текста, видит текст на языке, указанном после него. Добавьте ещё язык или нажмите «Дальше».
wiz-language-filled = ✅ { $language }: { $title }
wiz-language-missing = ➖ { $language }: нет текста, люди увидят { $shown }
wiz-languages-tap = Нажмите на язык, чтобы добавить его, или «Дальше».
wiz-languages-summary =
    <b>Языки</b>
    { $lines }
wiz-edit-languages =
    <b>Название и описание на разных языках</b>
    { $lines }

    Нажмите на язык, чтобы изменить его текст или добавить его.
wiz-field-texts = 🌐 Название и описание (языки)
wiz-first-question = Это первый вопрос: до него ничего нет. Чтобы выйти, отправьте /cancel.
wiz-invalid-location = Не получилось прочитать место. Отправьте его через 📎 → Геопозиция или напишите широту и долготу, например 54.6872, 25.2797.
wiz-invalid-needs = Это не сходится с другими ответами: для точки на карте нужен адрес, а для мест — место проведения. Сначала измените другой ответ.
org-ask-location = 📍 Где это на карте? Отправьте геопозицию места (📎 → Геопозиция, затем выберите точку) или напишите широту и долготу, например 54.6872, 25.2797. «Пропустить» — без точки на карте.
org-field-location = 📍 Точка на карте
event-map-link = 📍 На карте: { $url }
wiz-edit-title = Напишите название на этом языке (до { $maximum } символов).
wiz-edit-description = Напишите описание на этом языке.
wiz-invalid-too-long = { $length ->
    [one] Здесь { $length } символ
    [few] Здесь { $length } символа
   *[other] Здесь { $length } символов
}, а помещается не больше { $maximum }. Сократите, пожалуйста.
wiz-check-pin = Точка на карте осталась прежней. Если место изменилось, измените и точку.

# Edit asks the same as the wizard, without its Skip (Edit offers Keep, Remove, Cancel).
org-edit-ask-duration = Сколько оно длится, в минутах?
org-edit-ask-venue = Где оно проходит (название места)?
org-edit-ask-zoom-id = Идентификатор конференции Zoom?
org-edit-ask-zoom-passcode = Код доступа Zoom?
org-edit-ask-online-url = Ссылка для участия онлайн (http:// или https://)?
org-edit-ask-livestream-url = Ссылка на трансляцию (http:// или https://)?
org-edit-ask-deadline = Когда закрыть регистрацию? Местное время в { $zone }, например 24.12.2026 18:00.
org-edit-ask-contact = Контакт для вопросов (телефон, e-mail или @имя)?
org-edit-ask-location = 📍 Где это на карте? Отправьте геопозицию места (📎 → Геопозиция, затем выберите точку) или напишите широту и долготу, например 54.6872, 25.2797.
