event-list-title = <b>Ближайшие мероприятия</b>
event-list-empty = Сейчас нет запланированных мероприятий. Загляните позже.
event-list-item = { $title }: { $when }
event-card-when = 🕒 { $when }, { $minutes } мин
event-card-venue = 📍 { $venue }, { $address }
event-card-seats = { $left ->
    [one] 🪑 Осталось { $left } место из { $capacity }
    [few] 🪑 Осталось { $left } места из { $capacity }
   *[other] 🪑 Осталось { $left } мест из { $capacity }
}
event-card-online = 💻 Можно участвовать онлайн (Zoom).
event-card-livestream = 📺 Будет прямая трансляция.
event-card-contact = Вопросы: { $contact }
event-card-deadline = ⏳ Регистрация открыта до { $when }.
event-card-cancelled = ❌ Мероприятие отменено.
event-card-finished = Мероприятие завершилось.
event-card-draft = 📝 Черновик: ещё не опубликовано.
event-button-seat = 🪑 Занять место (осталось { $left })
event-button-waitlist = 🕒 В лист ожидания
event-button-online = 💻 Участвовать онлайн
event-button-livestream = 📺 Смотреть трансляцию
event-button-open = { $title }
event-button-cancel = Отменить: { $title }
event-button-accept = ✅ Беру место
event-button-decline = Отказаться
event-button-consent = ✅ Согласен(на)
event-button-use-name = Записать как «{ $name }»
event-button-share-phone = 📱 Отправить мой номер
event-ask-consent =
    <b>Перед регистрацией</b>
    Для списка участников мы храним только имя, которое вы укажете, а для некоторых мероприятий ещё номер телефона. Они нужны только для этого мероприятия и удаляются после него. Посмотреть или удалить свои данные можно в любой момент: /mydata и /forget.
event-ask-name = Какое имя записать в список участников? Напишите его или нажмите кнопку ниже.
event-ask-phone = Для мест в зале на это мероприятие нужен номер телефона. Отправьте его кнопкой ниже или напишите с кодом страны, например { $example }.
event-bad-phone = Это не похоже на номер телефона. Напишите его с кодом страны, например { $example }.
event-bad-name = Напишите имя длиной до 100 символов.
event-registered-offline =
    ✅ <b>Место за вами</b>: «{ $title }», { $name }.
    🕒 { $when }
    Ваш код для входа: <b>{ $code }</b>
event-registered-online =
    ✅ <b>Вы зарегистрированы онлайн</b>: «{ $title }», { $name }.
    🕒 { $when }
event-waitlisted =
    🕒 Мест в зале нет, вы в <b>листе ожидания</b> на «{ $title }»: номер { $position }.
    🕒 { $when }
    Если место освободится, я предложу его вам здесь.
event-waitlisted-online = А пока можно участвовать онлайн:
event-offer-pending = 🎟 Для вас придержано место на «{ $title }»: ответьте, пожалуйста, на предложение выше.
event-online-zoom = 💻 Zoom ID: <code>{ $zoom_id }</code>, код доступа: <code>{ $passcode }</code>
event-online-link = 🔗 <a href="{ $url }">Подключиться к конференции</a>
event-livestream-link = 📺 <a href="{ $url }">Трансляция</a>
event-ics-caption = Добавьте в свой календарь.
event-already-registered = Вы уже зарегистрированы на это мероприятие. Смотрите /my.
event-closed = Регистрация на это мероприятие закрыта.
event-not-found = Это мероприятие больше недоступно.
event-no-offline = На этом мероприятии нет мест в зале; можно участвовать онлайн.
event-no-online = У этого мероприятия нет онлайн-участия.
event-registration-cancelled = Регистрация отменена. Спасибо, что предупредили: ваше место получит следующий человек.
event-registration-already-cancelled = Эта регистрация уже отменена.
event-my-title = <b>Ваши регистрации</b>
event-my-empty = У вас пока нет записей. Выберите мероприятие ниже.
event-my-item-confirmed-offline = • { $title }: { $when }, место в зале, код <b>{ $code }</b>
event-my-item-confirmed-online = • { $title }: { $when }, онлайн
event-my-item-waiting-offline = • { $title }: { $when }, лист ожидания, номер { $position }
event-my-item-offered-offline = • { $title }: { $when }, вам предложено место
event-reminder = ⏰ <b>Напоминание</b>: «{ $title }» начнётся { $hours ->
    [one] через { $hours } час
    [few] через { $hours } часа
   *[other] через { $hours } часов
}: { $when }.
event-reminder-code = Ваш код для входа: <b>{ $code }</b>
event-offer =
    🎟 <b>Освободилось место</b> на «{ $title }», { $when }.
    Хотите его занять? Предложение действует до { $until }.
event-offer-accepted = ✅ Место ваше! Мы напомним перед началом.
event-offer-declined = Спасибо за ответ: место получит следующий человек.
event-offer-expired = К сожалению, срок этого предложения истёк.
event-offer-lapsed = Место на «{ $title }» передано следующему человеку: срок предложения истёк.
event-changed = ℹ️ <b>Изменение</b>: «{ $title }» теперь пройдёт { $when }.
event-cancelled-notice = ❌ «{ $title }», { $when }, отменено. Нам очень жаль.
event-mydata-title = <b>Регистрации на мероприятия</b>
event-mydata-item = • { $title }, { $when }: имя «{ $name }», телефон { $phone }
event-prompt-cancelled = Регистрация отменена: ничего не сохранено. Зарегистрироваться можно снова из карточки мероприятия.
event-reminder-soon = ⏰ <b>Напоминание</b>: «{ $title }» начнётся { $minutes ->
    [one] через { $minutes } минуту
    [few] через { $minutes } минуты
   *[other] через { $minutes } минут
}: { $when }.
event-is-cancelled = ❌ Организаторы отменили это мероприятие: записаться или отменить запись уже нельзя.
event-is-over = Это мероприятие уже прошло.
event-what-next = Что дальше?
event-button-cancel-yes = Да, отменить
event-button-cancel-keep = Нет, оставить
event-cancel-ask = Отменить вашу запись на «{ $title }», { $when }? Если это место в зале, оно перейдёт следующему в листе ожидания, и вернуть его, возможно, не получится.
event-cancel-kept = Ничего не изменилось: ваша запись сохранена.
event-offer-was-declined = Вы уже отказались от этого места, и оно перешло следующему в листе ожидания.
event-offer-withdrawn = Это предложение больше не действует: ваша запись была отменена.
