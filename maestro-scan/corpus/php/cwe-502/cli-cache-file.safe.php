<?php
$file = $argv[1] ?? exit("usage: inspect-cache.php FILE\n");
$entry = json_decode(file_get_contents($file), true);
printf("key=%s expires=%s\n", $entry['key'] ?? '?', date('c', $entry['expires'] ?? 0));
