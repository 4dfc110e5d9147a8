faq-mydata-votes = Atsakymai, kuriuos įvertinote 👍/👎: { $count }
faq-mydata-unanswered = Šiandien užduoti klausimai be atsakymo (jų tekstas saugomas be jūsų id): { $count }
