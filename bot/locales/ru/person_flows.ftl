# An online registrant asking for a seat in the room (issue 12, item 24).
person-seat-button-ask = 🪑 Попросить место в зале
person-seat-button-ask-for = 🪑 Место в зале: { $title }
person-seat-button-stop = Остаться только онлайн
person-seat-button-stop-for = Только онлайн: { $title }
person-seat-button-stay-online = Остаться онлайн
person-seat-queued =
    🕒 «{ $title }»: вы в очереди на место в зале, ваш номер — { $position }.
    Ваше онлайн-участие пока остаётся за вами. Когда место освободится, я предложу его вам здесь.
person-seat-already-queued = Вы уже в очереди на место в зале: номер { $position }. Онлайн-участие пока остаётся за вами.
person-seat-already-in-room = У вас уже есть место в зале на это мероприятие.
person-seat-seated = 🪑 Место было свободно: вместо онлайн-участия у вас теперь место в зале.
person-seat-stopped = Готово: вы больше не в очереди на место. Онлайн-участие остаётся за вами.
person-seat-not-asking = Вы не в очереди на место в зале, ничего не изменилось.
person-seat-ask-phone = Для места в зале нужен номер телефона. Отправьте его кнопкой ниже или напишите с кодом страны, например { $example }. Онлайн-участие пока остаётся за вами.
person-seat-waiting = 🕒 Вы также в очереди на место в зале: номер { $position }.
person-seat-offered = 🎟 Для вас держат место в зале: пожалуйста, ответьте на предложение.
person-seat-offer =
    🎟 <b>Освободилось место в зале</b> на «{ $title }», { $when }.
    Если вы согласитесь, вместо онлайн-участия у вас будет это место. Если останетесь онлайн, больше ничего не изменится. Предложение действует до { $until }.
person-seat-kept-online = Спасибо за ответ: онлайн-участие остаётся за вами, а место перейдёт следующему.
person-seat-offer-lapsed = Место в зале на «{ $title }» перешло следующему: срок предложения истёк. Онлайн-участие остаётся за вами.
person-my-item-online-seat-waiting = • { $title }: { $when }, онлайн; в очереди на место в зале, номер { $position }
person-my-item-online-seat-offered = • { $title }: { $when }, онлайн; вам предлагают место в зале
person-seat-prompt-cancelled = Ничего не изменилось: онлайн-участие остаётся за вами.
person-button-accept-for = ✅ Беру место: { $title }
# Sharing answers and events.
share-button = 📤 Поделиться
person-shared-for-country = ℹ️ Этот ответ — для страны: { $country }. Ваша страна — { $yours }, там правила могут быть другими.
person-shared-your-version = ℹ️ Ссылкой поделились из ответа для страны: { $shared }. Вот ответ для вашей страны: { $country }.
person-shared-button-original = Ответ для страны: { $country }
person-shared-choose-country = ℹ️ Этот ответ — для страны: { $country }. Если вы живёте в другой стране, укажите её, и я буду отвечать для неё.
person-shared-bad-link = По этой ссылке нет ответа: возможно, в ней опечатка или ответ удалили. Выберите тему ниже.
# What the walk through the person's flows found (issue 12).
person-topics-none = Для вашей страны тем пока нет. Если вы живёте в Литве, Латвии или Казахстане, выберите страну в разделе 🌍 Страна или поговорите с человеком.
person-registration-cancelled-online = Ваша онлайн-запись отменена. Спасибо, что сообщили.
person-registration-cancelled-waiting = Вы вышли из листа ожидания. Спасибо, что сообщили.
person-card-full = { $waiting ->
    [0] 🪑 Мест в зале нет.
    [one] 🪑 Мест в зале нет; в листе ожидания { $waiting } человек.
    [few] 🪑 Мест в зале нет; в листе ожидания { $waiting } человека.
   *[other] 🪑 Мест в зале нет; в листе ожидания { $waiting } человек.
}
