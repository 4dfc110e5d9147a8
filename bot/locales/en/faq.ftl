# The answer footer, added by the bot to every knowledge-base answer.
faq-sources = Sources
faq-reviewed = Last checked: { $date }
faq-disclaimer = This is general information, not legal advice. To talk to a person, send /human or contact the NGO.

# Questions and browsing
faq-not-sure = I am not sure I understood your question. Perhaps one of these topics fits? Or describe your situation in one sentence, for example: <i>my employer has not paid me for two months</i>. You can also talk to a person.
faq-helpful-question = Was this answer helpful?
faq-thanks-feedback = Thank you for your feedback!
faq-topics-title = Choose a topic:
faq-category-documents = 📄 Documents
faq-category-work = 💼 Work
faq-category-money = 💶 Money and taxes
faq-category-health = 🏥 Health
faq-category-education = 🎓 Education
faq-category-rights = ⚖️ Rights and safety
faq-category-daily-life = 🧺 Daily life
faq-category-help = 🤝 Where to get help
faq-back = ⬅️ Back
faq-topic-not-found = This topic is no longer available: it may have been removed or renamed. Open the list of topics again: /topics
faq-empty-question = Please type your question in words, for example: <i>my employer does not pay my salary</i>. Or choose a topic:
faq-answer-for-country = ℹ️ You asked about { $country }: this answer is for { $country }.
faq-no-country-info = I have detailed information only for Lithuania, Latvia and Kazakhstan, not for your country. A person can help you: { $contact }
faq-two-countries = Your question names more than one country. Which one do you mean? Ask again about one country, or choose a topic.
faq-numbers-only = I cannot search by numbers alone. Please write your question in words (there is no need to send a phone or document number), or choose a topic:

# Small talk: a greeting, thanks, goodbye or "are you a bot?" instead of a question.
faq-smalltalk-greeting = Hello! I am Jol: I answer questions about documents, work, health and your rights. Write your question or choose from the menu.
faq-smalltalk-thanks = You are welcome! Write again whenever you have a question.
faq-smalltalk-goodbye = Goodbye! Write whenever you need help.
faq-smalltalk-bot = I am Jol, a bot, run by people who help migrants. I answer common questions from checked sources, and if you need a person, I can put you in touch: /human
faq-smalltalk-ok = Good! If you have a question, just write it.
