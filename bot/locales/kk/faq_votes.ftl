faq-mydata-votes = Сіз 👍/👎 деп бағалаған жауаптар: { $count }
faq-mydata-unanswered = Бүгінгі жауапсыз сұрақтар саны (мәтіні id-сіз сақталады): { $count }
