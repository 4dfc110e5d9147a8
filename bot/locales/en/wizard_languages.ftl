# The event wizard and Edit: texts per language, Back, the venue's pin on the map.
wiz-ask-title = ✏️ Writing in: <b>{ $language }</b>. What is the event called? (up to { $maximum } characters)
wiz-ask-description = ✏️ Writing in: <b>{ $language }</b>. A short description for the event card, or tap Skip.
wiz-now = Your answer so far: { $value }
wiz-editing = ✏️ You are editing the text in <b>{ $language }</b>.
wiz-button-keep = ✓ Keep
wiz-button-clear = 🗑 Remove
wiz-button-back = ⬅️ Back
wiz-button-continue = Continue ➡️
wiz-button-add = ➕ { $language }
wiz-button-change = ✏️ { $language }
wiz-languages =
    <b>Title and description by language</b>
    { $lines }

    People whose language is missing see the text in the language named after it. Add another language, or tap Continue.
wiz-language-filled = ✅ { $language }: { $title }
wiz-language-missing = ➖ { $language }: missing, people see { $shown }
wiz-languages-tap = Please tap a language to add it, or Continue.
wiz-languages-summary =
    <b>Languages</b>
    { $lines }
wiz-edit-languages =
    <b>Title and description by language</b>
    { $lines }

    Tap a language to change its text or to add it.
wiz-field-texts = 🌐 Title and description (languages)
wiz-first-question = This is the first question: there is nothing before it. Send /cancel to stop.
wiz-invalid-location = I could not read this location. Send it with 📎 → Location, or type the latitude and longitude, for example 54.6872, 25.2797.
wiz-invalid-needs = This does not fit with the other answers: a map pin needs an address, and seats need a venue. Please change the other answer first.
org-ask-location = 📍 Where is it on the map? Send the venue's location (📎 → Location, then choose the point), or type the latitude and longitude like 54.6872, 25.2797. Tap Skip to go without a pin.
org-field-location = 📍 Map pin
event-map-link = 📍 On the map: { $url }
wiz-edit-title = Type the title in this language (up to { $maximum } characters).
wiz-edit-description = Type the description in this language.
wiz-invalid-too-long = This is { $length } characters long; at most { $maximum } fit. Please make it shorter.
wiz-check-pin = The map pin is still where it was. If the place has moved, change the pin too.

# Edit asks the same as the wizard, without its Skip (Edit offers Keep, Remove, Cancel).
org-edit-ask-duration = How long does it last, in minutes?
org-edit-ask-venue = Where does it take place (the venue name)?
org-edit-ask-zoom-id = The Zoom conference ID?
org-edit-ask-zoom-passcode = The Zoom passcode?
org-edit-ask-online-url = The link to join online (http:// or https://)?
org-edit-ask-livestream-url = The livestream link (http:// or https://)?
org-edit-ask-deadline = When does registration close? The local time in { $zone }, for example 24.12.2026 18:00.
org-edit-ask-contact = A contact for questions (phone, e-mail or @username)?
org-edit-ask-location = 📍 Where is it on the map? Send the venue's location (📎 → Location, then choose the point), or type the latitude and longitude like 54.6872, 25.2797.
