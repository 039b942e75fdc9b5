<?php
$database = $argv[1] ?? exit("usage: backup.php DATABASE\n");
$file = sprintf('/var/backups/%s-%s.sql.gz', $database, date('Ymd'));
passthru('mysqldump ' . escapeshellarg($database) . ' | gzip > ' . escapeshellarg($file), $code);
exit($code);
