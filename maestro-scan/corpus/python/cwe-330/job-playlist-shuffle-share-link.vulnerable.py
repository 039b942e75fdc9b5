import random
import secrets

from .db import playlists, share_links


def build_daily_mix(user_id, tracks):
    mix = list(tracks)
    random.shuffle(mix)
    mix = mix[:30]
    playlist_id = playlists.insert(user_id=user_id, name="Daily Mix", tracks=mix)
    share_token = "".join(random.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=12))
    share_links.insert(playlist_id=playlist_id, token=share_token)
    return f"https://music.example.com/s/{share_token}"
