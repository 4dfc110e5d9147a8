# An online registrant asking for a seat in the room (issue 12, item 24).
person-seat-button-ask = 🪑 Ask for a seat in the room
person-seat-button-ask-for = 🪑 Seat in the room: { $title }
person-seat-button-stop = Stay online only
person-seat-button-stop-for = Stay online only: { $title }
person-seat-button-stay-online = Stay online
person-seat-queued =
    🕒 You are number { $position } in line for a seat in the room at “{ $title }”.
    Your online place stays yours meanwhile. When a seat frees up, I will offer it to you here.
person-seat-already-queued = You are already in line for a seat in the room: number { $position }. Your online place stays yours meanwhile.
person-seat-already-in-room = You already have a seat in the room for this event.
person-seat-seated = 🪑 A seat was free: your online place is now a seat in the room.
person-seat-stopped = Done: you are no longer in line for a seat. Your online place stays yours.
person-seat-not-asking = You are not in line for a seat in the room, so nothing changed.
person-seat-ask-phone = A seat in the room needs a phone number. Share it with the button below or type it with the country code, for example { $example }. Your online place stays yours meanwhile.
person-seat-waiting = 🕒 You are also in line for a seat in the room: number { $position }.
person-seat-offered = 🎟 A seat in the room is being held for you: please answer the offer.
person-seat-offer =
    🎟 <b>A seat in the room has freed up</b> at “{ $title }”, { $when }.
    If you accept, your online place becomes this seat. If you stay online, nothing else changes. The offer is open until { $until }.
person-seat-kept-online = Thank you for answering: you keep your online place, and the seat goes to the next person.
person-seat-offer-lapsed = The seat in the room at “{ $title }” went to the next person because the offer expired. You keep your online place.
person-my-item-online-seat-waiting = • { $title }: { $when }, online; waiting for a seat in the room, number { $position } in line
person-my-item-online-seat-offered = • { $title }: { $when }, online; a seat in the room is offered to you
person-seat-prompt-cancelled = Nothing changed: your online place stays yours.
person-button-accept-for = ✅ Take the seat: { $title }
# Sharing answers and events.
share-button = 📤 Share
person-shared-for-country = ℹ️ This answer is for { $country }. Your country is { $yours }: the rules there may differ.
person-shared-your-version = ℹ️ The link was shared from the answer for { $shared }. Here is the answer for { $country }, your country.
person-shared-button-original = Answer for { $country }
person-shared-choose-country = ℹ️ This answer is for { $country }. If you live in another country, tell me which, and I will answer for it.
person-shared-bad-link = This link does not lead to any answer: it may be mistyped, or the answer was removed. Choose a topic below.
# What the walk through the person's flows found (issue 12).
person-topics-none = I have no topics for your country yet. If you live in Lithuania, Latvia or Kazakhstan, choose it under 🌍 Country; or talk to a person.
person-registration-cancelled-online = Your online registration has been cancelled. Thank you for letting us know.
person-registration-cancelled-waiting = You have left the waiting list. Thank you for letting us know.
person-card-full = { $waiting ->
    [0] 🪑 The room is full.
    [one] 🪑 The room is full; 1 person is waiting for a seat.
   *[other] 🪑 The room is full; { $waiting } people are waiting for a seat.
}
