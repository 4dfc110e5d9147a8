faq-admin-only = This command is for organizers.
faq-ask-human = 🙋 Talk to a person
faq-unanswered-title = <b>Questions without a confident answer</b> (most frequent first, last 90 days)
faq-unanswered-none = None so far.
faq-feedback-title = <b>Was the answer helpful?</b>
faq-reload-done = Content reloaded: { $count } topics are live.
faq-reload-failed = The new content has { $count } problems, so the old content stays live. Fix these and run /reload again:
faq-expiring = ⏳ { $count ->
    [one] One fact in the knowledge base expires soon or has expired. Please check it and update the file:
   *[other] { $count } facts in the knowledge base expire soon or have expired. Please check them and update the files:
}
