"""Everyday requests Jol has no topic for: the meaning stage's picture of "off-topic".

A message that shares a word with a topic (a cooking recipe and a medical prescription,
a football ticket and a ticket home, an exchange rate and a language course) can look
close to that topic. When it is at least as close to one of these sentences, that is
evidence it is about something else (faq.rerank: the `offtopic_margin` feature). They
are generic on purpose: themes, not the evaluation questions, in the four languages.
"""

from __future__ import annotations


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.strip().splitlines() if line.strip())


ANCHORS: tuple[str, ...] = _lines(
    """
    рецепт приготовления блюда
    как вкусно приготовить ужин
    какая погода будет завтра
    прогноз погоды на выходные
    купить билеты на футбольный матч
    билеты на концерт
    счёт матча и результаты игры
    правила настольной игры или карточной игры
    курс доллара и евро на сегодня
    курс валют в обменнике
    посоветуй фильм или сериал
    хорошая музыка и песни
    часы работы торгового центра
    скидки в магазине и возврат покупки
    как починить телефон или компьютер
    не работает приложение, забыл пароль от аккаунта
    соцсети, подписчики, блокировка аккаунта
    куда поехать в отпуск, туристическая путёвка
    отель и экскурсии для туристов
    аренда машины и страховка автомобиля
    ремонт автомобиля и шиномонтаж
    потерялся кот или собака
    уход за домашними животными и растениями
    школа танцев, фитнес и спортзал
    знакомства и отношения, любовь
    анекдот, шутка, загадка
    домашнее задание по математике
    история, география, животные, космос
    купить продукты и одежду
    регистрация автомобиля и номера на машину
    разрешение на строительство дома, ремонт квартиры
    кредитная карта visa или mastercard, кэшбэк
    регистрация на рейс, багаж и авиабилеты
    перелётные птицы, миграция животных
    салон красоты, перманентный макияж, маникюр
    какой сегодня праздник, выходные дни в календаре
    how to cook a recipe
    weather forecast for tomorrow
    buy tickets for a football game or a concert
    exchange rate of the dollar today
    recommend a movie or a tv series
    opening hours of the shopping mall
    fix my phone screen or laptop
    my social media account was banned
    holiday trip, hotel and sightseeing
    car rental and car insurance
    my cat is lost
    gym membership and dance classes
    dating and relationships
    tell me a joke
    help with my homework
    register a car, number plates and car tax
    building permit for a house or a garage
    visa credit card, cashback and bank card limits
    online flight check-in and baggage allowance
    bird migration and animals in winter
    beauty salon, permanent make-up, nails
    тамақ рецепті, қалай пісіремін
    ертеңгі ауа райы қандай
    футбол матчына билет
    бүгінгі доллар курсы
    жақсы фильм немесе сериал ұсыныңыз
    дүкен сағат қаншада жабылады
    телефон жөндеу
    инстаграм аккаунтым бұғатталды
    демалысқа турға бару, қонақ үй
    көлік жалға алу, көлік сақтандыруы
    мысық жоғалып кетті
    әзіл айтып берші
    үй тапсырмасы математика
    көлікті тіркеу, көлік нөмірі
    үй салуға рұқсат, пәтер жөндеу
    авиарейске тіркелу, багаж
    құстардың қоныс аударуы
    сұлулық салоны, маникюр
    patiekalo receptas, kaip pagaminti
    orų prognozė rytojui
    bilietai į krepšinio rungtynes ar koncertą
    valiutos kursas šiandien
    rekomenduok filmą ar serialą
    prekybos centro darbo valandos
    sugedo telefonas, kaip pataisyti
    užblokavo paskyrą socialiniame tinkle
    atostogos, viešbutis ir ekskursijos
    automobilio nuoma ir draudimas
    dingo katė
    sporto klubas ir šokių pamokos
    papasakok anekdotą
    automobilio registracija ir numeriai
    statybos leidimas namui
    registracija skrydžiui ir bagažas
    paukščių migracija
    grožio salonas, permanentinis makiažas
    """
)
