<?php
if ($argc < 2) {
    fwrite(STDERR, "usage: purge.php TABLE_PREFIX\n");
    exit(1);
}
$prefix = $argv[1];
$db = new SQLite3(__DIR__ . '/cache.sqlite');
$stmt = $db->prepare('DELETE FROM cache_entries WHERE cache_key LIKE :prefix');
$stmt->bindValue(':prefix', $prefix . '%', SQLITE3_TEXT);
$stmt->execute();
echo "purged entries for {$prefix}\n";
