<?php
$csv = fopen($argv[1] ?? 'php://stdin', 'r');
$out = fopen('users-import.csv', 'w');
while (($row = fgetcsv($csv)) !== false) {
    [$email, $password] = $row;
    fputcsv($out, [$email, hash('sha1', $password)]);
}
fclose($out);
