start-greeting =
    Hello, { $name }! I am <b>Jol</b>, a helper for people who have come to live and work in Lithuania, Latvia or Kazakhstan.

    Ask me about documents, work, health, your rights, or sign up for round tables and community events. Type a question in your own words or choose below.
start-greeting-again = Welcome back, { $name }! What would you like to do?
menu-title = What would you like to do?
menu-ask = ❓ Ask a question
menu-topics = 📚 Topics
menu-events = 📅 Events
menu-my-registrations = 🎫 My registrations
menu-language = 🌐 Language
menu-privacy = 🔒 Privacy
ask-prompt = Type your question in your own words, for example: <i>my employer does not pay my salary</i>. You can write in Russian, Kazakh, Lithuanian or English.
help-text =
    <b>How to use Jol</b>
    • Type any question, for example “how to get a residence permit”.
    • /topics: browse answers by topic
    • /events: round tables and community events
    • /my: your registrations
    • /language: change the language
    • /settings: language and country; /announcements: which announcements you get
    • /human: talk to a person
    • /sos: urgent help, emergency numbers at once
    • /privacy: what we keep about you; /mydata to see it, /forget to erase it
    • /menu: the main menu
feature-coming-soon = This part of Jol is not ready yet. Thank you for your patience!
language-choose = Choose your language:
language-set = Done: I will speak English with you.
unknown-command = I do not know this command. Here is what I can do:
not-understood = I did not understand that. Type a question in words, or choose from the menu.
button-expired = This button has expired. Please open the menu again: /menu
error-generic = Sorry, something went wrong on our side. Please try again in a minute.
group-go-private = Let us talk in a private chat, so your questions stay private: { $link }
cmd-start = Start and main menu
cmd-help = How to use the bot
cmd-menu = Main menu
cmd-language = Change the language
cmd-topics = Browse topics
cmd-events = Events and round tables
cmd-my = My registrations
cmd-human = Talk to a person
cmd-privacy = Your data and privacy
cmd-cancel = Leave the current question
conversation-button-cancel = ✖️ Cancel
conversation-nothing-to-cancel = There is nothing to cancel: no question is open.
conversation-cancelled = Cancelled.
conversation-already-closed = This question is already closed.
menu-country = 🌍 Country
country-choose = Which country do you live in? I will answer from that country's laws.
country-other = 🌍 Another country
country-set = Done: I will answer for { $country }. You can change it any time: /settings
country-set-other = Done. I have detailed information only for Lithuania, Latvia and Kazakhstan; for other countries I can give general information and put you in touch with a person. You can change it any time: /settings
settings-title =
    <b>Your settings</b>
    Language: { $language }
    Country: { $country }
settings-change-language = 🌐 Change the language
settings-change-country = 🌍 Change the country
cmd-settings = Language and country
country-other-name = another country
list-previous = ◀️ Back
list-next = Next ▶️
flood-slow-down = You are sending a lot of messages: please slow down a little. I will answer again in a few seconds.
menu-home = 🏠 Menu
bot-description = Jol helps people who have come to live and work in Lithuania, Latvia or Kazakhstan: answers about documents, work, health and rights, in Russian, Kazakh, Lithuanian or English, and sign-up for round tables and community events. Free, run by an NGO.
bot-short-description = Answers for migrants in Lithuania, Latvia and Kazakhstan; events and round tables.
