# A moment in an event's time zone, the zone named as a place (registry/render.py `at`).
time-in-zone = { $time } ({ $zone })
zone-europe-vilnius = по вильнюсскому времени
zone-europe-riga = по рижскому времени
zone-asia-almaty = по времени Алматы
