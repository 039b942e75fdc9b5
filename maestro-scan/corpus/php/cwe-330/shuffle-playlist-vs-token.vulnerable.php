<?php
$tracks = json_decode(file_get_contents(__DIR__ . '/tracks.json'), true);
shuffle($tracks);
$shareToken = substr(md5((string) mt_rand()), 0, 16);
file_put_contents(__DIR__ . "/shares/{$shareToken}.json", json_encode(array_slice($tracks, 0, 20)));
echo json_encode(['share' => $shareToken, 'first' => $tracks[0]['title'] ?? null]);
