faq-admin-only = Эта команда для организаторов.
faq-ask-human = 🙋 Связаться с человеком
faq-unanswered-title = <b>Вопросы без уверенного ответа</b> (сначала частые, за 90 дней)
faq-unanswered-none = Пока нет.
faq-feedback-title = <b>Был ли ответ полезен?</b>
faq-reload-done = Материалы обновлены: опубликовано тем: { $count }.
faq-reload-failed = В новых материалах проблем: { $count }, поэтому остались прежние. Исправьте и снова выполните /reload:
