# The answer footer, added by the bot to every knowledge-base answer.
faq-sources = Sources
faq-reviewed = Last checked: { $date }
faq-disclaimer = This is general information, not legal advice. To talk to a person, send /human or contact the NGO.

# Questions and browsing
faq-not-sure = I am not sure I understood your question. Perhaps one of these topics fits? You can also ask in other words or talk to a person.
faq-helpful-question = Was this answer helpful?
faq-thanks-feedback = Thank you for your feedback!
faq-topics-title = Choose a topic:
faq-category-documents = 📄 Documents
faq-category-work = 💼 Work
faq-category-money = 💶 Money and taxes
faq-category-health = 🏥 Health
faq-category-education = 🎓 Education
faq-category-rights = ⚖️ Rights and safety
faq-category-daily-life = 🏠 Daily life
faq-category-help = 🤝 Where to get help
faq-back = ⬅️ Back
faq-topic-not-found = This topic is no longer available: it may have been removed or renamed. Open the list of topics again: /topics
faq-empty-question = Please type your question in words, for example: <i>my employer does not pay my salary</i>. Or choose a topic:
faq-answer-for-country = ℹ️ You asked about { $country }: this answer is for { $country }.
faq-no-country-info = I have detailed information only for Lithuania, Latvia and Kazakhstan, not for your country. A person can help you: { $contact }
faq-two-countries = Your question names more than one country. Which one do you mean? Ask again about one country, or choose a topic.
