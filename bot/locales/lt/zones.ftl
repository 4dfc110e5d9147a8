# A moment in an event's time zone, the zone named as a place (registry/render.py `at`).
time-in-zone = { $time } ({ $zone })
zone-europe-vilnius = Vilniaus laiku
zone-europe-riga = Rygos laiku
zone-asia-almaty = Almatos laiku
