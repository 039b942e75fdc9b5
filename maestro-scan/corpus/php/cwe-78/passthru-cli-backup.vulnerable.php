<?php
$database = $argv[1] ?? exit("usage: backup.php DATABASE\n");
$file = sprintf('/var/backups/%s-%s.sql.gz', $database, date('Ymd'));
passthru("mysqldump {$database} | gzip > {$file}", $code);
exit($code);
