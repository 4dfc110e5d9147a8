## A person and the NGO's consultants (cases), and SOS

menu-human = 👤 Talk to a person
menu-sos = 🆘 Urgent help
cmd-sos = Urgent help: emergency numbers and a person
cmd-cases = Open consultant cases

case-staff-name = Consultant
case-notice =
    <b>Talking to a person</b>
    Your messages go to the consultants of { $org }. They see what you write and send, your language and your country — not your name, username or phone number, unless you write them yourself.
    Your question is kept for { $days } days after it is closed; /forget erases it at any time.
case-notice-ok = ✍️ Write to a consultant
case-prompt = Write your question in one message, the way you would tell it to a person: what happened, where, since when. You can also send photos, documents or a voice message.
case-prompt-priority = 🔴 Write what is happening. Your message is marked urgent and a consultant sees it first. Consultants see what you write, your language and your country — not your name or phone number.
case-unsupported = This kind of message cannot be passed on. Please write text, or send a photo, a document or a voice message.
case-cancelled = Nothing was sent to a consultant.
case-received =
    ✅ Your question is with a consultant (case #{ $case }).
    { $when }
    To add something, just write here.
case-when-open = Consultants usually answer within { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    }. The answer comes here, in this chat.
case-when-closed = The office is closed now; it opens { $opening }. The answer comes here, in this chat.
case-when-unknown = A consultant will answer here, in this chat, as soon as they can; it can take up to { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    }.
case-already-open = Your question #{ $case } is with a consultant. To add something, just write here.
case-added = ✓ Added to your question #{ $case }.
case-reopened =
    ↩️ Your question #{ $case } is open again and with a consultant.
    { $when }
case-button-leave = ✖️ End chat
case-button-menu = 🏠 Menu
case-left = Your conversation #{ $case } with the consultant is closed. To start again, send /human.
case-reply-header = 💬 <b>{ $org }</b> · #{ $case }
case-closed-person =
    ✅ The consultant has closed your question #{ $case }. If you write here within { $days } days, it opens again.
    How much did we help? (1 — not at all, 5 — very much)
case-rate-thanks = Thank you for your rating.
case-overdue-person = ⏳ Your question #{ $case } has not been answered yet. We have reminded the consultants; it is still in their queue.
case-help-contact = If it cannot wait: { $contact }. If you are in danger, call 112.
case-help-112 = If you are in danger, call 112.
case-staff-unreachable = ⚠️ We could not pass your question to the consultants: the bot has lost access to their group. Nobody has been notified through the bot.
case-mydata-title = <b>Questions to consultants</b>
case-mydata-item = #{ $case }, opened { $opened }, { $status ->
        [open] open
       *[closed] closed
    }, { $messages } messages from you

human-notified = An organizer has been told that you would like to talk to a person; they will write to you here as soon as they can.
human-notified-contact = An organizer has been told that you would like to talk to a person. You can also write to: { $contact }
human-nobody-contact = Nobody has been notified through the bot. To talk to a person, write to: { $contact }
human-nobody = Nobody can be reached through the bot right now, and nobody has been notified. If you are in danger, call 112. The answers under 📚 Topics name the institutions that can help.

case-privacy-summary = Questions to consultants: what you write and send, with your language and country, is seen by the NGO's consultants and kept for { $days } days after the question is closed.

sos-now = 🆘 <b>If you or someone else is in danger right now, call 112.</b>
sos-offer = A consultant can also help you. Tap below and write what is happening: your message is marked urgent.
sos-button-case = 🔴 Talk to a person now

## The staff group (in the deployment's language)

staff-case-card =
    <b>Case #{ $case }</b>{ $priority ->
        [yes] {" "}🔴 urgent
       *[no] {""}
    }
    Language: { $language }
    Country: { $country }
    Came from the answer: { $topic }
    Opened: { $opened }
    Write in this topic to answer: your messages reach the person under the name “{ $org }”, never yours.
    /close closes the case · /note … stays here only · /kb TOPIC sends an answer from the knowledge base
staff-button-info = ℹ️ Details
staff-button-close = ✅ Close
staff-button-stale = This button is no longer valid.
staff-info = Case #{ $case }: { $language }, { $country }. Opened { $opened }. { $status ->
        [open] Open.
       *[closed] Closed.
    }
staff-not-staff = Only staff messages reach the person; this one was not sent.
staff-not-a-case = This is not a case topic: nothing was sent to anyone. /cases lists the open cases.
staff-person-blocked = ⛔ The person has blocked the bot: replies cannot reach them.
staff-closed = ✅ Case #{ $case } is closed; the person has been told and asked for a rating.
staff-already-closed = Case #{ $case } is already closed.
staff-reopened = ↩️ The person wrote again: case #{ $case } is open.
staff-person-left = ✖️ The person ended the conversation.
staff-note-kept = 📝 Note kept in this topic; the person does not see it.
staff-kb-usage = Write /kb and a topic id, for example /kb { $ids }
staff-kb-unknown = There is no topic “{ $id }” for { $country }. Topics: { $ids }
staff-kb-sent = 📚 Sent to the person: { $title }
staff-rating = ⭐ The person rated the help { $stars } of 5.
staff-overdue = ⏰ Nobody has answered case #{ $case } for { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    }. The person has been told it is still waiting.
staff-cases-title = <b>Open cases: { $count }</b> (urgent first, then the longest wait)
staff-cases-line = { $mark } #{ $case } · { $lang } · { $country } · { $waiting } · <a href="{ $link }">open</a>
staff-cases-none = No open cases.
staff-waiting-staff = waiting for staff since { $since }
staff-waiting-person = waiting for the person
staff-priority-alert = 🔴 Urgent case #{ $case } ({ $language }, { $country }): a person may be at risk. <a href="{ $link }">Open the topic</a>
staff-unreachable-organizer = ⚠️ The bot can no longer post in the staff group (STAFF_CHAT_ID), so questions cannot reach the consultants. Add the bot back to the group as an administrator allowed to manage topics. People who asked were told honestly.
staff-report = <b>Consultant cases, last { $days } days</b>
    Opened: { $opened } · answered: { $answered } · closed: { $closed } · urgent: { $priority }
    Median time to the first answer: { $hours } h
staff-report-languages = By language: { $list }
staff-report-topics = By topic: { $list }
staff-report-ratings = Ratings: { $count }, average { $average } of 5
staff-group-id = This group's id is <code>{ $id }</code>. To answer people's questions here, set STAFF_CHAT_ID={ $id } and restart Jol; make the bot an administrator allowed to manage topics.
staff-group-id-no-topics = This group's id is <code>{ $id }</code>. To use it as the staff group, first turn on Topics in the group's settings, then set STAFF_CHAT_ID={ $id } and restart Jol.
