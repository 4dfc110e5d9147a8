privacy-summary =
    <b>Your data in Jol</b>
    We keep only what is needed: your Telegram id and chosen language; for an event, the name you give for the door list and, only where the venue requires it, a phone number. We never ask about your immigration status.
    Questions the bot could not answer are kept without your id, for { $days } days, to improve the answers.
    Event registrations are anonymised { $days ->
        [one] { $days } day
       *[other] { $days } days
    } after the event.
    /mydata shows everything we keep about you; /forget erases it.
privacy-mydata-title = <b>What Jol keeps about you</b>
privacy-mydata-user = Telegram id: { $id }
    Language: { $language }
    First contact: { $first_seen }
    Last contact: { $last_seen }
privacy-mydata-consent = Privacy summary accepted: { $when }
privacy-mydata-none = We keep nothing about you.
privacy-forget-confirm = This erases your language choice, your event registrations and your questions to consultants (their topics in the staff group are deleted too), and cancels messages planned for you. Erase everything?
privacy-forget-yes = Yes, erase
privacy-forget-no = No, keep
privacy-forgotten = Done: everything we kept about you is erased. If you write again, we start from scratch.
    What we cannot erase: the messages in this chat stay on your phone until you delete the chat, and Telegram itself may keep copies of messages for a while under its own rules.
privacy-forget-kept = Nothing was erased.
human-admin-request = A person asks to talk to someone: <a href="tg://user?id={ $id }">open the chat</a> (language: { $language }).
privacy-mydata-country = Country: { $country }
