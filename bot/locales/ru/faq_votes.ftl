faq-mydata-votes = Ответы, которые вы оценили 👍/👎: { $count }
faq-mydata-unanswered = Вопросов без ответа за сегодня (их текст хранится без вашего id): { $count }
