<?php
$logFile = getenv('APP_LOG') ?: '/var/log/app.log';
$lines = (int) ($_GET['lines'] ?? 50);
$handle = popen("tail -n {$lines} " . escapeshellarg($logFile), 'r');
header('Content-Type: text/plain');
while (!feof($handle)) {
    echo fgets($handle);
}
pclose($handle);
