broadcast-not-allowed = Извините, рассылки могут отправлять только организаторы.
broadcast-choose-audience = <b>Новая рассылка.</b> Кому её отправить?
broadcast-audience-all = Всем ({ $count })
broadcast-audience-language = { $language } ({ $count })
broadcast-no-recipients = В этой аудитории пока никого нет, отправлять некому.
broadcast-audience-summary = В этой аудитории { $total ->
    [one] <b>{ $total }</b> человек:
    [few] <b>{ $total }</b> человека:
   *[other] <b>{ $total }</b> человек:
}
broadcast-count-line = • { $language }: { $count }
broadcast-choose-mode = Отправить всем один текст или отдельный текст на каждом языке?
broadcast-mode-one = Один текст для всех
broadcast-mode-per-language = Текст на каждом языке
broadcast-send-one = Пришлите сообщение: текст или фото либо документ с подписью. Жирный шрифт, курсив и ссылки сохранятся.
broadcast-send-language = Пришлите вариант на языке <b>{ $language }</b> ({ $count ->
    [one] { $count } читатель
    [few] { $count } читателя
   *[other] { $count } читателей
}). Если пропустить, они получат вариант на языке { $fallback }, если вы его пришлёте, иначе ничего.
broadcast-button-skip = Пропустить
broadcast-empty = Пустую рассылку отправить нельзя. Пришлите текст, фото или документ.
broadcast-nothing-provided = Вы пропустили все языки, отправлять нечего. Начните заново: /broadcast
broadcast-preview-title = <b>Предпросмотр.</b> Следующее сообщение получатели увидят именно так.
broadcast-preview-version = <b>Предпросмотр: вариант на языке { $language }.</b>
broadcast-preview-failed = Telegram не принял это сообщение: { $reason }. Пришлите его ещё раз.
broadcast-plan-line = • { $language } ({ $count }): получат вариант на языке { $version }
broadcast-plan-missing = • { $language } ({ $count }): ничего не получат, нет понятного им варианта
broadcast-confirm-question = Отправить { $total ->
    [one] <b>{ $total }</b> человеку?
   *[other] <b>{ $total }</b> людям?
}
broadcast-button-confirm = ✅ Отправить
broadcast-button-cancel = Отмена
broadcast-button-stop = ⏹ Остановить
broadcast-cancelled = Рассылка отменена. Ничего не отправлено.
broadcast-expired = Этот черновик рассылки уже закрыт. Начните заново: /broadcast
broadcast-progress =
    <b>Рассылка №{ $id }</b> отправляется.
    В очереди: { $total }
    Отправлено: { $sent }
    Ошибки: { $failed }
    Заблокировали бота: { $blocked }
broadcast-report =
    <b>Рассылка №{ $id } завершена.</b>
    В очереди: { $total }
    Отправлено: { $sent }
    Ошибки: { $failed }
    Заблокировали бота: { $blocked }
broadcast-report-stopped =
    <b>Рассылка №{ $id } остановлена.</b>
    В очереди: { $total }
    Отправлено: { $sent }
    Ошибки: { $failed }
    Заблокировали бота: { $blocked }
    Не отправлено: { $cancelled }
broadcast-stopping = Останавливаю рассылку…
outbox-title = <b>Очередь отправки</b>
outbox-counts =
    Ждут отправки: { $pending }
    Отправляются сейчас: { $sending }
    Отправлено: { $sent }
    Ошибки: { $failed }
    Заблокировали бота: { $blocked }
    Отброшены как устаревшие: { $expired }
outbox-next-due = Следующее сообщение: { $when } ({ $zone })
outbox-nothing-due = Ничего не ждёт отправки.
outbox-last-errors = <b>Последние ошибки:</b>
outbox-error-line = • { $when }, { $kind ->
    [broadcast] рассылка
    [kb-expiry] уведомление о базе знаний
   *[other] сообщение
} человеку { $chat }: { $error }
outbox-no-errors = Ошибок нет.
broadcast-audience-country = 🌍 { $country } ({ $count })
broadcast-send-language-only = Пришлите вариант на языке <b>{ $language }</b> ({ $count ->
    [one] { $count } читатель
    [few] { $count } читателя
   *[other] { $count } читателей
}). Если пропустить, они ничего не получат: другого понятного им варианта нет.
broadcast-choose-topic = О чём это объявление? Его получат только те, кто хочет такие объявления, и под каждой копией будет кнопка, чтобы от них отказаться.
broadcast-no-subscribers = Все в этой аудитории отключили такие объявления, отправлять некому.
broadcast-will-get = Рассылку получат { $total ->
    [one] <b>{ $total }</b> человек:
    [few] <b>{ $total }</b> человека:
   *[other] <b>{ $total }</b> человек:
}
broadcast-will-miss = Ещё { $count ->
    [one] { $count } человек не читает
    [few] { $count } человека не читают
   *[other] { $count } человек не читают
} ни на одном из этих языков и ничего не получит.
broadcast-audience-registrants = 👥 Записаны: { $title }, { $day }
broadcast-audience-waiting = ⏳ Лист ожидания: { $title }, { $day }
outbox-times-in = Время: { $zone }.
outbox-error-chat-not-found = Telegram не знает этот чат: человек не запускал бота здесь или удалил чат
outbox-error-blocked = человек заблокировал бота
outbox-error-deactivated = человек удалил аккаунт Telegram
