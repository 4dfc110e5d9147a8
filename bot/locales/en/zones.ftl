# A moment in an event's time zone, the zone named as a place (registry/render.py `at`).
time-in-zone = { $time } ({ $zone })
zone-europe-vilnius = Vilnius time
zone-europe-riga = Riga time
zone-asia-almaty = Almaty time
