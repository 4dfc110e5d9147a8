cmd-newevent = Create an event (organizers)
cmd-checkin = Check in a guest by code (organizers)
org-not-allowed = Sorry, this is for event organizers only.
org-new-intro = Let us create an event. Answer a few questions; send /cancel to stop at any time.
org-ask-title = What is the event called? (up to 200 characters)
org-ask-description = A short description for the event card, or tap Skip.
org-ask-timezone = In which time zone does it take place? Tap one, or type a city (Vilnius, Riga, Almaty) or an IANA name such as Europe/Vilnius.
org-ask-start = When does it start? Type the local time in { $zone }, for example 25.12.2026 17:00, 2026-12-25 17:00 or tomorrow 18:00.
org-ask-duration = How long does it last, in minutes? Tap Skip for 120.
org-ask-venue = Where does it take place (the venue name)? Tap Skip if it is online only.
org-ask-address = The venue's address?
org-ask-capacity = How many seats are there in the room? (a whole number, at least 1)
org-ask-phone = Do guests in the room need to give a phone number?
org-ask-zoom-id = The Zoom conference ID, or tap Skip if there is no Zoom.
org-ask-zoom-passcode = The Zoom passcode, or tap Skip.
org-ask-online-url = The link to join online (http:// or https://), or tap Skip.
org-ask-livestream-url = The livestream link (http:// or https://), or tap Skip.
org-ask-deadline = Registration closes at (local time in { $zone }, for example 24.12.2026 18:00), or tap Skip to keep it open until the start.
org-ask-contact = A contact for questions (phone, e-mail or @username), or tap Skip.
org-zone = { $zone }
org-yes = Yes
org-no = No
org-skip = Skip
org-invalid-text = Please type some text, not too long.
org-invalid-zone = I do not know this time zone. Type a city (Vilnius, Riga, Almaty) or an IANA name such as Europe/Vilnius, Europe/Riga or Asia/Almaty.
org-invalid-date-format = I could not read this date. Please type it like 25.12.2026 17:00, 2026-12-25 17:00 or tomorrow 18:00.
org-invalid-date-past = This time has already passed. Please give a time in the future.
org-invalid-date-nonexistent = This time does not exist in { $zone } (the clocks skip it for summer time). Please choose another time.
org-invalid-date-unknown-zone = I do not know the event's time zone. Please start again with /newevent.
org-invalid-deadline = Registration must close before the event starts.
org-invalid-number = Please type a whole number from { $minimum } to { $maximum }, for example 20.
org-invalid-url = Please send a link that starts with http:// or https://.
org-preview = <b>Preview.</b> This is how people will see the event:
org-button-publish = 📢 Publish
org-button-discard = 🗑 Discard
org-published = 📢 “{ $title }” is published. Link to share: { $link }
org-discarded = The draft has been discarded.
org-button-edit = ✏️ Edit
org-button-cancel-event = ❌ Cancel event
org-button-registrations = 👥 Registrations
org-edit-choose = What would you like to change?
org-field-title = Title
org-field-start = Date and time
org-field-venue = Venue
org-field-address = Address
org-field-capacity = Seats in the room
org-field-online-url = Online link
org-field-livestream-url = Livestream link
org-edit-current = Now: { $value }
org-edit-saved = { $count ->
    [0] Saved.
    [one] Saved. 1 registrant will be told about the change.
   *[other] Saved. { $count } registrants will be told about the change.
}
org-capacity-below = { $taken } seats are already taken, so the room cannot have fewer seats than that. Nobody was removed. Ask people to cancel first, or give a number of { $taken } or more.
org-button-cancel-confirm = Yes, cancel the event
org-cancel-ask = Cancel “{ $title }”? Everyone registered will be told, and their reminders stopped.
org-cancelled = { $count ->
    [one] “{ $title }” is cancelled. 1 registrant will be told.
   *[other] “{ $title }” is cancelled. { $count } registrants will be told.
}
org-counts =
    <b>{ $title }</b>
    Seats taken: { $taken } of { $capacity }
    Waiting list: { $waiting }{ $waiting_online ->
        [0] {""}
       *[other] , { $waiting_online } of them online for now
    }
    Online: { $online }
    Cancelled: { $cancelled }
    Checked in: { $checked_in }
org-button-checkin = ✅ { $name } ({ $code })
org-button-csv = 📄 Door list (CSV)
org-button-report = 📊 Report
org-csv-caption = Door list: { $title }
org-report =
    <b>Report: { $title }</b>, { $when }
    Registered: { $registered } (in the room { $offline }, online { $online })
    Attended in the room: { $attended }
    No-shows: { $no_shows }
    By language: { $languages }
org-checkin-usage = Send the guest's code like this: /checkin K7M2QX
org-checkin-ok = ✅ { $name } is checked in.
org-checkin-already = { $name } was already checked in.
org-checkin-not-found = No registration with this code.
org-checkin-not-confirmed = { $name } has no confirmed seat (waiting list or cancelled).
org-wizard-cancelled = Stopped. Nothing was saved.
org-nothing-to-cancel = There is nothing to cancel.
org-edit-cancelled = Edit stopped. Nothing was changed.
org-invalid-range = Please type a whole number from { $minimum } to { $maximum }.
org-invalid-too-long = This is { $length } characters long; at most { $maximum } fit. Please make it shorter.
org-invalid-no-way-to-attend = Nobody could attend this event: it has no venue, no online link and no livestream. Please give a venue (or skip it and give an online link or a livestream).
org-invalid-required = This answer is needed.
org-field-description = Description
org-field-duration = Duration
org-field-phone = Phone number required
org-field-zoom-id = Zoom ID
org-field-zoom-passcode = Zoom passcode
org-field-deadline = Registration deadline
org-field-contact = Contact
cmd-broadcast = Send an announcement (organizers)
cmd-outbox = What is waiting to be sent (organizers)
cmd-unanswered = Questions without an answer (organizers)
cmd-reload = Reload the knowledge base (organizers)
csv-name = Name
csv-phone = Phone
csv-mode = Takes part
csv-status = Status
csv-code = Code
csv-checked_in = Checked in
csv-mode-offline = in the room
csv-mode-online = online
csv-status-confirmed = confirmed
csv-status-waiting = waiting list
csv-status-offered = seat offered
csv-status-cancelled = cancelled
csv-status-lapsed = offer lapsed
org-button-cancel-keep = No, keep the event
org-cancel-kept = “{ $title }” stays as it is: nothing was changed, nobody was told.
org-button-checkin-undo = ↩️ Undo the check-in
org-checkin-undone = ↩️ { $name } is no longer checked in.
org-checkin-nothing-to-undo = { $name } is not checked in: there is nothing to undo.
