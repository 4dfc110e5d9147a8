event-list-title = <b>Upcoming events</b>
event-list-empty = There are no upcoming events right now. Please look again later.
event-list-item = { $title }: { $when }
event-card-when = 🕒 { $when }, { $minutes } min
event-card-venue = 📍 { $venue }, { $address }
event-card-seats = { $left ->
    [one] 🪑 1 seat left of { $capacity }
   *[other] 🪑 { $left } seats left of { $capacity }
}
event-card-online = 💻 You can join online (Zoom).
event-card-livestream = 📺 There will be a livestream.
event-card-contact = Questions: { $contact }
event-card-deadline = ⏳ Registration closes { $when }.
event-card-cancelled = ❌ This event has been cancelled.
event-card-finished = This event is over.
event-card-draft = 📝 Draft: not published yet.
event-button-seat = { $left ->
    [one] 🪑 Take a seat (1 left)
   *[other] 🪑 Take a seat ({ $left } left)
}
event-button-waitlist = 🕒 Join the waiting list
event-button-online = 💻 Join online
event-button-livestream = 📺 Watch the livestream
event-button-open = { $title }
event-button-cancel = Cancel: { $title }
event-button-accept = ✅ Accept the seat
event-button-decline = Decline
event-button-consent = ✅ I agree
event-button-use-name = Use “{ $name }”
event-button-share-phone = 📱 Share my phone number
event-ask-consent =
    <b>Before you register</b>
    For the door list we keep only the name you give us and, for some events, a phone number. We use them for this event only and delete them after it. You can see or erase your data at any time with /mydata and /forget.
event-ask-name = Which name should we write on the door list? Type it, or tap the button below.
event-ask-phone = This event needs a phone number for seats in the room. Share it with the button below or type it with the country code, for example { $example }.
event-bad-phone = That does not look like a phone number. Please type it with the country code, for example { $example }.
event-bad-name = Please type a name of up to 100 characters.
event-registered-offline =
    ✅ <b>You have a seat</b> at “{ $title }”, { $name }.
    🕒 { $when }
    Your check-in code: <b>{ $code }</b>
event-registered-online =
    ✅ <b>You are registered online</b> for “{ $title }”, { $name }.
    🕒 { $when }
event-waitlisted =
    🕒 The room is full, so you are on the <b>waiting list</b> for “{ $title }”: number { $position }.
    🕒 { $when }
    If a seat frees up, I will offer it to you here.
event-waitlisted-online = Meanwhile you can take part online:
event-offer-pending = 🎟 A seat at “{ $title }” is being held for you: please answer the offer above.
event-online-zoom = 💻 Zoom ID: <code>{ $zoom_id }</code>, passcode: <code>{ $passcode }</code>
event-online-link = 🔗 <a href="{ $url }">Join the conference</a>
event-livestream-link = 📺 <a href="{ $url }">Livestream</a>
event-ics-caption = Add it to your calendar.
event-already-registered = You are already registered for this event. See /my.
event-closed = Registration for this event is closed.
event-not-found = This event is no longer available.
event-no-offline = This event has no seats in a room; you can join online.
event-no-online = This event has no online participation.
event-registration-cancelled = Your registration has been cancelled. Thank you for letting us know: your seat goes to the next person.
event-registration-already-cancelled = This registration was already cancelled.
event-my-title = <b>Your registrations</b>
event-my-empty = You have no registrations yet. Choose an event below.
event-my-item-confirmed-offline = • { $title }: { $when }, seat, code <b>{ $code }</b>
event-my-item-confirmed-online = • { $title }: { $when }, online
event-my-item-waiting-offline = • { $title }: { $when }, waiting list number { $position }
event-my-item-offered-offline = • { $title }: { $when }, a seat is offered to you
event-reminder = ⏰ <b>Reminder</b>: “{ $title }” starts { $hours ->
    [one] in 1 hour
   *[other] in { $hours } hours
}: { $when }.
event-reminder-code = Your check-in code: <b>{ $code }</b>
event-offer =
    🎟 <b>A seat has freed up</b> at “{ $title }”, { $when }.
    Would you like it? The offer is open until { $until }.
event-offer-accepted = ✅ The seat is yours! We will remind you before the start.
event-offer-declined = Thank you for answering: the seat goes to the next person.
event-offer-expired = Sorry, this offer has expired.
event-offer-lapsed = The seat offered to you at “{ $title }” went to the next person because the offer expired.
event-changed = ℹ️ <b>Change</b>: “{ $title }” now takes place { $when }.
event-cancelled-notice = ❌ “{ $title }”, { $when }, has been cancelled. We are sorry.
event-mydata-title = <b>Event registrations</b>
event-mydata-item = • { $title }, { $when }: name “{ $name }”, phone { $phone }
event-prompt-cancelled = Registration cancelled: nothing was saved. You can register again from the event card.
event-reminder-soon = ⏰ <b>Reminder</b>: “{ $title }” starts { $minutes ->
    [one] in 1 minute
   *[other] in { $minutes } minutes
}: { $when }.
event-is-cancelled = ❌ The organizers have cancelled this event, so there is nothing to register for or cancel.
event-is-over = This event is already over.
event-what-next = What next?
event-button-cancel-yes = Yes, cancel
event-button-cancel-keep = No, keep it
event-cancel-ask = Cancel your place at “{ $title }”, { $when }? If it is a seat, it goes to the next person waiting and you may not get it back.
event-cancel-kept = Nothing changed: your place is kept.
event-offer-was-declined = You declined this seat earlier, so it went to the next person waiting.
event-offer-withdrawn = This offer no longer stands: your registration was cancelled.
