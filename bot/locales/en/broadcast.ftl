broadcast-not-allowed = Sorry, only the organizers can send broadcasts.
broadcast-choose-audience = <b>New broadcast.</b> Who should get it?
broadcast-audience-all = Everyone ({ $count })
broadcast-audience-language = { $language } ({ $count })
broadcast-no-recipients = Nobody is in this audience yet, so there is no one to send to.
broadcast-audience-summary = { $total ->
    [one] <b>1</b> person in this audience:
   *[other] <b>{ $total }</b> people in this audience:
}
broadcast-count-line = • { $language }: { $count }
broadcast-choose-mode = Send one text to everyone, or a separate text for each language?
broadcast-mode-one = One text for all
broadcast-mode-per-language = One text per language
broadcast-send-one = Send me the message: text, or a photo or a document with a caption. Bold, italics and links are kept.
broadcast-send-language = Send the version in <b>{ $language }</b> ({ $count ->
    [one] 1 reader
   *[other] { $count } readers
}). If you skip it, they get the version in { $fallback }, if you send one, or nothing.
broadcast-button-skip = Skip
broadcast-empty = An empty broadcast can’t be sent. Send some text, a photo or a document.
broadcast-nothing-provided = You skipped every language, so there is nothing to send. Start again: /broadcast
broadcast-preview-title = <b>Preview.</b> The next message is exactly what recipients will see.
broadcast-preview-version = <b>Preview: version in { $language }.</b>
broadcast-preview-failed = Telegram refused this message: { $reason }. Please send it again.
broadcast-plan-line = • { $language } ({ $count }): get the version in { $version }
broadcast-plan-missing = • { $language } ({ $count }): get nothing, there is no version they can read
broadcast-confirm-question = { $total ->
    [one] Send it to <b>1</b> person?
   *[other] Send it to <b>{ $total }</b> people?
}
broadcast-button-confirm = ✅ Send
broadcast-button-cancel = Cancel
broadcast-button-stop = ⏹ Stop
broadcast-cancelled = Broadcast cancelled. Nothing was sent.
broadcast-expired = This broadcast draft is no longer open. Start again: /broadcast
broadcast-progress =
    <b>Broadcast #{ $id }</b> is being sent.
    Queued: { $total }
    Sent: { $sent }
    Failed: { $failed }
    Blocked the bot: { $blocked }
broadcast-report =
    <b>Broadcast #{ $id } is finished.</b>
    Queued: { $total }
    Sent: { $sent }
    Failed: { $failed }
    Blocked the bot: { $blocked }
broadcast-report-stopped =
    <b>Broadcast #{ $id } was stopped.</b>
    Queued: { $total }
    Sent: { $sent }
    Failed: { $failed }
    Blocked the bot: { $blocked }
    Not sent: { $cancelled }
broadcast-stopping = Stopping the broadcast…
outbox-title = <b>Outbox</b>
outbox-counts =
    Waiting: { $pending }
    Sending now: { $sending }
    Sent: { $sent }
    Failed: { $failed }
    Blocked the bot: { $blocked }
    Dropped as too late: { $expired }
outbox-next-due = Next message due: { $when } ({ $zone })
outbox-nothing-due = Nothing is waiting to be sent.
outbox-last-errors = <b>Latest errors:</b>
outbox-error-line = • { $when }, { $kind ->
    [broadcast] broadcast
    [kb-expiry] knowledge-base notice
   *[other] message
} to person { $chat }: { $error }
outbox-no-errors = No errors.
broadcast-audience-country = 🌍 { $country } ({ $count })
broadcast-send-language-only = Send the version in <b>{ $language }</b> ({ $count ->
    [one] 1 reader
   *[other] { $count } readers
}). If you skip it, they get nothing: there is no other version they can read.
broadcast-choose-topic = What is this announcement about? It goes only to people who want this kind of announcement, and every copy has a button to stop them.
broadcast-no-subscribers = Everyone in this audience has turned this kind of announcement off, so there is no one to send to.
broadcast-will-get = { $total ->
    [one] <b>1</b> person will get this broadcast:
   *[other] <b>{ $total }</b> people will get this broadcast:
}
broadcast-will-miss = { $count ->
    [one] 1 more person reads none of these versions and will get nothing.
   *[other] { $count } more people read none of these versions and will get nothing.
}
broadcast-audience-registrants = 👥 Registered: { $title }, { $day }
broadcast-audience-waiting = ⏳ Waiting list: { $title }, { $day }
outbox-times-in = Times in { $zone }.
outbox-error-chat-not-found = Telegram does not know this chat: the person has not started the bot here, or deleted the chat
outbox-error-blocked = the person has blocked the bot
outbox-error-deactivated = the person deleted their Telegram account
