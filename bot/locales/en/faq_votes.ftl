faq-mydata-votes = Answers you rated 👍/👎: { $count }
faq-mydata-unanswered = Questions without an answer counted today (their text is kept without your id): { $count }
