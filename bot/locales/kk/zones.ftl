# A moment in an event's time zone, the zone named as a place (registry/render.py `at`).
time-in-zone = { $time } ({ $zone })
zone-europe-vilnius = Вильнюс уақытымен
zone-europe-riga = Рига уақытымен
zone-asia-almaty = Алматы уақытымен
