<?php
$file = $argv[1] ?? exit("usage: inspect-cache.php FILE\n");
$entry = unserialize(file_get_contents($file));
printf("key=%s expires=%s\n", $entry['key'] ?? '?', date('c', $entry['expires'] ?? 0));
